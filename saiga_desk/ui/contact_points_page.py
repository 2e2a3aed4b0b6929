"""The National Contact Points: designations by Signatory, as they stood on any date.

A designation is never overwritten: "Supersede…" records a new person taking over from a date and
closes the old designation the day before, so the list "as at" an earlier date still shows the old one.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from saiga_desk.core import roles
from saiga_desk.i18n import _
from saiga_desk.ui.forms.supersede import SupersedeDialog
from saiga_desk.ui.table_page import TablePage


class ContactPointsPage(TablePage):
    def __init__(self, db, undo_stack=None, parent: QWidget | None = None):
        super().__init__(db, "contact-points", undo_stack, parent)
        self.title = _("Contact points")
        if self._autosize_pending:  # no remembered layout: the validity beside the role, in sight
            header = self.view.horizontalHeader()
            after = header.visualIndex(self.model.column_index("role"))
            for n, key in enumerate(("valid_from", "valid_to"), 1):
                header.moveSection(header.visualIndex(self.model.column_index(key)), after + n)
            header.setSectionHidden(self.model.column_index("designated_on"), True)  # in the form; Columns…

    def add_controls(self, bar: QHBoxLayout) -> None:
        label = QLabel(_("As at"), self)
        self.as_at = QDateEdit(self)
        self.as_at.setObjectName("as_at")
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("yyyy-MM-dd")
        self.as_at.setDate(QDate.currentDate())
        self.as_at.setToolTip(_("Show the contact points as they stood on this date"))
        label.setBuddy(self.as_at)
        self.as_at.dateChanged.connect(lambda _d: self.apply_filters())
        self.today_button = QPushButton(_("Today"), self)
        self.today_button.setObjectName("as_at_today")
        self.today_button.clicked.connect(lambda: self.as_at.setDate(QDate.currentDate()))
        self.show_history = QCheckBox(_("Show history"), self)
        self.show_history.setObjectName("show_history")
        self.show_history.setToolTip(_("List every designation, the superseded ones too"))
        self.show_history.toggled.connect(self._history_toggled)
        self.supersede_button = QPushButton(_("Supersede…"), self)
        self.supersede_button.setObjectName("supersede")
        self.supersede_button.setToolTip(_("A new person takes over this designation from a date"))
        self.supersede_button.clicked.connect(self.supersede_selected)
        bar.addWidget(label)
        bar.addWidget(self.as_at)
        bar.addWidget(self.today_button)
        bar.addWidget(self.show_history)
        bar.addWidget(self.supersede_button)
        self.supersede_button.setEnabled(False)
        writes = roles.can_write(self.db)  # a viewer only reads (core/roles.py)
        if not writes:
            self.supersede_button.setToolTip(roles.refusal(self.db))
        self.current_changed.connect(lambda _e, _i: self.supersede_button.setEnabled(writes))
        self.model.modelReset.connect(
            lambda: self.supersede_button.setEnabled(writes and self.current_id() is not None)
        )

    def _history_toggled(self, on: bool) -> None:
        self.as_at.setEnabled(not on)
        self.today_button.setEnabled(not on)
        self.apply_filters()

    def as_at_date(self) -> dt.date:
        return self.as_at.date().toPython()

    def set_as_at(self, day: dt.date) -> None:
        self.as_at.setDate(QDate(day.year, day.month, day.day))

    def base_filters(self) -> dict:
        out = super().base_filters()
        out["as_at"] = "all" if self.show_history.isChecked() else self.as_at_date().isoformat()
        return out

    def supersede_selected(self):
        rid = self.current_id()
        if rid is None:  # the button is disabled then; a keyboard shortcut may still get here
            return None
        dialog = SupersedeDialog(self.db, rid, self.undo_stack, parent=self)
        dialog.show()
        dialog.raise_()
        return dialog
