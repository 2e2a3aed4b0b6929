"""One delegation name: the participants listing, the printed list of participants and the badges agree.

The demo MOS4 delegations are States; the test adds a Cooperating Organization, an organization that is not
a Signatory, a person who represents only their own organization, a person known only by their country and
a member of the Secretariat, so every rule of ``core.names.delegation_name`` is exercised, in English and
in Russian.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import demo, names, report_data
from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.i18n import set_language
from saiga_desk.io.badges import badge_rows
from saiga_desk.io.reports import generate
from tests.io.reports_pdf import flat, text


def _find(db, listing: str, **wanted) -> int:
    for row in sv.iter_rows(db, listing, filters={"as_at": "all"} if listing == "contact-points" else None):
        if all(row.get(k) == v for k, v in wanted.items()):
            return row["id"]
    raise AssertionError(f"no {listing} row {wanted}")


def _add_guests(db, meeting_id: int) -> dict[str, str]:
    """Participants of every kind, registered; returns their name -> the delegation expected in English."""
    acbk = _find(db, "signatories", acronym="ACBK")
    wwf = _find(db, "organizations", acronym="WWF")
    fzs = _find(db, "organizations", acronym="FZS")
    mongolia = _find(db, "countries", code="MNG")
    cases = [
        ("Ахметова", dict(signatory_id=acbk, category="cooperating_organization"), {}),
        ("Green", dict(organization_id=wwf, category="observer", role="observer"), {}),
        ("Müller", dict(category="expert", role="expert"), dict(organization_id=fzs)),
        ("Батболд", dict(category="observer", role="observer"), dict(country_id=mongolia)),
        (
            "Lenten",
            dict(category="secretariat", role="secretariat", secretariat=True),
            dict(organization_id=wwf),
        ),
    ]
    for family, part, person in cases:
        p = sv.create(db, "persons", dict(given_name="Guest", family_name=family, **person))
        sv.create(
            db, "participants", dict(meeting_id=meeting_id, person_id=p.id, status="registered", **part)
        )
    return {
        "Guest Ахметова": "Association for the Conservation of Biodiversity of Kazakhstan (ACBK)",
        "Guest Green": "World Wildlife Fund (WWF) International",  # the acronym is in the name already
        "Guest Müller": "Frankfurt Zoological Society (FZS)",
        "Guest Батболд": "Mongolia",
        "Guest Lenten": "Secretariat",
    }


def _pairs(session, query) -> list[tuple]:
    return [tuple(row) for row in session.execute(query)]


PRINTED = ("invited", "registered", "confirmed", "attended")  # the provisional list


def test_listing_pdf_and_badges_name_the_same_delegations(any_db, tmp_path):
    demo.load(any_db)
    demo_db = any_db
    mos4 = mt.find_meeting(demo_db, "MOS4")
    expected = _add_guests(demo_db, mos4.id)
    for language in ("en", "ru"):
        set_language(language)
        try:
            ids = sv.query_ids(demo_db, "participants", filters={"meeting_id": mos4.id})
            listed = {
                names.person_name(r): r["delegation"] for r in sv.fetch_rows(demo_db, "participants", ids)
            }
        finally:
            set_language("en")
        core = {
            names.person_name(p.person): p.delegation
            for p in report_data.meeting_participants(demo_db, mos4.id, PRINTED, language)
        }
        _meeting, badges = badge_rows(demo_db, mos4.id)
        pdf = tmp_path / f"participants-{language}.pdf"
        generate(demo_db, "participants", pdf, meeting_code="MOS4", language=language)
        printed = flat(text(pdf))

        assert len(core) == len(listed) == 10 and len(badges) == 10
        for person, delegation in core.items():
            assert listed[person] == delegation, (language, person)
            assert delegation and delegation in printed, (language, person, delegation)
        for b in badges:
            shown = (b.delegation_ru or b.delegation) if language == "ru" else b.delegation
            assert shown == core[b.name], (language, b.name)
        if language == "en":
            for person, delegation in expected.items():
                assert core[person] == delegation, person
            assert set(core.values()) >= {"Kazakhstan", "Mongolia", "Russian Federation", "Turkmenistan"}
        else:
            assert core["Guest Ахметова"] == "Ассоциация сохранения биоразнообразия Казахстана (ACBK)"
            assert core["Guest Lenten"] == names.SECRETARIAT["ru"] == "Секретариат"
            assert core["Guest Батболд"] == "Монголия"


def test_names_match_their_sql_twins(any_db):
    """Each name and its SQL twin give the same text, in English and Russian, for every demo record."""
    demo.load(any_db)
    demo_db = any_db
    sv.create(demo_db, "organizations", dict(name_en="No Russian name", acronym="NRN", kind="ngo"))
    sv.create(
        demo_db, "organizations", dict(name_en="Same as acronym", acronym="Same as acronym", kind="ngo")
    )
    with demo_db.session() as s:
        orgs = list(s.scalars(select(m.Organization)))
        sigs = list(s.scalars(select(m.Signatory)))
        for language in ("en", "ru"):
            for full in (False, True):
                twin = dict(
                    _pairs(
                        s,
                        select(
                            m.Organization.id, names.organization_name_sql(m.Organization, language, full)
                        ),
                    )
                )
                for o in orgs:
                    assert twin[o.id] == names.organization_name(o, language, full), (o.name_en, language)
            short = dict(
                _pairs(s, select(m.Organization.id, names.organization_short_sql(m.Organization, language)))
            )
            assert all(short[o.id] == names.organization_short(o, language) for o in orgs)
            c, o = aliased(m.Country), aliased(m.Organization)
            base = (
                select(m.Signatory.id)
                .outerjoin(c, c.id == m.Signatory.country_id)
                .outerjoin(o, o.id == m.Signatory.organization_id)
            )
            for python, sql in (
                (names.signatory_name, names.signatory_name_sql),
                (names.signatory_short, names.signatory_short_sql),
                (names.signatory_full_name, names.signatory_full_name_sql),
            ):
                twin = dict(_pairs(s, base.add_columns(sql(c, o, language))))
                for sig in sigs:
                    assert twin[sig.id] == python(sig.country, sig.organization, language), (sig.id, language)
