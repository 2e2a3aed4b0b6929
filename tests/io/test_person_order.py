"""The persons' order table (core/person_order.py) beside the full-text index: kept in step by every write,
and the listing sorted through it comes in exactly the order of the plain sort."""

from __future__ import annotations

import import_corpus as corpus
from sqlalchemy import text

from saiga_desk.core import person_order
from saiga_desk.core import services as sv
from saiga_desk.core.tables import listing
from saiga_desk.core.text import sort_key
from saiga_desk.io.contact_import import commit_import, plan_import, undo_batch


def test_the_order_table_follows_every_write_and_sorts_as_the_plain_sort(db, tmp_path):
    """core/person_order.py: kept in step by inserts, renames, deletes and a bulk import (and its undo); the
    persons sorted through it come in exactly the order of the plain sort, forwards and backwards."""
    assert person_order.available(db)
    a = sv.create(db, "persons", {"given_name": "Алёна", "family_name": "Ёлкина"})
    b = sv.create(db, "persons", {"given_name": "Ерлан", "family_name": "елкин"})
    sv.create(db, "persons", {"given_name": "Jürgen", "family_name": "Müller"})
    rec = sv.get(db, "persons", b.id)
    sv.update(db, "persons", b.id, {"family_name": "Ахметов"}, version=rec.version)
    sv.delete(db, "persons", a.id, version=sv.get(db, "persons", a.id).version)
    res = commit_import(db, plan_import(db, corpus.make("unicode", tmp_path)))

    def stored() -> dict:
        with db.engine.connect() as con:
            return dict(con.execute(text("SELECT id, k FROM person_order")).all())

    def expected() -> dict:
        with db.engine.connect() as con:
            return {i: sort_key(f) for i, f in con.execute(text("SELECT id, family_name FROM person")).all()}

    assert stored() == expected() and len(stored()) > 3
    for descending in (False, True):
        through = listing.query_ids(db, "persons", descending=descending)
        db._person_order = False
        plain = listing.query_ids(db, "persons", descending=descending)
        db._person_order = None
        assert through == plain
    undo_batch(db, res.batch_id)
    assert stored() == expected()
