"""The Meetings and Documents listings (documents in register order: Doc.8 before Doc.10)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.periods import format_period
from saiga_desk.core.tables.listing import SORT_TIES, Column, Table, eq, register
from saiga_desk.i18n import N_, current_language


def _meeting_dates(db, rows: list[dict]) -> None:
    """ "16-19 April 2018", "September 2020", "2021": the dates as precise as they are known."""
    for r in rows:
        p = r.get("_precision") or "day"
        r["dates"] = format_period(r.get("start_date"), p, r.get("end_date"), p, current_language())


_mc = aliased(m.Country)
_participant_count = (
    select(func.count(m.Participant.id))
    .where(m.Participant.meeting_id == m.Meeting.id)
    .correlate(m.Meeting)
    .scalar_subquery()
)
register(
    Table(
        "meetings",
        N_("Meetings"),
        "meetings",
        m.Meeting.id,
        (
            Column("code", N_("Code"), expr=m.Meeting.code),
            Column("title_en", N_("Title"), expr=m.Meeting.title_en),
            Column("kind", N_("Kind"), expr=m.Meeting.kind, choices=m.MEETING_KINDS),
            Column("dates", N_("Dates"), expr=m.Meeting.start_date),
            Column("start_date", N_("Start"), "date", m.Meeting.start_date, visible=False),
            Column("end_date", N_("End"), "date", m.Meeting.end_date, visible=False),
            Column("venue", N_("Venue"), expr=m.Meeting.venue, visible=False),
            Column("venue_ru", N_("Venue in Russian"), expr=m.Meeting.venue_ru, visible=False),
            Column("city", N_("City"), expr=m.Meeting.city),
            Column("country", N_("Country"), expr=_mc.name_en),
            Column("_ru_country", "", expr=_mc.name_ru, visible=False),
            Column("_ru_title_en", "", expr=m.Meeting.title_ru, visible=False),
            Column("mode", N_("Mode"), expr=m.Meeting.mode, choices=m.MEETING_MODES),
            Column("status", N_("Status"), expr=m.Meeting.status, choices=m.MEETING_STATUSES),
            Column("participants", N_("Participants"), "int", _participant_count),
            Column("symbol_prefix", N_("Symbol prefix"), expr=m.Meeting.symbol_prefix, visible=False),
            Column("title_ru", N_("Title (Russian)"), expr=m.Meeting.title_ru, visible=False),
            Column("_precision", "", expr=m.Meeting.date_precision, visible=False),
        ),
        lambda: select().select_from(m.Meeting).outerjoin(_mc, _mc.id == m.Meeting.country_id),
        search=(m.Meeting.search_text,),
        default_sort="start_date",
        computed=_meeting_dates,
        filters={"status": eq(m.Meeting.status), "kind": eq(m.Meeting.kind)},
    )
)


_dm = aliased(m.Meeting)
_dorig = aliased(m.MeetingDocument)
_doc_order = (
    func.coalesce(_dorig.series, m.MeetingDocument.series),
    func.coalesce(_dorig.number, m.MeetingDocument.number),
    func.coalesce(m.MeetingDocument.original_id, m.MeetingDocument.id),
    func.coalesce(m.MeetingDocument.revision_number, 0),
)
register(
    Table(
        "documents",
        N_("Documents"),
        "documents",
        m.MeetingDocument.id,
        (
            Column("symbol", N_("Symbol"), expr=m.MeetingDocument.symbol),
            Column("meeting", N_("Meeting"), expr=_dm.code),
            Column("series", N_("Series"), expr=m.MeetingDocument.series, choices=m.DOCUMENT_SERIES),
            Column("title_en", N_("Title"), expr=m.MeetingDocument.title_en),
            Column("title_ru", N_("Title (Russian)"), expr=m.MeetingDocument.title_ru, visible=False),
            Column("_ru_title_en", "", expr=m.MeetingDocument.title_ru, visible=False),
            Column("agenda_item", N_("Agenda item"), expr=m.MeetingDocument.agenda_item),
            Column("languages", N_("Languages"), expr=m.MeetingDocument.languages),
            Column("issued_on", N_("Issued on"), "date", m.MeetingDocument.issued_on),
            Column("status", N_("Status"), expr=m.MeetingDocument.status, choices=m.DOCUMENT_STATUSES),
            Column("link", N_("Link"), expr=m.MeetingDocument.link, visible=False),
            Column("original", N_("Revision of"), expr=_dorig.symbol, visible=False),
            Column("file_name", N_("File"), expr=m.MeetingDocument.file_name, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.MeetingDocument)
            .outerjoin(_dm, _dm.id == m.MeetingDocument.meeting_id)
            .outerjoin(_dorig, _dorig.id == m.MeetingDocument.original_id)
        ),
        search=(m.MeetingDocument.search_text,),
        default_sort="symbol",
        filters={"meeting_id": eq(m.MeetingDocument.meeting_id), "series": eq(m.MeetingDocument.series)},
    )
)

# Doc.8 before Doc.10, revisions after their original; symbols sort the same way.
SORT_TIES[("documents", "symbol")] = (*_doc_order, m.MeetingDocument.symbol)
