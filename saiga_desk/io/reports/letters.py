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
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from saiga_desk.core import names, preferences, report_data
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import atomic_output, output_folder
from saiga_desk.i18n import _
from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.bidi_paragraph import paragraph
from saiga_desk.io.reports.common import lines, meeting_dates, meeting_title
from saiga_desk.io.reports.declension import inflect, person_in_case
from saiga_desk.io.reports.document import MARGIN, DocumentCanvas, Styles, emblem_image
from saiga_desk.io.reports.labels import label, long_date
from saiga_desk.io.reports.letter_templates import LETTER, TEMPLATES
from saiga_desk.io.reports.russian import address_lines, gender, honorific, russian_name
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
    "signatory_genitive": "the Signatory in the genitive (Russian: Республики Казахстан)",
    "authority_genitive": "the competent authority in the genitive (Russian)",
    "authority_dative": "the competent authority in the dative (Russian)",
    "reference": "the Secretariat's reference number of the letter",
    "signatory_name": "name of the signatory of the letters (Settings)",
    "signatory_title": "title of the signatory of the letters (Settings)",
}

_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")

DEFAULT_TEMPLATE = LETTER  # the letter register; the note verbale is TEMPLATES["note-verbale"]


def builtin(template: str | None) -> str | None:
    """The name of the built-in template ``template`` is (its name, or its text in any language), else None."""
    if template is None:
        return "letter"
    key = template.strip()
    if key in TEMPLATES:
        return key
    for name, texts in TEMPLATES.items():
        if key in (t.strip() for t in texts.values()):
            return name
    return None


def template_fields(template: str, known: dict[str, str] | None = None) -> list[str]:
    """The placeholders a template uses, in order; a malformed or unknown one is refused.

    ``known`` replaces ``PLACEHOLDERS`` for a letter with placeholders of its own (a reminder's due date).
    """
    known = PLACEHOLDERS if known is None else known
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise SaigaError(_("The letter template is not valid: {error}.").format(error=e)) from None
    fields = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field == "" or spec or conversion or field not in known:
            shown = (
                "{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            )
            raise SaigaError(
                _(
                    "The letter template uses the unknown placeholder {placeholder}; known ones are: {known}."
                ).format(placeholder=shown, known=", ".join("{" + k + "}" for k in known))
            )
        if field not in fields:
            fields.append(field)
    return fields


def salutation(p, language: str) -> str:
    family = p.family_name or ""
    if language == "ru":  # a salutation writes the honorific out: "Уважаемая госпожа Қасымова!"
        sex = gender(p.honorific)
        form = {"f": "госпожа", "m": "господин"}.get(sex) or honorific(p.honorific, "ru")
        dear = "Уважаемая" if sex == "f" else "Уважаемый" if sex == "m" else "Уважаемый(ая)"
        if form and not form.isascii():
            return f"{dear} {form} {family}!"
        return f"{dear} {' '.join(x for x in (p.given_name, family) if x)}!"
    form = (p.honorific or "").strip()
    if form and not form.isascii():  # a Russian honorific in an English letter
        form = {"f": "Ms.", "m": "Mr."}.get(gender(form), "")
    if form:
        return f"Dear {form} {family},"
    return f"Dear {' '.join(x for x in (p.given_name, family) if x)},"


def addressee(p, language: str, name: str) -> str:
    """The first line of the address block: in a Russian letter the addressee in the dative ("Госпоже Айгүл
    Қасымовой"), in English the name with its honorific."""
    sex = gender(p.honorific)
    if language != "ru" or not sex:
        return name
    return ("Госпоже " if sex == "f" else "Господину ") + person_in_case(p.given_name, p.family_name, sex, "dative")


def recipients(db, *, meeting, as_at: dt.date, language: str, own_language: bool = False) -> list[dict]:
    """One value dict per letter: the current designations of every Signatory, the primary contact point
    first. ``own_language``: each letter in its recipient's preferred language (built-in templates)."""
    head = preferences.letterhead(db)
    ncp = report_data.find_document(db, meeting, "List of Designated National Contact Points")
    prefix = (head.get("reference") or "CMS/Saiga/NCP").strip().rstrip("/")
    today = dt.date.today()
    out = []
    for sig in report_data.signatories(db, language):
        for _d, p, competent in report_data.letter_recipients(db, sig.id, as_at):  # primary first
            lang = p.preferred_language if own_language and p.preferred_language in ("en", "ru") else language
            authority = names.organization_name(competent or p.organization, lang)
            signatory = report_data.signatory_name(sig, lang)
            address = address_lines(names.person_address(p, lang), lang)
            name = russian_name(names.person_name(p, honorific=True), lang)
            out.append({
                "_language": lang,
                "salutation": salutation(p, lang),
                "name": name,
                "honorific": honorific(p.honorific, lang),
                "given_name": p.given_name or "",
                "family_name": p.family_name or "",
                "position": p.position or "",
                "authority": authority,
                "authority_genitive": inflect(authority, "genitive") if lang == "ru" else authority,
                "authority_dative": inflect(authority, "dative") if lang == "ru" else authority,
                "address": address.replace("\n", ", "),
                "email": p.email or "",
                "phone": p.phone or "",
                "signatory": signatory,
                "signatory_genitive": inflect(signatory, "genitive") if lang == "ru" else signatory,
                "meeting": meeting_title(meeting, lang) if meeting else "",
                "meeting_code": meeting.code if meeting else "",
                "meeting_dates": meeting_dates(meeting, lang) if meeting else "",
                "ncp_symbol": ncp.symbol if ncp else "",
                "date": long_date(today, lang),
                "reference": f"{prefix}/{today.year}/{len(out) + 1:03d}",
                # who signs, as Settings write it for the letter's language (Russian falls back to English)
                "signatory_name": (lang == "ru" and head.get("signatory_name_ru")) or head.get("signatory_name") or "",
                "signatory_title": (lang == "ru" and head.get("signatory_title_ru")) or head.get("signatory_title")
                or "",
                "secretariat": (head.get("organization_ru") or label("cms_secretariat", "ru")) if lang == "ru"
                else head.get("secretariat") or head.get("organization") or label("secretariat", lang),
                "_address_block": lines(addressee(p, lang, name), p.position, authority, address),
                "_file": f"{sig.country.code if sig.country else (sig.organization.acronym or sig.id)}-"
                         f"{p.family_name_latin or p.family_name}",
                "_person_id": p.id, "_signatory_id": sig.id,  # who the letter is for (mail, io/mail_messages.py)
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
    """A4 letters; the letterhead of each page in the language of the letter on it (page template per
    language), with the Secretariat's emblem from Settings when there is one."""

    def __init__(self, path, head: dict, language: str, title: str):
        fonts.register_fonts()
        super().__init__(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=title, author=one_line(head.get("organization", "")),
                         subject=title, creator="Saiga Desk", initialFontName=fonts.REGULAR, lang=language)  # fmt: skip
        self.head = head
        self.emblem = emblem_image(head.get("emblem"))
        w, h = A4
        templates = []
        for lang in ("en", "ru") if language == "en" else ("ru", "en"):
            frame = Frame(25 * mm, MARGIN, w - 50 * mm, h - MARGIN - 45 * mm, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0)  # fmt: skip
            templates.append(PageTemplate(f"Letter-{lang}", [frame], onPage=self._letterhead(lang)))
        self.addPageTemplates(templates)

    def _letterhead(self, lang: str):
        def draw(canv, doc) -> None:
            w, h = A4
            canv.saveState()
            y = h - MARGIN - 6
            left, right = 25 * mm, w - 25 * mm
            if self.emblem is not None:  # the emblem at the left, the letterhead centred in the room beside it
                ew, eh = self.emblem.size()
                height = min(16 * mm, 40 * mm * eh / ew)  # a wide emblem is made lower, never wider than 40 mm
                left += self.emblem.draw(canv, 25 * mm, h - MARGIN - height + 4, height) + 4 * mm
                right -= left - 25 * mm  # symmetric margins keep the block centred on the page when it fits
                if right - left < 80 * mm:
                    right = w - 25 * mm
            middle = (left + right) / 2
            org = self.head.get("organization_ru") if lang == "ru" else None
            org = org or (
                label("cms_secretariat", "ru") if lang == "ru" else self.head.get("organization", "")
            )
            for line in _split(one_line(org), fonts.BOLD, 10, min(right - left, w - 90 * mm)):
                fonts.draw_string(canv, middle, y, line, fonts.BOLD, 10, "middle")
                y -= 12
            for key in ("address", "email"):
                value = self.head.get(f"{key}_{lang}") or self.head.get(key)
                if value:
                    for line in _split(one_line(value), fonts.REGULAR, 8.5, right - left):
                        fonts.draw_string(canv, middle, y, line, fonts.REGULAR, 8.5, "middle")
                        y -= 11
            if self.emblem is not None:
                y = min(y, h - MARGIN - 16 * mm)
            canv.setStrokeColor(colors.HexColor("#1f4e79"))
            canv.setLineWidth(1)
            canv.line(25 * mm, y, w - 25 * mm, y)
            canv.restoreState()

        return draw

    def afterFlowable(self, flowable) -> None:
        title = getattr(flowable, "outline_title", None)
        if title:
            key = self.canv.new_bookmark()
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)


def _split(text, font, size, width):
    return simpleSplit(text, font, size, width) or [""]


def _story(templates: dict[str, str] | str, letters: list[dict], language: str, styles: Styles,
           progress=None, signed: bool = True) -> list:  # fmt: skip
    """The letters' flowables: ``templates`` by language ("*" for any), or one template for all; each letter in
    its own ``_language`` (else ``language``), with its reference number when it has one. A note verbale
    (``signed=False``) speaks of the Secretariat in the third person and carries no signature."""
    templates = {"*": templates} if isinstance(templates, str) else templates
    out = []
    right = styles.letter.clone("date", alignment=2, spaceAfter=0)
    for i, values in enumerate(letters):
        lang = values.get("_language") or language
        out.append(NextPageTemplate(f"Letter-{lang}"))
        if i:
            out.append(PageBreak())
        date = Paragraph(markup(values["date"]), right)
        first = date
        if values.get("reference"):
            first = Paragraph(markup(label("reference", lang, ref=values["reference"])), styles.letter)
            out.append(first)
        first.outline_title = one_line(f"{values['signatory']}: {values['name']}")
        out += [
            date,
            Spacer(1, 4 * mm),
            paragraph(values["_address_block"], styles.letter),
            Spacer(1, 6 * mm),
        ]
        text = clean(templates.get(lang) or templates["*"])
        for block in re.split(r"\n\s*\n", text):
            body = block.format_map({k: clean(v) for k, v in values.items()})
            body = _DOUBLE_STOP.sub(".", body)  # a value ending in "г." before the template's full stop
            out.append(paragraph(body, styles.letter))
        # the signatory's name and title from Settings, else the Secretariat
        signer = [values.get("signatory_name"), values.get("signatory_title")]
        if signed:
            out += [
                Spacer(1, 10 * mm),
                Paragraph(markup(lines(*signer) or values["secretariat"]), styles.letter),
            ]
        if progress is not None:
            progress.report(i + 1, len(letters), values["name"])
    return out


def write_letter(path, values: dict, *, head: dict, language: str, template: str | None = None) -> Path:
    """One letter as its own PDF (the attachment of a mail): ``values`` as ``recipients`` gives them."""
    template = template if template is not None else DEFAULT_TEMPLATE[values.get("_language") or language]
    title = f"{label('letters_title', language)}: {one_line(values['name'])}"
    doc = _LetterDocument(path, head, values.get("_language") or language, title)
    signed = builtin(template) != "note-verbale"
    doc.build(_story(template, [values], language, Styles(), signed=signed), canvasmaker=DocumentCanvas)
    return Path(path)


def report(db, path: Path | None, *, meeting, as_at: dt.date, language: str, template: str | None = None,
           per_letter_dir: Path | None = None, progress=None) -> list[Path]:  # fmt: skip
    """Letters (or notes verbales: ``template="note-verbale"``) to every contact point. A built-in template is
    printed in each recipient's preferred language; a template of the officer's own in ``language``."""
    name = builtin(template)
    templates = dict(TEMPLATES[name]) if name else {"*": template}
    for text in templates.values():
        template_fields(text)
    letters = recipients(db, meeting=meeting, as_at=as_at, language=language, own_language=name is not None)
    if not letters:
        raise SaigaError(_("No contact point is designated on {date}: there is no letter to print.").format(
            date=as_at.isoformat()))  # fmt: skip
    for lang, text in templates.items():
        check(text, [v for v in letters if lang in ("*", v["_language"])])
    head = preferences.letterhead(db)
    title = label("letters_title", language)
    styles = Styles()
    signed = name != "note-verbale"
    written = []
    if path is not None:
        doc = _LetterDocument(path, head, letters[0]["_language"], title)
        doc.build(_story(templates, letters, language, styles, progress, signed), canvasmaker=DocumentCanvas)
        written.append(Path(path))
    if per_letter_dir is not None:
        folder = output_folder(per_letter_dir)
        used: set[str] = set()
        for values in letters:
            stem = re.sub(r"[^\w.-]+", "_", values["_file"]).strip("._") or "letter"
            name, n = stem, 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            target = folder / f"{name}.pdf"
            with atomic_output(target, ".pdf.part") as tmp:
                doc = _LetterDocument(tmp, head, values["_language"], f"{title}: {one_line(values['name'])}")
                doc.build(_story(templates, [values], language, styles, signed=signed), canvasmaker=DocumentCanvas)
            written.append(target)
    return written
