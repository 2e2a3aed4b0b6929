"""Contact points to re-confirm: current designations not confirmed for a set number of months.

The number of months is a data preference (``reconfirm_months``, Settings); a designation never confirmed
counts from the day it was designated (or is due at once when that is unknown too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from saiga_desk.core import models as m
from saiga_desk.core import names, preferences

RECONFIRM_MONTHS = preferences.RECONFIRM_MONTHS.key
DEFAULT_MONTHS = preferences.DEFAULT_RECONFIRM_MONTHS


@dataclass(frozen=True)
class ToReconfirm:
    designation_id: int
    signatory_id: int
    signatory: str
    person: str
    email: str
    last_confirmed_on: dt.date | None  # or the designation date when never confirmed


def reconfirm_months(db) -> int:
    return preferences.RECONFIRM_MONTHS.get(db)


def set_reconfirm_months(db, months) -> int:
    return preferences.RECONFIRM_MONTHS.set(db, months)


def cutoff(today: dt.date, months: int) -> dt.date:
    """The day ``months`` before ``today`` (the last day of a shorter month when needed)."""
    y, mth = divmod(today.year * 12 + today.month - 1 - months, 12)
    mth += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(y, mth, day)
        except ValueError:
            continue
    return dt.date(y, mth, 28)


def to_reconfirm(db, today: dt.date | None = None, months: int | None = None) -> list[ToReconfirm]:
    """Current designations whose last confirmation is older than ``months`` (Settings) before ``today``."""
    today = today or dt.date.today()
    limit = cutoff(today, months if months is not None else reconfirm_months(db))
    d = m.Designation
    out = []
    with db.session() as s:
        rows = s.scalars(
            select(d).where(
                or_(d.valid_from.is_(None), d.valid_from <= today),
                or_(d.valid_to.is_(None), d.valid_to >= today),
            )
        ).all()
        for x in rows:
            seen = x.last_confirmed_on or x.designated_on or x.valid_from
            if seen is not None and seen >= limit:
                continue
            p = x.person
            out.append(
                ToReconfirm(
                    x.id,
                    x.signatory_id,
                    names.signatory_of(x.signatory),
                    " ".join(v for v in (p.honorific, p.given_name, p.family_name) if v),
                    p.email or "",
                    seen,
                )
            )
    out.sort(key=lambda r: (r.signatory.casefold(), r.person.casefold()))
    return out


def is_due(last_confirmed: dt.date | None, today: dt.date, months: int) -> bool:
    return last_confirmed is None or last_confirmed < cutoff(today, months)


__all__ = [
    "RECONFIRM_MONTHS",
    "DEFAULT_MONTHS",
    "ToReconfirm",
    "reconfirm_months",
    "set_reconfirm_months",
    "cutoff",
    "to_reconfirm",
    "is_due",
]
