"""The demo data set: the facts of the Secretariat's report to MOS4 (shared/seed/secretariat-report-mos4.txt).

Contact points are fictitious sample data (example.org addresses), marked as such; everything else
(Signatories, organizations, meetings, documents, work programmes, projects) is as the report says.
Dates the report does not give are left empty rather than invented.
"""

from __future__ import annotations

from sqlalchemy import func, select

from saiga_desk.core import demo_depositary, preferences
from saiga_desk.core import models as m
from saiga_desk.core.demo_facts import (
    AUTHORITIES,
    CONTACT_POINTS,
    COOPERATING,
    FORMER_KAZ,
    OTHER_ORGANIZATIONS,
    PROJECTS,
    SAMPLE,
    SIGNATORY_STATES,
    WORK_PROGRAMMES,
    D,
)
from saiga_desk.core.demo_meetings import add_meetings
from saiga_desk.core.demo_russian import PROJECTS_RU
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _


def is_empty(db) -> bool:
    with db.session() as s:
        return not s.scalar(select(func.count(m.Signatory.id))) and not s.scalar(
            select(func.count(m.Person.id))
        )


def load(db, progress=None) -> dict:
    """Load the demo data set in one transaction. Refused when the database already holds records."""
    if not is_empty(db):
        raise SaigaError(
            _("The database already holds records; the demo data is loaded only into an empty one.")
        )
    counts: dict[str, int] = {}

    def add(tx, name, values):
        counts[name] = counts.get(name, 0) + 1
        return tx.create(name, values)

    with db.transaction() as tx:
        s = tx.session
        country = {c.code: c.id for c in s.scalars(select(m.Country))}
        org: dict[str, int] = {}
        for acr, en, ru, kind, cc in OTHER_ORGANIZATIONS:
            org[acr] = add(
                tx,
                "organizations",
                dict(
                    acronym=None if acr in ("Germany", "Switzerland") else acr,
                    name_en=en,
                    name_ru=ru,
                    kind=kind,
                    country_id=country[cc],
                ),
            ).id
        for acr, en, ru, kind, cc, _tc in COOPERATING:
            org[acr] = add(
                tx,
                "organizations",
                dict(acronym=acr, name_en=en, name_ru=ru, kind=kind, country_id=country[cc]),
            ).id
        signatory: dict[str, int] = {}
        for cc in SIGNATORY_STATES:
            signatory[cc] = add(
                tx,
                "signatories",
                dict(
                    kind="state",
                    country_id=country[cc],
                    range_state=True,
                    status="signatory",
                    notes="Saiga Range State.",
                ),
            ).id
        for acr, *_rest, tc in COOPERATING:
            signatory[acr] = add(
                tx,
                "signatories",
                dict(
                    kind="organization",
                    organization_id=org[acr],
                    status="signatory",
                    technical_coordination=tc,
                    notes=(
                        "Provides technical coordination of the MOU's implementation under an agreement with the "
                        "CMS Secretariat, as agreed by MOS2 (UNEP/CMS/Saiga/MOS4/Doc.8)."
                        if tc
                        else None
                    ),
                ),
            ).id
        authority = {}
        for cc, (en, ru) in AUTHORITIES.items():
            authority[cc] = add(
                tx, "organizations", dict(name_en=en, name_ru=ru, kind="government", country_id=country[cc])
            ).id
        person = {}
        for cc, values in CONTACT_POINTS.items():
            person[cc] = add(
                tx,
                "persons",
                dict(values, country_id=country[cc], organization_id=authority[cc], notes=SAMPLE),
            ).id
        former = add(
            tx,
            "persons",
            dict(FORMER_KAZ, country_id=country["KAZ"], organization_id=authority["KAZ"], notes=SAMPLE),
        ).id
        old = add(
            tx,
            "designations",
            dict(
                signatory_id=signatory["KAZ"],
                person_id=former,
                authority_id=authority["KAZ"],
                role="primary",
                designated_on=D(2015, 3, 2),
                valid_from=D(2015, 3, 2),
                valid_to=D(2019, 6, 30),
                source_reference="Sample data (fictitious)",
                notes=SAMPLE,
            ),
        )
        for cc in SIGNATORY_STATES:
            start = D(2019, 7, 1) if cc == "KAZ" else D(2020, 2, 3)
            new = add(
                tx,
                "designations",
                dict(
                    signatory_id=signatory[cc],
                    person_id=person[cc],
                    authority_id=authority[cc],
                    role="primary",
                    designated_on=start,
                    valid_from=start,
                    last_confirmed_on=D(2021, 5, 14),
                    source_reference="Sample data (fictitious)",
                    notes=SAMPLE,
                ),
            )
            if cc == "KAZ":
                tx.update("designations", old.id, {"superseded_by_id": new.id})
        # ----------------------------------------------------------------------- work programmes
        items: dict[tuple[str, str], int] = {}
        for code, title, instrument, y0, y1, status, adopted_by, its in WORK_PROGRAMMES:
            wp = add(
                tx,
                "work-programmes",
                dict(
                    code=code,
                    title=title,
                    instrument=instrument,
                    start_year=y0,
                    end_year=y1,
                    status=status,
                    adopted_by=adopted_by,
                ),
            )
            for icode, kind in its:
                parent = items.get((code, icode.rsplit(".", 1)[0])) if "." in icode else None
                items[(code, icode)] = add(
                    tx,
                    "work-programme-items",
                    dict(programme_id=wp.id, code=icode, kind=kind, parent_id=parent),
                ).id
        # ----------------------------------------------------------------------- meetings
        meetings = add_meetings(tx, add, country, org)
        # ----------------------------------------------------------------------- projects
        for p in PROJECTS:
            p = dict(p)
            impl = p.pop("implementers")
            mand = p.pop("mandate_items")
            funders = p.pop("funders")
            pubs = p.pop("publications", [])
            p.setdefault("status", "completed")
            p.update(PROJECTS_RU[p["title"]])
            rec = add(tx, "projects", p)
            for acr in impl:
                add(tx, "project-implementers", dict(project_id=rec.id, organization_id=org[acr]))
            for key in mand:
                add(
                    tx,
                    "project-mandates",
                    dict(
                        project_id=rec.id, item_id=items[key], partial=key == ("Saiga MTIWP 2016-2020", "6.2")
                    ),
                )
            for acr in funders:
                add(tx, "project-funders", dict(project_id=rec.id, organization_id=org[acr]))
            for title, lang, year in pubs:
                add(tx, "publications", dict(project_id=rec.id, title=title, language=lang, year=year))
        # ----------------------------------------------------------------------- MOS4 delegations (sample)
        mos4 = meetings["MOS4"]
        for cc in SIGNATORY_STATES:
            add(
                tx,
                "participants",
                dict(
                    meeting_id=mos4,
                    person_id=person[cc],
                    signatory_id=signatory[cc],
                    category="signatory_state",
                    role="head_of_delegation",
                    status="confirmed",
                    invited_on=D(2021, 6, 1),
                    registered_on=D(2021, 8, 2),
                    confirmed_on=D(2021, 8, 2),
                    credentials_received=True,
                    credentials_verified=True,
                    notes=SAMPLE,
                ),
            )
        demo_depositary.load(tx, add, country, signatory, person, meetings)  # signatures, MOS1-2, reports
        preferences.LETTERHEAD.write(
            s,
            {
                "organization": "Secretariat of the Convention on the Conservation of Migratory Species of "
                "Wild Animals (UNEP/CMS)",
                "address": "UN Campus, Platz der Vereinten Nationen 1, 53113 Bonn, Germany",
                "address_ru": "Кампус ООН, Платц дер Ферайнтен Национен, 1, 53113 Бонн, Германия",
                "email": "cms.secretariat@cms.int",
            },
        )
        if progress is not None:
            progress.report(1, 1, _("Demo data loaded"))
    return counts


__all__ = ["load", "is_empty"]
