"""``export TABLE|all``, ``template contacts``, ``review-pack SIGNATORY`` and ``import all``.

Exit status: 0 written, 1 refused (one plain sentence on stderr), 2 usage. Warnings (text a workbook
cannot hold as is) go to stderr, the summary to stdout. Importing this module never imports PySide6.
"""

from __future__ import annotations

import sys
from pathlib import Path

from saiga_desk.cli import import_cmd
from saiga_desk.cli.dates import date_or_all
from saiga_desk.core.errors import Progress
from saiga_desk.i18n import _, ngettext

# The listings (saiga_desk.core.tables.TABLE_NAMES), spelled out so that parsing stays fast.
TABLES = (
    "signatories", "organizations", "persons", "contact-points", "meetings", "participants", "documents",
    "projects", "work-programmes", "work-programme-items", "countries", "audit",
)  # fmt: skip


def register(sub) -> None:
    p = sub.add_parser("export", help=_("write a table, or the whole database, to an .xlsx workbook"))
    p.add_argument("table", metavar="TABLE|all", help=", ".join((*TABLES, "all")))
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.add_argument(
        "--search", default="", help=_("only rows matching these words (case and accents ignored)")
    )
    p.add_argument("--sort", metavar="KEY", help=_("column to sort by"))
    p.add_argument("--desc", action="store_true", help=_("sort descending"))
    p.add_argument(
        "--columns", metavar="KEY,KEY", help=_("columns to write, in this order (default: visible)")
    )
    p.add_argument("--as-at", type=date_or_all, metavar="YYYY-MM-DD|all", help=_("contact points as at a date, or 'all'"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("template", help=_("write the blank bilingual import template"))
    p.add_argument("kind", choices=["contacts"])
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_template, needs_db=False)

    p = sub.add_parser("review-pack", help=_("a Signatory's current contact points, to correct and return"))
    p.add_argument(
        "signatory",
        metavar="SIGNATORY",
        help=_("country code (KAZ), acronym, name, or 'all' (one file each)"),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FOLDER")
    p.set_defaults(func=cmd_review_pack)

    _register_import_all(sub)


def _register_import_all(sub) -> None:
    subs = import_cmd.IMPORT_SUBPARSERS
    if subs is None:
        if "import" in sub.choices:
            return
        parent = sub.add_parser("import", help=_("import a spreadsheet"))
        subs = parent.add_subparsers(dest="import_kind", metavar="WHAT", parser_class=type(parent))
        subs.required = True
    p = subs.add_parser("all", help=_("read a whole-database workbook into an empty database"))
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_import_all)


# ------------------------------------------------------------------------------------------------ helpers
def _progress() -> Progress:
    def show(done, total, text):
        if sys.stderr.isatty():
            shown = f"{done}/{total}" if total else str(done)
            print(f"\r{text} {shown}    ", end="", file=sys.stderr, flush=True)

    return Progress(show)


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _warn(warnings) -> None:
    for w in warnings:
        print(_("warning: {problem}").format(problem=w), file=sys.stderr)


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


# ------------------------------------------------------------------------------------------------ commands
def cmd_export(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.tables import TABLE_NAMES

    if args.table != "all" and args.table not in TABLE_NAMES:
        return _usage(
            _("saiga-desk export: unknown table {table!r}; choose one of: {known}.").format(
                table=args.table, known=", ".join((*TABLE_NAMES, "all"))
            )
        )
    if args.table == "all":
        if args.search or args.sort or args.columns or args.as_at:
            return _usage(_("export all writes every table whole: --search, --sort, --columns and --as-at "
                            "apply to one table."))  # fmt: skip
        # deferred: a command loads what it needs only when it runs (start-up speed)
        from saiga_desk.io.workbook_all import export_all

        result = export_all(args.db, args.output, progress=_progress())
        _end_progress()
        _warn(result.warnings)
        print(
            _("Wrote {rows} rows of {tables} tables to {file}.").format(
                rows=result.rows, tables=len(result.tables), file=args.output
            )
        )
        return 0
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.io.export import export_table

    filters = {}
    if args.as_at:
        if args.table != "contact-points":
            return _usage(_("--as-at applies to contact-points only."))
        filters["as_at"] = args.as_at
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    result = export_table(
        args.db,
        args.table,
        args.output,
        columns=columns,
        search=args.search,
        sort=args.sort,
        descending=args.desc,
        filters=filters or None,
        progress=_progress(),
    )
    _end_progress()
    _warn(result.warnings)
    print(
        ngettext("Wrote {rows} row to {file}.", "Wrote {rows} rows to {file}.", result.rows).format(
            rows=result.rows, file=args.output
        )
    )
    return 0


def cmd_template(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.io.template import write_template

    result = write_template(args.output, db=getattr(args, "db", None))
    _warn(result.warnings)
    print(_("Wrote the contact template to {file}.").format(file=args.output))
    return 0


def cmd_review_pack(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.errors import SaigaError
    from saiga_desk.core.output_files import output_folder
    from saiga_desk.io.review_pack import write_review_pack, write_review_packs

    if args.signatory.strip().casefold() == "all":
        folder = Path(args.output)
        if folder.suffix.lower() == ".xlsx":
            raise SaigaError(
                _("review-pack all writes one file per Signatory: give a folder with -o, not {file}.").format(
                    file=args.output
                )
            )
        output_folder(folder)  # made when missing; a file of that name is refused plainly
        results = write_review_packs(args.db, folder, progress=_progress())
        _end_progress()
        for r in results:
            _warn(r.warnings)
        print(_("Wrote {n} review packs to {folder}.").format(n=len(results), folder=folder))
        return 0
    result = write_review_pack(args.db, args.signatory, args.output)
    _warn(result.warnings)
    print(
        ngettext(
            "Wrote {rows} contact point to {file}.", "Wrote {rows} contact points to {file}.", result.rows
        ).format(rows=result.rows, file=args.output)
    )
    return 0


def cmd_import_all(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.output_files import check_input
    from saiga_desk.io.workbook_all import import_all

    check_input(args.file)  # a FIFO or a device would make the reader wait for ever
    result = import_all(args.db, args.file, progress=_progress())
    _end_progress()
    print(
        _("Imported {rows} rows of {tables} tables from {file}.").format(
            rows=result.rows, tables=len(result.tables), file=args.file
        )
    )
    return 0
