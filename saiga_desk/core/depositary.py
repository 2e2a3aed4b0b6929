"""The Secretariat as Depositary: signature events, the Signatories "as at" a date, "Status of signatures".

A Signatory's date and place of signature (``signatory.signed_on`` / ``signed_at``) are kept equal to its
first "signed" event, so the signatories list and its exports show them; a "withdrew" event sets the
Signatory's status to withdrawn, and deleting it restores the status. Every write is one unit of work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saiga_desk.core import models as m
from saiga_desk.core import names, preferences
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import NotFoundError, SaigaError
from saiga_desk.core.periods import format_date
from saiga_desk.core.reporting_models import SIGNATURE_EVENTS, SignatureEvent
from saiga_desk.core.services import Record, to_record
from saiga_desk.core.text import fold, join_and
from saiga_desk.i18n import _

#: data preference: the day the MOU came into effect (ISO date)
EFFECTIVE_ON = preferences.MOU_EFFECTIVE_ON.key


@dataclass(frozen=True)
class EventResult:
    event: Record
    changes: Changes


@dataclass(frozen=True)
class SignatoryAt:
    id: int
    name: str
    kind: str
    signed_on: dt.date | None
    signed_at: str | None


# ------------------------------------------------------------------------------------------------ names
def find_signatory(s: Session, text: str) -> m.Signatory:
    """A Signatory by country code (KAZ), acronym (ACBK), English or Russian name, or number."""
    wanted = fold(str(text))
    sigs = list(s.scalars(select(m.Signatory).order_by(m.Signatory.id)))
    if not sigs:
        raise SaigaError(_("The database holds no Signatories yet."))

    def keys(x: m.Signatory) -> list[str]:
        out = [str(x.id)]
        if x.country is not None:
            out += [x.country.code, x.country.name_en, x.country.name_ru or ""]
        if x.organization is not None:
            out += [x.organization.acronym or "", x.organization.name_en, x.organization.name_ru or ""]
        return [fold(k) for k in out if k]

    found = [x for x in sigs if wanted in keys(x)]
    if len(found) == 1:
        return found[0]
    codes = ", ".join(x.country.code if x.country else (x.organization.acronym or str(x.id)) for x in sigs)
    raise NotFoundError(_("No Signatory {text!r}. Known: {codes}.").format(text=text, codes=codes))


def signatory_id(db, text: str) -> int:
    with db.session() as s:
        return find_signatory(s, text).id


# ------------------------------------------------------------------------------------------------ writes
def _sync_signatory(tx, sig_id: int) -> None:
    """Keep the Signatory's date/place of signature and status in step with its events."""
    s = tx.session
    events = list(s.scalars(select(SignatureEvent).where(SignatureEvent.signatory_id == sig_id)))
    signed = sorted(
        (e for e in events if e.event == "signed"), key=lambda e: (e.event_on or dt.date.max, e.id)
    )
    withdrawn = any(e.event == "withdrew" for e in events)
    values = {
        "signed_on": signed[0].event_on if signed else None,
        "signed_at": signed[0].place if signed else None,
        "status": "withdrawn" if withdrawn else "signatory",
    }
    sig = s.get(m.Signatory, sig_id)
    if any(getattr(sig, k) != v for k, v in values.items()):
        tx.update("signatories", sig_id, values)


def record_event(
    db,
    signatory: int | str,
    event: str = "signed",
    on: dt.date | str | None = None,
    *,
    place: str | None = None,
    authority: str | None = None,
    source: str | None = None,
    notes: str | None = None,
    tx=None,
) -> EventResult:
    """Record one fact of the depositary record; ``tx`` joins a running unit of work (the demo loader)."""
    if event not in SIGNATURE_EVENTS:
        raise SaigaError(
            _("{event!r} is not a signature event; events are: {known}.").format(
                event=event, known=", ".join(SIGNATURE_EVENTS)
            )
        )
    if tx is not None:
        rec = _record(tx, signatory, event, on, place, authority, source, notes)
        return EventResult(rec, tx.changes)
    with db.transaction() as t:
        rec = _record(t, signatory, event, on, place, authority, source, notes)
    return EventResult(rec, t.changes)


def _record(tx, signatory, event, on, place, authority, source, notes) -> Record:
    sig_id = signatory if isinstance(signatory, int) else find_signatory(tx.session, signatory).id
    rec = tx.create(
        "signature-events",
        dict(
            signatory_id=sig_id,
            event=event,
            event_on=on,
            place=place,
            authority=authority,
            source=source,
            notes=notes,
        ),
    )
    _sync_signatory(tx, sig_id)
    return rec


def delete_event(db, event_id: int) -> EventResult:
    """Remove an event (the Signatory's date of signature and status follow); returns what was removed."""
    with db.transaction() as tx:
        rec = tx.delete("signature-events", event_id)
        _sync_signatory(tx, rec.signatory_id)
    return EventResult(rec, tx.changes)


def restore_event(db, values: dict) -> EventResult:
    """Re-create a removed event with its id and values (undo of a removal)."""
    keep = {k: v for k, v in values.items() if k not in ("version", "created_at", "updated_at")}
    with db.transaction() as tx:
        rec = tx.create("signature-events", keep)
        _sync_signatory(tx, rec.signatory_id)
    return EventResult(rec, tx.changes)


def update_event(db, event_id: int, values: dict) -> tuple[Record, EventResult]:
    """Correct an event (date, place, authority, source, notes, kind); returns (values before, result)."""
    with db.transaction() as tx:
        before = tx.get("signature-events", event_id)
        rec = tx.update("signature-events", event_id, values)
        for sig_id in {before.signatory_id, rec.signatory_id}:
            _sync_signatory(tx, sig_id)
    return before, EventResult(rec, tx.changes)


# ------------------------------------------------------------------------------------------------ reads
def events(db, signatory: int | None = None) -> list[Record]:
    with db.session() as s:
        q = select(SignatureEvent).order_by(SignatureEvent.event_on.nulls_last(), SignatureEvent.id)
        if signatory is not None:
            q = q.where(SignatureEvent.signatory_id == signatory)
        return [to_record(e) for e in s.scalars(q)]


def signatories_as_at_in(
    s: Session, day: dt.date, kind: str | None = None, language: str = "en"
) -> list[SignatoryAt]:
    """Who was a Signatory on ``day``: signed on or before it, and not withdrawn by then; by date of signature."""
    ev = s.scalars(
        select(SignatureEvent)
        .where(SignatureEvent.event_on <= day)
        .order_by(SignatureEvent.event_on, SignatureEvent.id)
    )
    first: dict[int, SignatureEvent] = {}
    gone: set[int] = set()
    for e in ev:  # in date order: a signature makes a Signatory, a withdrawal ends it
        if e.event == "signed":
            first.setdefault(e.signatory_id, e)
            gone.discard(e.signatory_id)
        elif e.event == "withdrew":
            gone.add(e.signatory_id)
    out = []
    for sig_id, e in first.items():
        if sig_id in gone:
            continue
        sig = s.get(m.Signatory, sig_id)
        if kind is not None and sig.kind != kind:
            continue
        out.append(SignatoryAt(sig.id, names.signatory_of(sig, language), sig.kind, e.event_on, e.place))
    out.sort(key=lambda x: (x.kind != "state", x.signed_on, x.name.casefold()))
    return out


def signatories_as_at(
    db, day: dt.date | str, kind: str | None = None, language: str = "en"
) -> list[SignatoryAt]:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    with db.session() as s:
        return signatories_as_at_in(s, day, kind, language)


def effective_on_in(s: Session) -> dt.date | None:
    """The day the MOU came into effect (the ``mou_effective_on`` data preference), read in a session."""
    value = preferences.MOU_EFFECTIVE_ON.read(s)
    return dt.date.fromisoformat(value) if value else None


def effective_on(db) -> dt.date | None:
    value = preferences.MOU_EFFECTIVE_ON.get(db)
    return dt.date.fromisoformat(value) if value else None


# ------------------------------------------------------------------------------------------------ the paragraph
def _when_where(e: SignatureEvent, language: str) -> str:
    return f"on {format_date(e.event_on, 'day', language)}" + (f" in {e.place}" if e.place else "")


def signatures_text_in(s: Session, language: str = "en", effective: dt.date | None = None) -> str:
    """The dates and places of signature, as the "Status of signatures" section words them."""
    sigs = [x for x in s.scalars(select(m.Signatory)) if x.status == "signatory"]
    first: dict[int, SignatureEvent] = {}
    for e in s.scalars(
        select(SignatureEvent)
        .where(SignatureEvent.event == "signed")
        .order_by(SignatureEvent.event_on, SignatureEvent.id)
    ):
        if e.event_on is not None:
            first.setdefault(e.signatory_id, e)
    states = sorted(
        (x for x in sigs if x.kind == "state" and x.id in first), key=lambda x: first[x.id].event_on
    )
    if language == "ru":
        parts = [
            f"{names.signatory_of(x, 'ru')} ({format_date(first[x.id].event_on, 'day', 'ru')} г."
            + (f", {first[x.id].place}" if first[x.id].place else "")
            + ")"
            for x in states
        ]
        text = f"Меморандум подписали: {join_and(parts, 'ru')}." if parts else ""
    else:
        parts = []
        for i, x in enumerate(states):
            name = names.with_article(names.signatory_of(x, language), language)
            name = name[:1].upper() + name[1:] if i == 0 else name
            parts.append(f"{name} {'signed the MOU ' if i == 0 else ''}{_when_where(first[x.id], language)}")
        text = (join_and(parts, language) + ".") if parts else ""
    orgs = [x for x in sigs if x.kind == "organization"]
    by_day: dict[dt.date, list[str]] = {}
    for x in orgs:
        if x.id in first:
            by_day.setdefault(first[x.id].event_on, []).append(names.signatory_of(x, language))
    groups = [
        f"{join_and(sorted(named), language)} ({format_date(day, 'day', 'ru')} г.)"
        if language == "ru"
        else f"{join_and(sorted(named), language)} on {format_date(day, 'day', language)}"
        for day, named in sorted(by_day.items())
    ]
    if groups:
        lead = (
            "Сотрудничающие организации подписали Меморандум: "
            if language == "ru"
            else "Cooperating Organizations signed: "
        )
        text += (" " if text else "") + lead + "; ".join(groups) + "."
    unknown = sorted(names.signatory_of(x, language) for x in orgs if x.id not in first)
    if unknown:
        text += (" " if text else "") + (
            f"Даты подписания ({join_and(unknown, 'ru')}) в записях депозитария отсутствуют."
            if language == "ru"
            else f"The dates of signature of {join_and(unknown, 'en')} are not recorded."
        )
    if effective is not None:
        text += (" " if text else "") + (
            f"Меморандум вступил в силу {format_date(effective, 'day', 'ru')} г."
            if language == "ru"
            else f"The MOU came into effect on {format_date(effective, 'day', 'en')}."
        )
    return text


def signatures_text(db, language: str = "en") -> str:
    eff = effective_on(db)
    with db.session() as s:
        return signatures_text_in(s, language, eff)


def count_events(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(SignatureEvent.id)))


__all__ = [
    "EFFECTIVE_ON",
    "EventResult",
    "SignatoryAt",
    "find_signatory",
    "signatory_id",
    "record_event",
    "delete_event",
    "update_event",
    "restore_event",
    "events",
    "signatories_as_at",
    "signatories_as_at_in",
    "signatures_text",
    "signatures_text_in",
    "effective_on",
    "effective_on_in",
    "count_events",
]
