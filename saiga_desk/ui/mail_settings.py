"""Settings → Mail: how messages go out (the mail server, or drafts for Outlook and Thunderbird).

``MailSettingsGroup`` is the Mail section of the settings dialog (a summary and a button);
``MailSettingsDialog`` edits the values: they are stored in the database preferences, except the
password, which goes to the operating system's keyring and nowhere else (the field is never filled back).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core.errors import SaigaError, ValidationError
from saiga_desk.core.mail_settings import DEFAULT_PORTS, SECURITIES, mail_settings, set_mail_settings
from saiga_desk.i18n import N_, _
from saiga_desk.io import mail_credentials

SECURITY_LABELS = {"starttls": N_("STARTTLS"), "tls": N_("TLS (SSL)"), "none": N_("None (local server only)")}


def describe(settings) -> str:
    """One line: where messages go now."""
    if settings.method == "smtp":
        if not settings.host:
            return _("Through a mail server: not set yet.")
        who = f" ({settings.user})" if settings.user else ""
        return _("Through the mail server {server}{who}, from {sender}.").format(
            server=f"{settings.host}:{settings.port}", who=who, sender=settings.sender or "?"
        )
    if not settings.drafts_folder:
        return _("As drafts: the folder is not set yet.")
    return _("As drafts (.eml) in {folder}.").format(folder=settings.drafts_folder)


class MailSettingsDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("mailSettingsDialog")
        self.setWindowTitle(_("Mail settings"))
        s = mail_settings(db)
        layout = QVBoxLayout(self)
        self.smtp_radio = QRadioButton(_("Send through the Secretariat's mail server"))
        self.smtp_radio.setObjectName("method_smtp")
        self.drafts_radio = QRadioButton(_("Write drafts to review and send from Outlook or Thunderbird"))
        self.drafts_radio.setObjectName("method_drafts")
        group = QButtonGroup(self)
        for b in (self.smtp_radio, self.drafts_radio):
            group.addButton(b)
            layout.addWidget(b)
        (self.smtp_radio if s.method == "smtp" else self.drafts_radio).setChecked(True)

        box = QGroupBox(_("Mail server"))
        self.server_box = box
        form = QFormLayout(box)
        self.host = self._line("host", s.host, "smtp.example.org")
        self.port = QSpinBox()
        self.port.setObjectName("field_port")
        self.port.setRange(1, 65535)
        self.port.setValue(s.port)
        self.security = QComboBox()
        self.security.setObjectName("field_security")
        for key in SECURITIES:
            self.security.addItem(_(SECURITY_LABELS[key]), key)
        self.security.setCurrentIndex(SECURITIES.index(s.security))
        self.security.currentIndexChanged.connect(self._default_port)
        self.user = self._line("user", s.user, _("user name on the mail server"))
        self.password = QLineEdit()
        self.password.setObjectName("field_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        stored = bool(s.user and s.host and mail_credentials.get_password(s.user, s.host))
        self.password.setPlaceholderText(
            _("kept in the system keyring") if stored else _("stored in the system keyring only")
        )
        self.sender = self._line("sender", s.sender, "saiga.secretariat@example.org")
        self.pause = QDoubleSpinBox()
        self.pause.setObjectName("field_pause")
        self.pause.setRange(0, 600)
        self.pause.setDecimals(1)
        self.pause.setSuffix(_(" s"))
        self.pause.setValue(s.pause)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        host_row.addWidget(QLabel(_("Port")))
        host_row.addWidget(self.port)
        form.addRow(_("Server"), host_row)
        form.addRow(_("Security"), self.security)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow(_("From (sender's address)"), self.sender)
        form.addRow(_("Pause between messages"), self.pause)
        layout.addWidget(box)

        box = QGroupBox(_("Drafts"))
        self.drafts_box = box
        row = QHBoxLayout(box)
        self.drafts_folder = self._line("drafts_folder", s.drafts_folder, _("folder for the .eml drafts"))
        choose = QPushButton(_("Choose…"))
        choose.setObjectName("choose_drafts_folder")
        choose.clicked.connect(self.choose_folder)
        row.addWidget(self.drafts_folder, 1)
        row.addWidget(choose)
        layout.addWidget(box)
        self.error = QLabel()
        self.error.setObjectName("mailSettingsError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.setMinimumWidth(560)
        self.smtp_radio.toggled.connect(self._show_method)
        self._show_method()

    def _show_method(self) -> None:
        self.server_box.setEnabled(self.smtp_radio.isChecked())
        self.drafts_box.setEnabled(not self.smtp_radio.isChecked())

    def _line(self, name: str, value: str, placeholder: str) -> QLineEdit:
        w = QLineEdit(value)
        w.setObjectName(f"field_{name}")
        w.setPlaceholderText(placeholder)
        return w

    def _default_port(self) -> None:
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[self.security.currentData()])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Drafts folder"), self.drafts_folder.text())
        if folder:
            self.drafts_folder.setText(folder)

    def save(self) -> bool:
        self.error.hide()
        try:
            new = set_mail_settings(
                self.db,
                method="smtp" if self.smtp_radio.isChecked() else "drafts",
                host=self.host.text(),
                port=self.port.value(),
                security=self.security.currentData(),
                user=self.user.text(),
                sender=self.sender.text(),
                drafts_folder=self.drafts_folder.text(),
                pause=self.pause.value(),
            )
            if self.password.text():
                if not (new.user and new.host):
                    raise SaigaError(_("Give the server and the user before the password."))
                mail_credentials.set_password(new.user, new.host, self.password.text())
                self.password.clear()
        except ValidationError as e:
            self.error.setText(" ".join(f"{k}: {v}" for k, v in e.fields.items()) or str(e))
            self.error.show()
            return False
        except SaigaError as e:
            self.error.setText(str(e))
            self.error.show()
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


class MailSettingsGroup(QGroupBox):
    """The Mail section of Settings: where messages go, and a button to change it."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(_("Mail"), parent)
        self.db = db
        self.setObjectName("mailSettingsGroup")
        row = QHBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("mailSummary")
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        button = QPushButton(_("Mail settings…"))
        button.setObjectName("openMailSettings")
        button.clicked.connect(self.edit)
        row.addWidget(button)
        self.refresh()

    def refresh(self) -> None:
        self.summary.setText(describe(mail_settings(self.db)))

    def edit(self) -> MailSettingsDialog:
        dialog = MailSettingsDialog(self.db, self)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog
