"""Rules of a designation (a National Contact Point): when it is valid, and the order of its roles.

A designation is never overwritten but superseded, so the list can be rebuilt "as at" any date: it is valid
on a day when it started on or before it (or has no start) and ends on or after it (or is open).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_

from saiga_desk.core import models as m
from saiga_desk.core.choices import rank, rank_sql


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


__all__ = ["role_rank", "role_rank_sql", "as_date", "is_valid_on", "valid_on"]
