"""A meeting's status and its history (postponed, cancelled, held), its organizers, and finding a meeting.

Every write goes through ``db.transaction()`` (one unit of work, audited).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from saiga_desk.core import models as m
from saiga_desk.core.errors import NotFoundError, ValidationError
from saiga_desk.core.services import Record, to_record
from saiga_desk.i18n import _


def the_meeting(session, meeting_id: int) -> m.Meeting:
    """The meeting ``meeting_id`` in ``session``, or NotFoundError (it may have been deleted meanwhile)."""
    meeting = session.get(m.Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(_("No meeting #{id}: it may have been deleted meanwhile.").format(id=meeting_id))
    return meeting


def find_meeting(db, code: str) -> Record:
    """The meeting with this code (case-insensitive), or NotFoundError."""
    with db.session() as s:
        meeting = s.scalar(select(m.Meeting).where(func.lower(m.Meeting.code) == code.strip().lower()))
        if meeting is None:
            raise NotFoundError(_("No meeting with the code {code}.").format(code=code))
        return to_record(meeting)


def current_meeting_id(db) -> int | None:
    """The meeting the Secretariat is working on: the earliest of those still to come (planned or
    postponed; one without dates after the dated ones), else the latest held; None without meetings."""
    coming = m.Meeting.status.in_(("planned", "postponed"))
    with db.session() as s:
        found = s.scalar(
            select(m.Meeting.id).where(coming).order_by(m.Meeting.start_date.asc().nulls_last(), m.Meeting.id)
        )
        if found is None:
            found = s.scalar(
                select(m.Meeting.id)
                .where(m.Meeting.status == "held")
                .order_by(m.Meeting.start_date.desc().nulls_last(), m.Meeting.id.desc())
            )
        return found


def change_status(
    db,
    meeting_id: int,
    status: str,
    reason: str | None,
    new_start: dt.date | None = None,
    new_end: dt.date | None = None,
    new_mode: str | None = None,
    new_venue: str | None = None,
    new_city: str | None = None,
    new_date_precision: str | None = None,
    changed_on: dt.date | None = None,
) -> Record:
    """Change a meeting's status, keeping the history.

    The MeetingStatusChange keeps the status, dates, precision, mode and venue the meeting had before, and
    the reason; a postponement or a cancellation needs a reason. Returns the updated meeting.
    """
    problems = {}
    if status not in m.MEETING_STATUSES:
        problems["status"] = _("must be one of: {choices}").format(choices=", ".join(m.MEETING_STATUSES))
    if new_mode is not None and new_mode not in m.MEETING_MODES:
        problems["mode"] = _("must be one of: {choices}").format(choices=", ".join(m.MEETING_MODES))
    reason = (reason or "").strip() or None
    if status in ("postponed", "cancelled") and not reason:
        problems["reason"] = _("give the reason for a postponement or a cancellation")
    if problems:
        raise ValidationError(problems)
    with db.transaction() as tx:
        meeting = the_meeting(tx.session, meeting_id)
        before = to_record(meeting)
        values: dict = {"status": status}
        if new_start is not None:
            values["start_date"] = new_start
        if new_end is not None:
            values["end_date"] = new_end
        if new_start is not None and new_end is None and meeting.end_date and meeting.end_date < new_start:
            values["end_date"] = new_start
        if new_mode is not None:
            values["mode"] = new_mode
        if new_venue is not None:
            values["venue"] = new_venue
        if new_city is not None:
            values["city"] = new_city
        start, end = values.get("start_date", meeting.start_date), values.get("end_date", meeting.end_date)
        if start is not None and end is not None and end < start:
            raise ValidationError(
                {"end_date": _("before the start")},
                _("The end date {end} is before the start date {start}; nothing was changed.").format(
                    end=end.isoformat(), start=start.isoformat()
                ),
            )
        if new_date_precision is not None:
            values["date_precision"] = new_date_precision
        elif new_start is not None:
            values["date_precision"] = "day"
        if all(before.get(k) == v for k, v in values.items()):
            raise ValidationError(
                {"status": _("nothing changes")},
                _("{code} is already {status} with these dates.").format(code=before.code, status=status),
            )
        tx.create(
            "meeting-status-changes",
            dict(
                meeting_id=meeting_id,
                status=status,
                changed_on=changed_on or dt.date.today(),
                previous_status=before.status,
                previous_start_date=before.start_date,
                previous_end_date=before.end_date,
                previous_date_precision=before.date_precision,
                previous_mode=before.mode,
                previous_venue=before.venue,
                reason=reason,
            ),
        )
        return tx.update("meetings", meeting_id, values)


def status_history(db, meeting_id: int) -> list[Record]:
    """The meeting's status changes, oldest first."""
    with db.session() as s:
        rows = s.scalars(
            select(m.MeetingStatusChange)
            .where(m.MeetingStatusChange.meeting_id == meeting_id)
            .order_by(m.MeetingStatusChange.id)
        ).all()
        return [to_record(r) for r in rows]


def meeting_organizations(db, meeting_id: int) -> list[dict]:
    """Host, organizers, funders and supporters of a meeting: {id, role, organization, acronym, notes}."""
    with db.session() as s:
        rows = s.execute(
            select(m.MeetingOrganization, m.Organization)
            .join(m.Organization, m.Organization.id == m.MeetingOrganization.organization_id)
            .where(m.MeetingOrganization.meeting_id == meeting_id)
            .order_by(m.MeetingOrganization.id)
        ).all()
        order = {r: i for i, r in enumerate(m.MEETING_ORG_ROLES)}
        out = [
            dict(
                id=mo.id,
                role=mo.role,
                organization_id=o.id,
                organization=o.name_en or o.name_ru,
                acronym=o.acronym,
                notes=mo.notes,
            )
            for mo, o in rows
        ]
        return sorted(out, key=lambda x: (order.get(x["role"], 9), x["id"]))


__all__ = ["the_meeting", "find_meeting", "change_status", "status_history", "meeting_organizations"]
