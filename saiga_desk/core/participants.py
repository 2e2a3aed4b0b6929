"""Participants of a meeting: their progress (invited → registered → confirmed → attended) and counts.

Every write goes through ``db.transaction()`` (one unit of work, audited).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from saiga_desk.core import models as m
from saiga_desk.core.errors import ValidationError
from saiga_desk.core.services import Record
from saiga_desk.i18n import _

#: participant status -> the date field that records when it was reached
STATUS_DATE_FIELD = {
    "invited": "invited_on",
    "registered": "registered_on",
    "confirmed": "confirmed_on",
    "attended": "attended_on",
    "cancelled": "cancelled_on",
}
#: the fields a bulk status change touches (snapshotted by the GUI's undo)
PARTICIPANT_STATUS_FIELDS = ("status", *STATUS_DATE_FIELD.values())


def set_participant_status(db, ids, status: str, on: dt.date | None = None) -> list[Record]:
    """Set the status of several participants at once and date it (``invited_on`` … ``cancelled_on``).

    Participants that already have this status keep their date. Returns the changed records.
    """
    if status not in m.PARTICIPANT_STATUSES:
        raise ValidationError(
            {"status": _("must be one of: {choices}").format(choices=", ".join(m.PARTICIPANT_STATUSES))}
        )
    on = on or dt.date.today()
    date_field = STATUS_DATE_FIELD[status]
    changed = []
    with db.transaction() as tx:
        for pid in ids:
            current = tx.get("participants", pid)
            if current.status == status and current[date_field] is not None:
                continue
            values = {"status": status}
            if current.status != status or current[date_field] is None:
                values[date_field] = on
            changed.append(tx.update("participants", pid, values))
    return changed


def participant_values(db, ids, fields=PARTICIPANT_STATUS_FIELDS) -> dict[int, dict]:
    """A snapshot of some fields of several participants (for undo): {id: {field: value}}."""
    with db.session() as s:
        rows = s.scalars(select(m.Participant).where(m.Participant.id.in_(list(ids)))).all()
        return {p.id: {f: getattr(p, f) for f in fields} for p in rows}


def apply_participant_values(db, values_by_id: dict[int, dict]) -> list[Record]:
    """Write per-participant values in one transaction (a bulk edit, or its undo)."""
    out = []
    with db.transaction() as tx:
        for pid, values in values_by_id.items():
            out.append(tx.update("participants", int(pid), dict(values)))
    return out


def update_participants(db, ids, values: dict) -> list[Record]:
    """The same values for several participants (credentials received, funded …), in one transaction."""
    return apply_participant_values(db, {pid: values for pid in ids})


def participant_counts(db, meeting_id: int) -> dict:
    """{"by_status": {status: n}, "by_category": {category: n}, "total", "credentials_received", "funded"}.

    Every status and category is present (zero when none), in the order of the models' choices.
    """
    p = m.Participant
    with db.session() as s:
        by_status = dict.fromkeys(m.PARTICIPANT_STATUSES, 0)
        for status, n in s.execute(
            select(p.status, func.count(p.id)).where(p.meeting_id == meeting_id).group_by(p.status)
        ):
            by_status[status] = n
        by_category = dict.fromkeys(m.PARTICIPANT_CATEGORIES, 0)
        for category, n in s.execute(
            select(p.category, func.count(p.id)).where(p.meeting_id == meeting_id).group_by(p.category)
        ):
            by_category[category] = n
        credentials = s.scalar(
            select(func.count(p.id)).where(p.meeting_id == meeting_id, p.credentials_received.is_(True))
        )
        funded = s.scalar(select(func.count(p.id)).where(p.meeting_id == meeting_id, p.funded.is_(True)))
    return {
        "by_status": by_status,
        "by_category": by_category,
        "total": sum(by_status.values()),
        "credentials_received": credentials or 0,
        "funded": funded or 0,
    }


__all__ = [
    "STATUS_DATE_FIELD",
    "PARTICIPANT_STATUS_FIELDS",
    "set_participant_status",
    "participant_values",
    "apply_participant_values",
    "update_participants",
    "participant_counts",
]
