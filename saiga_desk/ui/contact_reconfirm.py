"""Contact points to re-confirm: a flag on the rows of the Contact points tab, a button with their count that
opens the list (and sends them review packs), and the number of months in Settings (a data preference)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import contact_reconfirm as rc
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.export_actions import save_review_packs
from saiga_desk.ui.signals import hub

FLAG_COLOUR = "#fff4ce"
ENDED_COLOUR = "#808080"


class ReconfirmFlag(QStyledItemDelegate):
    """Current contact points not confirmed within the months of Settings get a yellow row and a tooltip."""

    def __init__(self, page):
        super().__init__(page.view)
        self.page = page
        self.months = rc.reconfirm_months(page.db)

    def due(self, row: int) -> bool:
        values = self.page.model.row_values(row)
        if not values or values.get("valid_to") is not None:
            return False
        seen = values.get("last_confirmed_on") or values.get("designated_on") or values.get("valid_from")
        return rc.is_due(seen, dt.date.today(), self.months)

    def ended(self, row: int) -> bool:
        """A designation that ended (superseded or closed) before today: "Show history" lists it."""
        values = self.page.model.row_values(row)
        end = values.get("valid_to") if values else None
        return end is not None and end < dt.date.today()

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        if self.due(index.row()):
            option.backgroundBrush = QBrush(QColor(FLAG_COLOUR))
        elif self.ended(index.row()):  # grey italics: not a current contact point
            option.font.setItalic(True)
            option.palette.setColor(QPalette.ColorRole.Text, QColor(ENDED_COLOUR))

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802
        if self.due(index.row()):
            QToolTip.showText(
                event.globalPos(),
                _("Not confirmed for {n} months: to re-confirm").format(n=self.months),
                view,
            )
            return True
        return super().helpEvent(event, view, option, index)


class ReconfirmDialog(QDialog):
    """The contact points to re-confirm, and review packs for their Signatories."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reconfirm_dialog")
        self.setWindowTitle(_("Contact points to re-confirm"))
        self.db = db
        self.rows = rc.to_reconfirm(db)
        layout = QVBoxLayout(self)
        months = rc.reconfirm_months(db)
        layout.addWidget(
            QLabel(
                _("Current contact points not confirmed for {n} months (Settings).").format(n=months), self
            )
        )
        self.table = QTableWidget(len(self.rows), 4, self)
        self.table.setObjectName("reconfirm_table")
        self.table.setHorizontalHeaderLabels(
            [_("Signatory"), _("Contact point"), _("Email"), _("Last confirmed")]
        )
        for i, r in enumerate(self.rows):
            seen = r.last_confirmed_on.isoformat() if r.last_confirmed_on else _("never")
            for j, text in enumerate((r.signatory, r.person, r.email, seen)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        self.packs_button = QPushButton(_("Send review packs…"), self)
        self.packs_button.setObjectName("reconfirm_packs")
        self.packs_button.setToolTip(_("One review pack per Signatory listed here, to correct and return"))
        self.packs_button.setEnabled(bool(self.rows))
        self.packs_button.clicked.connect(lambda: self.review_packs())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.packs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def signatory_ids(self) -> list[int]:
        return sorted({r.signatory_id for r in self.rows})

    def review_packs(self, path=None, on_done=None):
        return save_review_packs(
            self, self.db, signatory_ids=self.signatory_ids(), path=path, on_done=on_done
        )


class ReconfirmButton(QPushButton):
    """ "N to re-confirm…" in the Contact points bar; opens the list."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.dialog: ReconfirmDialog | None = None
        self.setObjectName("reconfirm")
        self.setToolTip(_("Contact points not confirmed for the months set in Settings"))
        self.clicked.connect(self.open_list)
        hub.changed.connect(self.on_changed)  # a bound slot: disconnected when the button goes
        self.update_count()

    def on_changed(self, changes) -> None:
        if changes.touches({"designations", "settings"}):
            self.update_count()

    def update_count(self) -> None:
        self.page.reconfirm_flag.months = rc.reconfirm_months(self.page.db)
        n = len(rc.to_reconfirm(self.page.db))
        self.setText(_("{n} to re-confirm…").format(n=n))
        self.setStyleSheet(f"background: {FLAG_COLOUR};" if n else "")
        self.page.view.viewport().update()

    def open_list(self) -> ReconfirmDialog:
        self.dialog = ReconfirmDialog(self.page.db, self.page)
        self.dialog.show()
        return self.dialog


def install_reconfirm(page) -> ReconfirmButton:
    """Flag the rows of the Contact points tab and add a "N to re-confirm…" button to its bar."""
    page.reconfirm_flag = ReconfirmFlag(page)
    page.view.setItemDelegate(page.reconfirm_flag)
    page.reconfirm_button = ReconfirmButton(page)
    page.filter_bar.layout().addWidget(page.reconfirm_button)
    page.open_reconfirm = page.reconfirm_button.open_list
    page.update_reconfirm = page.reconfirm_button.update_count
    return page.reconfirm_button


class ReconfirmSettings(QGroupBox):
    """The Settings part: after how many months a contact point is to be re-confirmed (saved on OK)."""

    def __init__(self, db, dialog: QDialog):
        super().__init__(_("Contact points"), dialog)
        self.setObjectName("reconfirm_settings")
        self.db = db
        form = QFormLayout(self)
        self.months = QSpinBox(self)
        self.months.setObjectName("reconfirm_months")
        self.months.setRange(1, 240)
        self.months.setSuffix(_(" months"))
        self.months.setValue(rc.reconfirm_months(db))
        form.addRow(_("Re-confirm contact points after"), self.months)
        # saved together with the dialog's own preferences, before it announces "settings" to the views
        dialog_save = dialog.save
        dialog.save = lambda: self.save() and dialog_save()

    def save(self) -> bool:
        if not self.isEnabled():  # disabled for whoever may not change the database's settings
            return True
        try:
            rc.set_reconfirm_months(self.db, self.months.value())
        except SaigaError as e:
            show_error(self, e)
            return False
        return True


__all__ = ["ReconfirmFlag", "ReconfirmButton", "ReconfirmDialog", "ReconfirmSettings", "install_reconfirm"]
