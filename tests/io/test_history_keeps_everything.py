"""A history that loses nothing: every create keeps its values (an import's too), every delete (a delete, a
merge, the undo of an import) the values it removed, settings changes old -> new; a deleted record is
found by what it held; and two officers saving one record at the same moment get the stale-edit message,
never a raw database error — on SQLite and on PostgreSQL."""

from __future__ import annotations

import collections
import json
import subprocess
import sys
import threading

import import_corpus as corpus
import pytest
from sqlalchemy import event, select

from saiga_desk.core import merges, preferences
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import StaleEditError
from saiga_desk.core.record_undo import delete_records
from saiga_desk.core.tables import listing
from saiga_desk.io.contact_import import commit_import, plan_import, undo_batch

ROUNDS = 30


def _entries(db, **where) -> list[dict]:
    with db.session() as s:
        q = select(m.AuditEntry).where(*(getattr(m.AuditEntry, k) == v for k, v in where.items()))
        out = []
        for e in s.scalars(q.order_by(m.AuditEntry.id)):
            out.append({"action": e.action, "actor": e.actor, "at": e.at, "entity_id": e.entity_id,
                        "changes": json.loads(e.changes) if e.changes else None, "summary": e.summary})  # fmt: skip
        return out


def _person_entries(db, pid: int) -> list[dict]:
    return _entries(db, entity="person", entity_id=pid)


def _imported(db, tmp_path, name: str, rows: list[list]):
    return commit_import(db, plan_import(db, corpus.xlsx(tmp_path / name, [corpus.EN, *rows])))


def _found(db, text: str) -> list[dict]:
    return list(listing.iter_rows(db, "audit", search=text))


def test_import_edit_merge_undo_delete_and_settings_keep_every_value(any_db, tmp_path):
    db = any_db
    actor = db.actor
    # an import: each created person's entry holds every value it was created with
    res = _imported(db, tmp_path, "a.xlsx", corpus.people(3))
    with db.session() as s:
        people = {
            p.email: p for p in s.scalars(select(m.Person).where(m.Person.import_batch_id == res.batch_id))
        }
    yerlan = people["yerlan@eco.gov.kz"]
    [created] = _person_entries(db, yerlan.id)
    assert created["action"] == "create" and created["actor"] == actor and created["at"] is not None
    assert created["changes"]["email"] == [None, "yerlan@eco.gov.kz"]
    assert created["changes"]["phone"] == [None, "+7 7172 740000"]
    assert created["changes"]["family_name"] == [None, "Nurmukhambetov"]
    assert created["changes"]["organization_id"] == [None, yerlan.organization_id]
    assert created["changes"]["import_batch_id"] == [None, res.batch_id]

    # an edit: old -> new
    current = sv.get(db, "persons", yerlan.id)
    sv.update(db, "persons", yerlan.id, {"position": "Minister"}, version=current.version)
    edit = _person_entries(db, yerlan.id)[-1]
    assert (edit["action"], edit["actor"], edit["changes"]) == (
        "update",
        actor,
        {"position": ["Director", "Minister"]},
    )

    # a merge: the removed person's values all kept, the kept one's changes old -> new
    twin = sv.create(db, "persons", {"given_name": "Yerlan", "family_name": "Nurmukhambetov",
                                     "email": "y.nurmukhambetov@mail.kz", "mobile": "+7 701 000 0000"})  # fmt: skip
    merges.merge(db, "persons", yerlan.id, twin.id, take=("mobile",))
    [_create, removed] = _person_entries(db, twin.id)
    assert removed["action"] == "delete" and removed["actor"] == actor
    assert removed["changes"]["email"] == ["y.nurmukhambetov@mail.kz", None]
    assert removed["changes"]["mobile"] == ["+7 701 000 0000", None]
    merged = _person_entries(db, yerlan.id)[-1]
    assert merged["action"] == "merge" and merged["changes"]["mobile"] == [None, "+7 701 000 0000"]

    # the undo of an import: every person it deletes keeps its values in the history
    res2 = _imported(db, tmp_path, "b.xlsx", corpus.people(5)[3:])
    with db.session() as s:
        akmal = s.scalar(select(m.Person).where(m.Person.email == "akmal@eco.gov.uz"))
    undo_batch(db, res2.batch_id)
    undone = _person_entries(db, akmal.id)[-1]
    assert undone["action"] == "undo" and undone["actor"] == actor
    assert undone["changes"]["email"] == ["akmal@eco.gov.uz", None]
    assert undone["changes"]["phone"] == ["+998 71 207 1100", None]
    assert sv.find(db, "persons", email="akmal@eco.gov.uz") == []

    # a delete (with the parts it takes along): the values removed
    bolormaa = people["bolormaa@mne.gov.mn"]
    delete_records(db, "persons", [bolormaa.id])
    gone = _person_entries(db, bolormaa.id)[-1]
    assert gone["action"] == "delete" and gone["changes"]["email"] == ["bolormaa@mne.gov.mn", None]

    # settings: old -> new, who and when
    preferences.put(db, preferences.REPORT_LANGUAGE.key, "ru")
    preferences.set_report_language(db, "en")
    preferences.set_backup_policy(db, keep_days=45)
    settings = _entries(db, entity="setting")
    assert preferences.keys(db) and not any(  # the mappings an import remembers by itself are not entries
        e["summary"].startswith(preferences.IMPORT_MAPPINGS) for e in settings
    )
    assert [(e["action"], e["summary"], e["changes"]) for e in settings] == [
        ("create", "report_language", {"report_language": [None, "ru"]}),
        ("update", "report_language", {"report_language": ["ru", "en"]}),
        ("create", "backup_policy", {"backup_policy": [None, {"enabled": True, "keep_days": 45}]}),
    ]
    assert all(e["actor"] == actor and e["at"] is not None for e in settings)
    preferences.set_report_language(db, "en")  # no change, no entry
    assert len(_entries(db, entity="setting")) == 3

    # every deleted person is found in the History by what it held
    for email, pid in (("akmal@eco.gov.uz", akmal.id), ("Bolormaa@MNE.gov.mn", bolormaa.id),
                       ("y.nurmukhambetov@mail.kz", twin.id)):  # fmt: skip
        rows = _found(db, email)
        assert any(r["entity"] == "person" and r["entity_id"] == pid and r["action"] in ("delete", "undo")
                   for r in rows), email  # fmt: skip
    assert _found(db, "+998 71 207 1100")


def test_list_audit_finds_a_deleted_person_by_her_email(db_path):
    db = Database.open(db_path)
    try:
        p = sv.create(
            db, "persons", {"given_name": "Aigerim", "family_name": "Sadykova", "email": "aigerim@mfa.kz"}
        )
        sv.delete(db, "persons", p.id)
    finally:
        db.close()
    r = subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_path), "list", "audit",
                        "--search", "aigerim@mfa.kz", "--format", "json"], capture_output=True, text=True,
                       timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {(x["action"], x["entity_id"]) for x in rows} == {("create", p.id), ("delete", p.id)}
    deleted = next(x for x in rows if x["action"] == "delete")
    assert json.loads(deleted["changes"])["email"] == ["aigerim@mfa.kz", None]
    # settings set from the command line: in the history, old -> new, who
    base = [sys.executable, "-m", "saiga_desk.cli.main", "--database", str(db_path)]
    for value in ("UNEP/CMS/Saiga/MOS5", "UNEP/CMS/Saiga/MOS6"):
        r = subprocess.run([*base, "settings", "set", "document_symbol_base", value], capture_output=True, text=True,
                           timeout=120)  # fmt: skip
        assert r.returncode == 0, r.stderr
    r = subprocess.run([*base, "list", "audit", "--search", "document_symbol_base", "--format", "json"],
                       capture_output=True, text=True, timeout=120)  # fmt: skip
    settings = json.loads(r.stdout)
    assert len(settings) == 2 and all(x["actor"] and x["at"] for x in settings)
    assert {tuple(json.loads(x["changes"])["document_symbol_base"]) for x in settings} == {
        (None, "UNEP/CMS/Saiga/MOS5"), ("UNEP/CMS/Saiga/MOS5", "UNEP/CMS/Saiga/MOS6")}  # fmt: skip


def test_a_deleted_person_is_found_by_her_name_in_any_case_and_with_or_without_accents(any_db):
    p = sv.create(any_db, "persons", {"given_name": "Алёна", "family_name": "Ёлкина", "email": "jose@example.org",
                                      "position": "Directora de Medio Ambiente — José"})  # fmt: skip
    sv.delete(any_db, "persons", p.id)
    for word in ("ЁЛКИНА", "елкина", "алена"):  # Cyrillic case and ё/е, in the stored values of the delete
        found = {(x["action"], x["entity_id"]) for x in _found(any_db, word)}
        assert ("delete", p.id) in found, word
    assert ("delete", p.id) in {(x["action"], x["entity_id"]) for x in _found(any_db, "JOSE@EXAMPLE")}
    assert not _found(any_db, "ёлкинаx")


# ------------------------------------------------------------------------------ two officers, one record
@pytest.fixture
def officers(any_db):
    """Two officers on one database: each their own connections (a second Database on the same target)."""
    other = Database.open(any_db.url, migrate=False)
    yield any_db, other
    other.close()


@pytest.mark.parametrize("kind, values", [("persons", {"family_name": "Ivanova"}),
                                          ("organizations", {"name_en": "Ministry", "kind": "other"})])  # fmt: skip
def test_the_second_of_two_saves_gets_the_stale_edit_message(officers, kind, values):
    """Both load the record; the first saves while the second is saving (between its version check and
    its write): the second is refused with the stale-edit message, the first one's values stay."""
    first, second = officers
    rec = sv.create(first, kind, values)
    field = next(iter(values))
    fired = []

    def first_saves_now(session, _ctx, _instances):
        if not fired:
            fired.append(True)
            sv.update(first, kind, rec.id, {field: "First"}, version=rec.version)

    with pytest.raises(StaleEditError, match="changed this record meanwhile"):
        with second.transaction() as tx:
            event.listen(tx.session, "before_flush", first_saves_now)
            tx.update(kind, rec.id, {field: "Second"}, version=rec.version)
    assert fired and sv.get(first, kind, rec.id)[field] == "First"


def test_a_stale_row_met_by_an_autoflush_gets_the_stale_edit_message(officers):
    """A verb that reads after changing a record (the read flushes the change first) meets the other
    officer's write there: still the stale-edit message, not the database's error."""
    first, second = officers
    rec = sv.create(first, "persons", {"family_name": "Ivanova"})
    with pytest.raises(StaleEditError):
        with second.transaction() as tx:
            person = tx.session.get(m.Person, rec.id)
            sv.update(first, "persons", rec.id, {"family_name": "First"}, version=rec.version)
            person.family_name = "Second"
            tx.session.execute(select(m.Person.id).where(m.Person.family_name == "Second"))  # autoflush
    assert sv.get(first, "persons", rec.id).family_name == "First"


def _save(db, rec_id: int, name: str, version: int, barrier: threading.Barrier, results: list) -> None:
    barrier.wait()
    try:
        sv.update(db, "persons", rec_id, {"family_name": name}, version=version)
        results.append("saved")
    except StaleEditError:
        results.append("stale")
    except Exception as e:  # noqa: BLE001 - the property under test: nothing else ever comes out
        results.append(f"{type(e).__name__}: {e}")


def test_interleaved_saves_never_leak_a_database_error(officers):
    first, second = officers
    rec = sv.create(first, "persons", {"family_name": "Ivanova"})
    outcomes = collections.Counter()
    for n in range(ROUNDS):
        version = sv.get(first, "persons", rec.id).version
        barrier = threading.Barrier(2)
        results: list[str] = []
        threads = [
            threading.Thread(target=_save, args=(db, rec.id, f"{who} {n}", version, barrier, results))
            for db, who in ((first, "A"), (second, "B"))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(results) == ["saved", "stale"], results
        outcomes.update(results)
    assert outcomes == {"saved": ROUNDS, "stale": ROUNDS}
    assert sv.get(first, "persons", rec.id).version == 1 + ROUNDS


def test_postgresql_refusing_one_of_two_transactions_is_a_stale_edit(officers):
    """PostgreSQL answers a row another transaction holds with a lock error (here: NOWAIT), a
    serialization failure or a deadlock; the officer gets the stale-edit message for each."""
    first, second = officers
    if not first.url.startswith("postgresql"):
        pytest.skip("PostgreSQL's own refusals")
    rec = sv.create(first, "persons", {"family_name": "Ivanova"})
    with first.transaction() as holder:
        holder.session.execute(select(m.Person).where(m.Person.id == rec.id).with_for_update())
        with pytest.raises(StaleEditError, match="changed this record meanwhile"):
            with second.transaction() as tx:
                tx.session.execute(select(m.Person).where(m.Person.id == rec.id).with_for_update(nowait=True))


def test_imported_values_survive_the_json_the_database_writes(any_db, tmp_path):
    """The audit JSON of an import's persons is written by the database (SQLite, PostgreSQL): quotes,
    backslashes, line breaks, tabs, Cyrillic and emoji come back exactly."""
    tricky = ['Say "hi"', "back\\slash", "two\nlines", "tab\there", "Ёлкин Алексей", "🦌 saiga"]
    rows = [["Dr", "Anna", f"Family{i}", text, "", "Kazakhstan", f"anna{i}@example.org", "+7 1"]
            for i, text in enumerate(tricky)]  # fmt: skip
    res = _imported(any_db, tmp_path, "tricky.xlsx", rows)
    with any_db.session() as s:
        people = s.scalars(select(m.Person).where(m.Person.import_batch_id == res.batch_id)).all()
    assert sorted(p.position for p in people) == sorted(tricky)
    for p in people:
        [entry] = _person_entries(any_db, p.id)
        assert entry["changes"]["position"] == [None, p.position]
        assert entry["changes"]["email"] == [None, p.email]
        assert "notes" not in entry["changes"]  # a value left empty is not written
