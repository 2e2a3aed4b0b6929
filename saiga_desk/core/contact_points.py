"""National Contact Points: designate, supersede (and its undo), confirm, close, and who held what on a date.

A designation is never overwritten. When a new person takes over, the new designation is valid from the
day of the hand-over and the old one is closed the day before, with ``superseded_by_id`` pointing to the
new one. The form (``ui/forms/supersede.py``), the command line (``saiga-desk contact-points supersede``)
and the import of a contact list with "these are national contact points" all write through the verbs
here; the ``tx`` verbs take an open unit of work (``with db.transaction() as tx``), the others open one.

    old, new = supersede(db, designation_id, person_id, dt.date(2025, 1, 1), source_reference="NV 12")
    undo_supersede(db, old.id, new.id, {"valid_to": None, "superseded_by_id": None})
    valid_on(db, dt.date(2018, 6, 1), signatory_id=3)     # [ContactPoint(...), ...]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from saiga_desk.core import designations, tables
from saiga_desk.core import models as m
from saiga_desk.core.entities import entity
from saiga_desk.core.errors import NotFoundError, SaigaError, StaleEditError, ValidationError
from saiga_desk.core.unit_of_work import Record
from saiga_desk.i18n import _

KIND = "designations"
ROLES = m.DESIGNATION_ROLES
CARRIED = ("signatory_id", "authority_id", "role")  # what a new designation takes from the one it supersedes
SUBSTANCE = ("authority_id", "designated_on", "source_reference")  # a change here is a new designation


@dataclass(frozen=True)
class ContactPoint:
    """One designation as a plain row (the list "as at" a date)."""

    id: int
    version: int
    signatory_id: int
    signatory: str
    person_id: int
    person: str
    role: str
    authority_id: int | None
    designated_on: dt.date | None
    source_reference: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    last_confirmed_on: dt.date | None
    superseded_by_id: int | None

    def as_json(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.__dict__.items()}


# ---------------------------------------------------------------------------- rules
def ends_before(start: dt.date, old_valid_from: dt.date | None) -> dt.date:
    """The last day of a designation handed over on ``start``: the day before, never before its own start."""
    end = start - dt.timedelta(days=1)
    if old_valid_from is not None and end < old_valid_from:
        return old_valid_from
    return end


def check_hand_over(old: Record, person_id: int, start: dt.date) -> None:
    """Refuse a hand-over that would not make sense; ValidationError naming the field."""
    if old.valid_to is not None and old.valid_to < start:
        raise ValidationError(
            {"valid_from": _("The current designation already ended on {date}.").format(date=old.valid_to)}
        )
    if old.valid_from is not None and start <= old.valid_from:
        raise ValidationError(
            {
                "valid_from": _("Must be after {date}, when the current designation started.").format(
                    date=old.valid_from.isoformat()
                )
            }
        )
    if person_id == old.person_id:
        raise ValidationError({"person_id": _("This person already holds the designation.")})


# ---------------------------------------------------------------------------- verbs inside a unit of work
def designate(tx, values: dict) -> Record:
    """A new designation (``valid_from`` today unless given)."""
    values = dict(values)
    if values.get("valid_from") is None:
        values["valid_from"] = dt.date.today()
    return tx.create(KIND, values)


def close(
    tx,
    designation_id: int,
    valid_to: dt.date,
    superseded_by_id: int | None = None,
    version: int | None = None,
) -> Record:
    """End a designation on ``valid_to`` (the last day it holds), optionally superseded by another one."""
    values: dict = {"valid_to": valid_to}
    if superseded_by_id is not None:
        values["superseded_by_id"] = superseded_by_id
    return tx.update(KIND, designation_id, values, version=version)


def confirm(tx, designation_id: int, on: dt.date, version: int | None = None) -> Record:
    """The Signatory confirmed the designation on ``on`` (nothing else changes)."""
    return tx.update(KIND, designation_id, {"last_confirmed_on": on}, version=version)


def hand_over(
    tx, replaced: list[Record], values: dict, start: dt.date, new_id: int | None = None
) -> tuple[list[Record], Record]:
    """The new designation ``values`` valid from ``start``; each of ``replaced`` closed the day before it
    (never before its own start) and pointing to the new one. Returns (the closed ones, the new one)."""
    values = {**values, "valid_from": start}
    if new_id is not None:
        values["id"] = new_id
    new = designate(tx, values)
    closed = [
        close(tx, old.id, ends_before(start, old.valid_from), new.id, version=old.version) for old in replaced
    ]
    return closed, new


def supersede_in(
    tx,
    designation_id: int,
    person_id: int,
    from_date: dt.date,
    version: int | None = None,
    new_id: int | None = None,
    **extra,
) -> tuple[Record, Record]:
    """``supersede`` inside an open unit of work."""
    old = tx.get(KIND, designation_id)
    if version is not None and old.version != version:
        raise StaleEditError(
            _("This designation was changed by someone else meanwhile; reload it and try again."),
            current_version=old.version,
        )
    check_hand_over(old, person_id, from_date)
    values = {k: old[k] for k in CARRIED}
    values.update({k: v for k, v in extra.items() if v is not None or k == "authority_id"})
    values.update(person_id=person_id, valid_to=old.valid_to)
    (closed,), new = hand_over(tx, [old], values, from_date, new_id=new_id)
    return closed, new


# ---------------------------------------------------------------------------- one transaction each
def supersede(
    db,
    designation_id: int,
    person_id: int,
    from_date: dt.date,
    version: int | None = None,
    new_id: int | None = None,
    actor: str | None = None,
    **extra,
) -> tuple[Record, Record]:
    """(old, new) after ``person_id`` took over ``designation_id`` from ``from_date``; one transaction.

    ``extra`` overrides fields of the new designation (authority_id, role, designated_on,
    source_reference, notes). ``new_id`` re-creates the same new record (redo after undo)."""
    with db.transaction(actor=actor) as tx:
        return supersede_in(tx, designation_id, person_id, from_date, version, new_id, **extra)


def undo_supersede(db, designation_id: int, new_id: int, before: dict, actor: str | None = None) -> Record:
    """Put the old designation back as it was (``before``: its valid_to and superseded_by_id) and remove
    the new one, in one transaction."""
    with db.transaction(actor=actor) as tx:
        old = tx.update(KIND, designation_id, before)
        tx.delete(KIND, new_id)
        return old


def close_designation(
    db, designation_id: int, on: dt.date, version: int | None = None, actor: str | None = None
) -> Record:
    """End a designation on ``on`` without a successor."""
    with db.transaction(actor=actor) as tx:
        old = tx.get(KIND, designation_id)
        if old.valid_from is not None and on < old.valid_from:
            raise ValidationError({"valid_to": _("cannot be before {field}").format(field=_("valid from"))})
        return close(tx, designation_id, on, version=version)


# ---------------------------------------------------------------------------- reading
def valid_on(db, on: dt.date | None = None, signatory_id: int | None = None) -> list[ContactPoint]:
    """The contact points valid on ``on`` (today), of one Signatory or all, by Signatory and role."""
    filters: dict = {"as_at": on or dt.date.today()}
    if signatory_id is not None:
        filters["signatory_id"] = signatory_id
    ids = tables.query_ids(db, "contact-points", filters=filters)
    persons, signatories = entity("persons"), entity("signatories")
    out = []
    with db.session() as s:
        for did in ids:
            d = s.get(m.Designation, did)
            out.append(
                ContactPoint(
                    d.id, d.version, d.signatory_id, signatories.title(d.signatory), d.person_id,
                    persons.title(d.person), d.role, d.authority_id, d.designated_on, d.source_reference,
                    d.valid_from, d.valid_to, d.last_confirmed_on, d.superseded_by_id,
                )
            )  # fmt: skip
    out.sort(key=lambda c: (c.signatory, designations.role_rank(c.role), c.id))
    return out


def held_on(db, signatory_id: int, role: str, on: dt.date, name: str = "") -> ContactPoint:
    """The designation of ``role`` a Signatory holds on ``on``; NotFoundError when there is none, SaigaError
    when several persons hold it (say which one by its number)."""
    found = [c for c in valid_on(db, on, signatory_id) if c.role == role]
    if not found:
        raise NotFoundError(
            _("{signatory} has no {role} contact point on {date}.").format(
                signatory=name or _("The Signatory"), role=role, date=on.isoformat()
            )
        )
    if len(found) > 1:
        raise SaigaError(
            _(
                "{signatory} has several {role} contact points on {date} ({ids}); supersede one in the program."
            ).format(
                signatory=name or _("The Signatory"),
                role=role,
                date=on.isoformat(),
                ids=", ".join(f"#{c.id}" for c in found),
            )
        )
    return found[0]
