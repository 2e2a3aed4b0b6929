"""What an import is matched against, read as plain rows: countries, organizations, the States' Signatories,
persons, the open designations, a meeting's participants. ``io`` reads the file and matches its rows
against these (``io/import_plan.Lookups``, ``io/import_designations.py``, ``io/participant_import.py``);
reading the records stays here, in core, like every other use of the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.imports import PERSON_COLUMNS


@dataclass(frozen=True)
class References:
    countries: list  # rows: id, code, alpha2, name_en, name_ru
    organizations: list  # rows: id, name_en, name_ru, acronym, country_id
    state_signatory: dict[int, int]  # country id -> the State's Signatory id


def references(db) -> References:
    with db.engine.connect() as con:
        countries = con.execute(
            select(m.Country.id, m.Country.code, m.Country.alpha2, m.Country.name_en, m.Country.name_ru)
        ).all()
        organizations = con.execute(
            select(m.Organization.id, m.Organization.name_en, m.Organization.name_ru, m.Organization.acronym,
                   m.Organization.country_id)
        ).all()  # fmt: skip
        states = dict(
            con.execute(
                select(m.Signatory.country_id, m.Signatory.id).where(m.Signatory.kind == "state")
            ).all()
        )
    return References(countries, organizations, states)


PERSON_KEYS = ("id", "version", *PERSON_COLUMNS)  # the Person columns an import may write


def persons(db) -> Iterator[tuple]:
    """Every person as a tuple in ``PERSON_KEYS`` order, streamed (Core rows: no ORM loading for the one
    query that may return 100,000 persons)."""
    cols = [getattr(m.Person, f) for f in PERSON_COLUMNS]
    with db.engine.connect() as con:
        yield from con.execute(select(m.Person.id, m.Person.version, *cols))


def open_designations(db) -> list[dict]:
    """The designations in force (no end date), as dicts."""
    with db.engine.connect() as con:
        q = select(
            m.Designation.id, m.Designation.version, m.Designation.signatory_id, m.Designation.person_id,
            m.Designation.role, m.Designation.authority_id, m.Designation.designated_on,
            m.Designation.source_reference, m.Designation.valid_from, m.Designation.last_confirmed_on,
        ).where(m.Designation.valid_to.is_(None))  # fmt: skip
        return [dict(r._mapping) for r in con.execute(q)]


def meeting_id(db, code: str) -> int | None:
    with db.engine.connect() as con:
        return con.execute(select(m.Meeting.id).where(m.Meeting.code == code)).scalar()


def participants_of(db, meeting_id: int) -> dict[int, dict]:
    """A meeting's participants by person id, as dicts."""
    with db.engine.connect() as con:
        return {
            r.person_id: dict(r._mapping)
            for r in con.execute(
                select(m.Participant.id, m.Participant.version, m.Participant.person_id, m.Participant.role,
                       m.Participant.category, m.Participant.status, m.Participant.credentials_received,
                       m.Participant.funded, m.Participant.signatory_id, m.Participant.organization_id)
                .where(m.Participant.meeting_id == meeting_id)
            )
        }  # fmt: skip
