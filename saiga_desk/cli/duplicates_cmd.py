"""Duplicates on the command line: ``duplicates``, ``merge``, ``merges list|undo``, ``not-duplicates``.

``duplicates … --format json`` prints a list of ``{"kind", "ids", "score", "reasons"}`` (reasons in
English, stable for scripts); ``merge`` prints the merge id on stdout (``--json``: one object).
"""

from __future__ import annotations

import json
import sys

from saiga_desk.core.errors import Progress
from saiga_desk.i18n import _

KINDS = ("persons", "organizations")


def register(sub) -> None:
    p = sub.add_parser("duplicates", help=_("list candidate duplicate persons or organizations"))
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--min-score",
        type=int,
        default=None,
        metavar="N",
        help=_("only pairs scoring at least N (0-100)"),
    )
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("merge", help=_("merge two records into the first; prints the merge id"))
    p.add_argument("kind", choices=KINDS)
    p.add_argument("keep_id", type=int, metavar="KEEP_ID")
    p.add_argument("other_id", type=int, metavar="OTHER_ID")
    p.add_argument(
        "--take",
        nargs="+",
        action="extend",
        default=[],
        metavar="FIELD",
        help=_("fields whose value comes from OTHER_ID (the others keep KEEP_ID's, empty ones are filled)"),
    )
    p.add_argument("--json", action="store_true", help=_("print the result as one JSON object"))
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("merges", help=_("the merges made, and undoing one"))
    msub = p.add_subparsers(dest="merges_command", metavar="ACTION", required=True)
    lst = msub.add_parser("list", help=_("every merge, newest first"))
    lst.add_argument("--format", choices=("table", "json"), default="table")
    lst.set_defaults(func=cmd_merges_list)
    undo = msub.add_parser("undo", help=_("undo a merge as a whole"))
    undo.add_argument("merge_id", type=int, metavar="MERGE_ID")
    undo.set_defaults(func=cmd_merges_undo)

    p = sub.add_parser("not-duplicates", help=_("mark two records as different: never proposed again"))
    p.add_argument("kind", choices=KINDS)
    p.add_argument("ids", type=int, nargs=2, metavar="ID")
    p.set_defaults(func=cmd_not_duplicates)


def _progress() -> Progress:
    if not sys.stderr.isatty():
        return Progress()

    def show(done, total, text):
        print(f"\r{text} {done * 100 // max(total or 1, 1)}%", end="", file=sys.stderr, flush=True)

    return Progress(show)


def cmd_duplicates(args) -> int:
    from saiga_desk.core import duplicates  # deferred: a command loads what it needs when it runs (start-up)

    min_score = duplicates.DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
    found = duplicates.find_duplicates(args.db, args.kind, min_score, _progress())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.format == "json":
        json.dump([c.as_json() for c in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [[_("Score"), _("IDs"), _("Records"), _("Reasons")]]
    rows += [
        [str(c.score), f"{c.ids[0]}, {c.ids[1]}", f"{c.titles[0]} / {c.titles[1]}", c.shown_reasons()]
        for c in found
    ]
    _print(rows)
    print(_("{n} candidate pairs").format(n=len(found)))
    return 0


def cmd_merge(args) -> int:
    from saiga_desk.core import merges  # deferred: loaded when the command runs (start-up speed)

    result = merges.merge(args.db, args.kind, args.keep_id, args.other_id, take=args.take)
    if args.json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(result.merge_id)
    print(
        _("Merged #{other} into #{kept}: {n} references re-pointed, {a} duplicate rows set aside.").format(
            other=result.removed_id, kept=result.kept_id, n=result.repointed, a=result.set_aside
        ),
        file=sys.stderr,
    )
    return 0


def cmd_merges_list(args) -> int:
    from saiga_desk.core import merges  # deferred: loaded when the command runs (start-up speed)

    found = merges.list_merges(args.db)
    if args.format == "json":
        json.dump([x.as_json() for x in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [[_("Merge"), _("Kind"), _("Kept"), _("Removed"), _("When"), _("Who"), _("Undone")]]
    rows += [
        [str(x.id), _(x.kind), f"#{x.kept_id}", f"#{x.removed_id} {x.removed_title}",
         f"{x.merged_at:%Y-%m-%d %H:%M}", x.actor, f"{x.undone_at:%Y-%m-%d %H:%M}" if x.undone_at else ""]
        for x in found
    ]  # fmt: skip
    _print(rows)
    print(_("{n} merges").format(n=len(found)))
    return 0


def cmd_merges_undo(args) -> int:
    from saiga_desk.core import merges  # deferred: loaded when the command runs (start-up speed)

    result = merges.undo_merge(args.db, args.merge_id)
    print(
        _("Merge {id} undone: #{removed} is back with {n} references.").format(
            id=result.merge_id, removed=result.removed_id, n=result.repointed + result.set_aside
        )
    )
    return 0


def cmd_not_duplicates(args) -> int:
    from saiga_desk.core import merges  # deferred: loaded when the command runs (start-up speed)

    first, second = args.ids
    if merges.mark_not_duplicates(args.db, args.kind, first, second):
        print(
            _("#{a} and #{b} are marked as different; they are not proposed again.").format(a=first, b=second)
        )
    else:
        print(_("#{a} and #{b} were already marked as different.").format(a=first, b=second))
    return 0


def _print(rows: list[list[str]], width: int = 60) -> None:
    def cell(s: str) -> str:
        s = s.replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    rows = [[cell(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, r in enumerate(rows):
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
