"""Roles on a shared database, against the real PostgreSQL server: login roles made for the test, given
viewer/editor/admin, each connecting as itself. The database refuses what a role may not do (a core write
with no check of its own), the officer sees one sentence, and the history names the database user."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text, update

from saiga_desk.cli.main import main as cli
from saiga_desk.core import models as m
from saiga_desk.core import preferences, roles
from saiga_desk.core.roles import AccessError
from saiga_desk.io.contact_import import import_file, undo_batch
from tests.pg_logins import PG_URL, needs_postgres, server_fixture, url_as  # noqa: F401 (the fixture "server")

pytestmark = needs_postgres
_as = url_as


def _organizations(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(m.Organization))


def test_a_viewer_reads_but_the_database_refuses_every_write(server):
    owner, login = server
    with owner.transaction() as tx:
        org = tx.create("organizations", {"name_en": "Saiga Conservation Alliance", "kind": "ngo"})
    name, viewer = login("viewer")
    assert roles.current_role(viewer) == "viewer" and not roles.can_write(viewer)
    assert viewer.actor == name
    assert _organizations(viewer) == 1  # reads
    for write in (
        lambda tx: tx.create("organizations", {"name_en": "Another", "kind": "ngo"}),
        lambda tx: tx.update("organizations", org.id, {"name_en": "Renamed"}),
        lambda tx: tx.delete("organizations", org.id),
    ):
        with pytest.raises(AccessError) as refused, viewer.transaction() as tx:
            write(tx)
        assert str(refused.value) == "You may only read this database: your role is viewer."
    with pytest.raises(AccessError), viewer.session() as s:  # even straight SQL, past every core check
        s.execute(update(m.AuditEntry).values(actor="someone else"))
    with owner.session() as s:
        assert s.scalar(select(m.Organization.name_en)) == "Saiga Conservation Alliance"
        assert s.scalar(select(func.count()).select_from(m.AuditEntry)) == 1


def test_an_editor_writes_records_in_their_own_name_but_not_settings_roles_or_history(server, tmp_path):
    owner, login = server
    name, editor = login("editor")
    other, _ = login()
    assert roles.current_role(editor) == "editor" and roles.can_write(editor)
    with editor.transaction() as tx:
        org = tx.create("organizations", {"name_en": "Ministry of Ecology", "kind": "government"})
        tx.update("organizations", org.id, {"acronym": "MoE"})
    with owner.session() as s:
        actors = s.execute(select(m.AuditEntry.actor, m.AuditEntry.action).order_by(m.AuditEntry.id)).all()
    assert actors == [(name, "create"), (name, "update")]  # the database user, not the OS user
    with pytest.raises(AccessError) as refused:
        preferences.set_report_language(editor, "ru")
    assert str(refused.value) == "Only an administrator of this database may do this: your role is editor."
    assert preferences.report_language(owner) == "en"
    with pytest.raises(AccessError):
        roles.grant(editor, other, "viewer")
    assert roles.list_roles(owner) == [(name, "editor")]
    with (
        pytest.raises(AccessError),
        editor.transaction(actor="someone else") as tx,
    ):  # a history in another's name
        tx.create("organizations", {"name_en": "Forged", "kind": "ngo"})
    with pytest.raises(AccessError), editor.session() as s:  # the history only grows
        s.execute(text("DELETE FROM audit_entry"))
    # an editor imports (the mapping it remembers is a setting an editor may write) but only an admin undoes
    csv = tmp_path / "contacts.csv"
    csv.write_text("Last name,First name,E-mail\nDorj,Bat,bat@example.mn\n", encoding="utf-8")
    _plan, res = import_file(editor, str(csv))
    assert res.created == 1
    with pytest.raises(AccessError) as refused:
        undo_batch(editor, res.batch_id)
    assert "your role is editor" in str(refused.value)
    with pytest.raises(AccessError), editor.session() as s:  # the database says so too
        s.execute(update(m.ImportBatch).values(undone_at=m.utcnow()))
    _, admin = login("admin")
    assert undo_batch(admin, res.batch_id)["deleted"] == 1


def test_an_admin_changes_settings_and_roles(server):
    owner, login = server
    name, admin = login("admin")
    newcomer, _ = login()
    assert roles.current_role(admin) == "admin"
    preferences.set_report_language(admin, "ru")
    assert preferences.report_language(owner) == "ru"
    assert roles.grant(admin, newcomer, "editor") == roles.RoleChange(newcomer, None, "editor")
    assert roles.grant(admin, newcomer, "admin") == roles.RoleChange(newcomer, "editor", "admin")
    assert roles.grant(admin, newcomer, "admin").changed is False
    assert dict(roles.list_roles(owner)) == {name: "admin", newcomer: "admin"}
    assert roles.revoke(admin, newcomer) == roles.RoleChange(newcomer, "admin", None)
    assert dict(roles.list_roles(admin)) == {name: "admin"}
    with owner.session() as s:
        assert s.scalar(select(m.Setting.key).where(m.Setting.key == "report_language")) == "report_language"


def test_the_commands_grant_list_and_refuse_in_one_sentence(server, capsys):
    owner, login = server
    name, _ = login()
    editor_name, _ = login("editor")
    assert cli(["--database", PG_URL, "db", "grant", name, "viewer"]) == 0
    assert capsys.readouterr().out.strip() == f"{name} is now viewer (was none)."
    assert cli(["--database", PG_URL, "db", "roles"]) == 0
    out = capsys.readouterr().out
    assert [name, "viewer"] in [line.split() for line in out.splitlines()]
    assert out.splitlines()[-1] == f"You are {owner.actor}: admin."
    assert cli(["--database", _as(editor_name), "db", "grant", name, "admin"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "Only an administrator of this database may do this: your role is editor."
    assert cli(["--database", _as(name), "settings", "set", "report_language", "ru"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "You may only read this database: your role is viewer." and "Traceback" not in err
    assert cli(["--database", PG_URL, "db", "revoke", name]) == 0
    assert capsys.readouterr().out.strip() == f"{name} no longer has a role (was viewer)."
    assert dict(roles.list_roles(owner)) == {editor_name: "editor"}


def test_a_new_table_after_an_upgrade_gets_the_roles_privileges(server):
    owner, login = server
    _, editor = login("editor")
    with owner.engine.begin() as con:  # what a migration adds, then the upgrade's refresh
        con.execute(text("CREATE TABLE later_records (id serial PRIMARY KEY, name text)"))
    roles.refresh_after_upgrade(owner)
    with editor.session() as s:
        s.execute(text("INSERT INTO later_records (name) VALUES ('x')"))
        assert s.scalar(text("SELECT count(*) FROM later_records")) == 1


def test_a_user_without_a_role_is_told_so_in_one_sentence(server, capsys):
    owner, login = server
    name, _ = login()
    said = (
        f"Your database user {name} has no role on this database: an admin gives one with "
        f"“saiga-desk db grant {name} viewer”."
    )
    assert cli(["--database", _as(name), "list", "persons"]) == 1  # the schema is not even visible
    assert capsys.readouterr().err.strip() == said
    with owner.engine.begin() as con:  # as a server's own public schema is: visible to everyone
        con.execute(text("GRANT USAGE ON SCHEMA public TO PUBLIC"))
    assert cli(["--database", _as(name), "list", "persons"]) == 1  # the tables are refused
    assert capsys.readouterr().err.strip() == said
