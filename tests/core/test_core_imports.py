"""core/imports.py and core/import_undo.py: a batch written in bulk derives its search text, versions and audit
entries like every other write, and its unit of work says what it changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.derived import search_text
from saiga_desk.core.import_undo import undo_batch
from saiga_desk.core.imports import BatchPlan, commit_batch
from saiga_desk.core.text import search_key


@pytest.mark.parametrize(
    "parts",
    [("Ms.", "Айгүл", "Қасымова"), ("  José ", None, "", "ÉLKIN\u200b"), ("KAZ", dt.date(2006, 5, 24)),
     ("a\tb", "Ёлкина", 42), ()],
)  # fmt: skip
def test_search_text_is_the_search_key(parts):
    assert search_text(parts) == search_key(*parts)


def _plan(**kw) -> BatchPlan:
    return BatchPlan("contacts", "list.xlsx", "0" * 64, "Contacts", 1, {"A": "family_name"}, {}, **kw)


def test_bulk_persons_match_persons_made_one_by_one_and_changes_are_noted(any_db):
    db = any_db
    seen = []
    db.subscribe(seen.append)
    values = {"honorific": "Ms.", "given_name": "Айгүл", "family_name": "Қасымова", "email": "a@example.org",
              "city": "Астана", "organization_id": ("new", "Committee of Forestry")}  # fmt: skip
    outcome = commit_batch(db, _plan(new_persons=[values], organizations={"Committee of Forestry": "Committee of Forestry"},
                                     counts={"created": 1}), actor="tester")  # fmt: skip
    assert seen and {"persons", "organizations"} <= seen[-1].created
    bulk = sv.get(db, "persons", outcome.new_person_ids[0])
    assert bulk.import_batch_id == outcome.batch_id and bulk.organization_id is not None
    with db.session() as s:
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.entity == "person",
                                                     m.AuditEntry.entity_id == bulk.id)).one()  # fmt: skip
        assert (entry.action, entry.actor, entry.summary, entry.batch_id) == (
            "create",
            "tester",
            "Айгүл Қасымова",
            outcome.batch_id,
        )
    got = undo_batch(db, outcome.batch_id)
    assert got["deleted"] == 2 and "persons" in seen[-1].deleted and "organizations" in seen[-1].deleted
    # made one by one (after the undo: one person per email), the same person reads the same
    one = sv.create(db, "persons", {k: v for k, v in values.items() if k != "organization_id"})
    assert bulk.search_text == one.search_text and bulk.version == one.version == 1
    assert [p.id for p in sv.find(db, "persons")] == [one.id]


def test_core_modules_of_the_import_import_no_file_library():
    root = Path(__file__).resolve().parents[2] / "saiga_desk" / "core"
    for name in ("imports.py", "import_undo.py", "bulk_rows.py", "derived.py", "contact_points.py"):
        text = (root / name).read_text(encoding="utf-8")
        for banned in ("openpyxl", "xlsxwriter", "calamine", "PySide6", "saiga_desk.io", "VALUES (?", "?, ?"):
            assert banned not in text, (name, banned)
        # SQL handed to the driver is only ever what the dialect compiled from a Core statement
        assert text.count("exec_driver_sql(") == text.count("exec_driver_sql(sql,"), name
        if "exec_driver_sql(" in text:
            assert "sql = str(compiled)" in text and ".compile(dialect=" in text, name
