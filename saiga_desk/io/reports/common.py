"""Pieces shared by the reports: meeting lines of the title block, document symbols, the build itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from saiga_desk.core import names, preferences, report_data
from saiga_desk.core.periods import format_period
from saiga_desk.io.reports.document import DocumentInfo, UNDocument
from saiga_desk.io.reports.labels import label


def meeting_dates(meeting, language: str) -> str:
    p = meeting.date_precision or "day"
    return format_period(meeting.start_date, p, meeting.end_date, p, language)


def meeting_place(meeting, language: str) -> str:
    """ "Online", "Isle of Vilm, Germany", "Ulaanbaatar, Mongolia"."""
    if meeting.mode == "online":
        return label("online", language)
    parts = [meeting.city or "", names.country_name(meeting.country, language)]
    return ", ".join(x for x in parts if x)


def meeting_title(meeting, language: str) -> str:
    return names.pick(meeting.title_en, meeting.title_ru, language)


def lines(*values: str | None) -> str:
    """The non-empty values, one a line."""
    return "\n".join(v for v in values if v)


def document_info(
    db,
    meeting,
    title: str,
    language: str,
    *,
    document_title_en: str | None = None,
    subtitle: str = "",
    landscape: bool = False,
    draft: bool = False,
    today: dt.date | None = None,
) -> DocumentInfo:
    """Title block for a document of ``meeting``; the symbol, date and agenda item come from the register of
    meeting documents when a document with that title is registered there."""
    doc = report_data.find_document(db, meeting, document_title_en) if document_title_en else None
    info = DocumentInfo(title=title, subtitle=subtitle, language=language, landscape=landscape, draft=draft)
    info.date = (doc.issued_on if doc and doc.issued_on else None) or today or dt.date.today()
    # the register entry says which language the document was written in (the Secretariat drafts in English)
    info.original_language = (doc.original_language if doc else None) or "en"
    if doc is not None:
        info.symbol = doc.symbol
        info.agenda_item = doc.agenda_item or ""
    if meeting is not None:
        info.meeting_line = meeting_title(meeting, language)
        info.place_line = ", ".join(
            x for x in (meeting_place(meeting, language), meeting_dates(meeting, language)) if x
        )
    info.subject = title
    info.emblem = preferences.EMBLEM.get(db)
    return info


def build(path: Path, info: DocumentInfo, make_story) -> None:
    """Build the PDF; ``make_story(doc)`` returns the flowables (they may stream from the database)."""
    doc = UNDocument(path, info)
    doc.build_story(make_story(doc))
