"""``db grant USER viewer|editor|admin``, ``db revoke USER``, ``db roles``: who may do what on a shared
PostgreSQL database (core/roles.py). Registered after cli/basic.py, whose ``db`` command it extends."""

from __future__ import annotations

from saiga_desk.i18n import _

ROLE_CHOICES = ("viewer", "editor", "admin")


def register(sub) -> None:
    dsub = sub.choices["db"].actions
    g = dsub.add_parser("grant", help=_("give a database user a role: viewer, editor or admin (PostgreSQL)"))
    g.add_argument("user", help=_("the database user (a PostgreSQL login role)"))
    g.add_argument("role", choices=ROLE_CHOICES)
    g.set_defaults(func=cmd_grant)
    r = dsub.add_parser("revoke", help=_("take a database user's role away (PostgreSQL)"))
    r.add_argument("user", help=_("the database user (a PostgreSQL login role)"))
    r.set_defaults(func=cmd_revoke)
    dsub.add_parser("roles", help=_("list the database users and their roles, and yours")).set_defaults(
        func=cmd_roles
    )


def cmd_grant(args) -> int:
    from saiga_desk.core import roles  # deferred: a command loads what it needs only when it runs

    change = roles.grant(args.db, args.user, args.role)
    if change.changed:
        print(
            _("{user} is now {role} (was {before}).").format(
                user=change.user, role=roles.label(change.after), before=roles.label(change.before)
            )
        )
    else:
        print(
            _("{user} already is {role}; nothing changed.").format(
                user=change.user, role=roles.label(change.after)
            )
        )
    return 0


def cmd_revoke(args) -> int:
    from saiga_desk.core import roles  # deferred: a command loads what it needs only when it runs

    change = roles.revoke(args.db, args.user)
    if change.changed:
        print(
            _("{user} no longer has a role (was {before}).").format(
                user=change.user, before=roles.label(change.before)
            )
        )
    else:
        print(_("{user} has no role; nothing changed.").format(user=change.user))
    return 0


def cmd_roles(args) -> int:
    from saiga_desk.core import roles  # deferred: a command loads what it needs only when it runs

    members = roles.list_roles(args.db)
    width = max([len(_("User"))] + [len(u) for u, _r in members])
    print(f"{_('User'):<{width}}  {_('Role')}")
    for user, role in members:
        print(f"{user:<{width}}  {roles.label(role)}")
    print(
        _("You are {user}: {role}.").format(user=args.db.actor, role=roles.label(roles.current_role(args.db)))
    )
    return 0
