"""Who may do what on a shared PostgreSQL database: viewers read, editors write the records, admins also
change the settings, undo imports and give roles.

A role is a PostgreSQL group role (``saiga_viewer``, ``saiga_editor``, ``saiga_admin``: NOLOGIN, admin a
member of editor, editor of viewer); ``grant`` makes a database user a member of one of them. The database
itself enforces what each may do (``core/role_privileges.py``): a write it refuses reaches the officer as
one plain sentence (``AccessError``), never as SQL. The history names the database user (the session
user), not the operating-system user.

On SQLite the file's own permissions stand: whoever may write the file is an admin, whoever may only read
it a viewer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import event, text

from saiga_desk.core import role_privileges
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import N_, _

ROLES = ("viewer", "editor", "admin")  # weakest first
GROUPS = role_privileges.GROUPS
LABELS = {"viewer": N_("viewer"), "editor": N_("editor"), "admin": N_("admin")}
INSUFFICIENT_PRIVILEGE = "42501"  # SQLSTATE of a refused privilege or row-level policy
NO_SCHEMA = "3F000"  # SQLSTATE of a user who may use no schema at all
DDL = ("CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "COMMENT", "DO")


class AccessError(SaigaError):
    """The user's role does not allow this; nothing was changed."""


@dataclass(frozen=True)
class RoleChange:
    """What ``grant``/``revoke`` changed: the user's role before and after (None: no Saiga Desk role)."""

    user: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def label(role: str | None) -> str:
    return _(LABELS[role]) if role in LABELS else _("none")


# ------------------------------------------------------------------------------------ the current user
def current_role(db) -> str:
    """``viewer``, ``editor`` or ``admin`` for whoever this connection is, read from what the database lets
    them do (so the owner of the tables and a superuser are admins); ``none`` for a server user who may not
    even read it. Cached on ``db``."""
    cached = getattr(db, "_role", None)
    if cached is not None:
        return cached
    if db.is_sqlite:
        role = "admin" if _file_writable(db.path) else "viewer"
    else:
        with db.engine.connect() as con:
            role = role_privileges.role_by_privileges(con)
    db._role = role
    return role


def _file_writable(path) -> bool:
    if path is None:
        return True  # a database in memory
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(path.parent, os.W_OK)


def can_write(db) -> bool:
    """May this user change records (an editor or an admin)?"""
    return current_role(db) in ("editor", "admin")


def is_admin(db) -> bool:
    return current_role(db) == "admin"


def read_only_reason(db) -> str:
    """Why nothing may be changed (for a tooltip), or "" when the user may write."""
    if can_write(db):
        return ""
    return refusal(db)


def viewer_message() -> str:
    return _("You may only read this database: your role is {role}.").format(role=label("viewer"))


def refusal(db) -> str:
    """The plain sentence for a write the database refused."""
    role = current_role(db)
    if role == "none":
        return _(
            "Your database user {user} has no role on this database: an admin gives one with "
            "“saiga-desk db grant {user} viewer”."
        ).format(user=db.actor)
    if role == "viewer":
        return viewer_message()
    if role == "editor":
        return _("Only an administrator of this database may do this: your role is {role}.").format(
            role=label(role)
        )
    return _("The database refused this change: your role ({role}) does not allow it.").format(
        role=label(role)
    )


def require_admin(db) -> None:
    """Refuse, with a plain sentence, unless this user is an admin (settings, undoing imports, roles)."""
    if current_role(db) != "admin":
        raise AccessError(refusal(db))


def watch(db) -> None:
    """Turn every write the database refuses for lack of privilege into an ``AccessError`` (PostgreSQL)."""
    if db.is_sqlite:
        return

    def refused(context):
        orig = context.original_exception
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        # a refused change of the schema stays the driver's error: whoever tries one (an index made when
        # the database opens) expects it and carries on
        ddl = (context.statement or "").lstrip().upper().startswith(DDL)
        if code == NO_SCHEMA or (code == INSUFFICIENT_PRIVILEGE and not ddl):
            raise AccessError(refusal(db)) from context.sqlalchemy_exception

    event.listen(db.engine, "handle_error", refused)


def session_user(db) -> str:
    """The database user of this connection (what the history records on a server database)."""
    with db.engine.connect() as con:
        return con.scalar(text("SELECT session_user"))


# ------------------------------------------------------------------------------------ managing roles
def _server_only(db) -> None:
    if db.is_sqlite:
        raise SaigaError(
            _(
                "Roles are for a shared PostgreSQL database; on an SQLite file its own permissions decide "
                "who may read and write it."
            )
        )


def list_roles(db) -> list[tuple[str, str]]:
    """Every database user with a Saiga Desk role, as (user, strongest role), sorted by user."""
    _server_only(db)
    with db.engine.connect() as con:
        return role_privileges.members(con)


def grant(db, user: str, role: str) -> RoleChange:
    """Give ``user`` (an existing database user) the ``role``, replacing any other Saiga Desk role. The
    group roles and their privileges are set up first when this user may (the owner of the tables)."""
    _server_only(db)
    if role not in ROLES:
        raise SaigaError(_("Unknown role {role}: choose viewer, editor or admin.").format(role=role))
    user = _checked_user(user)
    with db.engine.begin() as con:
        _prepare(con)
        _exists(con, user)
        before = role_privileges.role_of(con, user)
        if before != role:
            _as_admin(db, con, lambda: role_privileges.set_membership(con, user, role))
    return RoleChange(user, before, role)


def revoke(db, user: str) -> RoleChange:
    """Take every Saiga Desk role from ``user``."""
    _server_only(db)
    user = _checked_user(user)
    with db.engine.begin() as con:
        if not role_privileges.groups_exist(con):
            return RoleChange(user, None, None)
        _exists(con, user)
        before = role_privileges.role_of(con, user)
        if before is not None:
            _as_admin(db, con, lambda: role_privileges.set_membership(con, user, None))
    return RoleChange(user, before, None)


def _checked_user(user: str) -> str:
    user = (user or "").strip()
    if not user or user in GROUPS.values() or "\x00" in user or len(user) > 63:
        raise SaigaError(
            _("{user} is not a database user that can be given a role.").format(user=user or '""')
        )
    return user


def _exists(con, user: str) -> None:
    if not role_privileges.user_exists(con, user):
        raise SaigaError(
            _("There is no database user {user}; the server's administrator creates it first (CREATE ROLE … LOGIN).")
            .format(user=user)
        )  # fmt: skip


def _prepare(con) -> None:
    """Set up the group roles and their privileges when this user owns the tables; else they must exist."""
    if role_privileges.owns_schema_tables(con):
        role_privileges.set_up(con)
    elif not role_privileges.groups_exist(con):
        raise AccessError(
            _("Roles are not set up on this database yet: the owner of its tables runs the first “db grant”.")
        )


def _as_admin(db, con, change) -> None:
    if not role_privileges.may_manage_roles(con):
        raise AccessError(refusal(db) if current_role(db) != "admin" else _(
            "Only an administrator of this database may give roles.")
        )  # fmt: skip
    change()


def refresh_after_upgrade(db) -> None:
    """After a schema upgrade on a server: give the group roles their privileges on the new tables (when
    the roles are in use and this user owns the tables)."""
    if db.is_sqlite:
        return
    with db.engine.begin() as con:
        if role_privileges.groups_exist(con) and role_privileges.owns_schema_tables(con):
            role_privileges.set_up(con)
