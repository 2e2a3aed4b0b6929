"""What each Saiga Desk role may do on a PostgreSQL server, in the server's own terms (the SQL behind
``core/roles.py``).

- ``saiga_viewer``: SELECT on every table of the schema.
- ``saiga_editor`` (a viewer): INSERT, UPDATE, DELETE on the record tables and the sequences; the history
  (``audit_entry``) only grows: INSERT, and only entries naming the session user (a row-level policy);
  import batches: INSERT and UPDATE of every column but ``undone_at`` (so undoing an import is an admin's);
  settings: only the remembered import mappings (``import.mapping.*``, a row-level policy), never DELETE.
- ``saiga_admin`` (an editor): every setting, ``undone_at`` of import batches, and the ADMIN OPTION on the
  three roles (the admins give roles).

Nobody but the owner of the tables may UPDATE or DELETE the history. The group roles are NOLOGIN and
created once per server (idempotently); the privileges are set per database by its owner.
"""

from __future__ import annotations

from sqlalchemy import text

GROUPS = {"viewer": "saiga_viewer", "editor": "saiga_editor", "admin": "saiga_admin"}
STRONGEST_FIRST = ("admin", "editor", "viewer")
AUDIT, BATCHES, SETTINGS, REVISION = "audit_entry", "import_batch", "setting", "alembic_version"
NOT_RECORDS = {AUDIT, BATCHES, SETTINGS, REVISION}
MAPPINGS = "import.mapping.%"  # the settings key prefix an editor's import writes (core/preferences.py)
UNDONE = "undone_at"


def _q(con, name: str) -> str:
    return con.dialect.identifier_preparer.quote_identifier(name)


def _tables(con) -> list[str]:
    return list(con.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))


# ----------------------------------------------------------------------------------------------- reading
def groups_exist(con) -> bool:
    found = con.scalar(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"), {"names": list(GROUPS.values())}
    )
    return found == len(GROUPS)


def user_exists(con, user: str) -> bool:
    return con.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :u"), {"u": user}) == 1


def owns_schema_tables(con) -> bool:
    """Is the current user (a member of) the owner of this database's Saiga Desk tables, or a superuser?"""
    owner = con.scalar(
        text("SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = :t"),
        {"t": REVISION},
    )
    if owner is None:
        return False
    return bool(con.scalar(text("SELECT pg_has_role(current_user, :o, 'MEMBER')"), {"o": owner}))


def may_manage_roles(con) -> bool:
    """May the current user give and take the three roles (superuser, CREATEROLE, or their ADMIN OPTION)?"""
    if con.scalar(text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")):
        return True
    return all(
        con.scalar(text("SELECT pg_has_role(current_user, :g, 'MEMBER WITH ADMIN OPTION')"), {"g": g})
        for g in GROUPS.values()
    )


def role_by_privileges(con) -> str:
    """``viewer``, ``editor`` or ``admin`` from what the database lets the current user do; ``none`` when
    they may not even read it."""
    schema = con.scalar(text("SELECT current_schema()"))  # NULL: no schema this user may use
    if schema is None:
        return "none"
    if con.scalar(text("SELECT to_regclass('person') IS NULL OR to_regclass(:b) IS NULL"), {"b": BATCHES}):
        # no tables yet: whoever may create them
        return (
            "admin"
            if con.scalar(text("SELECT has_schema_privilege(:s, 'CREATE')"), {"s": schema})
            else "none"
        )
    if not con.scalar(text("SELECT has_table_privilege('person', 'SELECT')")):
        return "none"
    may_edit, may_undo, may_settle = con.execute(
        text(
            "SELECT has_table_privilege('person', 'INSERT'), "
            "has_column_privilege(:b, :undone, 'UPDATE'), has_table_privilege(:s, 'DELETE')"
        ),
        {"b": BATCHES, "undone": UNDONE, "s": SETTINGS},
    ).one()
    if may_edit and may_undo and may_settle:
        return "admin"
    return "editor" if may_edit else "viewer"


def members(con) -> list[tuple[str, str]]:
    """(user, strongest Saiga Desk role) of every user directly given one, sorted by user."""
    rows = con.execute(
        text(
            "SELECT m.rolname, g.rolname FROM pg_auth_members am "
            "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
            "WHERE g.rolname = ANY(:groups) AND NOT (m.rolname = ANY(:groups))"
        ),
        {"groups": list(GROUPS.values())},
    ).all()
    by_user: dict[str, set[str]] = {}
    for user, group in rows:
        by_user.setdefault(user, set()).add(group)
    return [(user, _strongest(groups)) for user, groups in sorted(by_user.items())]


def role_of(con, user: str) -> str | None:
    """The strongest Saiga Desk role ``user`` was given directly, or None."""
    if not groups_exist(con):
        return None
    groups = set(
        con.scalars(
            text(
                "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
                "JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = :u AND g.rolname = ANY(:groups)"
            ),
            {"u": user, "groups": list(GROUPS.values())},
        )
    )
    return _strongest(groups) if groups else None


def _strongest(groups: set[str]) -> str:
    return next(role for role in STRONGEST_FIRST if GROUPS[role] in groups)


# ----------------------------------------------------------------------------------------------- writing
def set_membership(con, user: str, role: str | None) -> None:
    """Make ``user`` a member of exactly the group of ``role`` (none when None); an admin may give roles."""
    who = _q(con, user)
    for group in GROUPS.values():
        member = con.scalar(
            text(
                "SELECT count(*) FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
                "JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = :u AND g.rolname = :g"
            ),
            {"u": user, "g": group},
        )
        if member:
            con.execute(text(f"REVOKE {_q(con, group)} FROM {who}"))
    if role is not None:
        admin_option = " WITH ADMIN OPTION" if role == "admin" else ""
        con.execute(text(f"GRANT {_q(con, GROUPS[role])} TO {who}{admin_option}"))


def set_up(con) -> None:
    """Create the group roles (once per server) and give them their privileges on this database's tables
    (idempotent: everything is revoked and granted again, in the caller's transaction)."""
    viewer, editor, admin = (_q(con, GROUPS[r]) for r in ("viewer", "editor", "admin"))
    for group in GROUPS.values():
        con.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {_q(con, group)} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
    con.execute(text(f"GRANT {viewer} TO {editor}"))
    con.execute(text(f"GRANT {editor} TO {admin}"))
    con.execute(text(f"GRANT {viewer}, {editor} TO {admin} WITH ADMIN OPTION"))
    schema = _q(con, con.scalar(text("SELECT current_schema()")))
    groups = f"{viewer}, {editor}, {admin}"
    con.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {viewer}"))
    con.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {groups}"))
    con.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {groups}"))
    con.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {viewer}"))
    con.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {editor}"))
    tables = _tables(con)
    records = [t for t in tables if t not in NOT_RECORDS]
    if records:
        con.execute(
            text(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(_q(con, t) for t in records)} TO {editor}")
        )
    if AUDIT in tables:
        _audit_rules(con, editor)
    if BATCHES in tables:
        columns = [
            c
            for c in con.scalars(
                text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = :t"
                ),
                {"t": BATCHES},
            )
            if c != UNDONE
        ]
        con.execute(text(f"GRANT INSERT ON {_q(con, BATCHES)} TO {editor}"))
        con.execute(
            text(f"GRANT UPDATE ({', '.join(_q(con, c) for c in columns)}) ON {_q(con, BATCHES)} TO {editor}")
        )
        con.execute(text(f"GRANT UPDATE ON {_q(con, BATCHES)} TO {admin}"))
    if SETTINGS in tables:
        _settings_rules(con, editor, admin)


def _audit_rules(con, editor: str) -> None:
    """The history only grows, and everyone but the owner writes entries in their own name."""
    audit = _q(con, AUDIT)
    con.execute(text(f"GRANT INSERT ON {audit} TO {editor}"))
    con.execute(text(f"ALTER TABLE {audit} ENABLE ROW LEVEL SECURITY"))
    _policy(con, "saiga_read", audit, "FOR SELECT USING (true)")
    _policy(con, "saiga_own_name", audit, "FOR INSERT WITH CHECK (actor::text = session_user::text)")


def _settings_rules(con, editor: str, admin: str) -> None:
    """Editors write only the import mappings their imports remember; admins every setting."""
    settings = _q(con, SETTINGS)
    con.execute(text(f"GRANT INSERT, UPDATE ON {settings} TO {editor}"))
    con.execute(text(f"GRANT DELETE ON {settings} TO {admin}"))
    con.execute(text(f"ALTER TABLE {settings} ENABLE ROW LEVEL SECURITY"))
    only_mappings = f"key LIKE '{MAPPINGS}'"
    _policy(con, "saiga_read", settings, "FOR SELECT USING (true)")
    _policy(con, "saiga_editor_insert", settings, f"FOR INSERT TO {editor} WITH CHECK ({only_mappings})")
    _policy(
        con,
        "saiga_editor_update",
        settings,
        f"FOR UPDATE TO {editor} USING (true) WITH CHECK ({only_mappings})",
    )
    _policy(con, "saiga_admin_all", settings, f"FOR ALL TO {admin} USING (true) WITH CHECK (true)")


def _policy(con, name: str, table: str, rule: str) -> None:
    con.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
    con.execute(text(f"CREATE POLICY {name} ON {table} {rule}"))
