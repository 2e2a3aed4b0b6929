"""Messages from templates: one per recipient, in their language, every placeholder checked, the letter
PDF (and for a review pack the pack workbook) attached, the body as plain text and HTML.

``prepare`` reads who gets what (the letters' recipients: the current contact points of every Signatory;
for a reminder those of the Signatories whose national report is still owed, with the reminder letter)
and returns a ``Mailing``; nothing is written. ``Mailing.files`` makes a message's attachments when it is
about to go out, ``email_message`` builds the ``EmailMessage`` that is sent or saved as a draft.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from saiga_desk.core import mail_log, preferences, report_data, reporting_overview
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _
from saiga_desk.io import review_pack
from saiga_desk.io.mail_templates import KIND_TITLES, TEMPLATES, mail_language
from saiga_desk.io.reports import letters, national_reports
from saiga_desk.io.reports.safe_text import clean, one_line

PENDING, SKIPPED, NO_ADDRESS = "pending", "skipped", "no address"
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass
class Message:
    kind: str
    person_id: int
    signatory_id: int | None
    meeting_id: int | None
    name: str  # the recipient as the letter names them
    to: str  # the address ("" when the person has none)
    language: str
    subject: str
    text: str
    html: str
    attachment_names: list[str]
    state: str = PENDING  # pending | skipped (already sent or drafted) | no address
    values: dict = field(default_factory=dict, repr=False)

    def summary(self, outcome: str | None = None) -> dict:
        return {"to": self.to, "name": self.name, "language": self.language, "subject": self.subject,
                "attachments": list(self.attachment_names), "outcome": outcome or self.state}  # fmt: skip


@dataclass
class Mailing:
    """What one mailing would send; ``messages`` in order (pending, skipped and without address alike)."""

    db: object
    kind: str
    meeting_id: int | None
    meeting_code: str | None
    messages: list[Message]
    head: dict
    cycle_id: int | None = None  # a reminder's national-report cycle
    _folder: Path | None = None

    @property
    def pending(self) -> list[Message]:
        return [x for x in self.messages if x.state == PENDING]

    @property
    def without_address(self) -> list[Message]:
        return [x for x in self.messages if x.state == NO_ADDRESS]

    @property
    def title(self) -> str:
        return _(KIND_TITLES[self.kind])

    def files(self, message: Message) -> list[tuple[str, bytes, tuple[str, str]]]:
        """The attachments of ``message`` as (file name, content, (maintype, subtype)), made now."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="saiga-mail-"))
        out = []
        letter = self._folder / message.attachment_names[0]
        if message.kind == "reminder":
            national_reports.write_reminder(letter, message.values, head=self.head, language=message.language)
        else:
            letters.write_letter(letter, message.values, head=self.head, language=message.language)
        out.append((letter.name, letter.read_bytes(), ("application", "pdf")))
        if message.kind == "review_pack":
            pack = self._folder / message.attachment_names[1]
            review_pack.write_review_pack(self.db, message.signatory_id, pack)
            out.append((pack.name, pack.read_bytes(), XLSX))
        return out

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Mailing:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ------------------------------------------------------------------------------------------------ rendering
def render(template: str, values: dict) -> str:
    return clean(template).format_map({k: clean(v) for k, v in values.items()})


def as_html(text: str, language: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "\n".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head>\n'
            f'<body style="font-family: sans-serif">\n{body}\n</body></html>\n')  # fmt: skip


def _stem(values: dict) -> str:
    return re.sub(r"[^\w.-]+", "_", values["_file"]).strip("._") or "letter"


def _letter_template(kind: str, language: str) -> str:
    """The attached letter's template: the reminder letter for a reminder, else the letters' default."""
    return (national_reports.REMINDER_TEMPLATE if kind == "reminder" else letters.DEFAULT_TEMPLATE)[language]


def _fields(kind: str, template: str) -> list[str]:
    known = national_reports.REMINDER_PLACEHOLDERS if kind == "reminder" else None
    return letters.template_fields(template, known)


def _check(kind: str, messages: list[Message], templates: dict[str, tuple[str, str]]) -> None:
    """Every placeholder of subject, body and letter known, and non-empty for every message that goes out."""
    fields = {}
    for lang, (subject, body) in templates.items():
        fields[lang] = list(dict.fromkeys(_fields(kind, subject) + _fields(kind, body)
                                          + _fields(kind, _letter_template(kind, lang))))  # fmt: skip
    problems = []
    for msg in messages:
        for f in fields[msg.language]:
            if not clean(msg.values.get(f, "")).strip():
                problems.append(_("the message to {name} ({signatory}) would have an empty {placeholder}").format(
                    name=msg.values.get("name") or "?", signatory=msg.values.get("signatory") or "?",
                    placeholder="{" + f + "}"))  # fmt: skip
    if problems:
        more = len(problems) - 5
        text = "; ".join(problems[:5]) + (_("; and {n} more").format(n=more) if more > 0 else "")
        raise SaigaError(_("No message was prepared: {problems}.").format(problems=text))


# ------------------------------------------------------------------------------------------------ prepare
def prepare(db, kind: str, *, meeting_code: str | None = None, signatory: str | None = None,
            resend: bool = False, templates: dict[str, tuple[str, str]] | None = None) -> Mailing:  # fmt: skip
    """Who gets which message: the current contact points (of ``signatory`` only, for review packs; for
    reminders, of the Signatories whose national report to the meeting is still owed).

    ``templates`` replaces the subject and body per language ({"en": (subject, body), "ru": ...}).
    Messages already sent or drafted in this mailing are marked skipped unless ``resend``; persons
    without an address are marked apart. Refused with one sentence when a placeholder would be empty.
    """
    if kind not in TEMPLATES:
        raise SaigaError(_("Unknown kind of message {kind!r}.").format(kind=kind))
    templates = dict(TEMPLATES[kind]) | (templates or {})
    sig_id = None
    if kind == "review_pack" and signatory and signatory.strip().lower() != "all":
        sig_id = review_pack.resolve_signatory(db, signatory).id
    today = dt.date.today()
    if kind == "invitation":
        if not meeting_code:
            raise SaigaError(_("Invitations need the meeting: give its code."))
        meeting = report_data.meeting_by_code(db, meeting_code)
        if meeting.status == "cancelled":
            raise SaigaError(_("{code} is cancelled; invitations are not sent for a cancelled meeting.")
                             .format(code=meeting.code))  # fmt: skip
    elif kind == "reminder":
        if not meeting_code:
            raise SaigaError(_("Reminders need the meeting whose national reports are owed: give its code."))
        meeting = report_data.meeting_by_code(db, meeting_code)
    else:
        meeting = (
            report_data.meeting_by_code(db, meeting_code) if meeting_code else report_data.latest_mos(db)
        )
    cycle_id = None
    if kind == "reminder":  # the current contact points of the Signatories whose report is still owed
        ov = reporting_overview.overview(db, meeting.id, today)
        if not ov.to_remind:
            raise SaigaError(_("No national report of {meeting} is still owed: there is no reminder to send.")
                             .format(meeting=meeting.code))  # fmt: skip
        cycle_id = ov.cycle.id
        by_lang = {lang: national_reports.reminder_recipients(db, meeting=meeting, as_at=today, language=lang,
                                                              owed=ov.to_remind) for lang in templates}  # fmt: skip
    else:
        by_lang = {
            lang: letters.recipients(db, meeting=meeting, as_at=today, language=lang) for lang in templates
        }
    head = preferences.letterhead(db)
    languages = mail_log.preferred_languages(db)
    meeting_id, code = (meeting.id, meeting.code) if meeting is not None else (None, None)
    keyed = {lang: {(v["_person_id"], v["_signatory_id"]): v for v in vals} for lang, vals in by_lang.items()}
    done = mail_log.already_done(db, kind, meeting_id=meeting_id)  # the same mailing: kind and meeting
    refs = {r.id: r for r in review_pack.signatories(db)} if kind == "review_pack" else {}
    messages, seen = [], set()
    for base in by_lang[next(iter(by_lang))]:
        pid, sid = base["_person_id"], base["_signatory_id"]
        if sig_id is not None and sid != sig_id:
            continue
        key = pid if kind in ("invitation", "letter") else (pid, sid)
        if key in seen:
            continue
        seen.add(key)
        lang = mail_language(languages.get(pid))
        values = keyed[lang][(pid, sid)]
        subject_t, body_t = templates[lang]
        to = (values.get("email") or "").strip()
        state = PENDING if to else NO_ADDRESS
        if state == PENDING and not resend and mail_log.is_done(done, pid, to):
            state = SKIPPED
        names = [f"{_stem(values)}.pdf"]
        if kind == "review_pack":
            names.append(review_pack.pack_file_name(refs[sid]))
        messages.append(Message(kind, pid, sid, meeting_id, values["name"], to, lang, "", "", "", names, state,
                                values))  # fmt: skip
    _check(kind, [x for x in messages if x.state == PENDING], templates)
    for msg in messages:
        subject_t, body_t = templates[msg.language]
        if all(msg.values.get(f) for f in _fields(kind, subject_t)):
            msg.subject = one_line(render(subject_t, msg.values))
        if all(msg.values.get(f) for f in _fields(kind, body_t)):
            msg.text = render(body_t, msg.values)
            msg.html = as_html(msg.text, msg.language)
    return Mailing(db, kind, meeting_id, code, messages, head, cycle_id)


# ------------------------------------------------------------------------------------------------ the e-mail
def email_message(msg: Message, files, sender: str, *, draft: bool = False) -> EmailMessage:
    """The message as it goes out (multipart: plain text, HTML, attachments); ``draft`` adds X-Unsent: 1."""
    em = EmailMessage()
    em["Subject"] = msg.subject
    if sender:
        em["From"] = sender
    em["To"] = Address(display_name=one_line(msg.name), addr_spec=msg.to)
    em["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2] if "@" in sender else "saiga-desk.invalid"
    em["Message-ID"] = make_msgid(domain=domain)
    if draft:
        em["X-Unsent"] = "1"
    em.set_content(msg.text)
    em.add_alternative(msg.html, subtype="html")
    for name, content, (maintype, subtype) in files:
        em.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    em["Content-Language"] = msg.language  # last: adding parts moves Content-* headers into the parts
    return em


def attachment_records(files) -> tuple[mail_log.Attachment, ...]:
    return tuple(mail_log.Attachment(n, hashlib.sha256(c).hexdigest(), len(c)) for n, c, _t in files)


def outcome(mailing: Mailing, msg: Message, em: EmailMessage, files, result: str, answer: str | None = None):
    """The log entry of one message (``result``: sent, draft or failed)."""
    return mail_log.MailOutcome(
        kind=msg.kind, recipient=msg.to, language=msg.language, subject=msg.subject,
        message_id=em["Message-ID"], outcome=result, person_id=msg.person_id,
        meeting_id=mailing.meeting_id, signatory_id=msg.signatory_id, cycle_id=mailing.cycle_id,
        attachments=attachment_records(files), server_answer=answer,
    )  # fmt: skip


@dataclass
class Summary:
    """What a run did: counts and one entry per message (``--json`` of the CLI)."""

    sent: int = 0
    drafts: int = 0
    skipped: int = 0
    failed: int = 0
    cancelled: bool = False
    messages: list[dict] = field(default_factory=list)

    def add(self, msg: Message, result: str, answer: str | None = None) -> None:
        if result == "sent":
            self.sent += 1
        elif result == "draft":
            self.drafts += 1
        elif result == "failed":
            self.failed += 1
        elif result in (SKIPPED, NO_ADDRESS):
            self.skipped += 1
        self.messages.append(msg.summary(result) | ({"answer": answer} if answer else {}))

    def as_json(self) -> dict:
        return {"sent": self.sent, "drafts": self.drafts, "skipped": self.skipped, "failed": self.failed,
                "cancelled": self.cancelled,
                "messages": [{k: x[k] for k in ("to", "language", "subject", "attachments", "outcome")}
                             | ({"answer": x["answer"]} if x.get("answer") else {})
                             for x in self.messages]}  # fmt: skip

    def text(self) -> str:
        line = _("{sent} sent, {drafts} drafts written, {skipped} skipped, {failed} failed.").format(
            sent=self.sent, drafts=self.drafts, skipped=self.skipped, failed=self.failed)  # fmt: skip
        return line + (" " + _("Cancelled: the rest was not sent.") if self.cancelled else "")


def dry_run(mailing: Mailing) -> Summary:
    summary = Summary()
    for msg in mailing.messages:
        summary.add(msg, "dry-run" if msg.state == PENDING else msg.state)
    return summary
