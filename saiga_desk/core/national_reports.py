"""National reports: what each Signatory owes for a meeting (a reporting cycle), what it sent, and when.

A cycle belongs to one meeting: the format (name, version, file), the due date, who must report (every
Signatory State; Cooperating Organizations when the cycle says so). Each Signatory has one report per
cycle with its status, dates, language, the contact point who sent it and the files received, which are
kept in the document store by their SHA-256 (the same content received twice is stored once).

Every verb runs in one unit of work and returns a ``Step`` naming what it created and what it changed
(with the values before), so ``undo(db, step)`` takes it back exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core import names
from saiga_desk.core.changes import Changes
from saiga_desk.core.depositary import find_signatory
from saiga_desk.core.errors import NotFoundError, SaigaError, ValidationError
from saiga_desk.core.meetings import store_file
from saiga_desk.core.reporting_models import (
    REPORT_DONE,
    REPORT_LANGUAGES,
    REPORT_STATUSES,
    NationalReport,
    NationalReportFile,
    ReportingCycle,
)
from saiga_desk.core.reporting_overview import (  # the officer's view, read through this module too
    Overview,
    ReportRow,
    current_contacts_in,
    cycle_in,
    cycles,
    find_meeting_in,
    overview,
    overview_in,
    report_files,
    report_signatory,
)
from saiga_desk.core.services import Record, to_record
from saiga_desk.i18n import _

#: the date field a status sets (when the officer gives a date)
STATUS_DATE = {"requested": "requested_on", "submitted": "received_on", "late": "received_on"}


@dataclass
class Step:
    """What one verb did: records created (kind, id) and records changed (kind, id, values before)."""

    text: str
    created: list[tuple[str, int]] = field(default_factory=list)
    updated: list[tuple[str, int, dict]] = field(default_factory=list)
    changes: Changes | None = None

    def __bool__(self) -> bool:
        return bool(self.created or self.updated)


# ------------------------------------------------------------------------------------------------ helpers
def _date(value, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            {what: _("{value} is not a date (YYYY-MM-DD).").format(value=value)},
            _("{value} is not a date (YYYY-MM-DD).").format(value=value),
        ) from None


def _report_in(s: Session, cycle: ReportingCycle, sig: m.Signatory) -> NationalReport | None:
    return s.scalar(
        select(NationalReport).where(
            NationalReport.cycle_id == cycle.id, NationalReport.signatory_id == sig.id
        )
    )


def _update(tx, step: Step, kind: str, obj_id: int, values: dict) -> Record:
    before = tx.get(kind, obj_id)
    changed = {k: v for k, v in values.items() if before[k] != v}
    if not changed:
        return before
    rec = tx.update(kind, obj_id, changed)
    step.updated.append((kind, obj_id, {k: before[k] for k in changed}))
    return rec


def _create(tx, step: Step, kind: str, values: dict) -> Record:
    rec = tx.create(kind, values)
    step.created.append((kind, rec.id))
    return rec


# ------------------------------------------------------------------------------------------------ verbs
def open_cycle(
    db,
    meeting: int | str,
    due_on: dt.date | str,
    *,
    format_name: str | None = None,
    format_version: str | None = None,
    format_file: str | Path | None = None,
    include_organizations: bool = False,
    notes: str | None = None,
) -> tuple[Record, Step]:
    """Open (or amend) the cycle of ``meeting``; every Signatory that must report gets a report record."""
    due = _date(due_on, "due_on")
    stored = store_file(format_file) if format_file else None
    step = Step(_("National-report cycle"))
    with db.transaction() as tx:
        s = tx.session
        mt = find_meeting_in(s, meeting)
        values = dict(due_on=due, include_organizations=bool(include_organizations))
        for key, value in (
            ("format_name", format_name),
            ("format_version", format_version),
            ("notes", notes),
        ):
            if value is not None:
                values[key] = value
        if stored:
            values.update(format_file_name=stored[0], format_file_hash=stored[1])
        existing = s.scalar(select(ReportingCycle).where(ReportingCycle.meeting_id == mt.id))
        if existing is None:
            cycle = _create(tx, step, "reporting-cycles", dict(values, meeting_id=mt.id))
        else:
            cycle = _update(tx, step, "reporting-cycles", existing.id, values)
        kinds = ("state", "organization") if include_organizations else ("state",)
        sigs = s.scalars(
            select(m.Signatory)
            .where(m.Signatory.status == "signatory", m.Signatory.kind.in_(kinds))
            .order_by(m.Signatory.id)
        ).all()
        have = set(s.scalars(select(NationalReport.signatory_id).where(NationalReport.cycle_id == cycle.id)))
        for sig in sigs:
            if sig.id not in have:
                _create(tx, step, "national-reports", dict(cycle_id=cycle.id, signatory_id=sig.id))
    step.changes = tx.changes
    return cycle, step


def receive(
    db,
    meeting: int | str,
    signatory: int | str,
    *,
    file: str | Path | None = None,
    on: dt.date | str | None = None,
    language: str | None = None,
    submitted_by_id: int | None = None,
    today: dt.date | None = None,
) -> tuple[Record, Step]:
    """Record a received national report (with its file): submitted, or late when after the due date."""
    day = _date(on, "received_on") or today or dt.date.today()
    if language is not None and language not in REPORT_LANGUAGES:
        raise ValidationError(
            {"language": _("must be one of: {choices}").format(choices=", ".join(REPORT_LANGUAGES))},
            _("{value} is not a report language (en or ru).").format(value=language),
        )
    stored = store_file(file) if file else None
    with db.transaction() as tx:
        s = tx.session
        cycle = cycle_in(s, meeting)
        sig = s.get(m.Signatory, signatory) if isinstance(signatory, int) else find_signatory(s, signatory)
        if sig is None:
            raise NotFoundError(_("No Signatory #{id}.").format(id=signatory))
        step = Step(_("Report received from {signatory}").format(signatory=names.signatory_of(sig)))
        report = _report_in(s, cycle, sig)
        if report is None:  # a Signatory outside the cycle's list may still send one
            rec = _create(tx, step, "national-reports", dict(cycle_id=cycle.id, signatory_id=sig.id))
            report = s.get(NationalReport, rec.id)
        if stored is not None:
            known = s.scalar(
                select(NationalReportFile.id).where(
                    NationalReportFile.report_id == report.id, NationalReportFile.file_hash == stored[1]
                )
            )
            if known is None:
                _create(
                    tx,
                    step,
                    "national-report-files",
                    dict(report_id=report.id, file_name=stored[0], file_hash=stored[1], received_on=day),
                )
            elif report.status in ("submitted", "late"):  # the same file again: nothing new
                step.changes = tx.changes
                return to_record(report), step
        received = (
            report.received_on if report.status in ("submitted", "late") and report.received_on else day
        )
        status = "late" if cycle.due_on is not None and received > cycle.due_on else "submitted"
        values = dict(status=status, received_on=received)
        if language:
            values["language"] = language
        if submitted_by_id is None and report.submitted_by_id is None:
            contacts = current_contacts_in(s, sig.id, received)
            submitted_by_id = contacts[0].person_id if contacts else None
        if submitted_by_id is not None:
            values["submitted_by_id"] = submitted_by_id
        rec = _update(tx, step, "national-reports", report.id, values)
    step.changes = tx.changes
    return rec, step


def set_status(
    db,
    meeting: int | str,
    signatory: int | str,
    status: str,
    *,
    on: dt.date | str | None = None,
    note: str | None = None,
) -> tuple[Record, Step]:
    """Set a report's status (requested, in preparation, waived, ...); a date goes to the matching field."""
    if status not in REPORT_STATUSES:
        raise ValidationError(
            {"status": _("must be one of: {choices}").format(choices=", ".join(REPORT_STATUSES))},
            _("{status!r} is not a report status; statuses are: {known}.").format(
                status=status, known=", ".join(REPORT_STATUSES)
            ),
        )
    day = _date(on, "on")
    with db.transaction() as tx:
        s = tx.session
        cycle = cycle_in(s, meeting)
        sig = s.get(m.Signatory, signatory) if isinstance(signatory, int) else find_signatory(s, signatory)
        if sig is None:
            raise NotFoundError(_("No Signatory #{id}.").format(id=signatory))
        step = Step(_("{signatory}: {status}").format(signatory=names.signatory_of(sig), status=status))
        report = _report_in(s, cycle, sig)
        if report is None:
            rec = _create(tx, step, "national-reports", dict(cycle_id=cycle.id, signatory_id=sig.id))
            report = s.get(NationalReport, rec.id)
        values: dict = {"status": status}
        if status in STATUS_DATE:
            values[STATUS_DATE[status]] = day or getattr(report, STATUS_DATE[status]) or dt.date.today()
        if note:
            stamp = (day or dt.date.today()).isoformat()
            values["notes"] = "\n".join(x for x in (report.notes, f"{stamp}: {note.strip()}") if x)
        rec = _update(tx, step, "national-reports", report.id, values)
    step.changes = tx.changes
    return rec, step


def remind(
    db, meeting: int | str, signatory_ids: list[int] | None = None, *, on: dt.date | None = None
) -> tuple[int, Step]:
    """Note the reminder date on the reports still owed (all of them, or those of ``signatory_ids``)."""
    step = Step(_("Reminders sent"))
    with db.transaction() as tx:
        n = remind_in(tx, meeting, signatory_ids, on=on, step=step)
    step.changes = tx.changes
    return n, step


def remind_in(
    tx, meeting: int | str, signatory_ids: list[int] | None = None, *, on: dt.date | None = None,
    step: Step | None = None,
) -> int:  # fmt: skip
    """``remind`` inside the caller's unit of work (the mail log notes a reminder with its message).

    A report already reminded on that day is left alone, so a Signatory with several contact points is
    reminded once per mailing."""
    day = on or dt.date.today()
    step = step if step is not None else Step(_("Reminders sent"))
    s = tx.session
    cycle = cycle_in(s, meeting)
    q = select(NationalReport).where(
        NationalReport.cycle_id == cycle.id, NationalReport.status.not_in(REPORT_DONE)
    )
    if signatory_ids is not None:
        q = q.where(NationalReport.signatory_id.in_(signatory_ids))
    reports = s.scalars(q.order_by(NationalReport.id)).all()
    for r in reports:
        values = {"reminded_on": day}
        if r.status == "not_started":
            values.update(status="requested", requested_on=r.requested_on or day)
        _update(tx, step, "national-reports", r.id, values)
    return len(reports)


def undo(db, step: Step) -> Changes:
    """Take back what ``step`` did: changed records get their values back, created ones are deleted."""
    with db.transaction() as tx:
        for kind, obj_id, before in reversed(step.updated):
            tx.update(kind, obj_id, before)
        for kind, obj_id in reversed(step.created):
            try:
                tx.delete(kind, obj_id)
            except NotFoundError:
                pass  # deleted with its cycle or report (ON DELETE CASCADE)
    return tx.changes


__all__ = [
    "Step",
    "ReportRow",
    "Overview",
    "open_cycle",
    "receive",
    "set_status",
    "remind",
    "remind_in",
    "undo",
    "overview",
    "overview_in",
    "cycles",
    "report_files",
    "report_signatory",
    "current_contacts_in",
    "SaigaError",
]
