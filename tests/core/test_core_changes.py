"""Every write says what it changed: the unit of work collects a Changes value and publishes it."""

from __future__ import annotations

import pytest

from saiga_desk.core import services
from saiga_desk.core.changes import Changes
from saiga_desk.core.database import Database
from saiga_desk.core.errors import ValidationError


@pytest.fixture
def db(tmp_path):
    d = Database.open(tmp_path / "changes.sqlite3")
    yield d
    d.close()


def test_a_unit_of_work_collects_and_publishes_what_it_wrote(db):
    seen: list[Changes] = []
    db.subscribe(seen.append)
    with db.transaction() as tx:
        org = tx.create("organizations", {"name_en": "Ministry of Ecology"})
        tx.create("persons", {"family_name": "Қасымова", "organization_id": org.id})
        tx.update("organizations", org.id, {"acronym": "MoE"})
    assert seen == [Changes.of(created={"organizations", "persons"}, updated={"organizations"})]
    assert tx.changes == seen[0]
    services.delete(db, "persons", services.find(db, "persons")[0].id)
    assert seen[-1] == Changes.of(deleted={"persons"})
    assert seen[-1].touches({"persons", "designations"}) and not seen[-1].touches({"meetings"})


def test_a_refused_write_publishes_nothing(db):
    seen: list[Changes] = []
    db.subscribe(seen.append)
    with pytest.raises(ValidationError), db.transaction() as tx:
        tx.create("organizations", {"name_en": "Kept until the error"})
        tx.create("persons", {"family_name": ""})
    assert seen == []
    assert services.find(db, "organizations", name_en="Kept until the error") == []


def test_everything_touches_every_kind():
    assert Changes.everything().touches({"anything"})
    assert not Changes()
    assert (Changes.of(created={"a"}) | Changes.of(deleted={"b"})).kinds == {"a", "b"}
