"""The full-text index of the folded search text: same rows as the plain LIKE scan (and a brute-force
scan in Python), kept in step by every write, on SQLite and PostgreSQL."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from saiga_desk.core import search_index
from saiga_desk.core import services as sv
from saiga_desk.core.errors import CancelledError
from saiga_desk.core.tables import listing
from saiga_desk.core.text import fold

GIVEN = ["Айгүл", "Ерлан", "Алёна", "Dilnoza", "Aýdogdy", "Jürgen", "Sofía", "O'Neil", "50%_off", "Ёжик"]
FAMILY = ["Қасымова", "Ёлкина", "Amanow", "Oʻrinboyeva", "Schmidt", "Müller", "GARCÍA", "Ахметов", "Ng"]
TERMS = ["қасым", "елкина", "ЁЛК", "schm", "garcia", "muller", "ng", "a", "ов", "50%", "%_", "o'n", "ёжик",
         "ахметов ерлан", "ova 1", "zzz", "айгул", "person1", "@example"]  # fmt: skip


def _brute(db, term: str) -> set[int]:
    with db.engine.connect() as con:
        rows = con.execute(text("SELECT id, search_text FROM person")).all()
    words = [fold(w) for w in term.split()]
    return {i for i, s in rows if all(w in (s or "") for w in words)}


def _check(db) -> None:
    for term in TERMS:
        indexed = listing.query_ids(db, "persons", search=term)
        db._search_index = False
        db._person_order = False  # neither the full-text index nor the order table: the plain scan and sort
        plain = listing.query_ids(db, "persons", search=term)
        backwards = listing.query_ids(db, "persons", search=term, descending=True)
        db._search_index = db._person_order = None
        assert indexed == plain, term
        assert listing.query_ids(db, "persons", search=term, descending=True) == backwards, term
        assert set(indexed) == _brute(db, term), term
        assert listing.count(db, "persons", search=term) == len(indexed)


def test_index_finds_what_the_scan_finds_after_every_kind_of_write(any_db):
    db = any_db
    rnd = random.Random(7)
    ids = []
    for i in range(120):
        rec = sv.create(db, "persons", {"given_name": rnd.choice(GIVEN), "family_name": f"{rnd.choice(FAMILY)} {i}",
                                        "email": f"person{i}@example.org"})  # fmt: skip
        ids.append(rec.id)
    _check(db)
    for rid in rnd.sample(ids, 30):
        rec = sv.get(db, "persons", rid)
        sv.update(db, "persons", rid, {"family_name": rnd.choice(FAMILY) + " renamed"}, version=rec.version)
    for rid in rnd.sample(ids, 20):
        rec = sv.get(db, "persons", rid)
        if rec.family_name.endswith("renamed"):
            continue
        sv.delete(db, "persons", rid, version=rec.version)
    _check(db)
    with db.engine.begin() as con:  # a bulk write outside the services (as the import's fast path)
        con.execute(text("UPDATE person SET search_text = search_text || ' ёлкина' WHERE id % 7 = 0"))
    _check(db)
    if db.is_sqlite:
        assert search_index.available(db)
        assert listing.query_ids(db, "persons", search="қасым")  # the index answers


def test_qasym_and_yolkina_are_found_by_their_folded_fragments(any_db):
    a = sv.create(any_db, "persons", {"given_name": "Айгүл", "family_name": "Қасымова"})
    b = sv.create(any_db, "persons", {"given_name": "Алёна", "family_name": "Ёлкина"})
    assert listing.query_ids(any_db, "persons", search="қасым") == [a.id]
    assert listing.query_ids(any_db, "persons", search="елкина") == [b.id]
    assert listing.query_ids(any_db, "persons", search="сымо") == [a.id]  # substring, not only prefix


def test_lost_triggers_are_restored_after_an_upgrade(db):
    with db.engine.begin() as con:
        con.execute(text("DROP TRIGGER person_search_ai"))
    sv.create(db, "persons", {"family_name": "Unindexed"})
    with db.engine.begin() as con:
        assert search_index.repair(con) == ["person"]
        assert search_index.repair(con) == []
    assert len(listing.query_ids(db, "persons", search="unindexed")) == 1
    sv.create(db, "persons", {"family_name": "Unindexed again"})
    assert len(listing.query_ids(db, "persons", search="unindexed")) == 2


def test_downgrade_and_upgrade_drop_and_rebuild_the_index(db):
    from saiga_desk.core import migrate

    sv.create(db, "persons", {"family_name": "Қасымова"})
    with db.engine.begin() as con:
        search_index.drop(con)
        assert not con.execute(text("SELECT name FROM sqlite_master WHERE name = 'person_search'")).all()
        search_index.create(con)
    assert len(listing.query_ids(db, "persons", search="қасым")) == 1
    assert migrate.status(db)["up_to_date"]


def test_a_query_nobody_waits_for_is_stopped_and_the_next_one_runs(db):
    with db.engine.begin() as con:
        con.execute(text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                         "INSERT INTO person (family_name, given_name, version, search_text) "
                         "SELECT 'Қасымова ' || i, 'Айгүл', 1, 'қасымова ' || i || ' айгул' FROM n"))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(CancelledError):
        listing.query_ids(db, "persons", search="қасым", cancelled=cancelled)
    assert asked  # the engine asked while the query ran
    assert len(listing.query_ids(db, "persons", search="қасым", cancelled=lambda: False)) == 3000
    assert len(listing.query_ids(db, "persons", search="қасым")) == 3000  # the handler is gone
