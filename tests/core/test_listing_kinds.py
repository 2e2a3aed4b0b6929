"""What a listing shows and what a record owns, derived from the listings' SQL and the model's keys
(``core/listing_kinds.py``), and the undoable writes built on them (``core/record_undo.py``) — on SQLite
and, when configured, PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import record_undo as ru
from saiga_desk.core import services as sv
from saiga_desk.core import tables as tb
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import StaleEditError
from saiga_desk.core.listing_kinds import owned_parts, shown_kinds, shows, tables_read

# the maps the GUI used to keep by hand (ui/table_page.DEPENDS, ui/undo.OWNED_PARTS): the derived
# answers must cover every entry they had
HAND_KEPT_DEPENDS = {
    "signatories": {"signatories", "organizations", "countries"},
    "contact-points": {"designations", "persons", "signatories", "organizations"},
    "persons": {"persons", "organizations"},
    "organizations": {"organizations"},
    "meetings": {"meetings", "participants"},
    "participants": {"participants", "persons", "signatories", "organizations", "meetings"},
    "documents": {"documents", "meetings"},
    "projects": {"projects", "project-implementers", "project-funders", "project-mandates", "organizations"},
    "work-programmes": {"work-programmes", "work-programme-items"},
}
HAND_KEPT_OWNED = {
    "meetings": {("meeting-organizations", "meeting_id"), ("meeting-status-changes", "meeting_id")},
    "projects": {
        ("project-implementers", "project_id"),
        ("project-mandates", "project_id"),
        ("project-funders", "project_id"),
        ("publications", "project_id"),
    },
}


@pytest.mark.parametrize("listing", sorted(HAND_KEPT_DEPENDS))
def test_shown_kinds_cover_what_the_hand_kept_map_said(listing):
    assert HAND_KEPT_DEPENDS[listing] <= shown_kinds(listing)


def test_shown_kinds_come_from_joins_and_column_subqueries():
    assert "countries" in shown_kinds("persons")  # an outer join on the person's country
    assert "participants" in shown_kinds("meetings")  # the participants count, a column subquery
    assert "work-programme-items" in shown_kinds("work-programmes")  # the items count
    assert shown_kinds("countries") == {"countries"}
    assert "persons" not in shown_kinds("organizations")
    q = tb.table("contact-points").base()
    assert {"designation", "person", "signatory", "organization", "country"} <= tables_read(q)


def test_owned_parts_are_the_cascading_foreign_keys():
    for kind, parts in HAND_KEPT_OWNED.items():
        assert set(owned_parts(kind)) == parts
    assert owned_parts("persons") == () and owned_parts("organizations") == ()


def test_shows_answers_for_a_change():
    assert shows("contact-points", Changes.of(updated=["persons"]))
    assert not shows("organizations", Changes.of(created=["persons"]))
    assert shows("organizations", Changes.everything())
    assert not shows("persons", Changes())
    assert shows("audit", Changes.of(updated=["documents"]))  # every write adds audit entries


def _project_with_parts(db) -> tuple[int, dict[str, int]]:
    org = sv.create(db, "organizations", {"name_en": "Saiga Conservation Alliance", "acronym": "SCA"})
    wp = sv.create(db, "work-programmes", {"code": "MTIWP 2021-2025", "title": "Work programme"})
    item = sv.create(db, "work-programme-items", {"programme_id": wp.id, "code": "1.1", "title": "Poaching"})
    project = sv.create(db, "projects", {"title": "Saiga News 23", "start_date": dt.date(2019, 1, 1)})
    ids = {
        "project-implementers": sv.create(
            db, "project-implementers", {"project_id": project.id, "organization_id": org.id}
        ).id,
        "project-funders": sv.create(
            db, "project-funders", {"project_id": project.id, "organization_id": org.id, "currency": "EUR"}
        ).id,
        "project-mandates": sv.create(
            db, "project-mandates", {"project_id": project.id, "item_id": item.id}
        ).id,
        "publications": sv.create(db, "publications", {"project_id": project.id, "title": "Saiga News"}).id,
    }
    return project.id, ids


def test_delete_with_parts_then_recreate_same_ids(any_db):
    project_id, part_ids = _project_with_parts(any_db)
    published: list[Changes] = []
    any_db.subscribe(published.append)
    try:
        deleted = ru.delete_records(any_db, "projects", [project_id])
        assert sv.find(any_db, "projects", id=project_id) == []
        assert all(sv.find(any_db, kind, project_id=project_id) == [] for kind in part_ids)
        assert published[-1].deleted == {"projects", *part_ids}  # the parts gone with it are said too
        versions = ru.recreate(any_db, deleted)
    finally:
        any_db.unsubscribe(published.append)
    assert list(versions) == [project_id]
    assert sv.get(any_db, "projects", project_id).title == "Saiga News 23"
    for kind, part_id in part_ids.items():
        (part,) = sv.find(any_db, kind, project_id=project_id)
        assert part.id == part_id
    assert published[-1].created == {"projects", *part_ids}


def test_update_many_and_write_back(any_db):
    ids = [sv.create(any_db, "persons", {"family_name": f"P{n}", "city": "Almaty"}).id for n in range(3)]
    written = ru.update_many(any_db, "persons", ids, {"city": "Astana"})
    assert written.before == {i: {"city": "Almaty"} for i in ids}
    assert {sv.get(any_db, "persons", i).city for i in ids} == {"Astana"}
    versions = ru.write_back(any_db, "persons", written.before, written.versions)
    assert {sv.get(any_db, "persons", i).city for i in ids} == {"Almaty"}
    assert all(versions[i] == written.versions[i] + 1 for i in ids)
    # a redo after someone else changed one of them is refused, and nothing is written
    sv.update(any_db, "persons", ids[0], {"city": "Elsewhere"})
    with pytest.raises(StaleEditError):
        ru.update_many(any_db, "persons", ids, {"city": "Astana"}, versions)
    assert [sv.get(any_db, "persons", i).city for i in ids] == ["Elsewhere", "Almaty", "Almaty"]


def test_delete_refusal_names_the_references_and_writes_nothing(any_db):
    org = sv.create(any_db, "organizations", {"name_en": "Ministry of Ecology"})
    sv.create(any_db, "persons", {"family_name": "Nurmukhambetov", "organization_id": org.id})
    message = ru.delete_refusal(any_db, "organizations", org.id)
    assert message is not None and "Ministry of Ecology" in message and "1 persons" in message
    assert sv.get(any_db, "organizations", org.id).name_en == "Ministry of Ecology"
    other = sv.create(any_db, "organizations", {"name_en": "Unreferenced"})
    assert ru.delete_refusal(any_db, "organizations", other.id) is None
    assert sv.get(any_db, "organizations", other.id).name_en == "Unreferenced"
    with any_db.session() as s:
        assert s.scalar(select(m.Organization.id).where(m.Organization.id == other.id)) == other.id


def test_the_parts_deleted_with_a_record_keep_their_values_in_the_history(any_db):
    project_id, part_ids = _project_with_parts(any_db)
    sv.delete(any_db, "projects", project_id)  # the database deletes the parts with it (ON DELETE CASCADE)
    assert sv.history(any_db, "projects", project_id)[-1].changes["title"] == ["Saiga News 23", None]
    for kind, part_id in part_ids.items():
        last = sv.history(any_db, kind, part_id)[-1]
        assert last.action == "delete" and last.changes["project_id"] == [project_id, None], kind
    assert sv.history(any_db, "publications", part_ids["publications"])[-1].changes["title"] == [
        "Saiga News",
        None,
    ]
    assert sv.history(any_db, "project-funders", part_ids["project-funders"])[-1].changes["currency"] == [
        "EUR",
        None,
    ]
