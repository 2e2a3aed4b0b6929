"""Field-by-field review without Qt: what a row would write, rejecting one field (also a field in error)."""

from __future__ import annotations

import import_corpus as corpus
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.io.contact_import import commit_import, plan_import
from saiga_desk.io.import_review import field_review, set_field_accepted


def test_new_row_lists_its_values_and_a_rejected_country_in_error_lets_it_in(db, tmp_path):
    rows = [
        corpus.EN,
        corpus.people(1)[0],
        ["Ms", "Ann", "Smith", "Expert", "WWF", "Atlantis", "ann@wwf.org", ""],
    ]
    plan = plan_import(db, corpus.xlsx(tmp_path / "a.xlsx", rows))
    good, bad = plan.rows
    got = {f.label: (f.old, f.new, f.problem) for f in field_review(plan, good)}
    assert got["Family name"] == ("—", "Nurmukhambetov", "")
    assert got["Country"] == ("—", "Kazakhstan", "")
    assert got["Organization"] == ("—", "Ministry of Ecology (new organization)", "")
    assert bad.status == "error" and plan.blocking()
    country = next(f for f in field_review(plan, bad) if f.label == "Country")
    assert country.new == "Atlantis" and "not recognized" in country.problem and country.key == "country_id"
    set_field_accepted(bad, country.key, False)
    assert not plan.blocking() and bad.effective == "new"
    set_field_accepted(good, "position", False)
    family = next(f for f in field_review(plan, good) if f.key == "family_name")
    assert family.required and set_field_accepted(good, "family_name", False) is False
    assert "family_name" not in good.rejected_fields
    res = commit_import(db, plan)
    assert res.created == 2
    with db.session() as s:
        got = {p.family_name: p for p in s.scalars(select(m.Person))}
    assert got["Smith"].country_id is None and got["Smith"].position == "Expert"
    assert got["Nurmukhambetov"].position is None and got["Nurmukhambetov"].country_id is not None


def test_participant_update_without_a_rejected_field(demo_db, tmp_path):
    with demo_db.session() as s:
        meeting = s.scalars(select(m.Meeting).order_by(m.Meeting.id)).first()
    head = ["Family name", "Given name", "Delegation", "Role", "Status", "E-mail"]
    first = corpus.xlsx(tmp_path / "p.xlsx", [head, ["Dorj", "Bolormaa", "Mongolia", "Delegate", "Invited",
                                                     "b@mne.gov.mn"]])  # fmt: skip
    commit_import(demo_db, plan_import(demo_db, first, kind="participants", meeting_id=meeting.id))
    second = corpus.xlsx(tmp_path / "q.xlsx", [head, ["Dorj", "Bolormaa", "Mongolia", "Head of delegation",
                                                      "Confirmed", "b@mne.gov.mn"]])  # fmt: skip
    plan = plan_import(demo_db, second, kind="participants", meeting_id=meeting.id)
    rp = plan.rows[0]
    keys = {f.key: (f.old, f.new) for f in field_review(plan, rp)}
    assert keys["participant.role"] == ("delegate", "head_of_delegation")
    assert keys["participant.status"] == ("invited", "confirmed")
    set_field_accepted(rp, "participant.role", False)
    commit_import(demo_db, plan)
    with demo_db.session() as s:
        p = s.scalars(select(m.Participant).join(m.Person).where(m.Person.family_name == "Dorj",
                                                                  m.Participant.meeting_id == meeting.id)).one()  # fmt: skip
        assert (p.role, p.status) == ("delegate", "confirmed")
