"""Basic commands: demo, list, db upgrade | check | backup."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from decimal import Decimal

from saiga_desk.cli.dates import date_or_all
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

LIST_TABLES = (
    "signatories",
    "organizations",
    "persons",
    "contact-points",
    "meetings",
    "participants",
    "documents",
    "projects",
    "work-programmes",
    "work-programme-items",
    "countries",
    "audit",
    "national-reports",
    "signature-events",
    "mail-log",
)


def register(sub) -> None:
    p = sub.add_parser("demo", help=_("load the demo data set of the Secretariat report"))
    p.add_argument(
        "--if-empty", action="store_true", help=_("do nothing when the database already holds records")
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", help=_("print a table"))
    p.add_argument("table", choices=LIST_TABLES)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--search", default="", help=_("only rows matching these words (case and accents ignored)")
    )
    p.add_argument("--sort", help=_("column to sort by"))
    p.add_argument("--desc", action="store_true", help=_("sort descending"))
    p.add_argument("--as-at", type=date_or_all, metavar="YYYY-MM-DD|all",
                   help=_("contact points as at YYYY-MM-DD, or 'all'"))  # fmt: skip
    p.add_argument("--meeting", help=_("participants or documents of the meeting with this code"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("db", help=_("database upkeep"))
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p.actions = dsub  # other modules add their own db actions (cli/roles_cmd.py)
    dsub.add_parser("upgrade", help=_("bring the schema up to date (backup first)")).set_defaults(
        func=cmd_upgrade
    )
    dsub.add_parser("check", help=_("check integrity and schema version")).set_defaults(func=cmd_check)
    b = dsub.add_parser("backup", help=_("write a consistent copy, safe while the app runs"))
    b.add_argument("-o", "--output", required=True)
    b.set_defaults(func=cmd_backup)


def cmd_demo(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import demo

    if args.if_empty and not demo.is_empty(args.db):
        return 0
    counts = demo.load(args.db)
    print(
        _("Demo data loaded into {db}: {counts}").format(
            db=args.db.display_name, counts=", ".join(f"{n} {k}" for k, n in counts.items())
        )
    )
    return 0


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def cmd_list(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core.tables import iter_rows, public_columns, table

    t = table(args.table)
    filters = {}
    if args.as_at:
        if "as_at" not in t.filters:
            raise SaigaError(_("--as-at applies to contact-points only."))
        filters["as_at"] = args.as_at
    if args.meeting:
        if "meeting_id" not in t.filters:
            raise SaigaError(_("--meeting applies to participants, documents and national-reports only."))
        from saiga_desk.core import services as sv  # deferred: only to find the meeting by its code

        found = sv.find(args.db, "meetings", code=args.meeting)
        if not found:
            raise SaigaError(_("No meeting with the code {code}.").format(code=args.meeting))
        filters["meeting_id"] = found[0].id
    if args.sort and args.sort not in [c.key for c in t.columns]:
        raise SaigaError(_("{table} has no column {col}.").format(table=args.table, col=args.sort))
    cols = [c for c in public_columns(args.table)]
    keys = ["id"] + [c.key for c in cols]
    rows = [
        {k: _plain(r.get(k)) for k in keys}
        for r in iter_rows(
            args.db, args.table, search=args.search, sort=args.sort, descending=args.desc, filters=filters
        )
    ]
    out = sys.stdout
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        w = csv.writer(out)
        w.writerow(keys)
        for r in rows:
            w.writerow(["" if r[k] is None else r[k] for k in keys])
    else:
        shown = ["id"] + [c.key for c in cols if c.visible]
        _print_table(out, [[c.title for c in cols if c.visible]], shown, rows)
    return 0


def _print_table(out, header, keys, rows, width: int = 40) -> None:
    def cell(v):
        s = "" if v is None else ("yes" if v is True else "no" if v is False else str(v))
        s = s.replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    table_rows = [["#"] + header[0]] + [[cell(r[k]) for k in keys] for r in rows]
    widths = [max(len(row[i]) for row in table_rows) for i in range(len(keys))]
    for n, row in enumerate(table_rows):
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")
    out.write(_("{n} rows").format(n=len(rows)) + "\n")


def cmd_upgrade(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import migrate

    st = migrate.status(args.db)  # Database.open already upgraded (with a backup) when needed
    print(_("Schema is at {rev} (latest {head}).").format(rev=st["current"], head=st["head"]))
    return 0


def cmd_check(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import integrity, migrate

    st = migrate.status(args.db)
    problems = integrity.problems(args.db)
    print(_("Database: {db}").format(db=args.db.display_name))
    print(_("Schema: {rev} (latest {head})").format(rev=st["current"], head=st["head"]))
    if problems:
        for p in problems:
            print(_("Problem: {p}").format(p=p))
        raise SaigaError(_("The database check found {n} problems.").format(n=len(problems)))
    print(_("Integrity: ok"))
    return 0


def cmd_backup(args) -> int:
    dest = args.db.backup(args.output)
    print(_("Backup written to {path}").format(path=dest))
    return 0
