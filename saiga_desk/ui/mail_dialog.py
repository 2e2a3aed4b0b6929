"""The mail dialog: preview every message as the recipient will see it, then send it through the mail
server or write it as a draft, in the background with progress and Cancel.

Left, the recipients (to send, already sent, and apart those without an address); right, the selected
message: subject, body, attachments. The way out is the one chosen in Settings → Mail. A tab shows the
mail log of the meeting (what went to whom, with the server's answer when it failed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import mail_log, national_reports
from saiga_desk.core.choices import choice_label
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.mail_settings import mail_settings
from saiga_desk.i18n import N_, _
from saiga_desk.io import mail_drafts, mail_sending
from saiga_desk.io.mail_credentials import credentials
from saiga_desk.io.mail_messages import NO_ADDRESS, PENDING, SKIPPED, Mailing, prepare
from saiga_desk.io.mail_templates import KIND_TITLES
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.mail_settings import MailSettingsDialog, describe
from saiga_desk.ui.tasks import run_task

STATE_LABELS = {PENDING: N_("to send"), SKIPPED: N_("already sent"), NO_ADDRESS: N_("no address")}
KINDS = ("invitation", "reminder", "review_pack", "letter")  # a reminder only for a meeting with a cycle
LOG_COLUMNS = (N_("When"), N_("To"), N_("Language"), N_("Subject"), N_("Outcome"), N_("Server answer"))


class MailDialog(QDialog):
    def __init__(self, db, kind: str = "invitation", meeting_code: str | None = None, parent=None):
        super().__init__(parent)
        self.db = db
        self.meeting_code = meeting_code
        self.mailing: Mailing | None = None
        self.task = None
        self.summary = None
        self.ready = False  # the messages are prepared and shown
        self._generation = 0
        self._last_result = ""
        self.setObjectName("mailDialog")
        self.setWindowTitle(_("E-mail: {meeting}").format(meeting=meeting_code or _("contact points")))
        self.resize(980, 620)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("mailKind")
        kinds = [k for k in KINDS if k != "reminder" or kind == "reminder" or self._has_cycle()]
        for k in kinds:
            self.kind.addItem(_(KIND_TITLES[k]), k)
        self.kind.setCurrentIndex(kinds.index(kind))
        self.kind.currentIndexChanged.connect(self.reload)
        top.addWidget(self.kind)
        self.resend = QCheckBox(_("Also to those already sent"))
        self.resend.setObjectName("mailResend")
        self.resend.toggled.connect(self.reload)
        top.addWidget(self.resend)
        top.addStretch(1)
        self.way = QLabel()
        self.way.setObjectName("mailWay")
        top.addWidget(self.way)
        settings_button = QPushButton(_("Settings…"))
        settings_button.setObjectName("mailSettings")
        settings_button.clicked.connect(self.edit_settings)
        top.addWidget(settings_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mailTabs")
        self.tabs.addTab(self._preview_tab(), _("Messages"))
        self.log_table = QTableWidget(0, len(LOG_COLUMNS))
        self.log_table.setObjectName("mailLog")
        self.log_table.setHorizontalHeaderLabels([_(c) for c in LOG_COLUMNS])
        self.log_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.log_table.horizontalHeader().setStretchLastSection(True)
        self.log_table.verticalHeader().hide()
        self.tabs.addTab(self.log_table, _("Mail log"))
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("mailStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.send_button = QPushButton()
        self.send_button.setObjectName("mailSend")
        self.send_button.clicked.connect(self.send)
        bottom.addWidget(self.send_button)
        close = QPushButton(_("Close"))
        close.setObjectName("mailClose")
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.reload()

    def _has_cycle(self) -> bool:
        """Whether the meeting has a national-report cycle (then reminders can be sent)."""
        return bool(self.meeting_code) and self.meeting_code.casefold() in {
            code.casefold() for code, _mid in national_reports.cycles(self.db)
        }

    def _preview_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        v = QVBoxLayout(left)
        v.setContentsMargins(0, 0, 0, 0)
        self.recipients = QTreeWidget()
        self.recipients.setObjectName("mailRecipients")
        self.recipients.setHeaderLabels([_("Recipient"), _("Address"), _("Language"), _("State")])
        self.recipients.setRootIsDecorated(False)
        self.recipients.currentItemChanged.connect(lambda item, _old: self.show_message(item))
        v.addWidget(self.recipients, 3)
        self.apart_label = QLabel(_("Without an address (nothing is sent to them):"))
        v.addWidget(self.apart_label)
        self.without_address = QListWidget()
        self.without_address.setObjectName("mailWithoutAddress")
        v.addWidget(self.without_address, 1)
        split.addWidget(left)
        right = QWidget()
        v = QVBoxLayout(right)
        v.setContentsMargins(0, 0, 0, 0)
        self.subject = QLabel()
        self.subject.setObjectName("mailSubject")
        self.subject.setWordWrap(True)
        self.subject.setStyleSheet("font-weight: bold;")
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.subject)
        self.body = QTextBrowser()
        self.body.setObjectName("mailBody")
        v.addWidget(self.body, 1)
        self.attachments = QLabel()
        self.attachments.setObjectName("mailAttachments")
        self.attachments.setWordWrap(True)
        v.addWidget(self.attachments)
        split.addWidget(right)
        split.setSizes([520, 460])
        return split

    # ------------------------------------------------------------------------------------ content
    def reload(self) -> None:
        """Prepare the messages again, off the GUI thread (reading the recipients takes a moment)."""
        if self.mailing is not None:
            self.mailing.close()
            self.mailing = None
        self.ready = False
        self._generation += 1
        generation = self._generation
        self.recipients.clear()
        self.without_address.clear()
        self.show_message(None)
        settings = mail_settings(self.db)
        self.way.setText(describe(settings))
        self.send_button.setText(_("Send") if settings.method == "smtp" else _("Write drafts"))
        self.send_button.setEnabled(False)
        self.status.setText(_("Preparing the messages…"))
        kind, resend = self.kind.currentData(), self.resend.isChecked()

        def job(progress):
            return prepare(self.db, kind, meeting_code=self.meeting_code, signatory="all", resend=resend)

        # no Qt parent: a preparation outdated by a newer choice, or by closing, ends on its own
        run_task(None, _("Preparing the messages…"), job, show_dialog=False,
                 on_done=lambda mailing: self._prepared(generation, mailing),
                 on_error=lambda exc: self._prepare_failed(generation, exc))  # fmt: skip

    def _prepare_failed(self, generation: int, exc) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, SaigaError):
            show_error(self, exc, _("Mail"))
        self.status.setText(str(exc))
        self._load_log()
        self.ready = True

    def _prepared(self, generation: int, mailing: Mailing) -> None:
        if generation != self._generation:  # a newer choice replaced this one meanwhile
            mailing.close()
            return
        self.mailing = mailing
        for msg in mailing.messages:
            if msg.state == NO_ADDRESS:
                self.without_address.addItem(msg.name)
                continue
            item = QTreeWidgetItem([msg.name, msg.to, choice_label(msg.language), _(STATE_LABELS[msg.state])])
            item.setData(0, Qt.ItemDataRole.UserRole, msg)
            self.recipients.addTopLevelItem(item)
        for col in range(4):
            self.recipients.resizeColumnToContents(col)
        if self.recipients.topLevelItemCount():
            self.recipients.setCurrentItem(self.recipients.topLevelItem(0))
        n = len(mailing.pending)
        self.send_button.setEnabled(n > 0 and self.task is None)
        text = _("{n} messages to send, {skipped} already sent, {apart} without an address.").format(
            n=n,
            skipped=sum(1 for x in mailing.messages if x.state == SKIPPED),
            apart=len(mailing.without_address),
        )
        self.status.setText(f"{self._last_result} {text}".strip())
        self._last_result = ""
        self._load_log()
        self.ready = True

    def show_message(self, item) -> None:
        msg = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if msg is None:
            self.subject.clear()
            self.body.clear()
            self.attachments.clear()
            return
        self.subject.setText(_("Subject: {subject}").format(subject=msg.subject))
        self.body.setHtml(msg.html)
        self.attachments.setText(_("Attached: {files}").format(files=", ".join(msg.attachment_names)))

    def _load_log(self) -> None:
        meeting_id = self.mailing.meeting_id if self.mailing is not None else None
        rows = mail_log.messages(self.db, meeting_id=meeting_id)
        self.log_table.setRowCount(len(rows))
        for i, r in enumerate(reversed(rows)):
            values = (r.at.strftime("%Y-%m-%d %H:%M"), r.recipient, choice_label(r.language), r.subject,
                      choice_label(r.outcome), r.server_answer or "")  # fmt: skip
            for j, value in enumerate(values):
                self.log_table.setItem(i, j, QTableWidgetItem(value))
        self.log_table.resizeColumnsToContents()
        self.log_table.setColumnWidth(3, min(self.log_table.columnWidth(3), 320))

    # ------------------------------------------------------------------------------------ actions
    def edit_settings(self) -> None:
        dialog = MailSettingsDialog(self.db, self)
        if dialog.exec():
            self.reload()

    def send(self):
        if self.mailing is None or not self.mailing.pending or self.task is not None:
            return None
        settings = mail_settings(self.db)
        mailing = self.mailing
        try:
            if settings.method == "smtp":
                if not settings.host:
                    raise SaigaError(_("No mail server is set: set it in Settings → Mail."))
                user, password = credentials(settings.user, settings.host)
                server = mail_sending.Server(settings.host, settings.port, settings.security, user, password,
                                             settings.sender, settings.pause, settings.retries)  # fmt: skip

                def job(progress):
                    return mail_sending.send(mailing, server, progress)

                title = _("Sending messages")
            else:
                if not settings.drafts_folder:
                    raise SaigaError(_("No drafts folder is set: set it in Settings → Mail."))

                def job(progress):
                    return mail_drafts.write_drafts(
                        mailing, settings.drafts_folder, settings.sender, progress
                    )

                title = _("Writing drafts")
        except SaigaError as e:
            show_error(self, e)
            return None
        self.send_button.setEnabled(False)
        self.status.setText(title + "…")
        self.task = run_task(self, title, job, on_done=self._done, on_error=self._failed)
        return self.task

    def _done(self, summary) -> None:
        self.task = None
        self.summary = summary
        self._last_result = summary.text()
        self.reload()
        if summary.failed or summary.cancelled:
            self.tabs.setCurrentIndex(1)

    def _failed(self, exc) -> None:
        self.task = None
        self.reload()
        show_error(self, exc, _("Mail"))

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()
            return  # closes once the running message is finished and logged
        self._generation += 1  # a preparation still running is dropped when it ends
        if self.mailing is not None:
            self.mailing.close()
        super().done(result)


def open_mail_dialog(parent, db, kind: str = "invitation", meeting_code: str | None = None) -> MailDialog:
    """The hook of the Meetings page: the mail dialog for a meeting, shown without blocking."""
    dialog = MailDialog(db, kind, meeting_code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
