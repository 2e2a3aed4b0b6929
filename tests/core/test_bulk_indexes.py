"""core/bulk_rows.py and core/search_index.py: a batch bigger than the table it fills writes its rows with the
table's indexes put aside and built again in the same transaction, and its full-text index in one pass; a
duplicate that slipped past every check is still refused, and a cancel leaves everything as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError

from saiga_desk.core import search_index
from saiga_desk.core import services as sv
from saiga_desk.core.bulk_rows import REBUILD_MIN
from saiga_desk.core.imports import BatchPlan, commit_batch
from saiga_desk.core.tables import fetch_rows, query_ids


def _plan(rows: list[dict]) -> BatchPlan:
    return BatchPlan("contacts", "list.xlsx", "0" * 64, "Contacts", 1, {"A": "family_name"}, {},
                     new_persons=rows, counts={"created": len(rows)})  # fmt: skip


def _schema(db) -> dict:
    with db.engine.connect() as con:
        return dict(con.execute(text("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'person'")).all())


def _rows(n: int, start: int = 0) -> list[dict]:
    return [{"family_name": f"Family{i}", "given_name": "Ivan", "email": f"p{i}@example.org"}
            for i in range(start, start + n)]  # fmt: skip


def test_a_big_batch_rebuilds_the_same_indexes_and_finds_its_rows(db):
    before = _schema(db)
    n = REBUILD_MIN + 10
    outcome = commit_batch(db, _plan(_rows(n)))
    assert len(outcome.new_person_ids) == n
    assert _schema(db) == before  # every index and trigger back, as it was
    with db.engine.connect() as con:
        assert con.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        fts = search_index.fts_table("person")
        assert con.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")) is not None
        plan = con.execute(text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE email = 'p7@example.org'")).all()
        assert "ix_person_email" in " ".join(str(r) for r in plan)
    ids = query_ids(db, "persons", search="family5007")  # through the full-text index
    assert [r["family_name"] for r in fetch_rows(db, "persons", ids)] == ["Family5007"]


def test_a_duplicate_email_is_refused_at_the_rebuild_and_nothing_is_written(db):
    rows = _rows(REBUILD_MIN + 10)
    rows[-1]["email"] = "P3@Example.org "  # the same folded address as row 3: the unique index refuses it
    with pytest.raises(IntegrityError):
        commit_batch(db, _plan(rows))
    assert sv.find(db, "persons") == []
    with db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM audit_entry WHERE entity = 'person'")).scalar() == 0


def test_a_small_batch_into_a_bigger_table_keeps_the_indexes(db):
    commit_batch(db, _plan(_rows(REBUILD_MIN + 1)))
    seen = []

    def note(con, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    commit_batch(db, _plan(_rows(20, start=REBUILD_MIN + 100)))
    event.remove(db.engine, "before_cursor_execute", note)
    assert not [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX", "CREATE UNIQUE INDEX"))]
    assert len(sv.find(db, "persons")) == REBUILD_MIN + 21


def test_the_one_address_check_of_every_write_is_an_index_lookup(db):
    from saiga_desk.core import models as m
    from saiga_desk.core.person_email import same_address

    commit_batch(db, _plan(_rows(30)))
    q = select(m.Person.__table__.c.id).where(same_address(m.Person.__table__, "p7@example.org"))
    with db.engine.connect() as con:
        c = q.compile(db.engine)  # as the driver gets it: the address a bound parameter
        args = tuple(c.construct_params()[k] for k in c.positiontup)
        plan = " ".join(str(r) for r in con.exec_driver_sql("EXPLAIN QUERY PLAN " + str(c), args).all())
        assert "SEARCH" in plan and "uq_person_email_folded" in plan, plan
        assert con.execute(q).scalars().all() == [8]
    with pytest.raises(Exception, match="already has"):
        sv.create(db, "persons", {"family_name": "Other", "email": "P7@EXAMPLE.org"})


def test_a_cancel_half_way_leaves_the_table_its_indexes_and_triggers(db):
    from saiga_desk.core.errors import CancelledError, Progress

    before = _schema(db)
    progress = Progress()
    progress.callback = lambda done, total, _text: progress.cancel() if done >= 4000 else None
    with pytest.raises(CancelledError):
        commit_batch(db, _plan(_rows(REBUILD_MIN + 10)), progress=progress)
    assert _schema(db) == before and sv.find(db, "persons") == []
    with db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM person_search")).scalar() == 0


@pytest.mark.parametrize(
    ("stored", "new"),
    [("Äsel.Petrova@example.org", "äsel.petrova@example.org"),  # a case SQLite's lower() does not fold
     ("a\u200bb@example.org", "ab@example.org"),  # a zero-width space the email key drops
     ("ab@example.org", "A\u200bB@Example.org")],
)  # fmt: skip
def test_addresses_that_fold_alike_beyond_ascii_are_one_person(any_db, stored, new):
    from saiga_desk.core.errors import DuplicateError

    first = sv.create(any_db, "persons", {"family_name": "First", "email": stored})
    with pytest.raises(DuplicateError, match=f"#{first.id}"):
        sv.create(any_db, "persons", {"family_name": "Second", "email": new})
    other = sv.create(any_db, "persons", {"family_name": "Other", "email": "other@example.org"})
    with pytest.raises(DuplicateError):
        sv.update(any_db, "persons", other.id, {"email": new})
    sv.update(any_db, "persons", first.id, {"email": new})  # the same person may write it as she likes
    assert [p.family_name for p in sv.find(any_db, "persons")] == ["First", "Other"]
