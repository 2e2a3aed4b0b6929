"""Finding duplicates on the demo data plus planted ones: scored pairs with the reasons shown."""

from __future__ import annotations

import pytest

from saiga_desk.core import duplicate_keys as k
from saiga_desk.core import services as sv
from saiga_desk.core.duplicates import find_duplicates
from saiga_desk.core.errors import CancelledError, Progress, SaigaError
from saiga_desk.core.merges import mark_not_duplicates
from tests.duplicates_corpus import plant


def by_ids(found) -> dict[tuple[int, int], object]:
    return {c.ids: c for c in found}


def pair(a: int, b: int) -> tuple[int, int]:
    return (min(a, b), max(a, b))


def test_the_kazakh_contact_point_in_latin_letters_is_found_with_the_script_named(demo_db):
    p = plant(demo_db)
    found = by_ids(find_duplicates(demo_db, "persons"))
    c = found[pair(p["kassymova"], p["kassymova_latin"])]
    assert "same name in Cyrillic and Latin" in c.reasons
    assert c.score >= 50 and c.kind == "persons"
    assert c.titles == ("Айгүл Қасымова", "Aigul Kassymova")


def test_yo_e_email_case_and_swapped_names(demo_db):
    p = plant(demo_db)
    found = by_ids(find_duplicates(demo_db, "persons", min_score=0))
    yolkina = found[pair(p["yolkina"], p["yolkina_e"])]
    assert set(yolkina.reasons) == {"ё/е", "same email, different case"} and yolkina.score == 100
    swapped = found[pair(p["batsukh"], p["batsukh_swapped"])]
    assert "swapped given and family names" in swapped.reasons
    # the demo's own contact points are different people: none of them is paired with another
    demo_ids = {p["kassymova"], p["yolkina"], p["batsukh"]} | {r.id for r in sv.find(demo_db, "persons")[:6]}
    assert not [ids for ids in found if set(ids) <= demo_ids]


def test_three_spellings_of_one_ministry_are_found_and_its_namesake_abroad_is_not(demo_db):
    p = plant(demo_db)
    found = by_ids(find_duplicates(demo_db, "organizations"))
    three = [p["ministry"], p["ministry_abbr"], p["ministry_ru"]]
    pairs = {pair(a, b) for a in three for b in three if a < b}
    assert pairs <= set(found)
    assert found[pair(p["ministry"], p["ministry_abbr"])].reasons == ("same name with known abbreviations",)
    assert found[pair(p["ministry"], p["ministry_ru"])].reasons == ("same name in Russian and English",)
    assert not [ids for ids in found if p["ministry_uzb"] in ids]


def test_a_pair_marked_not_duplicates_is_never_proposed_again(demo_db):
    p = plant(demo_db)
    target = pair(p["kassymova"], p["kassymova_latin"])
    assert target in by_ids(find_duplicates(demo_db, "persons"))
    assert mark_not_duplicates(demo_db, "persons", p["kassymova_latin"], p["kassymova"]) is True
    assert mark_not_duplicates(demo_db, "persons", p["kassymova"], p["kassymova_latin"]) is False
    again = by_ids(find_duplicates(demo_db, "persons", min_score=0))
    assert target not in again
    assert pair(p["yolkina"], p["yolkina_e"]) in again  # the others still are
    history = sv.history(demo_db, "persons", target[0])
    assert history[-1].action == "not-duplicate"


def test_min_score_kind_and_cancel(demo_db):
    plant(demo_db)
    assert all(c.score >= 90 for c in find_duplicates(demo_db, "persons", min_score=90))
    with pytest.raises(SaigaError):
        find_duplicates(demo_db, "meetings")
    progress = Progress()
    progress.cancel()
    with pytest.raises(CancelledError):
        find_duplicates(demo_db, "persons", progress=progress)


def test_same_phone_and_initials_and_organization_position(db):
    with db.transaction() as tx:
        org = tx.create("organizations", dict(name_en="Institute of Zoology")).id
        a = tx.create(
            "persons",
            dict(
                given_name="Yerlan",
                family_name="Zhumabekov",
                phone="+7 (7172) 55-01-02",
                organization_id=org,
                position="Head of Laboratory",
            ),
        ).id
        b = tx.create(
            "persons",
            dict(
                given_name="Е.",
                family_name="Жумабеков",
                mobile="87172550102",
                organization_id=org,
                position="head of laboratory",
            ),
        ).id
    (c,) = find_duplicates(db, "persons")
    assert c.ids == (a, b)
    assert set(c.reasons) == {"initials", "same phone", "same organization and position"}


@pytest.mark.parametrize(
    "a, b",
    [("Қасымова", "Kassymova"), ("Қасымова", "Kasymova"), ("Ёлкина", "Yolkina"), ("Жұмабеков", "Jumabekov"),
     ("Батсүх", "Batsukh"), ("Өлзийбаяр", "Olziibayar"), ("Алёна", "Alyona"), ("Юлия", "Iuliia"),
     ("Цой", "Tsoi"), ("Хасанов", "Khasanov"), ("Мөнхбат", "Munkhbat"), ("Шыңғыс", "Shyngys"),
     ("Іңкәр", "Inkar"), ("Нұрсұлтан", "Nursultan"), ("Ulziibayar", "Ölziibayar")],
)  # fmt: skip
def test_one_name_form_across_scripts_and_romanizations(a, b):
    assert k.name_form(a) == k.name_form(b)


def test_organization_keys():
    assert (
        k.org_key("Ministry of Ecology") == k.org_key("Min. of Ecology") == k.org_key("Министерство экологии")
    )
    assert k.acronym_of("Association for the Conservation of Biodiversity of Kazakhstan") == "acbk"
    assert k.org_key("Ministry of Ecology") != k.org_key("Ministry of Tourism")
