"""Turning cell values into field values: text as written, phones as text, dates, emails (no Qt, no DB).

Each converter returns ``(value, problem, severity)``: ``problem`` is None or a plain sentence; severity
"error" blocks the row, "warning" is shown but the value is kept.
"""

from __future__ import annotations

import datetime as dt
import re

from saiga_desk.core.validation import email_problem
from saiga_desk.i18n import _

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
MAX_SERIAL = 2958465  # 9999-12-31

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
SPACES = " \t\r\n\u00a0\u2007\u202f"  # trimmed from the text a row stores (invisible characters are kept)
_EDGE = SPACES + "\u200b\ufeff"  # trimmed for reading a value (numbers, dates, emails, matching)

Result = tuple[object, str | None, str]
OK = "ok"


def unescape_ooxml(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes (``_x000D_`` is a carriage return, ``_x005F_`` an underscore)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_text(value) -> str | None:
    """A cell as text, exactly as written apart from spaces at both ends; numbers without '.0'."""
    if value is None:
        return None
    if isinstance(value, str):
        s = value.strip(_EDGE)
        return s or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def text_value(value) -> Result:
    return cell_text(value), None, OK


def phone_value(value) -> Result:
    """Phones stay text. A number cell keeps its digits but may have lost a leading + or 0: warned."""
    if value is None:
        return None, None, OK
    if isinstance(value, bool) or isinstance(value, dt.date | dt.time | dt.timedelta):
        return cell_text(value), _("This is not a phone number."), "error"
    if isinstance(value, int | float):
        text = cell_text(value)
        if isinstance(value, float) and not value.is_integer():
            return text, _("The phone number is stored as a decimal number; check it."), "warning"
        return text, _("The phone number was stored as a number: a leading + or 0 may be missing."), "warning"
    text = cell_text(value)
    if text and not re.search(r"\d", text):
        return text, _("The phone number has no digits."), "warning"
    return text, None, OK


def email_value(value) -> tuple[str | None, list[str], str | None]:
    """(first address, further addresses, problem). Several addresses may be separated by ; , or space."""
    text = cell_text(value)
    if not text:
        return None, [], None
    if not (
        ";" in text
        or "," in text
        or " " in text
        or "\n" in text
        or "\t" in text
        or "<" in text
        or ":" in text
    ):
        msg = email_problem(text)
        return (
            (text, [], None)
            if msg is None
            else (text, [], _("{address!r}: {reason}").format(address=text, reason=msg))
        )
    parts = [p for p in re.split(r"[;,\s]+", text) if p]
    parts = [p[7:] if p.lower().startswith("mailto:") else p for p in parts]
    parts = [p.strip("<>") for p in parts]
    for p in parts:
        msg = email_problem(p)
        if msg:
            return text, [], _("{address!r}: {reason}").format(address=p, reason=msg)
    return parts[0], parts[1:], None


_MONTHS = {
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)},
    **{m: i for i, m in enumerate(
        ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"), 1)},
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:\s*(?:г\.?|y\.?))?$")
_WORDY = re.compile(r"^(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})(?:\s*(?:г\.?|года?))?$", re.UNICODE)
_WORDY_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.UNICODE)


def _month(word: str) -> int | None:
    w = word.lower()
    if w.startswith("ма") and not w.startswith("мар"):  # мая / май
        return 5
    for key in sorted(_MONTHS, key=len, reverse=True):
        if w.startswith(key):
            return _MONTHS[key]
    return None


def _make(y: int, mo: int, d: int, text: str) -> Result:
    try:
        return dt.date(y, mo, d), None, OK
    except ValueError:
        return text, _("{text!r} is not a possible date.").format(text=text), "error"


def serial_date(serial: float, date1904: bool = False) -> dt.date | None:
    if not 0 < serial <= MAX_SERIAL:
        return None
    epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
    if not date1904 and serial < 61:  # Excel's phantom 1900-02-29
        serial += 1
    return (epoch + dt.timedelta(days=float(serial))).date()


def date_value(value, date1904: bool = False) -> Result:
    """A date from a date cell, a serial number, or text (ISO or day-first); ambiguous and impossible flagged."""
    if value is None:
        return None, None, OK
    if isinstance(value, dt.datetime):
        return value.date(), None, OK
    if isinstance(value, dt.date):
        return value, None, OK
    if isinstance(value, bool):
        return cell_text(value), _("This is not a date."), "error"
    if isinstance(value, int | float):
        d = serial_date(value, date1904)
        if d is None:
            return cell_text(value), _("{n} is not a date.").format(n=cell_text(value)), "error"
        return d, None, OK
    text = cell_text(value)
    if not text:
        return None, None, OK
    m = _ISO.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = _NUMERIC.match(text)
    if m:
        a, sep, b, y = int(m[1]), m[2], int(m[3]), m[4]
        if len(y) == 2:
            return (
                text,
                _("{text!r} has a two-digit year; write the year in full.").format(text=text),
                "error",
            )
        year = int(y)
        if b > 12 and a <= 12:
            return (
                text,
                _(
                    "{text!r} is not a possible day-first date (it looks month-first); write it as YYYY-MM-DD."
                ).format(text=text),
                "error",
            )
        got = _make(year, b, a, text)
        if got[1] is None and sep == "/" and a <= 12 and b <= 12 and a != b:
            return (
                got[0],
                _("{text!r} is ambiguous; it was read day-first as {iso}.").format(
                    text=text, iso=got[0].isoformat()
                ),
                "warning",
            )
        return got
    for rx, order in ((_WORDY, "dmy"), (_WORDY_US, "mdy")):
        m = rx.match(text)
        if m:
            if order == "dmy":
                d, word, y = int(m[1]), m[2], int(m[3])
            else:
                word, d, y = m[1], int(m[2]), int(m[3])
            mo = _month(word)
            if mo:
                return _make(y, mo, d, text)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        d = serial_date(float(text), date1904)
        if d is not None and 20000 < float(text) < 80000:
            return (
                d,
                _("{text!r} was read as an Excel serial date {iso}.").format(text=text, iso=d.isoformat()),
                "warning",
            )
    return (
        text,
        _("{text!r} is not a date (write it as YYYY-MM-DD or DD.MM.YYYY).").format(text=text),
        "error",
    )


_TRUE = {"1", "true", "yes", "y", "x", "✓", "да", "д", "+", "иә", "тийм"}
_FALSE = {"0", "false", "no", "n", "нет", "н", "-", "жоқ", "үгүй"}


def bool_value(value) -> Result:
    if value is None:
        return None, None, OK
    if isinstance(value, bool):
        return value, None, OK
    if isinstance(value, int | float):
        return bool(value), None, OK
    text = (cell_text(value) or "").lower()
    if not text:
        return None, None, OK
    if text in _TRUE:
        return True, None, OK
    if text in _FALSE:
        return False, None, OK
    return text, _("{text!r} is not yes or no.").format(text=text), "error"
