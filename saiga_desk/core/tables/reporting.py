"""Listings of national reports and signature events (``list``, exports, the GUI)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.names import signatory_short_sql
from saiga_desk.core.reporting_models import (
    REPORT_STATUSES,
    SIGNATURE_EVENTS,
    NationalReport,
    NationalReportFile,
    ReportingCycle,
    SignatureEvent,
)
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

_rs = aliased(m.Signatory)
_rsc = aliased(m.Country)
_rso = aliased(m.Organization)
_rm = aliased(m.Meeting)
_rp = aliased(m.Person)
_es = aliased(m.Signatory)
_esc = aliased(m.Country)
_eso = aliased(m.Organization)

_files = (
    select(func.min(NationalReportFile.file_name))
    .where(NationalReportFile.report_id == NationalReport.id)
    .correlate(NationalReport)
    .scalar_subquery()
)
_file_count = (
    select(func.count(NationalReportFile.id))
    .where(NationalReportFile.report_id == NationalReport.id)
    .correlate(NationalReport)
    .scalar_subquery()
)


register(
    Table(
        "national-reports",
        N_("National reports"),
        "national-reports",
        NationalReport.id,
        (
            Column("signatory", N_("Signatory"), expr=signatory_short_sql(_rsc, _rso, "en")),
            Column(
                "_ru_signatory",
                "",
                expr=signatory_short_sql(_rsc, _rso, "ru"),
                visible=False,
            ),
            Column("meeting", N_("Meeting"), expr=_rm.code),
            Column("status", N_("Status"), expr=NationalReport.status, choices=REPORT_STATUSES),
            Column("due_on", N_("Due on"), "date", ReportingCycle.due_on),
            Column("requested_on", N_("Requested on"), "date", NationalReport.requested_on, visible=False),
            Column("reminded_on", N_("Reminded on"), "date", NationalReport.reminded_on),
            Column("received_on", N_("Received on"), "date", NationalReport.received_on),
            Column("language", N_("Language"), expr=NationalReport.language),
            Column("file", N_("File"), expr=_files),
            Column("files", N_("Files"), "int", _file_count, visible=False),
            Column(
                "submitted_by",
                N_("Submitted by"),
                expr=func.trim(func.coalesce(_rp.given_name, "") + " " + func.coalesce(_rp.family_name, "")),
                visible=False,
            ),
            Column("notes", N_("Notes"), expr=NationalReport.notes, visible=False),
            Column("_order", "", "int", func.coalesce(_rs.organization_id, 0), visible=False),
        ),
        lambda: (
            select()
            .select_from(NationalReport)
            .join(ReportingCycle, ReportingCycle.id == NationalReport.cycle_id)
            .join(_rm, _rm.id == ReportingCycle.meeting_id)
            .join(_rs, _rs.id == NationalReport.signatory_id)
            .outerjoin(_rsc, _rsc.id == _rs.country_id)
            .outerjoin(_rso, _rso.id == _rs.organization_id)
            .outerjoin(_rp, _rp.id == NationalReport.submitted_by_id)
        ),
        search=(_rs.search_text, _rm.search_text),
        default_sort="signatory",
        filters={"meeting_id": eq(ReportingCycle.meeting_id), "status": eq(NationalReport.status)},
    )
)

register(
    Table(
        "signature-events",
        N_("Signature events"),
        "signature-events",
        SignatureEvent.id,
        (
            Column("signatory", N_("Signatory"), expr=signatory_short_sql(_esc, _eso, "en")),
            Column(
                "_ru_signatory",
                "",
                expr=signatory_short_sql(_esc, _eso, "ru"),
                visible=False,
            ),
            Column("event", N_("Event"), expr=SignatureEvent.event, choices=SIGNATURE_EVENTS),
            Column("date", N_("Date"), "date", SignatureEvent.event_on),
            Column("place", N_("Place"), expr=SignatureEvent.place),
            Column("authority", N_("Signing authority"), expr=SignatureEvent.authority),
            Column("source", N_("Source"), expr=SignatureEvent.source, visible=False),
            Column("notes", N_("Notes"), expr=SignatureEvent.notes, visible=False),
        ),
        lambda: (
            select()
            .select_from(SignatureEvent)
            .join(_es, _es.id == SignatureEvent.signatory_id)
            .outerjoin(_esc, _esc.id == _es.country_id)
            .outerjoin(_eso, _eso.id == _es.organization_id)
        ),
        search=(_es.search_text, SignatureEvent.place),
        default_sort="date",
        filters={"signatory_id": eq(SignatureEvent.signatory_id), "event": eq(SignatureEvent.event)},
    )
)
