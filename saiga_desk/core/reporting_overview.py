"""The officer's view of a national-report cycle: each Signatory's report with its status, overdue at a
glance, the Signatories to remind with their current contact points, counts per status.

Read-only; the verbs that change reports are in ``core/national_reports.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saiga_desk.core import designations, names
from saiga_desk.core import models as m
from saiga_desk.core.errors import NotFoundError
from saiga_desk.core.reporting_models import (
    REPORT_DONE,
    REPORT_STATUSES,
    NationalReport,
    NationalReportFile,
    ReportingCycle,
)
from saiga_desk.core.services import Record, to_record
from saiga_desk.i18n import _


@dataclass(frozen=True)
class ReportRow:
    report_id: int
    signatory_id: int
    signatory: str
    kind: str
    status: str
    due_on: dt.date | None
    requested_on: dt.date | None
    reminded_on: dt.date | None
    received_on: dt.date | None
    language: str | None
    files: tuple[str, ...]
    submitted_by: str
    overdue: bool
    contacts: tuple[str, ...]  # current contact points: "Name <email>"
    notes: str | None = None


@dataclass(frozen=True)
class Overview:
    cycle: Record
    meeting_code: str
    due_on: dt.date | None
    rows: list[ReportRow]
    counts: dict[str, int]

    @property
    def overdue(self) -> list[ReportRow]:
        return [r for r in self.rows if r.overdue]

    @property
    def to_remind(self) -> list[ReportRow]:
        """Reports still owed (not received, not waived): the Signatories to remind."""
        return [r for r in self.rows if r.status not in REPORT_DONE]


def find_meeting_in(s: Session, meeting: int | str) -> m.Meeting:
    if isinstance(meeting, int):
        found = s.get(m.Meeting, meeting)
    else:
        found = s.scalar(select(m.Meeting).where(func.lower(m.Meeting.code) == str(meeting).strip().lower()))
    if found is None:
        raise NotFoundError(_("No meeting with the code {code}.").format(code=meeting))
    return found


def cycle_in(s: Session, meeting: int | str) -> ReportingCycle:
    mt = find_meeting_in(s, meeting)
    cycle = s.scalar(select(ReportingCycle).where(ReportingCycle.meeting_id == mt.id))
    if cycle is None:
        raise NotFoundError(
            _("{meeting} has no national-report cycle yet: open one with “national-reports cycle”.").format(
                meeting=mt.code
            )
        )
    return cycle


def current_contacts_in(s: Session, signatory_id: int, on: dt.date) -> list[m.Designation]:
    d = m.Designation
    rows = s.scalars(select(d).where(d.signatory_id == signatory_id, designations.valid_on(on))).all()
    return sorted(rows, key=lambda x: (designations.role_rank(x.role), x.id))


# ------------------------------------------------------------------------------------------------ reads
def overview_in(s: Session, meeting: int | str, today: dt.date, language: str = "en") -> Overview:
    cycle = cycle_in(s, meeting)
    reports = s.scalars(select(NationalReport).where(NationalReport.cycle_id == cycle.id)).all()
    files: dict[int, list[str]] = {}
    for f in s.scalars(
        select(NationalReportFile)
        .join(NationalReport, NationalReport.id == NationalReportFile.report_id)
        .where(NationalReport.cycle_id == cycle.id)
        .order_by(NationalReportFile.id)
    ):
        files.setdefault(f.report_id, []).append(f.file_name)
    rows = []
    for r in reports:
        sig = r.signatory
        contacts = tuple(
            names.person_name(d.person, honorific=True) + (f" <{d.person.email}>" if d.person.email else "")
            for d in current_contacts_in(s, sig.id, today)
        )
        overdue = cycle.due_on is not None and cycle.due_on < today and r.status not in REPORT_DONE
        rows.append(
            ReportRow(
                r.id,
                sig.id,
                names.signatory_of(sig, language),
                sig.kind,
                r.status,
                cycle.due_on,
                r.requested_on,
                r.reminded_on,
                r.received_on,
                r.language,
                tuple(files.get(r.id, ())),
                names.person_name(r.submitted_by, honorific=True) if r.submitted_by else "",
                overdue,
                contacts,
                r.notes,
            )  # fmt: skip
        )
    rows.sort(key=lambda x: (x.kind != "state", x.signatory.casefold()))
    counts = {st: 0 for st in REPORT_STATUSES}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    counts["overdue"] = sum(1 for r in rows if r.overdue)
    return Overview(to_record(cycle), cycle.meeting.code, cycle.due_on, rows, counts)


def overview(db, meeting: int | str, today: dt.date | None = None, language: str = "en") -> Overview:
    with db.session() as s:
        return overview_in(s, meeting, today or dt.date.today(), language)


def cycles(db) -> list[tuple[str, int]]:
    """(meeting code, meeting id) of every meeting with a cycle, newest meeting first."""
    with db.session() as s:
        rows = s.execute(
            select(m.Meeting.code, m.Meeting.id)
            .join(ReportingCycle, ReportingCycle.meeting_id == m.Meeting.id)
            .order_by(m.Meeting.start_date.desc().nulls_first(), m.Meeting.id.desc())
        ).all()
    return [(code, mid) for code, mid in rows]


def report_files(db, report_id: int) -> list[Record]:
    with db.session() as s:
        return [
            to_record(f)
            for f in s.scalars(
                select(NationalReportFile)
                .where(NationalReportFile.report_id == report_id)
                .order_by(NationalReportFile.id)
            )
        ]


def report_signatory(db, report_id: int) -> int:
    """The Signatory (id) of a national report."""
    with db.session() as s:
        report = s.get(NationalReport, report_id)
        if report is None:
            raise NotFoundError(
                _("No national report #{id}: it may have been deleted meanwhile.").format(id=report_id)
            )
        return report.signatory_id


__all__ = [
    "ReportRow",
    "Overview",
    "find_meeting_in",
    "cycle_in",
    "current_contacts_in",
    "overview_in",
    "overview",
    "cycles",
    "report_files",
    "report_signatory",
]
