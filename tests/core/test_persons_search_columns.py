"""The Persons filter also matches the Organization and Country columns it shows (issue 19, item 5)."""

from __future__ import annotations

from saiga_desk.core import services as sv


def test_persons_filter_finds_every_person_of_the_shown_organization_and_country(demo_db):
    rows = sv.fetch_rows(demo_db, "persons", sv.query_ids(demo_db, "persons"))
    for column, word in (("country", "Kazakhstan"), ("organization", "Ministry")):
        expected = {r["id"] for r in rows if word.lower() in (r.get(column) or "").lower()}
        assert expected, column
        assert expected <= set(sv.query_ids(demo_db, "persons", search=word)), column


def test_a_person_is_found_by_the_name_of_her_organization_alone(demo_db):
    org = sv.create(demo_db, "organizations", {"name_en": "Zyxwvut Steppe Agency"})
    person = sv.create(demo_db, "persons", {"given_name": "Aigul", "family_name": "Nurlanova",
                                            "organization_id": org.id})  # fmt: skip
    assert person.id in sv.query_ids(demo_db, "persons", search="zyxwvut")
