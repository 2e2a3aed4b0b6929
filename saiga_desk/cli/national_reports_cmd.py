"""``saiga-desk national-reports cycle|receive|status|overview|remind …``: what each Signatory owes, what it sent.

The listings are ``saiga-desk list national-reports [--meeting CODE]`` and ``list signature-events``; the
PDF is ``saiga-desk report national-reports --meeting CODE``.
"""

from __future__ import annotations

import json
import sys

from saiga_desk.cli.dates import iso_date
from saiga_desk.i18n import _

# as core.reporting_models.REPORT_STATUSES and SIGNATURE_EVENTS (no ORM import while parsing)
REPORT_STATUSES = ("not_started", "requested", "in_preparation", "submitted", "late", "waived")
SIGNATURE_EVENTS = ("signed", "accepted_amendment", "withdrew", "status_changed")


def register(sub) -> None:
    p = sub.add_parser("national-reports", help=_("national reports: cycles, received reports, statuses"))
    nsub = p.add_subparsers(dest="national_reports_command", metavar="ACTION", required=True)

    a = nsub.add_parser("cycle", help=_("open (or amend) the national-report cycle of a meeting"))
    a.add_argument("meeting", metavar="MEETING", help=_("meeting code, e.g. MOS4"))
    a.add_argument("--due", type=iso_date, required=True, metavar="YYYY-MM-DD", help=_("the due date"))
    a.add_argument(
        "--format-file", metavar="F", help=_("the national report format (kept in the document store)")
    )
    a.add_argument("--format-name", metavar="TEXT", help=_("name of the national report format"))
    a.add_argument("--format-version", metavar="TEXT", help=_("version of the national report format"))
    a.add_argument(
        "--organizations", action="store_true", help=_("Cooperating Organizations report too in this cycle")
    )
    a.set_defaults(func=cmd_cycle)

    a = nsub.add_parser("receive", help=_("record a received national report"))
    a.add_argument("meeting", metavar="MEETING")
    a.add_argument("signatory", metavar="SIGNATORY", help=_("country code, acronym or name"))
    a.add_argument("--file", metavar="F", help=_("the report's file (kept in the document store)"))
    a.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help=_("date received (default: today)"))
    a.add_argument("--language", choices=("en", "ru"), help=_("language of the report"))
    a.set_defaults(func=cmd_receive)

    a = nsub.add_parser("status", help=_("set the status of a Signatory's national report"))
    a.add_argument("meeting", metavar="MEETING")
    a.add_argument("signatory", metavar="SIGNATORY")
    a.add_argument("status", metavar="STATUS", choices=REPORT_STATUSES, help=", ".join(REPORT_STATUSES))
    a.add_argument("--on", type=iso_date, metavar="DATE", help=_("date of the change (requested, received)"))
    a.add_argument("--note", metavar="TEXT", help=_("a note kept with the report"))
    a.set_defaults(func=cmd_status)

    a = nsub.add_parser("overview", help=_("a cycle's counts, the overdue reports and whom to remind"))
    a.add_argument("meeting", metavar="MEETING")
    a.add_argument("--json", action="store_true", help=_("print the overview as JSON"))
    a.set_defaults(func=cmd_overview)

    a = nsub.add_parser("remind", help=_("note today's reminder on every report still owed"))
    a.add_argument("meeting", metavar="MEETING")
    a.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help=_("date of the reminder (default: today)"))
    a.set_defaults(func=cmd_remind)

    p = sub.add_parser(
        "signatures", help=_("the depositary record: signature events, Signatories as at a date")
    )
    ssub = p.add_subparsers(dest="signatures_command", metavar="ACTION", required=True)
    a = ssub.add_parser("add", help=_("record a signature event (signed, accepted the amendment, withdrew)"))
    a.add_argument("signatory", metavar="SIGNATORY", help=_("country code, acronym or name"))
    a.add_argument("event", metavar="EVENT", choices=SIGNATURE_EVENTS, help=", ".join(SIGNATURE_EVENTS))
    a.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help=_("date of the event"))
    a.add_argument("--place", metavar="TEXT", help=_("place of signature"))
    a.add_argument("--authority", metavar="TEXT", help=_("the signing authority or capacity"))
    a.add_argument("--source", metavar="TEXT", help=_("where the fact comes from"))
    a.set_defaults(func=cmd_signature_add)
    a = ssub.add_parser("as-at", help=_("the Signatories on a date"))
    a.add_argument("date", type=iso_date, metavar="YYYY-MM-DD")
    a.add_argument("--states", action="store_true", help=_("Signatory States only"))
    a.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    a.set_defaults(func=cmd_signatures_as_at)


def cmd_cycle(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import national_reports as nr

    cycle, step = nr.open_cycle(
        args.db,
        args.meeting,
        args.due,
        format_name=args.format_name,
        format_version=args.format_version,
        format_file=args.format_file,
        include_organizations=args.organizations,
    )
    created = sum(1 for kind, _id in step.created if kind == "national-reports")
    print(
        _("Cycle of {meeting}: due {due}; {n} new Signatories to report.").format(
            meeting=args.meeting.upper(), due=cycle.due_on.isoformat(), n=created
        )
    )
    return 0


def cmd_receive(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import national_reports as nr

    report, step = nr.receive(
        args.db, args.meeting, args.signatory, file=args.file, on=args.on, language=args.language
    )
    if not step:
        print(_("Already recorded: nothing changed."))
        return 0
    print(
        _("{signatory}: {status}, received {date}.").format(
            signatory=args.signatory, status=report.status, date=report.received_on.isoformat()
        )
    )
    return 0


def cmd_status(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import national_reports as nr

    report, _step = nr.set_status(
        args.db, args.meeting, args.signatory, args.status, on=args.on, note=args.note
    )
    print(_("{signatory}: {status}.").format(signatory=args.signatory, status=report.status))
    return 0


def cmd_overview(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import national_reports as nr

    ov = nr.overview(args.db, args.meeting)
    if args.json:
        rows = [
            {
                "signatory": r.signatory,
                "status": r.status,
                "due_on": r.due_on.isoformat() if r.due_on else None,
                "received_on": r.received_on.isoformat() if r.received_on else None,
                "reminded_on": r.reminded_on.isoformat() if r.reminded_on else None,
                "overdue": r.overdue,
                "contacts": list(r.contacts),
            }
            for r in ov.rows
        ]
        json.dump(
            {"meeting": ov.meeting_code, "counts": ov.counts, "reports": rows},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    print(
        _("National reports for {meeting} (due {due})").format(meeting=ov.meeting_code, due=ov.due_on or "—")
    )
    print(", ".join(f"{k}: {v}" for k, v in ov.counts.items()))
    for r in ov.overdue:
        print(_("overdue: {signatory} ({status}) {contacts}").format(
            signatory=r.signatory, status=r.status, contacts="; ".join(r.contacts)))  # fmt: skip
    return 0


def cmd_remind(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import national_reports as nr

    n, _step = nr.remind(args.db, args.meeting, on=args.on)
    print(_("Reminder noted on {n} reports.").format(n=n))
    return 0


def cmd_signature_add(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import depositary

    res = depositary.record_event(
        args.db,
        args.signatory,
        args.event,
        args.on,
        place=args.place,
        authority=args.authority,
        source=args.source,
    )
    print(_("Recorded: {signatory} {event} {date}.").format(
        signatory=args.signatory, event=args.event, date=res.event.event_on or "—"))  # fmt: skip
    return 0


def cmd_signatures_as_at(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import depositary

    found = depositary.signatories_as_at(args.db, args.date, kind="state" if args.states else None)
    if args.json:
        rows = [
            {
                "signatory": x.name,
                "kind": x.kind,
                "signed_on": x.signed_on.isoformat(),
                "signed_at": x.signed_at,
            }
            for x in found
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for x in found:
        print(f"{x.name}\t{x.signed_on.isoformat()}\t{x.signed_at or ''}")
    return 0
