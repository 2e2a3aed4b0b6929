"""The depositary record: signature events, the Signatories "as at" a date, the Status-of-signatures text."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from saiga_desk.core import depositary as dep
from saiga_desk.core import migrate
from saiga_desk.core import services as sv
from saiga_desk.core.database import Database
from saiga_desk.core.errors import ValidationError


def test_signatory_states_as_at_2007(demo_db):
    states = [x.name for x in dep.signatories_as_at(demo_db, "2007-01-01", kind="state")]
    assert states == ["Turkmenistan", "Uzbekistan", "Kazakhstan"]
    assert [x.name for x in dep.signatories_as_at(demo_db, dt.date(2010, 1, 1), kind="state")] == [
        "Turkmenistan", "Uzbekistan", "Kazakhstan", "Russian Federation"]  # fmt: skip
    assert len(dep.signatories_as_at(demo_db, dt.date(2021, 1, 1), kind="state")) == 5
    assert dep.signatories_as_at(demo_db, dt.date(2005, 1, 1)) == []
    orgs = {x.name for x in dep.signatories_as_at(demo_db, "2007-01-01", kind="organization")}
    assert orgs == {"CIC", "IUCN SSC", "WWF", "FFI", "FZS", "WCS"}  # ACBK, SCA, NABU: dates unknown


def test_demo_signatories_carry_the_public_dates(demo_db):
    sig = {r["name"]: r for r in sv.iter_rows(demo_db, "signatories")}
    assert (sig["Turkmenistan"]["signed_on"], sig["Turkmenistan"]["signed_at"]) == (
        dt.date(2005, 11, 23),
        "Nairobi",
    )
    assert sig["Uzbekistan"]["signed_on"] == dt.date(2006, 5, 23)
    assert (sig["Kazakhstan"]["signed_on"], sig["Kazakhstan"]["signed_at"]) == (
        dt.date(2006, 9, 24),
        "Almaty",
    )
    assert sig["Russian Federation"]["signed_on"] == dt.date(2009, 6, 24)
    assert (sig["Mongolia"]["signed_on"], sig["Mongolia"]["signed_at"]) == (
        dt.date(2010, 9, 10),
        "Ulaanbaatar",
    )
    assert sig["Saiga Conservation Alliance"]["signed_on"] is None
    assert dep.effective_on(demo_db) == dt.date(2006, 9, 24)


def test_status_of_signatures_text_names_the_dates(demo_db):
    en = dep.signatures_text(demo_db, "en")
    assert en.startswith(
        "Turkmenistan signed the MOU on 23 November 2005 in Nairobi, Uzbekistan on 23 May 2006, "
    )
    assert "the Russian Federation on 24 June 2009 and Mongolia on 10 September 2010 in Ulaanbaatar." in en
    assert "CIC, IUCN SSC and WWF on 23 November 2005" in en
    assert "The dates of signature of ACBK, NABU and SCA are not recorded." in en
    assert en.endswith("The MOU came into effect on 24 September 2006.")
    ru = dep.signatures_text(demo_db, "ru")
    assert "Туркменистан (23 ноября 2005 г., Nairobi)" in ru and "Меморандум вступил в силу" in ru


def test_events_keep_the_signatory_in_step_and_withdrawal_ends_it(demo_db):
    uzb = dep.signatory_id(demo_db, "UZB")
    res = dep.record_event(demo_db, "Uzbekistan", "withdrew", "2030-01-01", source="test")
    assert "signature-events" in res.changes.created and "signatories" in res.changes.updated
    assert sv.get(demo_db, "signatories", uzb).status == "withdrawn"
    names = [x.name for x in dep.signatories_as_at(demo_db, "2031-01-01", kind="state")]
    assert "Uzbekistan" not in names and len(names) == 4
    assert "Uzbekistan" in [x.name for x in dep.signatories_as_at(demo_db, "2029-12-31", kind="state")]
    dep.delete_event(demo_db, res.event.id)
    assert sv.get(demo_db, "signatories", uzb).status == "signatory"
    # an earlier signature becomes the Signatory's date of signature; removing it restores the old one
    early = dep.record_event(demo_db, "UZB", "signed", dt.date(2006, 1, 2), place="Tashkent")
    assert sv.get(demo_db, "signatories", uzb).signed_at == "Tashkent"
    dep.delete_event(demo_db, early.event.id)
    rec = sv.get(demo_db, "signatories", uzb)
    assert (rec.signed_on, rec.signed_at) == (dt.date(2006, 5, 23), None)


def test_upgrade_turns_recorded_signatures_into_events(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = Database.open(path, migrate=False)
    migrate.upgrade_to_head(old, target="0002")
    with old.engine.begin() as con:
        kaz = con.execute(text("SELECT id FROM country WHERE code = 'KAZ'")).scalar()
        con.execute(
            text("INSERT INTO signatory (kind, country_id, range_state, signed_on, signed_at, status, "
                 "technical_coordination, version, search_text, created_at, updated_at) VALUES ('state', :c, 1, "
                 "'2006-09-24', 'Almaty', 'signatory', 0, 1, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            {"c": kaz},
        )  # fmt: skip
    old.close()
    db = Database.open(path)
    try:
        events = dep.events(db)
        assert [(e.event, e.event_on, e.place) for e in events] == [
            ("signed", dt.date(2006, 9, 24), "Almaty")
        ]
        assert [x.name for x in dep.signatories_as_at(db, "2007-01-01")] == ["Kazakhstan"]
    finally:
        db.close()
    backup = next(tmp_path.glob("old.before-upgrade-*.sqlite3"))
    assert sqlite3.connect(backup).execute("select version_num from alembic_version").fetchone() == ("0002",)


def test_contact_points_to_reconfirm_follow_the_months_setting(demo_db):
    from saiga_desk.core import contact_reconfirm as rc

    assert rc.reconfirm_months(demo_db) == 12
    # the demo's five current contact points were last confirmed on 14 May 2021
    assert rc.to_reconfirm(demo_db, today=dt.date(2022, 5, 14)) == []
    due = rc.to_reconfirm(demo_db, today=dt.date(2022, 5, 15))
    assert [r.signatory for r in due] == ["Kazakhstan", "Mongolia", "Russian Federation", "Turkmenistan",
                                          "Uzbekistan"]  # fmt: skip
    assert all(r.last_confirmed_on == dt.date(2021, 5, 14) and r.email.endswith("@example.org") for r in due)
    rc.set_reconfirm_months(demo_db, 24)
    assert rc.reconfirm_months(demo_db) == 24 and rc.to_reconfirm(demo_db, today=dt.date(2022, 5, 15)) == []
    sv.update(demo_db, "designations", due[0].designation_id, {"last_confirmed_on": "2023-01-10"})
    assert [r.signatory for r in rc.to_reconfirm(demo_db, today=dt.date(2024, 1, 1))] == [
        "Mongolia", "Russian Federation", "Turkmenistan", "Uzbekistan"]  # fmt: skip
    with pytest.raises(ValidationError, match="1 to 240"):
        rc.set_reconfirm_months(demo_db, 0)
    assert rc.cutoff(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
