"""Merging two records: chosen values, nothing of a multi-valued field lost, every reference re-pointed,
the history written; undo; stale edits refused (also against a concurrent edit on PostgreSQL)."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select

from saiga_desk.core import merges
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.duplicates import find_duplicates
from saiga_desk.core.errors import NotFoundError, Progress, SaigaError, StaleEditError
from saiga_desk.core.merge_rows import referencing_columns
from tests.conftest import PG_URL, _reset_postgres
from tests.duplicates_corpus import plant


def participants_of(db, person_id: int) -> list[int]:
    return [r.meeting_id for r in sv.find(db, "participants", person_id=person_id)]


def test_merge_keeps_chosen_values_every_email_and_phone_and_repoints_references(demo_db):
    p = plant(demo_db)
    keep, other = p["kassymova"], p["kassymova_latin"]
    before = sv.get(demo_db, "persons", other)
    plan = merges.preview(demo_db, "persons", keep, other, take=["address"])
    assert {f.key: f.take_other for f in plan.fields}["address"] is True
    assert plan.references == {"participants": 2}
    result = merges.merge(demo_db, "persons", keep, other, take=["address"])
    assert (result.repointed, result.set_aside) == (1, 1)  # MOS3 re-pointed; the second MOS4 set aside
    assert result.changes.touches({"persons", "participants"})
    kept = sv.get(demo_db, "persons", keep)
    assert kept.family_name == "Қасымова" and kept.address == "Kenesary 40, apt. 12, Astana"
    assert kept.email == "aigul.kassymova@example.org" and kept.other_emails == "a.kassymova@mail.kz"
    assert kept.phone == "+7 7172 00 00 01" and kept.mobile == "+7 701 555 12 34"
    assert "Imported from the MOS4 sheet" in kept.notes and "Sample data" in kept.notes
    assert kept.organization_id != before.organization_id  # the kept record's own stays
    assert sorted(participants_of(demo_db, keep)) == sorted([p["mos3"], p["mos4"]])
    assert sv.find(demo_db, "persons", id=other) == []
    # the history: the removed record's every value, and the merge on the kept record
    deleted = [h for h in sv.history(demo_db, "persons", other) if h.action == "delete"][-1]
    assert {k: v[0] for k, v in deleted.changes.items()}.items() >= {
        "given_name": "Aigul", "family_name": "Kassymova", "email": "a.kassymova@mail.kz",
        "address": "Kenesary 40, apt. 12, Astana", "phone": "+7 701 555 12 34"}.items()  # fmt: skip
    merge_entry = sv.history(demo_db, "persons", keep)[-1]
    assert merge_entry.action == "merge" and f"merge #{result.merge_id}" in merge_entry.summary
    (info,) = merges.list_merges(demo_db)
    assert (info.kept_id, info.removed_id, info.removed_title) == (keep, other, "Aigul Kassymova")
    with demo_db.session() as s:
        stored = json.loads(s.get(m.Merge, result.merge_id).removed_values)
    assert stored["id"] == other and stored["notes"] == "Imported from the MOS4 sheet"


def test_organizations_merge_repoints_people_implementers_and_funders(demo_db):
    p = plant(demo_db)
    result = merges.merge(demo_db, "organizations", p["ministry"], p["ministry_abbr"])
    assert (result.repointed, result.set_aside) == (2, 1)  # person, funder; the second implementer set aside
    assert sv.get(demo_db, "persons", p["kassymova_latin"]).organization_id == p["ministry"]
    assert [f.organization_id for f in sv.find(demo_db, "project-funders", project_id=p["project"])] == [
        p["ministry"]
    ]
    assert [i.organization_id for i in sv.find(demo_db, "project-implementers", project_id=p["project"])] == [
        p["ministry"]]  # fmt: skip
    merges.undo_merge(demo_db, result.merge_id)
    assert sorted(i.organization_id for i in sv.find(demo_db, "project-implementers", project_id=p["project"])) == [
        p["ministry"], p["ministry_abbr"]]  # fmt: skip


def test_undo_restores_rows_versions_and_references_exactly(demo_db):
    p = plant(demo_db)
    tables = [
        t for t in m.Base.metadata.sorted_tables if t.name not in ("audit_entry", "merge", "not_duplicate")
    ]

    def snapshot():
        with demo_db.engine.connect() as con:
            return {t.name: con.execute(select(t).order_by(*t.primary_key.columns)).all() for t in tables}

    before = snapshot()
    result = merges.merge(demo_db, "persons", p["kassymova_latin"], p["kassymova"], take=["given_name"])
    assert snapshot() != before
    undone = merges.undo_merge(demo_db, result.merge_id)
    assert undone.changes.touches({"persons", "designations", "participants"})
    assert snapshot() == before
    assert merges.list_merges(demo_db)[0].undone_at is not None
    with pytest.raises(SaigaError, match="already undone"):
        merges.undo_merge(demo_db, result.merge_id)


def test_organizations_referring_to_each_other_and_a_second_signatory_row_come_back_exactly(demo_db):
    acbk = sv.find(demo_db, "organizations", acronym="ACBK")[0].id
    tables = [
        t for t in m.Base.metadata.sorted_tables if t.name not in ("audit_entry", "merge", "not_duplicate")
    ]
    with demo_db.transaction() as tx:
        dup = tx.create("organizations", {"name_en": "Assoc. for the Conservation of Biodiversity of Kazakhstan",
                                          "website": "https://acbk.kz"}).id  # fmt: skip
        child = tx.create("organizations", {"name_en": "ACBK field office", "parent_id": dup}).id
        tx.update("organizations", acbk, {"parent_id": dup})
        tx.create("signatories", {"kind": "organization", "organization_id": dup})

    def snapshot():
        with demo_db.engine.connect() as con:
            return {t.name: con.execute(select(t).order_by(*t.primary_key.columns)).all() for t in tables}

    before = snapshot()
    result = merges.merge(demo_db, "organizations", acbk, dup)
    assert result.set_aside == 1  # ACBK is a Signatory already: the second signatory row is set aside
    kept = sv.get(demo_db, "organizations", acbk)
    assert kept.parent_id is None and kept.website == "https://acbk.kz"  # never its own part
    assert sv.get(demo_db, "organizations", child).parent_id == acbk
    merges.undo_merge(demo_db, result.merge_id)
    assert snapshot() == before


def test_undo_is_refused_when_the_kept_record_changed_since(demo_db):
    p = plant(demo_db)
    result = merges.merge(demo_db, "persons", p["yolkina"], p["yolkina_e"])
    sv.update(demo_db, "persons", p["yolkina"], {"city": "Moscow (HQ)"})
    with pytest.raises(StaleEditError, match="changed after the merge"):
        merges.undo_merge(demo_db, result.merge_id)
    assert sv.find(demo_db, "persons", id=p["yolkina_e"]) == []


def test_undo_is_refused_when_a_repointed_reference_changed_since(demo_db):
    p = plant(demo_db)
    result = merges.merge(demo_db, "persons", p["kassymova"], p["kassymova_latin"])
    (mos3,) = sv.find(demo_db, "participants", person_id=p["kassymova"], meeting_id=p["mos3"])
    sv.update(demo_db, "participants", mos3.id, {"notes": "came with the MOS3 list"})
    with pytest.raises(StaleEditError, match=f"participant #{mos3.id}"):
        merges.undo_merge(demo_db, result.merge_id)
    assert sv.find(demo_db, "persons", id=p["kassymova_latin"]) == []


def test_a_merge_with_versions_seen_before_an_edit_is_refused_and_changes_nothing(demo_db):
    p = plant(demo_db)
    plan = merges.preview(demo_db, "persons", p["yolkina"], p["yolkina_e"])
    sv.update(demo_db, "persons", p["yolkina_e"], {"city": "Moscow"})
    with pytest.raises(StaleEditError, match="changed by someone else"):
        merges.merge(
            demo_db, "persons", p["yolkina"], p["yolkina_e"], versions=(plan.kept_version, plan.other_version)
        )
    assert sv.get(demo_db, "persons", p["yolkina_e"]).city == "Moscow"
    assert merges.list_merges(demo_db) == []


def test_refusals_in_plain_sentences(demo_db):
    p = plant(demo_db)
    with pytest.raises(SaigaError, match="itself"):
        merges.merge(demo_db, "persons", p["yolkina"], p["yolkina"])
    with pytest.raises(SaigaError, match="no field colour"):
        merges.merge(demo_db, "persons", p["yolkina"], p["yolkina_e"], take=["colour"])
    with pytest.raises(SaigaError, match="No person #99999"):
        merges.merge(demo_db, "persons", p["yolkina"], 99999)
    with pytest.raises(SaigaError, match="not meetings"):
        merges.merge(demo_db, "meetings", 1, 2)


def test_references_are_found_from_the_model_foreign_keys():
    found = {(t.name, c.key) for t, c in referencing_columns(m.Person.__table__)}
    expected = {(t.name, fk.parent.key) for t in m.Base.metadata.sorted_tables for fk in t.foreign_keys
                if fk.column.table.name == "person"}  # fmt: skip
    assert found == expected and {("designation", "person_id"), ("participant", "person_id")} <= found
    orgs = {t.name for t, _c in referencing_columns(m.Organization.__table__)}
    assert {"person", "designation", "participant", "project_implementer", "project_funder", "signatory",
            "meeting_organization", "organization"} <= orgs  # fmt: skip


@pytest.mark.postgres
def test_postgresql_an_edit_of_the_removed_record_during_the_merge_waits_and_finds_it_merged():
    """Two officers, one database: the merge holds the write lock from its first read, so another officer's
    save of the record being merged away waits for it and is then refused (the record is gone), instead of
    being lost. Undone, the merge gives the record back and the save goes through."""
    if not PG_URL:
        pytest.skip("SAIGA_DESK_TEST_DATABASE_URL is not set")
    _reset_postgres(PG_URL)
    db, other_officer = Database.open(PG_URL), None
    try:
        from saiga_desk.core import demo

        demo.load(db)
        p = plant(db)
        other_officer = Database.open(PG_URL)
        pairs = [c.ids for c in find_duplicates(db, "persons")]
        assert tuple(sorted((p["kassymova"], p["kassymova_latin"]))) in pairs
        refused, threads = [], []

        def save():
            try:
                sv.update(other_officer, "persons", p["kassymova_latin"], {"city": "Almaty"})
            except NotFoundError as e:
                refused.append(e)

        def meanwhile(done, total, text):
            if done == 1:  # the merge has read both records; another officer saves the removed one now
                threads.append(threading.Thread(target=save))
                threads[-1].start()

        result = merges.merge(db, "persons", p["kassymova"], p["kassymova_latin"], progress=Progress(meanwhile))
        threads[0].join(60)
        assert len(refused) == 1 and "deleted meanwhile" in str(refused[0])
        assert sv.get(db, "persons", p["kassymova"]).city != "Almaty"
        merges.undo_merge(db, result.merge_id)
        assert sorted(participants_of(db, p["kassymova_latin"])) == sorted([p["mos3"], p["mos4"]])
        sv.update(other_officer, "persons", p["kassymova_latin"], {"city": "Almaty"})
        assert sv.get(db, "persons", p["kassymova_latin"]).city == "Almaty"
    finally:
        db.close()
        if other_officer is not None:
            other_officer.close()
