"""Small pieces shared by the Meetings page and its detail tabs: buttons whose refusals become a dialog,
read-only tables, and meeting dates written as precisely as they are known."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from saiga_desk.core import roles
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.names import country_name
from saiga_desk.i18n import _, current_language
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.meetings_dialogs import label_of


def guard(parent: QWidget, fn) -> None:
    """Run ``fn``; a refusal (SaigaError) is shown in a dialog over ``parent``."""
    try:
        fn()
    except SaigaError as e:
        show_error(parent, e)


def button(parent: QWidget, text: str, slot, name: str, tip: str = "", writes: bool = True) -> QPushButton:
    """A button whose refusals become a dialog; one that ``writes`` is disabled, with the reason as its
    tooltip, for whoever may only read the database (core/roles.py)."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(lambda _c=False: guard(parent, slot))
    if writes:
        read_only(parent, b)
    return b


def read_only(parent: QWidget, widget: QWidget) -> None:
    """Disable ``widget`` with the reason as its tooltip when the user of ``parent``'s database only reads."""
    db = getattr(parent, "db", None)
    if db is not None and not roles.can_write(db):
        widget.setEnabled(False)
        widget.setToolTip(roles.refusal(db))


def meeting_dates(start, end, precision) -> str:
    """Meeting dates as precise as they are known: "2021", "September 2020" or "2020-09-01 – 2020-09-04"."""
    if start is None:
        return end.isoformat() if end else ""
    if precision == "year":
        years = sorted({start.year, (end or start).year})
        return "–".join(str(y) for y in years)
    if precision == "month":
        first = start.strftime("%B %Y")
        last = (end or start).strftime("%B %Y")
        return first if first == last else f"{first} – {last}"
    return " – ".join(d.isoformat() for d in (start, end) if d)


def record_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def held_ask(parent, meeting) -> bool:
    """Inviting to a meeting already held (or past) is asked first; True to go on."""
    last = meeting.end_date or meeting.start_date
    if meeting.status != "held" and (last is None or last >= dt.date.today()):
        return True
    dates = meeting_dates(meeting.start_date, meeting.end_date, meeting.date_precision)
    return prompts.ask_confirm(
        parent, _("Invite Signatories"), _("{code} was already held ({dates}).").format(code=meeting.code, dates=dates),
        _("Invite the Signatories' contact points to it all the same?"),
    )


def summary_html(db, meeting) -> str:
    """The meeting at a glance: code, title, status, mode, dates, place, host, symbols, Russian title."""
    e = html.escape
    dates = meeting_dates(meeting.start_date, meeting.end_date, meeting.date_precision)
    place = ", ".join(x for x in (meeting.venue, meeting.city) if x)
    status_colour = {"held": "#2e7d4f", "postponed": "#b26a00", "cancelled": "#b00020"}.get(
        meeting.status, "#1f5f8b"
    )
    # the title in the interface's language first, the other one beneath (issue 19, item 11)
    ru = current_language() == "ru"
    title = (meeting.title_ru or meeting.title_en) if ru else meeting.title_en
    other = meeting.title_en if ru and meeting.title_ru else None if ru else meeting.title_ru
    parts = [
        f"<b style='font-size:12pt'>{e(meeting.code)}</b> — {e(title or '')}",
        f"<span style='color:{status_colour}'><b>{e(label_of(meeting.status))}</b></span>"
        + f" · {e(label_of(meeting.mode))}"
        + (f" · {e(dates)}" if dates else "")
        + (f" · {e(place)}" if place else ""),
    ]
    if meeting.host_country_id:
        try:
            host = country_name(sv.get(db, "countries", meeting.host_country_id), current_language())
            parts[1] += " · " + _("host: {country}").format(country=e(host))
        except SaigaError:
            pass
    prefix = meeting.symbol_prefix
    if prefix:
        parts[1] += " · " + _("symbols {prefix}/…").format(prefix=e(prefix))
    if other:
        parts.append(f"<span style='color:#555'>{e(other)}</span>")
    return "<br/>".join(parts)


__all__ = ["button", "fill", "guard", "meeting_dates", "record_table", "summary_html"]
