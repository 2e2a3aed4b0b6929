"""``saiga-desk contact-points supersede SIGNATORY --person ID [--role R] [--on DATE] [--source TEXT]
[--authority ORG_ID] [--json]``: a new person takes over a Signatory's contact point from a date.

The same core verb as the Supersede form (``core.contact_points.supersede``): the designation the Signatory
holds in that role on that date is closed the day before and a new one, valid from that date, points back
to it. Exit 1 with one plain sentence when the input is refused (nothing is changed), 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from saiga_desk.cli.dates import iso_date
from saiga_desk.core.errors import SaigaError, ValidationError
from saiga_desk.i18n import _


def register(subparsers) -> None:
    p = subparsers.add_parser("contact-points", help=_("National Contact Points: supersede one"))
    sub = p.add_subparsers(dest="contact_points_command", metavar="WHAT", parser_class=type(p))
    sub.required = True
    s = sub.add_parser("supersede", help=_("a new person takes over a Signatory's contact point from a date"))
    s.add_argument("signatory", metavar="SIGNATORY", help=_("country code, acronym, name or number"))
    s.add_argument("--person", required=True, type=int, metavar="ID", help=_("the number of the new person"))
    s.add_argument(
        "--role",
        default="primary",
        help=_("which contact point: primary, alternate or technical (default primary)"),
    )
    s.add_argument(
        "--on", type=iso_date, metavar="YYYY-MM-DD", help=_("the first day of the new designation (default today)")
    )
    s.add_argument("--source", metavar="TEXT", help=_("source reference (note verbale, letter)"))
    s.add_argument("--authority", type=int, metavar="ORG_ID", help=_("the competent authority's number"))
    s.add_argument("--json", action="store_true", help=_("print the outcome as one JSON object"))
    s.set_defaults(func=cmd_supersede)


def cmd_supersede(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import contact_points as cp
    from saiga_desk.io.review_pack import resolve_signatory

    if args.role not in cp.ROLES:
        print(_("saiga-desk: --role: {role!r} is not one of: {roles}.").format(role=args.role,
              roles=", ".join(cp.ROLES)), file=sys.stderr)  # fmt: skip
        return 2
    on = args.on or dt.date.today()
    ref = resolve_signatory(args.db, args.signatory)
    current = cp.held_on(args.db, ref.id, args.role, on, ref.name)
    extra: dict = {"source_reference": args.source}
    if args.authority is not None:
        extra["authority_id"] = args.authority
    try:
        old, new = cp.supersede(args.db, current.id, args.person, on, version=current.version, **extra)
    except ValidationError as e:
        field, text = next(iter(e.fields.items()), ("", str(e)))
        option = {"person_id": "--person", "valid_from": "--on", "authority_id": "--authority"}.get(field)
        raise SaigaError(f"{option}: {text}" if option else str(e)) from e
    if args.json:
        print(json.dumps({"signatory": ref.name, "role": args.role, "superseded": old.id, "ends_on": old.valid_to,
                          "designation": new.id, "person": new.person_id, "valid_from": new.valid_from},
                         ensure_ascii=False, default=str))  # fmt: skip
    else:
        print(
            _("{signatory}: designation #{new} ({role}) valid from {start}; #{old} ends on {end}.").format(
                signatory=ref.name,
                new=new.id,
                role=args.role,
                start=new.valid_from,
                old=old.id,
                end=old.valid_to,
            )
        )
    return 0
