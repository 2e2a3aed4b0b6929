"""Invitations and the participants' progress, on the demo data (real SQLite files)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from saiga_desk.core import meetings as mt
from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError, ValidationError


def _new_meeting(db, code="MOS5", **extra):
    values = dict(
        code=code,
        title_en="Fifth Meeting of the Signatories to the Saiga MOU",
        kind="mos",
        start_date=dt.date(2026, 10, 5),
        end_date=dt.date(2026, 10, 8),
        status="planned",
    )
    values.update(extra)
    return sv.create(db, "meetings", values)


def _current_state_contact_points(db, on):
    ids = sv.query_ids(db, "contact-points", filters={"as_at": on})
    rows = sv.fetch_rows(db, "contact-points", ids)
    with db.session() as s:
        persons = {d.id: (d.person_id, d.signatory.kind) for d in s.scalars(select(m.Designation))}
    return {persons[r["id"]][0] for r in rows if persons[r["id"]][1] == "state"}


def test_invite_all_signatories_once_and_no_duplicates(demo_db):
    meeting = _new_meeting(demo_db)
    on = dt.date(2026, 3, 2)
    expected_persons = _current_state_contact_points(demo_db, on)
    assert len(expected_persons) == 5

    first = mt.invite_signatories(demo_db, meeting.id, on=on)
    assert len(first.created) == 5 and first.already == []
    # the nine Cooperating Organizations have no contact point and no person on record: reported, not lost
    assert len(first.skipped) == 9
    assert {s.name for s in first.skipped} >= {"ACBK", "SCA", "WWF"}
    assert all("no contact point" in s.reason for s in first.skipped)

    rows = sv.fetch_rows(
        demo_db, "participants", sv.query_ids(demo_db, "participants", filters={"meeting_id": meeting.id})
    )
    assert {r["status"] for r in rows} == {"invited"}
    assert {r["category"] for r in rows} == {"signatory_state"}
    assert {r["delegation"] for r in rows} == {
        "Kazakhstan",
        "Mongolia",
        "Russian Federation",
        "Turkmenistan",
        "Uzbekistan",
    }
    with demo_db.session() as s:
        got = set(s.scalars(select(m.Participant.person_id).where(m.Participant.meeting_id == meeting.id)))
        assert got == expected_persons
        assert set(
            s.scalars(select(m.Participant.invited_on).where(m.Participant.meeting_id == meeting.id))
        ) == {on}

    second = mt.invite_signatories(demo_db, meeting.id, on=on)
    assert second.created == [] and sorted(second.already) == sorted(first.created)
    with demo_db.session() as s:
        n = s.scalar(select(func.count(m.Participant.id)).where(m.Participant.meeting_id == meeting.id))
    assert n == 5
    assert "0 invited" in second.summary()


def test_invite_as_at_an_earlier_date_uses_the_contact_point_of_that_date(demo_db):
    meeting = _new_meeting(demo_db, code="WS-2018")
    result = mt.invite_signatories(demo_db, meeting.id, include_organizations=False, on=dt.date(2018, 5, 1))
    # in 2018 only Kazakhstan had a designation (Mr Zhumabekov, superseded in 2019); the others are skipped
    assert len(result.created) == 1
    assert {s.name for s in result.skipped} == {
        "Mongolia",
        "Russian Federation",
        "Turkmenistan",
        "Uzbekistan",
    }
    rec = sv.get(demo_db, "participants", result.created[0])
    assert sv.get(demo_db, "persons", rec.person_id).family_name == "Жұмабеков"


def test_cooperating_organization_without_designation_uses_a_person_of_it(demo_db):
    meeting = _new_meeting(demo_db)
    sca = sv.find(demo_db, "organizations", acronym="SCA")[0]
    person = sv.create(
        demo_db, "persons", dict(given_name="Elena", family_name="Bykova", organization_id=sca.id)
    )
    guest = sv.create(demo_db, "persons", dict(given_name="Guest", family_name="Expert"))
    result = mt.invite_signatories(demo_db, meeting.id, include_states=False, extra_person_ids=[guest.id])
    assert len(result.created) == 2 and len(result.skipped) == 8
    parts = {
        sv.get(demo_db, "participants", i).person_id: sv.get(demo_db, "participants", i)
        for i in result.created
    }
    assert parts[person.id].category == "cooperating_organization"
    assert parts[guest.id].category == "observer"
    again = mt.invite_signatories(demo_db, meeting.id, include_states=False, extra_person_ids=[guest.id])
    assert again.created == [] and len(again.already) == 2


def test_invite_refused_for_a_cancelled_meeting(demo_db):
    meeting = _new_meeting(demo_db, status="cancelled")
    with pytest.raises(SaigaError, match="cancelled"):
        mt.invite_signatories(demo_db, meeting.id)


def test_bulk_status_sets_dates_and_counts(demo_db):
    meeting = _new_meeting(demo_db)
    ids = mt.invite_signatories(demo_db, meeting.id, on=dt.date(2026, 3, 2)).created
    counts = mt.participant_counts(demo_db, meeting.id)
    assert counts["by_status"] == {
        "to_invite": 0,
        "invited": 5,
        "registered": 0,
        "confirmed": 0,
        "attended": 0,
        "cancelled": 0,
    }
    assert counts["by_category"]["signatory_state"] == 5 and counts["total"] == 5

    before = mt.participant_values(demo_db, ids[:3])
    changed = mt.set_participant_status(demo_db, ids[:3], "registered", on=dt.date(2026, 6, 1))
    assert len(changed) == 3 and all(r.registered_on == dt.date(2026, 6, 1) for r in changed)
    # running it again changes nothing (dates kept)
    assert mt.set_participant_status(demo_db, ids[:3], "registered", on=dt.date(2026, 6, 9)) == []
    mt.set_participant_status(demo_db, ids[:1], "attended", on=dt.date(2026, 10, 5))
    counts = mt.participant_counts(demo_db, meeting.id)
    assert counts["by_status"]["registered"] == 2 and counts["by_status"]["attended"] == 1
    assert sv.get(demo_db, "participants", ids[0]).attended_on == dt.date(2026, 10, 5)

    mt.update_participants(demo_db, ids[:2], {"credentials_received": True})
    assert mt.participant_counts(demo_db, meeting.id)["credentials_received"] == 2

    # restoring the snapshot (what the GUI's undo does) brings back status and dates
    mt.apply_participant_values(demo_db, before)
    assert mt.participant_counts(demo_db, meeting.id)["by_status"]["invited"] == 5
    assert sv.get(demo_db, "participants", ids[0]).registered_on is None
    # every change is audited
    assert any(h.action == "update" for h in sv.history(demo_db, "participants", ids[0]))

    with pytest.raises(ValidationError):
        mt.set_participant_status(demo_db, ids, "lost")


def test_demo_mos4_counts(demo_db):
    mos4 = mt.find_meeting(demo_db, "mos4")
    counts = mt.participant_counts(demo_db, mos4.id)
    assert counts["by_status"]["confirmed"] == 5 and counts["credentials_received"] == 5
