"""Letters to the National Contact Points from a template with placeholders.

Every placeholder is checked for every letter before anything is printed: an unknown placeholder, or one
that would be empty for some person, refuses the whole run with a message naming the letter and the
placeholder, so no letter ever goes out as "Dear {first_name}".
"""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.io.reports import data, fonts
from saiga_desk.io.reports.common import meeting_dates, meeting_title
from saiga_desk.io.reports.document import MARGIN, DocumentCanvas, Styles
from saiga_desk.io.reports.labels import label, long_date
from saiga_desk.io.reports.safe_text import clean, markup, one_line

PLACEHOLDERS = {
    "salutation": "Dear Ms. Қасымова, / Уважаемая г-жа Қасымова,",
    "name": "full name with title",
    "honorific": "Ms., Mr., Dr. ...",
    "given_name": "given name as written",
    "family_name": "family name as written",
    "position": "position",
    "authority": "competent authority",
    "address": "postal address",
    "email": "e-mail address",
    "phone": "telephone",
    "signatory": "the Signatory the person is designated for",
    "meeting": "title of the meeting",
    "meeting_code": "code of the meeting (MOS4)",
    "meeting_dates": "dates of the meeting",
    "ncp_symbol": "symbol of the List of Designated National Contact Points",
    "date": "date of the letter",
    "secretariat": "name of the Secretariat from the letterhead",
}

DEFAULT_TEMPLATE = {
    "en": """{salutation}

The Secretariat of the Convention on Migratory Species, acting as the Secretariat of the Memorandum of \
Understanding on the Saiga Antelope, presents its compliments and has the honour to refer to the designation \
of {authority} as the competent authority of {signatory}.

In preparation for the {meeting}, the Secretariat is updating the List of Designated National Contact Points. \
We hold the following details for you: {name}, {position}; {address}; {email}.

We would be grateful if you could confirm these details or send us any correction.

Yours sincerely,

{secretariat}""",
    "ru": """{salutation}

Секретариат Конвенции по сохранению мигрирующих видов диких животных, выполняющий функции секретариата \
Меморандума о взаимопонимании по сайгаку, свидетельствует своё уважение и ссылается на назначение \
{authority} компетентным органом ({signatory}).

В рамках подготовки к совещанию «{meeting}» Секретариат обновляет Список назначенных национальных контактных \
лиц. В наших записях значится: {name}, {position}; {address}; {email}.

Просим подтвердить эти сведения или сообщить нам об исправлениях.

С уважением,

{secretariat}""",
}


def template_fields(template: str) -> list[str]:
    """The placeholders a template uses, in order; a malformed or unknown one is refused."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise SaigaError(_("The letter template is not valid: {error}.").format(error=e)) from None
    fields = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field == "" or spec or conversion or field not in PLACEHOLDERS:
            shown = (
                "{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            )
            raise SaigaError(
                _(
                    "The letter template uses the unknown placeholder {placeholder}; known ones are: {known}."
                ).format(placeholder=shown, known=", ".join("{" + k + "}" for k in PLACEHOLDERS))
            )
        if field not in fields:
            fields.append(field)
    return fields


def salutation(p: m.Person, language: str) -> str:
    honorific = (p.honorific or "").strip()
    family = p.family_name or ""
    if language == "ru":
        h = honorific.lower().rstrip(".")
        if h in ("ms", "mrs", "miss", "г-жа", "госпожа"):
            return f"Уважаемая г-жа {family}!"
        if h in ("mr", "г-н", "господин"):
            return f"Уважаемый г-н {family}!"
        return f"Уважаемый(ая) {' '.join(x for x in (p.given_name, family) if x)}!"
    if honorific:
        return f"Dear {honorific} {family},"
    return f"Dear {' '.join(x for x in (p.given_name, family) if x)},"


def recipients(s: Session, *, meeting: m.Meeting | None, as_at: dt.date, language: str) -> list[dict]:
    """One value dict per letter: the current designations of every Signatory."""
    head = data.letterhead(s)
    ncp = data.find_document(s, meeting, "List of Designated National Contact Points")
    out = []
    for sig in data.signatories(s, language):
        q = (
            s.query(m.Designation)
            .filter(m.Designation.signatory_id == sig.id, data.valid_on(as_at))
            .order_by(m.Designation.role, m.Designation.id)
        )
        for d in q:
            p = d.person
            out.append({
                "salutation": salutation(p, language),
                "name": data.person_name(p, latin=False),
                "honorific": p.honorific or "",
                "given_name": p.given_name or "",
                "family_name": p.family_name or "",
                "position": p.position or "",
                "authority": data.organization_name(d.authority or p.organization, language),
                "address": data.person_address(p, language).replace("\n", ", "),
                "email": p.email or "",
                "phone": p.phone or "",
                "signatory": data.signatory_name(sig, language),
                "meeting": meeting_title(meeting, language) if meeting else "",
                "meeting_code": meeting.code if meeting else "",
                "meeting_dates": meeting_dates(meeting, language) if meeting else "",
                "ncp_symbol": ncp.symbol if ncp else "",
                "date": long_date(dt.date.today(), language),
                "secretariat": head.get("secretariat") or head.get("organization") or label("secretariat", language),
                "_address_block": data.lines(data.person_name(p, latin=False), p.position,
                                             data.organization_name(d.authority or p.organization, language),
                                             data.person_address(p, language)),
                "_file": f"{sig.country.code if sig.country else (sig.organization.acronym or sig.id)}-"
                         f"{p.family_name_latin or p.family_name}",
            })  # fmt: skip
    return out


def check(template: str, letters: list[dict]) -> list[str]:
    """Refuse before printing: every placeholder must be known and non-empty in every letter."""
    fields = template_fields(template)
    problems = []
    for values in letters:
        for f in fields:
            if not clean(values.get(f, "")).strip():
                problems.append(
                    _("the letter to {name} ({signatory}) would have an empty {placeholder}").format(
                        name=values.get("name") or "?",
                        signatory=values.get("signatory") or "?",
                        placeholder="{" + f + "}",
                    )  # fmt: skip
                )
    if problems:
        more = len(problems) - 5
        text = "; ".join(problems[:5]) + (_("; and {n} more").format(n=more) if more > 0 else "")
        raise SaigaError(_("Letters not printed: {problems}.").format(problems=text))
    return fields


class _LetterDocument(BaseDocTemplate):
    def __init__(self, path, head: dict, language: str, title: str):
        fonts.register_fonts()
        super().__init__(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=title, author=one_line(head.get("organization", "")),
                         subject=title, creator="Saiga Desk", initialFontName=fonts.REGULAR, lang=language)  # fmt: skip
        self.head = head
        w, h = A4
        frame = Frame(25 * mm, MARGIN, w - 50 * mm, h - MARGIN - 45 * mm, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate("Letter", [frame], onPage=self._letterhead)])

    def _letterhead(self, canv, doc) -> None:
        w, h = A4
        canv.saveState()
        y = h - MARGIN - 6
        for line in _split(one_line(self.head.get("organization", "")), fonts.BOLD, 10, w - 50 * mm):
            fonts.draw_string(canv, w / 2, y, line, fonts.BOLD, 10, "middle")
            y -= 12
        for key in ("address", "email"):
            if self.head.get(key):
                fonts.draw_string(canv, w / 2, y, one_line(self.head[key]), fonts.REGULAR, 8.5, "middle")
                y -= 11
        canv.setStrokeColor(colors.HexColor("#1f4e79"))
        canv.setLineWidth(1)
        canv.line(25 * mm, y, w - 25 * mm, y)
        canv.restoreState()

    def afterFlowable(self, flowable) -> None:
        title = getattr(flowable, "outline_title", None)
        if title:
            key = self.canv.new_bookmark()
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)


def _split(text, font, size, width):
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


def _story(template: str, letters: list[dict], language: str, styles: Styles, progress=None) -> list:
    out = []
    for i, values in enumerate(letters):
        if i:
            out.append(PageBreak())
        date = Paragraph(markup(values["date"]), styles.letter.clone("date", alignment=2))
        date.outline_title = one_line(f"{values['signatory']}: {values['name']}")
        out += [
            date,
            Spacer(1, 4 * mm),
            Paragraph(markup(values["_address_block"]), styles.letter),
            Spacer(1, 6 * mm),
        ]
        text = clean(template)
        for block in re.split(r"\n\s*\n", text):
            body = block.format_map({k: clean(v) for k, v in values.items()})
            out.append(Paragraph(markup(body), styles.letter))
        if progress is not None:
            progress.report(i + 1, len(letters), values["name"])
    return out


def report(s: Session, path: Path | None, *, meeting: m.Meeting | None, as_at: dt.date, language: str,
           template: str | None = None, per_letter_dir: Path | None = None, progress=None) -> list[Path]:  # fmt: skip
    template = template if template is not None else DEFAULT_TEMPLATE[language]
    template_fields(template)
    letters = recipients(s, meeting=meeting, as_at=as_at, language=language)
    if not letters:
        raise SaigaError(_("No contact point is designated on {date}: there is no letter to print.").format(
            date=as_at.isoformat()))  # fmt: skip
    check(template, letters)
    head = data.letterhead(s)
    title = label("letters_title", language)
    styles = Styles()
    written = []
    if path is not None:
        doc = _LetterDocument(path, head, language, title)
        doc.build(_story(template, letters, language, styles, progress), canvasmaker=DocumentCanvas)
        written.append(Path(path))
    if per_letter_dir is not None:
        folder = Path(per_letter_dir)
        folder.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()
        for values in letters:
            stem = re.sub(r"[^\w.-]+", "_", values["_file"]).strip("._") or "letter"
            name, n = stem, 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            target = folder / f"{name}.pdf"
            doc = _LetterDocument(target, head, language, f"{title}: {one_line(values['name'])}")
            doc.build(_story(template, [values], language, styles), canvasmaker=DocumentCanvas)
            written.append(target)
    return written
