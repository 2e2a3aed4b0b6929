"""Small pieces shared by the Meetings page and its detail tabs: buttons whose refusals become a dialog,
read-only tables, and meeting dates written as precisely as they are known."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from saiga_desk.core.errors import SaigaError
from saiga_desk.ui.errors import show_error


def guard(parent: QWidget, fn) -> None:
    """Run ``fn``; a refusal (SaigaError) is shown in a dialog over ``parent``."""
    try:
        fn()
    except SaigaError as e:
        show_error(parent, e)


def button(parent: QWidget, text: str, slot, name: str, tip: str = "") -> QPushButton:
    b = QPushButton(text, parent)
    b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(lambda _c=False: guard(parent, slot))
    return b


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


__all__ = ["button", "fill", "guard", "meeting_dates", "record_table"]
