"""core/contact_points.py: supersede and its undo, close, the list valid on a date (the verbs the form, the
command line and the import share)."""

from __future__ import annotations

import datetime as dt

import pytest

from saiga_desk.core import contact_points as cp
from saiga_desk.core import services as sv
from saiga_desk.core.errors import StaleEditError, ValidationError

D = dt.date


def _kazakhstan_primary(db) -> cp.ContactPoint:
    rows = [c for c in cp.valid_on(db, D(2025, 1, 1)) if c.signatory == "Kazakhstan" and c.role == "primary"]
    assert len(rows) == 1
    return rows[0]


def test_supersede_hands_over_and_the_list_as_at_follows(demo_db):
    old = _kazakhstan_primary(demo_db)
    newcomer = next(p for p in sv.find(demo_db, "persons") if p.id != old.person_id)
    closed, new = cp.supersede(demo_db, old.id, newcomer.id, D(2025, 3, 1), version=old.version,
                               source_reference="NV 12")  # fmt: skip
    assert closed.valid_to == D(2025, 2, 28) and closed.superseded_by_id == new.id
    assert new.valid_from == D(2025, 3, 1) and new.role == old.role and new.source_reference == "NV 12"
    before = [
        c.person_id for c in cp.valid_on(demo_db, D(2025, 2, 28), old.signatory_id) if c.role == "primary"
    ]
    after = [
        c.person_id for c in cp.valid_on(demo_db, D(2025, 3, 1), old.signatory_id) if c.role == "primary"
    ]
    assert before == [old.person_id] and after == [newcomer.id]
    assert cp.held_on(demo_db, old.signatory_id, "primary", D(2025, 3, 1)).id == new.id
    cp.undo_supersede(demo_db, old.id, new.id, {"valid_to": None, "superseded_by_id": None})
    restored = sv.get(demo_db, "designations", old.id)
    assert restored.valid_to is None and restored.superseded_by_id is None
    assert [c.id for c in cp.valid_on(demo_db, D(2025, 3, 1), old.signatory_id) if c.role == "primary"] == [
        old.id
    ]


def test_refusals_change_nothing(demo_db):
    old = _kazakhstan_primary(demo_db)
    other = next(p for p in sv.find(demo_db, "persons") if p.id != old.person_id)
    with pytest.raises(ValidationError) as e:
        cp.supersede(demo_db, old.id, other.id, old.valid_from)
    assert "valid_from" in e.value.fields
    with pytest.raises(ValidationError) as e:
        cp.supersede(demo_db, old.id, old.person_id, D(2030, 1, 1))
    assert "person_id" in e.value.fields
    with pytest.raises(StaleEditError):
        cp.supersede(demo_db, old.id, other.id, D(2030, 1, 1), version=old.version + 5)
    assert sv.get(demo_db, "designations", old.id).version == old.version


def test_close_and_the_rule_of_the_last_day(demo_db):
    old = _kazakhstan_primary(demo_db)
    closed = cp.close_designation(demo_db, old.id, D(2030, 6, 30))
    assert closed.valid_to == D(2030, 6, 30)
    assert not [c for c in cp.valid_on(demo_db, D(2030, 7, 1), old.signatory_id) if c.role == "primary"]
    assert cp.ends_before(D(2030, 7, 1), D(2020, 1, 1)) == D(2030, 6, 30)
    assert cp.ends_before(D(2020, 1, 1), D(2020, 1, 1)) == D(2020, 1, 1)  # never before its own start
