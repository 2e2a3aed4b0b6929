"""``saiga-desk import contacts|participants FILE ...`` (``import all`` is added by export_cmd), and
``import batches`` (the recent imports) / ``import undo BATCH_ID`` (undo one import as a whole).

Exit status: 0 imported (or dry run without errors), 1 refused (one plain sentence on stderr naming the
file, sheet, row and column), 2 usage. ``--json`` prints one object as DESIGN.md describes.
"""

from __future__ import annotations

import json
import sys

from saiga_desk.core.errors import InputError, Progress, SaigaError
from saiga_desk.core.output_files import check_input
from saiga_desk.i18n import _, ngettext

IMPORT_SUBPARSERS = None  # export_cmd adds "all" here


def register(subparsers) -> None:
    global IMPORT_SUBPARSERS
    p = subparsers.add_parser("import", help=_("import a spreadsheet (contacts, participants, all)"))
    sub = p.add_subparsers(dest="import_kind", metavar="WHAT", parser_class=type(p))
    sub.required = True
    IMPORT_SUBPARSERS = sub

    c = sub.add_parser("contacts", help=_("import a contact list (.xlsx, .csv)"))
    c.add_argument("file", metavar="FILE")
    c.add_argument("--sheet", help=_("the sheet to read (default: the one that looks like a list)"))
    c.add_argument("--designate", action="store_true", help=_("these are national contact points"))
    c.add_argument("--dry-run", action="store_true", help=_("check and classify, change nothing"))
    c.add_argument("--json", action="store_true", help=_("print the outcome as one JSON object"))
    _matching_and_partial(c)
    c.set_defaults(func=cmd_import_contacts)

    q = sub.add_parser("participants", help=_("import the participants of a meeting"))
    q.add_argument("file", metavar="FILE")
    q.add_argument("--meeting", required=True, metavar="CODE", help=_("meeting code, e.g. MOS4"))
    q.add_argument("--sheet", help=_("the sheet to read (default: the one that looks like a list)"))
    q.add_argument("--dry-run", action="store_true", help=_("check and classify, change nothing"))
    q.add_argument("--json", action="store_true", help=_("print the outcome as one JSON object"))
    _matching_and_partial(q)
    q.set_defaults(func=cmd_import_participants)

    b = sub.add_parser("batches", help=_("list the recent imports (id, when, file, counts, undone)"))
    b.add_argument("--limit", type=int, default=20, help=_("how many (default 20)"))
    b.add_argument("--json", action="store_true", help=_("print a JSON list"))
    b.set_defaults(func=cmd_import_batches)

    u = sub.add_parser("undo", help=_("undo one import as a whole (see: import batches)"))
    u.add_argument("batch", type=int, metavar="BATCH_ID")
    u.add_argument("--json", action="store_true", help=_("print the outcome as one JSON object"))
    u.set_defaults(func=cmd_import_undo)


def _matching_and_partial(p) -> None:
    """The options every list import has: how names match, and a partial import on purpose."""
    p.add_argument("--match-names", action="store_true",
                   help=_("a row with the name and country of a stored person but another or no email updates "
                          "that person, and one with those of an earlier row is left out as that row's person "
                          "(default: a new person, with a warning)"))  # fmt: skip
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("import the valid rows and write the rows with errors to an error workbook "
                          "(without it, one invalid row refuses the whole file)"))  # fmt: skip
    p.add_argument("--errors", metavar="FILE.xlsx",
                   help=_("where --skip-invalid writes the rows not imported (default: FILE-errors.xlsx "
                          "beside the file)"))  # fmt: skip


def _progress(quiet: bool) -> Progress:
    def show(done, total, text):
        if total and sys.stderr.isatty():
            print(f"\r{text} {done}/{total}", end="", file=sys.stderr, flush=True)

    return Progress(None if quiet else show)


def _run(args, kind: str, meeting_id: int | None = None) -> int:
    from saiga_desk.io.import_commit import import_file  # deferred for start-up speed (spreadsheet readers)

    check_input(args.file)  # a FIFO or a device would make the reader wait for ever
    try:
        plan, res = import_file(
            args.db, args.file, kind=kind, sheet=args.sheet, designate=getattr(args, "designate", False),
            dry_run=args.dry_run, meeting_id=meeting_id, progress=_progress(args.json),
            match_names=getattr(args, "match_names", False),
            skip_invalid=getattr(args, "skip_invalid", False), errors_path=getattr(args, "errors", None),
        )  # fmt: skip
    except InputError as e:
        if args.json:
            problems = e.problems or []
            print(json.dumps({
                "file": args.file, "sheet": problems[0].sheet if problems else "",
                "header_row": None, "status": "rejected", "created": 0, "updated": 0, "unchanged": 0,
                "skipped": 0, "possible_matches": [], "errors": [p.as_json() for p in problems]
                or [{"sheet": "", "row": None, "column": "", "message": str(e)}], "warnings": [], "rejected_rows": [],
                "errors_file": None,
            }, ensure_ascii=False))  # fmt: skip
        print(str(e), file=sys.stderr)
        return 1
    if sys.stderr.isatty() and not args.json:
        print(file=sys.stderr)
    out = res.as_json(plan)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    if res.status == "rejected":
        first = res.errors[0]
        more = len(res.errors) - 1
        print(str(first) + (_(" ({n} more problems; nothing was imported.)").format(n=more) if more else
                            _(" (Nothing was imported.)")), file=sys.stderr)  # fmt: skip
        if res.errors_file:
            print(_("The rows and their reasons are in {path}.").format(path=res.errors_file), file=sys.stderr)
        elif not getattr(args, "skip_invalid", True):
            print(_("To import the valid rows and list the others in an error workbook, add --skip-invalid."),
                  file=sys.stderr)  # fmt: skip
        return 1
    if not args.json:
        label = _("Dry run (nothing changed)") if res.status == "dry-run" else _("Imported")
        print(
            _("{label}: {created} new, {updated} updated, {unchanged} unchanged, {skipped} skipped; "
              "{warnings} warnings.").format(label=label, created=res.created, updated=res.updated,
                                              unchanged=res.unchanged, skipped=res.skipped,
                                              warnings=len(res.warnings))
        )  # fmt: skip
        for w in res.warnings[:20]:
            print("  " + str(w))
        if len(res.warnings) > 20:
            print("  " + _("… and {n} more warnings (--json lists them all).").format(n=len(res.warnings) - 20))
        if out["rejected_rows"]:
            print(_("Skipped rows:"))
            for s in out["rejected_rows"]:
                print("  " + _("row {row}: {reason}").format(row=s["row"], reason="; ".join(s["reasons"])))
        if res.errors_file:
            n = len(out["rejected_rows"])
            print(ngettext("{n} row not imported; it is listed with its reasons in {path}.",
                           "{n} rows not imported; they are listed with their reasons in {path}.", n).format(
                n=n, path=res.errors_file))  # fmt: skip
    return 0


def cmd_import_contacts(args) -> int:
    return _run(args, "contacts")


def cmd_import_participants(args) -> int:
    from saiga_desk.io.participant_import import meeting_id_for  # deferred for start-up speed

    return _run(args, "participants", meeting_id_for(args.db, args.meeting))


def _when(value) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value is not None else ""


def cmd_import_batches(args) -> int:
    from saiga_desk.core.import_undo import list_batches  # deferred: loaded when the command runs (start-up)

    rows = list_batches(args.db, max(1, args.limit))
    if args.json:
        out = [{**r, "imported_at": _when(r["imported_at"]) or None, "undone_at": _when(r["undone_at"]) or None}
               for r in rows]  # fmt: skip
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if not rows:
        print(_("No imports yet."))
        return 0
    head = (_("Id"), _("When (UTC)"), _("Kind"), _("File"), _("Sheet"), _("New"), _("Updated"), _("Unchanged"),
            _("Skipped"), _("Undone"))  # fmt: skip
    table = [[str(r["id"]), _when(r["imported_at"]), r["kind"], r["file_name"], r["sheet"] or "", str(r["created"]),
              str(r["updated"]), str(r["unchanged"]), str(r["skipped"]), _when(r["undone_at"])] for r in rows]  # fmt: skip
    widths = [max(len(str(x)) for x in col) for col in zip(head, *table, strict=True)]
    for row in (head, *table):
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_import_undo(args) -> int:
    try:
        from saiga_desk.core.import_undo import (
            undo_batch,  # deferred: loaded when the command runs (start-up)
        )

        got = undo_batch(args.db, args.batch)
    except SaigaError as e:
        if args.json:
            print(
                json.dumps({"batch": args.batch, "status": "refused", "message": str(e)}, ensure_ascii=False)
            )
        print(str(e), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({**got, "status": "undone"}, ensure_ascii=False))
    else:
        print(_("Import #{batch} undone: {deleted} created records deleted, {restored} updates restored.").format(
            **got))  # fmt: skip
    return 0
