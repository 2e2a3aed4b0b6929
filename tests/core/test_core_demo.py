"""The demo data set holds the facts of the Secretariat's report."""

from saiga_desk.core import demo
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError


def rows(db, name, **kw):
    return list(sv.iter_rows(db, name, **kw))


def test_signatories_of_the_report(demo_db):
    sig = rows(demo_db, "signatories")
    states = [r["name"] for r in sig if r["kind"] == "state"]
    orgs = {r["acronym"] for r in sig if r["kind"] == "organization"}
    assert states == ["Kazakhstan", "Mongolia", "Russian Federation", "Turkmenistan", "Uzbekistan"]
    assert orgs == {"ACBK", "FFI", "FZS", "CIC", "NABU", "SCA", "IUCN SSC", "WCS", "WWF"}
    assert all(r["range_state"] for r in sig if r["kind"] == "state")
    assert {r["acronym"] for r in sig if r["technical_coordination"]} == {"SCA", "ACBK"}


def test_meetings_and_documents(demo_db):
    meetings = {r["code"]: r for r in rows(demo_db, "meetings")}
    assert str(meetings["CAMI-MTR-2018"]["start_date"]) == "2018-04-16"
    assert str(meetings["CAMI2"]["end_date"]) == "2019-09-28" and meetings["CAMI2"]["city"] == "Ulaanbaatar"
    assert meetings["MOS4"]["mode"] == "online" and meetings["MOS4"]["status"] == "planned"  # the report is written before it
    changes = sv.find(demo_db, "meeting-status-changes", meeting_id=meetings["MOS4"]["id"])
    postponed = [c for c in changes if c.status == "postponed"][0]
    assert str(postponed.previous_start_date) == "2020-09-01" and "COVID-19" in postponed.reason
    symbols = {r["symbol"] for r in rows(demo_db, "documents")}
    assert symbols == {"UNEP/CMS/Saiga/MOS4/Doc.8", "UNEP/CMS/Saiga/MOS4/Inf.7"}


def test_project_table_of_the_report(demo_db):
    table = [r for r in rows(demo_db, "projects")]
    dates = {r["dates"] for r in table}
    assert {"June - October 2016", "October - December 2016", "April - June 2018",
            "November 2018 - June 2019"} <= dates
    by_dates = {r["dates"]: r for r in table}
    assert by_dates["June - October 2016"]["implementers"] == "SCA"
    assert by_dates["November 2018 - June 2019"]["mandate"] == "CAMI POW 2014 - 2020: 1.1.2, 1.1.5, 1.1.6"
    assert "Руководство" in by_dates["October - December 2016"]["outcome"]
    assert len(table) == 7


def test_contact_points_are_marked_sample_in_own_script(demo_db):
    cps = rows(demo_db, "contact-points")
    assert all(r["email"].endswith("@example.org") for r in cps)
    names = " ".join(r["family_name"] + r["given_name"] for r in cps)
    for letter in "қүөё":  # Kazakh, Mongolian and Russian letters
        assert letter in names.lower()


def test_demo_refuses_a_non_empty_database(demo_db):
    try:
        demo.load(demo_db)
    except SaigaError as e:
        assert "already holds records" in str(e)
    else:
        raise AssertionError("demo loaded twice")
