"""Organizations named by an imported row (issue 12): matched on folded English and Russian names, acronyms,
"Name (ACRONYM)" and a shorter name within a stored one of the row's country; a new one gets its name in the
language it is written in, the row's country and a kind guessed from the name, and is never a pre-ticked
move of an existing contact point. Text is stored as written (a leading BOM stays)."""

from __future__ import annotations

import import_corpus as corpus
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.import_review import field_review

HEAD = ["Family name", "Given name", "Country", "Email", "Organization"]
SHORT_RU = "Комитет лесного хозяйства и животного мира"


def org_ids(db) -> dict:
    with db.session() as s:
        out = {}
        for o in s.scalars(select(m.Organization)):
            for k in (o.acronym, o.name_en, o.name_ru):
                if k:
                    out[k] = o.id
        return out


def test_short_russian_name_acronym_and_bracketed_acronym_match_stored_organizations(demo_db, tmp_path):
    ids = org_ids(demo_db)
    committee = next(v for k, v in ids.items() if k.startswith(SHORT_RU))
    rows = [
        HEAD,
        ["Алиев", "Серик", "Казахстан", "s.aliev@example.kz", SHORT_RU],
        ["Иванова", "Мария", "Kazakhstan", "m.ivanova@example.kz", "acbk"],
        ["Braun", "Jana", "Germany", "j.braun@example.de", "Federal Agency for Nature Conservation (BfN)"],
        ["Meyer", "Otto", "Germany", "o.meyer@example.de", "  германия федеральное ведомство  "],  # unknown
    ]
    plan = plan_import(demo_db, corpus.text_xlsx(tmp_path / "orgs.xlsx", rows))
    got = [r.values.get("organization_id") for r in plan.rows]
    assert got[:3] == [committee, ids["ACBK"], ids["BfN"]]
    assert got[3].__class__ is tuple  # not contained as whole words in one organization: new
    # the short name does not match in another country
    rows[1][2] = "Mongolia"
    plan = plan_import(demo_db, corpus.text_xlsx(tmp_path / "orgs2.xlsx", rows))
    assert plan.rows[0].values["organization_id"] == ("new", SHORT_RU)


def test_new_organization_in_its_language_with_country_and_kind(demo_db, tmp_path):
    rows = [
        HEAD,
        ["Серикова", "Алия", "Казахстан", "a.serikova@example.kz", "Министерство водных ресурсов и ирригации"],
        ["Nomin", "Sar", "Mongolia", "n.sar@example.mn", "Agency for Land Administration"],
        ["Tester", "Tom", "Mongolia", "t.t@example.mn", "Steppe Friends"],
    ]
    plan = plan_import(demo_db, corpus.text_xlsx(tmp_path / "new.xlsx", rows))
    assert all(r.status == "new" for r in plan.rows)
    assert "(new organization)" in next(f.new for f in field_review(plan, plan.rows[0]) if f.key == "organization_id")
    commit_import(demo_db, plan)
    with demo_db.session() as s:
        countries = {c.code: c.id for c in s.scalars(select(m.Country))}
        by_person = {p.family_name: p.organization for p in s.scalars(select(m.Person))}
        ru = by_person["Серикова"]
        assert (ru.name_ru, ru.name_en, ru.kind, ru.country_id) == (
            "Министерство водных ресурсов и ирригации", "", "government", countries["KAZ"])
        en = by_person["Nomin"]
        assert (en.name_en, en.name_ru, en.kind, en.country_id) == (
            "Agency for Land Administration", None, "government", countries["MNG"])
        assert by_person["Tester"].kind == "other"


def test_a_new_organization_is_never_a_pre_ticked_move(demo_db, tmp_path):
    with demo_db.session() as s:
        p = s.scalars(select(m.Person).where(m.Person.family_name == "Қасымова")).one()
        email, old_org = p.email, p.organization_id
    assert old_org is not None
    rows = [HEAD, ["Қасымова", "Айгүл", "Kazakhstan", email, "Комитет по новым делам"]]
    plan = plan_import(demo_db, corpus.text_xlsx(tmp_path / "move.xlsx", rows), designate=True)
    rp = plan.rows[0]
    assert rp.person_id is not None and "organization_id" in rp.rejected_fields
    org = next(f for f in field_review(plan, rp) if f.key == "organization_id")
    assert not org.accepted and "(new organization)" in org.new
    designation = rp.extra.get("designation")
    assert designation is None or designation["new"]["authority_id"] == old_org
    commit_import(demo_db, plan)
    with demo_db.session() as s:
        assert s.get(m.Person, rp.person_id).organization_id == old_org
        assert s.scalars(select(m.Organization).where(m.Organization.name_ru == "Комитет по новым делам")).all() == []


def test_text_is_stored_as_written_with_a_leading_bom(db, tmp_path):
    rows = [HEAD, ["\ufeffPetrov", "Ivan", "Kazakhstan", "ivan@example.org", None],
            ["Petrov", "\u200bIvan", "Kazakhstan", "ivan2@example.org", None],
            ["Sidorov", "Oleg", "Kazakhstan", "\ufeffoleg@example.org", None]]  # fmt: skip
    plan = plan_import(db, corpus.text_xlsx(tmp_path / "bom.xlsx", rows))
    assert [r.status for r in plan.rows] == ["new", "new", "new"]
    assert plan.rows[2].values["email"] == "oleg@example.org"  # an address is stripped, never silently
    assert [(p.column, p.severity) for p in plan.rows[2].problems if "invisible" in p.message] == [("D", "warning")]
    assert plan.rows[1].possible_row == 2  # the same name once the invisible characters are left out
    commit_import(db, plan)
    with db.session() as s:
        got = sorted((p.family_name, p.given_name) for p in s.scalars(select(m.Person)))
    assert got == [("Petrov", "\u200bIvan"), ("Sidorov", "Oleg"), ("\ufeffPetrov", "Ivan")]
    again = plan_import(db, tmp_path / "bom.xlsx")  # read back: the same people, nothing to change
    assert [(r.status, r.changes) for r in again.rows] == [("unchanged", {})] * 3


def test_the_same_new_name_in_two_countries_is_two_organizations(demo_db, tmp_path):
    rows = [
        HEAD,
        ["Aliev", "Serik", "Kazakhstan", "s@example.kz", "Ministry of Steppe Affairs"],
        ["Dorj", "Bat", "Mongolia", "b@example.mn", "Ministry of Steppe Affairs"],
        ["Nurlan", "Aset", "Kazakhstan", "a@example.kz", "ministry of steppe  affairs"],
        ["Noname", "Anna", None, "n@example.org", "Ministry of Nowhere"],
        ["Other", "Olga", "Mongolia", "o@example.mn", "Ministry of Nowhere"],
    ]
    commit_import(demo_db, plan_import(demo_db, corpus.text_xlsx(tmp_path / "two.xlsx", rows)))
    with demo_db.session() as s:
        codes = {c.id: c.code for c in s.scalars(select(m.Country))}
        by_person = {p.family_name: p.organization for p in s.scalars(select(m.Person))}
    assert by_person["Aliev"].id == by_person["Nurlan"].id != by_person["Dorj"].id
    assert (codes[by_person["Aliev"].country_id], codes[by_person["Dorj"].country_id]) == ("KAZ", "MNG")
    assert by_person["Dorj"].name_en == "Ministry of Steppe Affairs" and by_person["Dorj"].kind == "government"
    # a row without a country joins the one country its organization's name has
    assert by_person["Noname"].id == by_person["Other"].id and codes[by_person["Other"].country_id] == "MNG"
