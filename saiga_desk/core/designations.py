"""Rules of a designation (a National Contact Point): when it is valid, and the order of its roles.

A designation is never overwritten but superseded, so the list can be rebuilt "as at" any date: it is valid
on a day when it started on or before it (or has no start) and ends on or after it (or is open).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from saiga_desk.core import models as m
from saiga_desk.core.choices import rank, rank_sql
from saiga_desk.core.errors import ValidationError
from saiga_desk.i18n import _

PRIMARY = "primary"
# a change of these may put two primary contact points of one Signatory side by side
PERIOD_FIELDS = frozenset({"role", "signatory_id", "valid_from", "valid_to"})


def role_rank(role: str | None) -> int:
    """Primary first, then alternate, then technical (the order of models.DESIGNATION_ROLES)."""
    return rank(m.DESIGNATION_ROLES, role)


def role_rank_sql(role=m.Designation.role):
    """The SQL twin of ``role_rank``."""
    return rank_sql(m.DESIGNATION_ROLES, role)


def as_date(value) -> dt.date | None:
    """``value`` as a date: None or "" is today, "all" is None (the whole history), text is ISO."""
    if value in (None, ""):
        return dt.date.today()
    if value == "all":
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def is_valid_on(designation, on: dt.date) -> bool:
    """Whether ``designation`` (anything with valid_from/valid_to) is valid on the day ``on``."""
    start, end = designation.valid_from, designation.valid_to
    return (start is None or start <= on) and (end is None or end >= on)


def valid_on(on: dt.date, d=m.Designation):
    """The SQL twin of ``is_valid_on``: a condition over ``d`` (the model or an alias)."""
    return and_(or_(d.valid_from.is_(None), d.valid_from <= on), or_(d.valid_to.is_(None), d.valid_to >= on))


def other_primary(session, d) -> m.Designation | None:
    """Another primary designation of ``d``'s Signatory valid on a day ``d`` is (None when ``d`` is not
    primary or stands alone)."""
    if d.role != PRIMARY or d.signatory_id is None:
        return None
    o = m.Designation
    where = [o.signatory_id == d.signatory_id, o.role == PRIMARY, o.id != d.id]
    if d.valid_from is not None:
        where.append(or_(o.valid_to.is_(None), o.valid_to >= d.valid_from))
    if d.valid_to is not None:
        where.append(or_(o.valid_from.is_(None), o.valid_from <= d.valid_to))
    return session.scalars(select(o).where(*where).order_by(o.valid_from.desc()).limit(1)).first()


def check_one_primary(session, designations, title) -> None:
    """The rule "one primary contact point per Signatory at a time", checked when a unit of work ends (a
    hand-over creates the new designation before it closes the old one). ``title(kind, obj)`` names a
    record. ValidationError on the role, naming the Signatory and its current primary contact point."""
    for d in designations:
        other = other_primary(session, d)
        if other is None:
            continue
        since = other.valid_from.isoformat() if other.valid_from else "?"
        held = _("{signatory} already has a primary contact point: {person}, since {date}.").format(
            signatory=title("signatories", other.signatory), person=title("persons", other.person), date=since
        )
        raise ValidationError(
            {"role": held},
            held + " " + _("Supersede that designation, or end it, before designating another primary one."),
        )


__all__ = ["PRIMARY", "PERIOD_FIELDS", "other_primary", "check_one_primary", "role_rank", "role_rank_sql", "as_date", "is_valid_on", "valid_on"]
