"""The values behind the form fields, without widgets: ``INVALID`` (typed text that cannot be a value),
dates as officers type them, and "the same value" as the form compares them ('' and None alike)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from saiga_desk.i18n import _


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()

_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def parse_date_text(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``DD.MM.YYYY``; ValueError with a plain message otherwise."""
    s = text.strip()
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    found = _DMY.match(s)
    if found:
        try:
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            pass
    raise ValueError(_("Not a date: type it as YYYY-MM-DD (e.g. 2024-05-31) or pick it from the calendar."))


def normalise(value):
    """Form value -> comparable value ('' and None are the same; text is compared as typed)."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def same(a, b) -> bool:
    a, b = normalise(a), normalise(b)
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except (InvalidOperation, ValueError):
            return False
    return a == b


__all__ = ["INVALID", "normalise", "parse_date_text", "same"]
