"""The full-text index stays in step with imports (the fast bulk path) and their undo."""

from __future__ import annotations

import import_corpus as corpus
from sqlalchemy import text

from saiga_desk.core import services
from saiga_desk.core.tables import listing
from saiga_desk.core.text import fold
from saiga_desk.io.contact_import import commit_import, plan_import, undo_batch

TERMS = ("nurmukham", "minist", "ecology", "new", "person", "kazakh", "eco.gov", "director")


def _same_as_a_scan(db) -> None:
    """The persons filter reads the person's own text and that of the organization and country it shows."""
    with db.engine.connect() as con:
        rows = con.execute(
            text(
                "SELECT p.id, coalesce(p.search_text, '') || ' | ' || coalesce(o.search_text, '') || ' | ' "
                "|| coalesce(c.search_text, '') FROM person p LEFT JOIN organization o ON o.id = p.organization_id "
                "LEFT JOIN country c ON c.id = p.country_id"
            )
        ).all()
    for term in TERMS:
        want = {i for i, s in rows if any(fold(term) in part for part in s.split(" | "))}
        assert set(listing.query_ids(db, "persons", search=term)) == want, term


def test_import_and_undo_keep_the_index_in_step(db, tmp_path):
    rows = [corpus.EN, *corpus.people(3)]
    commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows)))
    _same_as_a_scan(db)
    # the import indexes its rows in one pass and puts the insert trigger back: a later write is indexed
    services.create(db, "persons", {"family_name": "Triggerova", "email": "trig@example.org"})
    assert len(listing.query_ids(db, "persons", search="triggerov")) == 1
    rows[1][3] = "Minister"
    rows.append(["Mr", "New", "Person", "Clerk", "Ministry of Ecology", "Kazakhstan", "new@eco.gov.kz", ""])
    second = commit_import(db, plan_import(db, corpus.xlsx(tmp_path / "b.xlsx", rows)))
    assert listing.query_ids(db, "persons", search="new@eco")
    _same_as_a_scan(db)
    undo_batch(db, second.batch_id)
    assert not listing.query_ids(db, "persons", search="new@eco")
    _same_as_a_scan(db)
