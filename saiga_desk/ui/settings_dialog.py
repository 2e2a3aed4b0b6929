"""Edit > Settings: data folder and language of the interface (for the next start), backup policy, default
report language, letterhead.

The data preferences live in the database (core.preferences), so everyone sharing the database prints the
same letterhead. The data folder is a choice of this computer: it is kept in the user's QSettings INI file
(``ui/window_settings.DATA_FOLDER``) and applied at the next start; the language of the interface is kept
beside it (``UI_LANGUAGE``). Both are applied by ``ui/start_choices.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import backups, preferences, roles
from saiga_desk.core.errors import SaigaError, ValidationError
from saiga_desk.i18n import _
from saiga_desk.paths import data_dir
from saiga_desk.ui.contact_reconfirm import ReconfirmSettings
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.forms import prompts
from saiga_desk.ui.letter_settings import add_letter_fields
from saiga_desk.ui.mail_settings import MailSettingsGroup
from saiga_desk.ui.signals import hub
from saiga_desk.ui.start_choices import (
    LANGUAGES,
    apply_data_folder_choice,
    apply_ui_language_choice,
    chosen_data_folder,
    chosen_ui_language,
    current_ui_language,
    install_qt_translator,
    set_chosen_data_folder,
    set_chosen_ui_language,
)

# the choices of this computer are also reachable from here (the tests take them from the dialog's module)
__all__ = [
    "SettingsDialog",
    "apply_data_folder_choice",
    "apply_ui_language_choice",
    "chosen_data_folder",
    "chosen_ui_language",
    "install_qt_translator",
    "set_chosen_data_folder",
    "set_chosen_ui_language",
]


# ------------------------------------------------------------------------------------------ dialog
class SettingsDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settings_dialog")
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        # three tabs, so the dialog fits a laptop's screen (in one column it stood about 1,050 pixels tall)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        layout.addWidget(self.tabs)
        backup, report, letterhead = self._backup_group(), self._report_group(), self._letterhead_group()
        reconfirm = ReconfirmSettings(db, self)  # months before a contact point is to be re-confirmed
        mail = MailSettingsGroup(db, self)  # ui/mail_settings.py
        pages = (
            (_("General"), "generalTab", [self._data_group(), self._interface_group(), backup, report]),
            (_("Letterhead"), "letterheadTab", [letterhead]),
            (_("Contact points and mail"), "contactsMailTab", [reconfirm, mail]),
        )
        for title, name, groups in pages:
            page = QWidget()
            page.setObjectName(name)
            column = QVBoxLayout(page)
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            self.tabs.addTab(page, title)
        self.may_change_shared = roles.is_admin(db)  # the database's settings are an admin's (core/roles.py)
        for group in (backup, report, letterhead, reconfirm, mail):
            if not self.may_change_shared:
                group.setEnabled(False)
                group.setToolTip(roles.refusal(db))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load()

    # ----------------------------------------------------------------------------- building
    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        self.errors[name] = label
        return label

    def _data_group(self) -> QGroupBox:
        box = QGroupBox(_("Data folder"))
        form = QVBoxLayout(box)
        row = QHBoxLayout()
        self.data_folder = QLineEdit()
        self.data_folder.setObjectName("field_data_folder")
        self.data_folder.setReadOnly(True)
        row.addWidget(self.data_folder, 1)
        change = QPushButton(_("Change…"))
        change.setObjectName("change_data_folder")
        change.clicked.connect(self.choose_data_folder)
        row.addWidget(change)
        reset = QPushButton(_("Default"))
        reset.setObjectName("reset_data_folder")
        reset.clicked.connect(lambda: self.set_data_folder(""))
        row.addWidget(reset)
        form.addLayout(row)
        self.data_note = QLabel()
        self.data_note.setObjectName("data_folder_note")
        self.data_note.setWordWrap(True)
        form.addWidget(self.data_note)
        form.addWidget(self._error_label("data_folder"))
        return box

    def _interface_group(self) -> QGroupBox:
        box = QGroupBox(_("Interface"))
        form = QFormLayout(box)
        self.ui_language = QComboBox()
        self.ui_language.setObjectName("field_ui_language")
        for code, name in LANGUAGES:
            self.ui_language.addItem(name, code)
        form.addRow(_("Language of the interface"), self.ui_language)
        self.ui_language_note = QLabel()
        self.ui_language_note.setObjectName("ui_language_note")
        self.ui_language_note.setWordWrap(True)
        form.addRow(self.ui_language_note)
        if os.environ.get("SAIGA_DESK_LANGUAGE"):
            self.ui_language.setEnabled(False)
            self.ui_language_note.setText(_("The language of the interface is set by SAIGA_DESK_LANGUAGE."))
        else:
            self.ui_language_note.setText(_("The language of the interface changes at the next start."))
        return box

    def _backup_group(self) -> QGroupBox:
        box = QGroupBox(_("Automatic backups"))
        form = QFormLayout(box)
        self.backup_enabled = QCheckBox(_("Back up the database when the app starts, once a day"))
        self.backup_enabled.setObjectName("field_backup_enabled")
        form.addRow(self.backup_enabled)
        self.keep_days = QSpinBox()
        self.keep_days.setObjectName("field_keep_days")
        self.keep_days.setRange(1, 3650)
        self.keep_days.setSuffix(_(" days"))
        form.addRow(_("Keep backups for"), self.keep_days)
        form.addRow(self._error_label("keep_days"))
        self.backup_info = QLabel()
        self.backup_info.setObjectName("backup_info")
        self.backup_info.setWordWrap(True)
        open_folder = QPushButton(_("Open the backup folder"))
        open_folder.setObjectName("open_backup_folder")
        open_folder.clicked.connect(self.open_backup_folder)
        form.addRow(self.backup_info)
        form.addRow(open_folder)
        if self.db.path is None:
            self.backup_enabled.setEnabled(False)
            self.keep_days.setEnabled(False)
            open_folder.setEnabled(False)
        return box

    def _report_group(self) -> QGroupBox:
        box = QGroupBox(_("Reports"))
        form = QFormLayout(box)
        self.report_language = QComboBox()
        self.report_language.setObjectName("field_report_language")
        for code, name in LANGUAGES:
            self.report_language.addItem(name, code)
        form.addRow(_("Default language of printed documents"), self.report_language)
        return box

    def _letterhead_group(self) -> QGroupBox:
        box = QGroupBox(_("Letterhead"))
        form = QFormLayout(box)
        self.letterhead: dict[str, QWidget] = {}
        labels = {
            "secretariat": _("Secretariat's name"),
            "organization": _("Organization"),
            "address": _("Address"),
            "email": _("Email"),
            "phone": _("Telephone"),
            "website": _("Website"),
        }
        for name in ("secretariat", "organization", "address", "email", "phone", "website"):
            widget = QPlainTextEdit() if name == "address" else QLineEdit()
            if name == "address":
                widget.setFixedHeight(60)
                widget.setTabChangesFocus(True)
            widget.setObjectName(f"field_{name}")
            self.letterhead[name] = widget
            form.addRow(labels[name], widget)
            form.addRow(self._error_label(name))
        add_letter_fields(self, form)  # signatory, reference prefix, emblem (ui/letter_settings.py)
        return box

    # ------------------------------------------------------------------------------ values
    def load(self) -> None:
        self._data_choice = chosen_data_folder()
        self._show_data_folder()
        index = self.ui_language.findData(chosen_ui_language() or current_ui_language())
        self.ui_language.setCurrentIndex(max(0, index))
        policy = preferences.backup_policy(self.db)
        self.backup_enabled.setChecked(policy["enabled"])
        self.keep_days.setValue(policy["keep_days"])
        self._show_backup_info()
        index = self.report_language.findData(preferences.report_language(self.db))
        self.report_language.setCurrentIndex(max(0, index))
        head = preferences.letterhead(self.db)
        for name, widget in self.letterhead.items():
            value = head.get(name, "") or ""
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
                if isinstance(widget, QLineEdit):
                    widget.setCursorPosition(0)  # a long value shows its beginning, not its end

    def _show_data_folder(self) -> None:
        current = str(data_dir())
        shown = self._data_choice or current
        self.data_folder.setText(shown)
        if os.environ.get("SAIGA_DESK_DATA_DIR") and not self._data_choice:
            note = _("In use now: {folder} (set by SAIGA_DESK_DATA_DIR).").format(folder=current)
        elif self._data_choice and Path(self._data_choice) != Path(current):
            note = _("In use now: {folder}. The new folder is used from the next start.").format(
                folder=current
            )
        else:
            note = _("Databases, backups and logs are kept here.")
        self.data_note.setText(note)

    def _show_backup_info(self) -> None:
        if self.db.path is None:
            self.backup_info.setText(
                _(
                    "Backups of a shared server database are made by its administrator (for PostgreSQL: pg_dump)."
                )
            )
            return
        found = backups.list_backups(self.db)
        if found:
            text = _(
                "{n} backups; the newest from {when:%Y-%m-%d %H:%M}. Backups are also made before every import."
            )
            self.backup_info.setText(text.format(n=len(found), when=found[0].created))
        else:
            self.backup_info.setText(_("No backups yet. Backups are also made before every import."))

    def choose_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Data folder"), self.data_folder.text())
        if folder:
            self.set_data_folder(folder)

    def set_data_folder(self, folder: str) -> None:
        self.errors["data_folder"].hide()
        if folder:
            path = Path(folder)
            if not path.is_dir() or not os.access(path, os.W_OK):
                self._error(
                    "data_folder", _("{folder} is not a folder you can write to.").format(folder=folder)
                )
                return
        self._data_choice = folder
        self._show_data_folder()

    def open_backup_folder(self) -> None:
        if self.db.path is None:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups.folder_for(self.db.path))))

    def _error(self, name: str, message: str) -> None:
        label = self.errors.get(name)
        if label is not None:
            label.setText(message)
            label.show()

    def _front_first_refusal(self) -> None:
        """The first tab that shows a refusal comes to the front (the officer may be on another one)."""
        shown = [label for label in self.errors.values() if not label.isHidden()]
        for i in range(self.tabs.count()):
            if any(self.tabs.widget(i).isAncestorOf(label) for label in shown):
                self.tabs.setCurrentIndex(i)
                return

    def values(self) -> dict:
        head = {}
        for name, widget in self.letterhead.items():
            head[name] = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return {
            "data_folder": self._data_choice,
            "ui_language": self.ui_language.currentData(),
            "backup_enabled": self.backup_enabled.isChecked(),
            "keep_days": self.keep_days.value(),
            "report_language": self.report_language.currentData(),
            "letterhead": head,
        }

    def save(self) -> bool:
        """Store everything; inline messages and False when a value is refused (nothing half-saved)."""
        for label in self.errors.values():
            label.hide()
        v = self.values()
        try:
            email = v["letterhead"]["email"].strip()
            if email and ("@" not in email or " " in email):
                raise ValidationError({"email": _("{value} is not an email address.").format(value=email)})
            if v["data_folder"] and not Path(v["data_folder"]).is_dir():
                raise ValidationError(
                    {"data_folder": _("{folder} does not exist.").format(folder=v["data_folder"])}
                )
            if self.may_change_shared:
                preferences.set_letterhead(self.db, v["letterhead"])
                preferences.set_report_language(self.db, v["report_language"])
            if self.may_change_shared and self.db.path is not None:
                preferences.set_backup_policy(self.db, enabled=v["backup_enabled"], keep_days=v["keep_days"])
        except ValidationError as e:
            for name, message in e.fields.items():
                self._error(name, message)
            self._front_first_refusal()
            return False
        except SaigaError as e:
            show_error(self, e)
            return False
        if v["data_folder"] != chosen_data_folder():
            set_chosen_data_folder(v["data_folder"])
        if self.ui_language.isEnabled() and v["ui_language"] != (
            chosen_ui_language() or current_ui_language()
        ):
            set_chosen_ui_language(v["ui_language"])
            self.language_changed = True
        hub.notify("settings")
        return True

    def accept(self) -> None:
        self.language_changed = False
        if self.save():
            super().accept()
            if self.language_changed and prompts.ask_confirm(
                self.parentWidget(), _("Language of the interface"),
                _("The interface speaks the new language once Saiga Desk starts again."), _("Restart now?"),
            ):  # fmt: skip
                restart(self.parentWidget())


def restart(window) -> bool:
    """Close ``window`` (it may keep an unsaved edit: then nothing happens) and start Saiga Desk again."""
    if window is not None and not window.window().close():
        return False
    args = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    QProcess.startDetached(sys.executable, args)
    QCoreApplication.quit()
    return True
