"""``saiga-desk mail invitations|reminders|review-packs …``: messages from templates, each recipient in
their language, sent through the mail server (``--smtp``) or written as drafts (``--drafts``).

Without ``--smtp`` or ``--drafts`` the way out chosen in Settings is used. Credentials come from Settings
and the system keyring, or ``SAIGA_DESK_SMTP_USER`` / ``SAIGA_DESK_SMTP_PASSWORD``.
"""

from __future__ import annotations

import json
import sys

from saiga_desk.core.errors import Progress, SaigaError
from saiga_desk.i18n import _

SECURITIES = ("starttls", "tls", "none")  # as core.mail_settings.SECURITIES (no ORM import here)


def _common(p, meeting_required: bool) -> None:
    p.add_argument("--meeting", metavar="CODE", required=meeting_required, help=_("the meeting, e.g. MOS4"))
    p.add_argument("--smtp", metavar="HOST:PORT", help=_("send through this mail server"))
    p.add_argument("--security", choices=SECURITIES, help=_("connection security (default: from Settings)"))
    p.add_argument("--from", dest="sender", metavar="ADDRESS", help=_("the sender's address"))
    p.add_argument("--drafts", metavar="DIR", help=_("write one .eml draft per message into DIR instead"))
    p.add_argument("--pause", type=float, metavar="SECONDS", help=_("pause between two messages"))
    p.add_argument("--dry-run", action="store_true", help=_("show the messages; send and write nothing"))
    p.add_argument("--resend", action="store_true", help=_("also send to those already sent or drafted"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def register(sub) -> None:
    p = sub.add_parser("mail", help=_("invitations and letters by e-mail, or as drafts"))
    msub = p.add_subparsers(dest="mail_command", metavar="KIND", required=True)
    a = msub.add_parser("invitations", help=_("invite every Signatory's contact points to a meeting"))
    _common(a, True)
    a.set_defaults(func=cmd_mail, kind="invitation", signatory=None)
    a = msub.add_parser("reminders", help=_("remind the Signatories whose national report was not received"))
    _common(a, True)
    a.set_defaults(func=cmd_mail, kind="reminder", signatory=None)
    a = msub.add_parser("review-packs", help=_("send each Signatory its review pack to correct and return"))
    a.add_argument("signatory", metavar="SIGNATORY|all", help=_("country code, acronym, name, or all"))
    _common(a, False)
    a.set_defaults(func=cmd_mail, kind="review_pack")


def _usage(message: str) -> int:
    print(_("saiga-desk mail: {message}").format(message=message), file=sys.stderr)
    return 2


def _server(args, settings):
    # deferred: smtplib, keyring and the messages load only for this command
    from saiga_desk.io.mail_credentials import credentials
    from saiga_desk.io.mail_sending import Server

    host, port = settings.host, settings.port
    if args.smtp:
        host, _sep, port_text = args.smtp.rpartition(":")
        if not host or not port_text.isdigit():
            raise SaigaError(_("--smtp {value} is not HOST:PORT.").format(value=args.smtp))
        port = int(port_text)
    if not host:
        raise SaigaError(_("No mail server is set: give --smtp HOST:PORT or set it in Settings → Mail."))
    user, password = credentials(settings.user, host)
    return Server(host=host, port=port, security=args.security or settings.security, user=user,
                  password=password, sender=args.sender or settings.sender,
                  pause=settings.pause if args.pause is None else args.pause, retries=settings.retries)  # fmt: skip


def cmd_mail(args) -> int:
    if args.smtp and args.drafts:
        return _usage(_("give either --smtp or --drafts, not both"))
    # deferred: the ORM, reportlab and smtplib load only when mail is sent
    from saiga_desk.core.mail_settings import mail_settings
    from saiga_desk.io import mail_drafts, mail_sending
    from saiga_desk.io.mail_messages import dry_run, prepare

    settings = mail_settings(args.db)
    method = "smtp" if args.smtp else "drafts" if args.drafts else settings.method
    progress = Progress(_show)
    with prepare(args.db, args.kind, meeting_code=args.meeting, signatory=args.signatory,
                 resend=args.resend) as mailing:  # fmt: skip
        if args.dry_run:
            summary = dry_run(mailing)
        elif method == "smtp":
            summary = mail_sending.send(mailing, _server(args, settings), progress)
        else:
            folder = args.drafts or settings.drafts_folder
            if not folder:
                raise SaigaError(
                    _("No drafts folder is set: give --drafts DIR or set it in Settings → Mail.")
                )
            summary = mail_drafts.write_drafts(mailing, folder, args.sender or settings.sender, progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        json.dump(summary.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for x in summary.messages:
            answer = f" ({x['answer']})" if x.get("answer") else ""
            print(f"{x['outcome']}\t{x['language']}\t{x['to'] or x['name']}\t{x['subject']}{answer}")
        print(summary.text())
    if summary.failed:
        print(_("{n} messages failed; the mail log has the server's answers.").format(n=summary.failed),
              file=sys.stderr)  # fmt: skip
        return 1
    if summary.cancelled:
        return 1
    return 0


def _show(done, total, text) -> None:
    if total and sys.stderr.isatty():
        print(f"\r{text} {int(100 * done / total)}%", end="", file=sys.stderr, flush=True)
