"""Drafts: one ``.eml`` file per message, marked unsent (``X-Unsent: 1``) so that Outlook and Thunderbird
open each as a draft to review and send. Each file appears whole (written beside, then renamed) and is
logged as "draft written" as soon as it is there."""

from __future__ import annotations

import re
from pathlib import Path

from saiga_desk.core import mail_log
from saiga_desk.core.errors import CancelledError, Progress, SaigaError
from saiga_desk.core.output_files import atomic_output
from saiga_desk.i18n import _
from saiga_desk.io.mail_messages import PENDING, Mailing, Message, Summary, email_message, outcome


def draft_name(mailing: Mailing, msg: Message) -> str:
    parts = [
        msg.kind.replace("_", "-"),
        mailing.meeting_code or "",
        msg.attachment_names[0].removesuffix(".pdf"),
    ]
    stem = re.sub(r"[^\w.-]+", "_", "-".join(p for p in parts if p)).strip("._")
    return f"{stem}.eml"


def _write(path: Path, data: bytes) -> None:
    with atomic_output(path, ".eml.part") as tmp:  # an ordinary document: the umask's permissions
        tmp.write_bytes(data)


def write_drafts(mailing: Mailing, folder, sender: str = "", progress: Progress | None = None) -> Summary:
    """Write every pending message of ``mailing`` as a draft into ``folder``."""
    progress = progress or Progress()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaigaError(_("Cannot create the drafts folder {folder}: {error}.").format(
            folder=folder, error=e.strerror or e)) from None  # fmt: skip
    summary = Summary()
    for msg in mailing.messages:
        if msg.state != PENDING:
            summary.add(msg, msg.state)
    todo = mailing.pending
    try:
        for i, msg in enumerate(todo):
            progress.report(i, len(todo), _("Draft for {name}").format(name=msg.to))
            progress.check()
            files = mailing.files(msg)
            em = email_message(msg, files, sender, draft=True)
            path = folder / draft_name(mailing, msg)
            try:
                _write(path, em.as_bytes())
            except OSError as e:
                raise SaigaError(
                    _("Cannot write {file}: {error}.").format(file=path, error=e.strerror or e)
                ) from None
            mail_log.record(mailing.db, outcome(mailing, msg, em, files, "draft"))
            summary.add(msg, "draft")
        progress.report(len(todo), len(todo), _("Drafts written"))
    except CancelledError:
        summary.cancelled = True
    return summary
