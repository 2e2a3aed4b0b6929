"""Dates with day / month / year precision, as the report writes them ("June - October 2016")."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
}  # fmt: skip
# after a day number Russian takes the genitive: "26 октября 2015", but "октябрь 2015"
DAY_MONTHS = dict(MONTHS, ru=["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                              "сентября", "октября", "ноября", "декабря"])  # fmt: skip


def format_date(d: dt.date | None, precision: str = "day", language: str = "en") -> str:
    if d is None:
        return ""
    months = MONTHS.get(language, MONTHS["en"])
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{months[d.month - 1]} {d.year}"
    return f"{d.day} {DAY_MONTHS.get(language, months)[d.month - 1]} {d.year}"


def format_period(
    start: dt.date | None, start_precision: str, end: dt.date | None, end_precision: str, language: str = "en"
) -> str:
    """ "June - October 2016", "November 2018 - June 2019", "16-19 April 2018", "2019"."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        d, p = (start, start_precision) if start else (end, end_precision)
        return format_date(d, p, language)
    months = MONTHS.get(language, MONTHS["en"])
    if start_precision == end_precision == "day":
        day_months = DAY_MONTHS.get(language, months)
        if (start.year, start.month) == (end.year, end.month):
            if start.day == end.day:
                return format_date(start, "day", language)
            return f"{start.day}-{end.day} {day_months[start.month - 1]} {start.year}"
        if start.year == end.year:
            return f"{start.day} {day_months[start.month - 1]} - {format_date(end, 'day', language)}"
    if start_precision == end_precision == "month" and start.year == end.year:
        if start.month == end.month:
            return format_date(start, "month", language)
        return f"{months[start.month - 1]} - {months[end.month - 1]} {end.year}"
    if start_precision == end_precision == "year" and start.year == end.year:
        return str(start.year)
    return f"{format_date(start, start_precision, language)} - {format_date(end, end_precision, language)}"
