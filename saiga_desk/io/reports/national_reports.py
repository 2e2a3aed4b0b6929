"""“Status of national reports” for a meeting (UN style, EN/RU), the Secretariat-report paragraph made from
the same data, and reminder letters to the contact points of the Signatories whose reports are still owed
(through the letters machinery of ``letters.py``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm

from saiga_desk.core import names, preferences
from saiga_desk.core.depositary import signatures_text
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import atomic_output, output_folder
from saiga_desk.core.reporting_overview import cycles, overview
from saiga_desk.core.text import join_and
from saiga_desk.i18n import _
from saiga_desk.io.reports import letters
from saiga_desk.io.reports.common import build, document_info
from saiga_desk.io.reports.document import DocumentCanvas, Styles, para, section, title_block
from saiga_desk.io.reports.labels import label, language_name, long_date
from saiga_desk.io.reports.row_table import Column, RowTable
from saiga_desk.io.reports.russian import russian_name
from saiga_desk.io.reports.safe_text import one_line

TITLE_EN = "Status of national reports"

_L = {
    "title": ("Status of national reports", "Положение с представлением национальных докладов"),
    "section": ("National reports", "Национальные доклады"),
    "subtitle": ("(as at {date})", "(по состоянию на {date})"),
    "signatory": ("Signatory", "Сторона"),
    "status": ("Status", "Статус"),
    "requested": ("Requested", "Запрошен"),
    "reminded": ("Reminded", "Напоминание"),
    "received": ("Received", "Получен"),
    "language": ("Language", "Язык"),
    "owed": ("Reports still owed", "Доклады, которые ещё не представлены"),
    "contacts": ("Current contact points", "Действующие контактные лица"),
    "overdue": ("overdue", "просрочен"),
    "reminders_title": ("Reminders: national reports", "Напоминания: национальные доклады"),
    "not_started": ("Not started", "Работа не начата"),
    "requested_st": ("Requested", "Запрошен"),
    "in_preparation": ("In preparation", "В подготовке"),
    "submitted": ("Submitted", "Представлен"),
    "late": ("Submitted late", "Представлен с опозданием"),
    "waived": ("Waived", "Не требуется"),
}

#: the letters' placeholders and the reminder's own
REMINDER_PLACEHOLDERS = letters.PLACEHOLDERS | {"due_date": "date the national report was due"}

REMINDER_TEMPLATE = {  # the letter register (first person, "Dear ...", signed by the signatory from Settings)
    "en": """{salutation}

On behalf of the Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals, which \
acts as the Secretariat of the Memorandum of Understanding on the Saiga Antelope, I would like to remind you that \
the national report of {signatory} for the {meeting} was due on {due_date}.

We have not yet received it and would be grateful if you could send the report at your earliest convenience, or \
let us know the date by which it can be expected.

Yours sincerely,""",
    "ru": """{salutation}

От имени Секретариата Конвенции о сохранении мигрирующих видов диких животных, выполняющего функции \
секретариата Меморандума о взаимопонимании по сайгаку, напоминаю, что национальный доклад \
{signatory_genitive} к совещанию «{meeting}» следовало представить до {due_date}.

Секретариат пока не получил доклад. Просим Вас представить его в ближайшее время или сообщить, к какому сроку \
его можно ожидать.

С уважением,""",
}


def t(key: str, language: str, **values) -> str:
    en, ru = _L[key]
    text = ru if language == "ru" else en
    return text.format(**values) if values else text


def section_title(language: str) -> str:
    return t("section", language)


def status_label(status: str, language: str) -> str:
    return t("requested_st" if status == "requested" else status, language)


def _names(rows, language: str) -> list[str]:
    return [names.with_article(r.signatory, language) for r in rows]


def paragraph(db, meeting, language: str, today: dt.date) -> str:
    """The Secretariat-report paragraph on the national reports of ``meeting`` (empty when it has no cycle)."""
    if meeting.id not in {mid for _code, mid in cycles(db)}:
        return ""
    ov = overview(db, meeting.id, today, language)
    on_time = [r for r in ov.rows if r.status == "submitted"]
    late = [r for r in ov.rows if r.status == "late"]
    waived = [r for r in ov.rows if r.status == "waived"]
    owed = ov.to_remind
    join = join_and
    due = long_date(ov.due_on, language) if ov.due_on else ""
    if language == "ru":
        parts = [
            f"Национальные доклады к совещанию {meeting.code} следовало представить до {due.rstrip('.')}." if due else ""
        ]
        parts.append(f"На {long_date(today, 'ru')} доклады представили Стороны ({len(on_time) + len(late)} из "
                     f"{len(ov.rows)})" + (f": {join(_names(on_time + late, 'ru'), 'ru')}" if on_time or late
                                          else "") + ".")  # fmt: skip
        if late:
            parts.append(f"С опозданием: {join(_names(late, 'ru'), 'ru')}.")
        if waived:
            parts.append(f"Освобождены от представления: {join(_names(waived, 'ru'), 'ru')}.")
        if owed:
            parts.append(f"Ещё не представлены доклады: {join(_names(owed, 'ru'), 'ru')}.")
        return " ".join(p for p in parts if p)
    parts = [f"National reports to {meeting.code} were due on {due}." if due else ""]
    n = len(on_time) + len(late)
    parts.append(
        f"As at {long_date(today, 'en')}, {n} of the {len(ov.rows)} Signatories required to report had submitted "
        "their national reports" + (f" ({join(_names(on_time + late, 'en'), 'en')})" if n else "") + "."
    )
    if late:
        parts.append(
            f"{_the_reports(len(late))} {join(_names(late, 'en'), 'en')} arrived after the due date."
        )
    if waived:
        parts.append(f"Reporting was waived for {join(_names(waived, 'en'), 'en')}.")
    if owed:
        verb = "is" if len(owed) == 1 else "are"
        parts.append(f"{_the_reports(len(owed))} {join(_names(owed, 'en'), 'en')} {verb} still outstanding.")
    return " ".join(p for p in parts if p)


def signatures_paragraph(db, language: str) -> str:
    """Dates and places of signature (from the depositary record) for the "Status of signatures" section."""
    return signatures_text(db, language)


def _the_reports(n: int) -> str:
    return "The report of" if n == 1 else "The reports of"


def report(db, path: Path, *, meeting, as_at: dt.date, language: str, progress=None) -> None:
    ov = overview(db, meeting.id, as_at, language)
    info = document_info(
        db,
        meeting,
        t("title", language),
        language,
        document_title_en=TITLE_EN,
        subtitle=t("subtitle", language, date=long_date(as_at, language)),
    )
    cols = [
        Column(t("signatory", language), 1.5),
        Column(t("status", language), 1.2),
        Column(t("requested", language), 1.0),  # "1 марта 2021 г.", "Напоминание" whole
        Column(t("reminded", language), 1.0),
        Column(t("received", language), 1.0),
        Column(t("language", language), 0.6),
    ]

    def status_cell(r):
        cell = [("regular", status_label(r.status, language))]
        if r.overdue:
            cell.append(("bold", t("overdue", language)))
        return cell

    rows = [
        [
            r.signatory,
            status_cell(r),
            long_date(r.requested_on, language),
            long_date(r.reminded_on, language),
            long_date(r.received_on, language),
            language_name(r.language, language),
        ]
        for r in ov.rows
    ]

    def story(doc):
        out = title_block(info, doc.styles)
        out.append(para(paragraph(db, meeting, language, as_at), doc.styles.body))
        out.append(RowTable(cols, rows, language=language) if rows else para(label("none_recorded", language),
                                                                            doc.styles.body))  # fmt: skip
        owed = ov.to_remind
        if owed:
            out += section(t("owed", language), doc.styles, keep=30 * mm)
            owed_cols = [Column(t("signatory", language), 1.2), Column(t("status", language), 1.0),
                         Column(t("contacts", language), 2.4)]  # fmt: skip
            owed_rows = [[r.signatory, status_cell(r),
                          "\n".join(russian_name(c, language) for c in r.contacts)] for r in owed]  # fmt: skip
            out.append(RowTable(owed_cols, owed_rows, language=language))
        if progress is not None:
            progress.report(1, 1, info.title)
        return out

    build(path, info, story)


def reminder_recipients(db, *, meeting, as_at: dt.date, language: str, owed=None) -> list[dict]:
    """The letters' values for every current contact point of the Signatories whose report is still owed,
    with ``due_date``; ``owed`` (the overview's ``to_remind`` rows) when the caller has it already."""
    if owed is None:
        owed = overview(db, meeting.id, as_at, language).to_remind
    ids = {r.signatory_id for r in owed}
    due = next((r.due_on for r in owed if r.due_on), None)
    return [
        dict(v, due_date=long_date(due, language) if due else "")
        for v in letters.recipients(db, meeting=meeting, as_at=as_at, language=language)
        if v["_signatory_id"] in ids
    ]


def write_reminder(path, values: dict, *, head: dict, language: str, template: str | None = None) -> Path:
    """One reminder letter as its own PDF (the attachment of a reminder by e-mail); ``values`` as
    ``reminder_recipients`` gives them."""
    template = template if template is not None else REMINDER_TEMPLATE[language]
    title = f"{t('reminders_title', language)}: {one_line(values['name'])}"
    with atomic_output(path, ".pdf.part") as tmp:
        doc = letters._LetterDocument(tmp, head, language, title)
        doc.build(letters._story(template, [values], language, Styles()), canvasmaker=DocumentCanvas)
    return Path(path)


def reminder_letters(db, path: Path | None, *, meeting, as_at: dt.date, language: str,
                     template: str | None = None, per_letter_dir: Path | None = None, progress=None) -> list[Path]:  # fmt: skip
    """One letter per current contact point of every Signatory whose report is still owed."""
    values = reminder_recipients(db, meeting=meeting, as_at=as_at, language=language)
    if not values:
        raise SaigaError(_("No national report of {meeting} is still owed: there is no reminder to print.").format(
            meeting=meeting.code))  # fmt: skip
    template = template if template is not None else REMINDER_TEMPLATE[language]
    head = preferences.letterhead(db)
    title = t("reminders_title", language)
    written = []
    if path is not None:
        doc = letters._LetterDocument(path, head, language, title)
        doc.build(letters._story(template, values, language, Styles(), progress), canvasmaker=DocumentCanvas)
        written.append(Path(path))
    if per_letter_dir is not None:
        folder = output_folder(per_letter_dir)
        for v in values:
            target = folder / f"reminder-{one_line(v['_file']).replace(' ', '_')}.pdf"
            written.append(write_reminder(target, v, head=head, language=language, template=template))
    return written


__all__ = [
    "report",
    "paragraph",
    "signatures_paragraph",
    "section_title",
    "reminder_letters",
    "reminder_recipients",
    "write_reminder",
    "REMINDER_PLACEHOLDERS",
    "REMINDER_TEMPLATE",
    "status_label",
    "TITLE_EN",
]
