"""``saiga-desk report NAME -o FILE.pdf [--meeting CODE] [--as-at YYYY-MM-DD] [--language en|ru] ...``"""

from __future__ import annotations

import sys
from pathlib import Path

from saiga_desk.cli.dates import iso_date
from saiga_desk.core.errors import Progress, SaigaError
from saiga_desk.core.output_files import check_input
from saiga_desk.i18n import _
from saiga_desk.io.reports.catalogue import REPORT_NAMES, REPORTS, USES_AS_AT


def register(sub) -> None:
    p = sub.add_parser("report", help=_("write a PDF report"))
    p.add_argument("name", choices=REPORT_NAMES, metavar="NAME", help=", ".join(REPORT_NAMES))
    p.add_argument("-o", "--output", metavar="FILE.pdf", help=_("the PDF file to write"))
    p.add_argument("--meeting", metavar="CODE", help=_("the meeting (participants, documents; title block)"))
    p.add_argument(
        "--as-at",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("contact points as at this date ({reports})").format(reports=", ".join(USES_AS_AT)),
    )
    p.add_argument("--language", choices=("en", "ru"), default="en", help=_("language of the document"))
    p.add_argument("--final", action="store_true", help=_("final list of participants (attended only)"))
    p.add_argument("--template", metavar="FILE", help=_("letter template (UTF-8 text with {placeholders})"))
    p.add_argument("--per-letter-dir", metavar="DIR", help=_("also write one PDF per letter into DIR"))
    p.set_defaults(func=cmd_report)


def _usage(message: str) -> int:
    print(_("saiga-desk report: {message}").format(message=message), file=sys.stderr)
    return 2


def cmd_report(args) -> int:
    report = REPORTS[args.name]
    if not args.output and not (report.letters and args.per_letter_dir):
        return _usage(_("give the PDF file to write with -o FILE.pdf"))
    if (args.template or args.per_letter_dir) and not report.letters:
        return _usage(_("--template and --per-letter-dir are for the letters report only"))
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.io.reports import generate

    if args.template:
        check_input(args.template)  # a FIFO would make the reading wait for ever

    last = [-1.0]

    def show(done, total, text):
        if total and sys.stderr.isatty():
            pct = int(100 * done / total)
            if pct != last[0]:
                last[0] = pct
                print(f"\r{text} {pct}%", end="", file=sys.stderr, flush=True)

    try:
        path = generate(
            args.db,
            args.name,
            Path(args.output) if args.output else None,
            meeting_code=args.meeting,
            as_at=args.as_at,
            language=args.language,
            final=args.final,
            template=Path(args.template) if args.template else None,
            per_letter_dir=Path(args.per_letter_dir) if args.per_letter_dir else None,
            progress=Progress(show),
        )
    except SaigaError as e:
        if last[0] >= 0:
            print(file=sys.stderr)
        print(str(e), file=sys.stderr)
        return 1
    except OSError as e:
        print(
            _("Cannot write {file}: {error}.").format(file=args.output, error=e.strerror or e),
            file=sys.stderr,
        )
        return 1
    if last[0] >= 0:
        print(file=sys.stderr)
    print(path)
    return 0
