"""The import's matches checked again under the write lock (core/import_recheck.py): what another officer
committed between the review and the commit is found, never duplicated."""

from __future__ import annotations

import import_corpus as corpus
from import_corpus import count
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.io.contact_import import commit_import, plan_import

ROWS = [
    corpus.EN,
    ["Ms", "Bolormaa", "Dorj", "Officer", "Agency of Wetlands", "Mongolia", "bolormaa@mne.gov.mn", "+976 1"],
    ["Mr", "Yerlan", "Nurmukhambetov", "Director", "Agency of Wetlands", "Kazakhstan", "yerlan@eco.gov.kz", "+7 2"],
    ["Dr", "Aydogdy", "Amanov", "Expert", "Steppe Committee", "Turkmenistan", "aydogdy@example.tm", "+993 3"],
]


def test_what_another_officer_added_since_the_review_is_updated_or_reused_not_duplicated(db, tmp_path):
    plan = plan_import(db, corpus.xlsx(tmp_path / "c.xlsx", ROWS))
    assert [rp.effective for rp in plan.rows] == ["new", "new", "new"]
    # meanwhile, another officer saves two of these people (one address in capitals) and the agency
    sv.create(db, "persons", {"given_name": "Bolormaa", "family_name": "Dorj", "email": "Bolormaa@MNE.gov.mn"})
    sv.create(db, "persons", {"given_name": "Yerlan", "family_name": "Nurmukhambetov", "email": "yerlan@eco.gov.kz",
                              "position": "Director"})  # fmt: skip
    agency = sv.create(db, "organizations", {"name_en": "AGENCY OF WETLANDS", "kind": "government"})
    res = commit_import(db, plan)
    assert (res.created, res.updated, res.unchanged) == (1, 2, 0)
    assert count(db, m.Person) == 3
    with db.session() as s:
        names = s.scalars(select(m.Organization.name_en)).all()
        people = {p.email: p for p in s.scalars(select(m.Person))}
    assert sorted(n for n in names if "wetlands" in n.casefold() or "steppe" in n.casefold()) == [
        "AGENCY OF WETLANDS", "Steppe Committee"]  # fmt: skip
    dorj = people["Bolormaa@MNE.gov.mn"]  # the stored address is kept as written; the row fills the rest
    assert dorj.position == "Officer" and dorj.organization_id == agency.id and dorj.version == 2
    assert people["yerlan@eco.gov.kz"].organization_id == agency.id
    with db.session() as s:
        batch = s.get(m.ImportBatch, res.batch_id)
        assert (batch.created, batch.updated, batch.unchanged) == (1, 2, 0)
