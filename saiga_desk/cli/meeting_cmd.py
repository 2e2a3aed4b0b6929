"""``saiga-desk meeting …``: invitations, status changes, counts, document symbols and badges."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from saiga_desk.cli.dates import iso_date
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

DOCUMENT_SERIES = ("Doc", "Inf", "CRP", "Report")  # as core.models.DOCUMENT_SERIES (no ORM import here)
MEETING_STATUSES = ("planned", "postponed", "held", "cancelled")
MEETING_MODES = ("in_person", "online", "hybrid")


def register(sub) -> None:
    p = sub.add_parser("meeting", help=_("meetings: invitations, status, participants, documents, badges"))
    msub = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    a = msub.add_parser(
        "invite",
        help=_("invite the current contact point of every Signatory State and Cooperating Organization"),
    )
    a.add_argument("code", metavar="CODE", help=_("meeting code, e.g. MOS4"))
    a.add_argument("--states", action="store_true", help=_("invite the Signatory States only"))
    a.add_argument(
        "--organizations", action="store_true", help=_("invite the Cooperating Organizations only")
    )
    a.add_argument(
        "--person",
        type=int,
        action="append",
        default=[],
        metavar="ID",
        help=_("also invite this person (by id)"),
    )
    a.add_argument(
        "--on", type=iso_date, metavar="YYYY-MM-DD", help=_("invitation date and 'as at' date of the contact points")
    )
    a.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    a.set_defaults(func=cmd_invite)

    a = msub.add_parser("status", help=_("change a meeting's status, keeping the history"))
    a.add_argument("code", metavar="CODE")
    a.add_argument("status", metavar="STATUS", choices=MEETING_STATUSES, help=", ".join(MEETING_STATUSES))
    a.add_argument("--reason", required=True, help=_("why (kept in the status history)"))
    a.add_argument("--start", type=iso_date, metavar="YYYY-MM-DD", help=_("new start date"))
    a.add_argument("--end", type=iso_date, metavar="YYYY-MM-DD", help=_("new end date"))
    a.add_argument("--mode", choices=MEETING_MODES, help=_("new mode"))
    a.add_argument("--venue", help=_("new venue"))
    a.set_defaults(func=cmd_status)

    a = msub.add_parser("counts", help=_("participants per status and category"))
    a.add_argument("code", metavar="CODE")
    a.add_argument("--json", action="store_true", help=_("print the counts as JSON"))
    a.set_defaults(func=cmd_counts)

    a = msub.add_parser("next-symbol", help=_("the next free document symbol of a series"))
    a.add_argument("code", metavar="CODE")
    a.add_argument("series", metavar="SERIES", choices=DOCUMENT_SERIES, help=", ".join(DOCUMENT_SERIES))
    a.set_defaults(func=cmd_next_symbol)

    a = msub.add_parser(
        "add-document", help=_("register a meeting document (the next free symbol unless given)")
    )
    a.add_argument("code", metavar="CODE")
    a.add_argument("series", metavar="SERIES", choices=DOCUMENT_SERIES, help=", ".join(DOCUMENT_SERIES))
    a.add_argument("title", metavar="TITLE", help=_("English title"))
    a.add_argument("--title-ru", help=_("Russian title"))
    a.add_argument("--symbol", help=_("use this symbol instead of the suggested one"))
    a.add_argument("--agenda-item")
    a.add_argument("--languages", help=_("languages available, e.g. en,ru"))
    a.add_argument("--issued-on", type=iso_date, metavar="YYYY-MM-DD")
    a.add_argument("--status", choices=("draft", "issued", "withdrawn"), default="draft")
    a.add_argument("--link", help=_("web address of the document"))
    a.add_argument("--file", metavar="PATH", help=_("copy this file into the document store"))
    a.add_argument("--revision-of", metavar="SYMBOL", help=_("symbol of the original document"))
    a.add_argument(
        "--kind", choices=("Rev", "Corr", "Add"), default=None, help=_("revision kind (default Rev)")
    )
    a.set_defaults(func=cmd_add_document)

    a = msub.add_parser("badges", help=_("name badges of the registered participants as a PDF"))
    a.add_argument("code", metavar="CODE")
    a.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    a.set_defaults(func=cmd_badges)


def _meeting(args):
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.meetings import find_meeting

    return find_meeting(args.db, args.code)


def cmd_invite(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.meetings import invite_signatories

    meeting = _meeting(args)
    both = not args.states and not args.organizations
    result = invite_signatories(
        args.db,
        meeting.id,
        include_states=both or args.states,
        include_organizations=both or args.organizations,
        extra_person_ids=args.person,
        on=args.on,
    )
    if args.json:
        json.dump(
            {
                "meeting": meeting.code,
                "created": len(result.created),
                "already": len(result.already),
                "skipped": [{"name": s.name, "reason": s.reason} for s in result.skipped],
                "participant_ids": result.created,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        print(_("{code}: {summary}").format(code=meeting.code, summary=result.summary()))
    return 0


def cmd_status(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.meetings import change_status

    meeting = _meeting(args)
    rec = change_status(
        args.db,
        meeting.id,
        args.status,
        args.reason,
        new_start=args.start,
        new_end=args.end,
        new_mode=args.mode,
        new_venue=args.venue,
    )
    dates = " – ".join(d.isoformat() for d in (rec.start_date, rec.end_date) if d) or _("no dates")
    print(
        _("{code} is now {status} ({dates}, {mode}); was {old}.").format(
            code=rec.code, status=rec.status, dates=dates, mode=rec.mode, old=meeting.status
        )
    )
    return 0


def cmd_counts(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.meetings import participant_counts

    meeting = _meeting(args)
    counts = participant_counts(args.db, meeting.id)
    if args.json:
        json.dump(dict(counts, meeting=meeting.code), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(_("{code}: {n} participants").format(code=meeting.code, n=counts["total"]))
    for title, key in ((_("By status"), "by_status"), (_("By category"), "by_category")):
        print(title)
        width = max(len(k) for k in counts[key])
        for k, n in counts[key].items():
            print(f"  {k.ljust(width)}  {n}")
    print(_("Credentials received: {n}").format(n=counts["credentials_received"]))
    print(_("Funded: {n}").format(n=counts["funded"]))
    return 0


def cmd_next_symbol(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.meetings import next_symbol

    print(next_symbol(args.db, _meeting(args).id, args.series))
    return 0


def cmd_add_document(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import services as sv
    from saiga_desk.core.meetings import add_document, attach_file

    meeting = _meeting(args)
    if args.kind and not args.revision_of:
        raise SaigaError(_("--kind needs --revision-of SYMBOL (the original document)."))
    if args.file and not Path(args.file).is_file():
        raise SaigaError(
            _("{path} is not a file that can be read; nothing was registered.").format(path=args.file)
        )
    original_id = None
    if args.revision_of:
        found = sv.find(args.db, "documents", symbol=args.revision_of.strip())
        if not found:
            raise SaigaError(_("No document with the symbol {symbol}.").format(symbol=args.revision_of))
        original_id = found[0].id
    rec = add_document(
        args.db,
        meeting.id,
        args.series,
        args.title,
        title_ru=args.title_ru,
        symbol=args.symbol,
        agenda_item=args.agenda_item,
        languages=args.languages,
        issued_on=args.issued_on,
        status=args.status,
        link=args.link,
        original_id=original_id,
        revision_kind=(args.kind or "Rev") if original_id else None,
    )
    if args.file:
        rec = attach_file(args.db, rec.id, args.file)
    print(rec.symbol)
    return 0


def cmd_badges(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.io.badges import write_badges

    meeting = _meeting(args)
    n = write_badges(args.db, meeting.id, args.output)
    print(_("{n} badges written to {path}").format(n=n, path=args.output))
    return 0
