"""The register of meeting documents: official symbols (``UNEP/CMS/Saiga/MOS4/Doc.8``), revisions
(``Doc.8/Rev.1``), corrigenda and addenda, in register order.

Every write goes through ``db.transaction()`` (one unit of work, audited).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import preferences
from saiga_desk.core.errors import NotFoundError, ValidationError
from saiga_desk.core.meeting_status import the_meeting
from saiga_desk.core.services import Record, to_record
from saiga_desk.i18n import _

REVISION_KINDS = ("Rev", "Corr", "Add")
def symbol_prefix(session, meeting: m.Meeting) -> str:
    """The meeting's document-symbol prefix: its own, else ``<base>/<code>`` (base from the settings)."""
    if meeting.symbol_prefix and meeting.symbol_prefix.strip():
        return meeting.symbol_prefix.strip().rstrip("/")
    return f"{preferences.SYMBOL_BASE.read(session)}/{meeting.code}"


def _check_series(series: str) -> None:
    if series not in m.DOCUMENT_SERIES:
        raise ValidationError(
            {"series": _("must be one of: {choices}").format(choices=", ".join(m.DOCUMENT_SERIES))}
        )


def _next_symbol(session, meeting: m.Meeting, series: str) -> tuple[str, int]:
    _check_series(series)
    prefix = symbol_prefix(session, meeting)
    d = m.MeetingDocument
    numbers = set(
        session.scalars(
            select(d.number).where(d.meeting_id == meeting.id, d.series == series, d.number.is_not(None))
        )
    )
    pattern = re.compile(re.escape(f"{prefix}/{series}.") + r"(\d+)(?:/|$)")
    for sym in session.scalars(select(d.symbol).where(d.symbol.like(f"{prefix}/{series}.%"))):
        found = pattern.match(sym)
        if found:
            numbers.add(int(found.group(1)))
    n = max(numbers, default=0) + 1
    while session.scalar(select(d.id).where(d.symbol == f"{prefix}/{series}.{n}")) is not None:
        n += 1
    return f"{prefix}/{series}.{n}", n


def next_symbol(db, meeting_id: int, series: str) -> str:
    """The next free symbol of a series in a meeting: ``…/MOS4/Doc.9`` after ``Doc.8``."""
    with db.session() as s:
        return _next_symbol(s, the_meeting(s, meeting_id), series)[0]


def _root(session, document_id: int) -> m.MeetingDocument:
    doc = session.get(m.MeetingDocument, document_id)
    if doc is None:
        raise NotFoundError(
            _("No document #{id}: it may have been deleted meanwhile.").format(id=document_id)
        )
    seen = set()
    while doc.original_id is not None and doc.id not in seen:
        seen.add(doc.id)
        doc = session.get(m.MeetingDocument, doc.original_id)
    return doc


def _revision_symbol(session, document_id: int, kind: str) -> tuple[m.MeetingDocument, str, int]:
    if kind not in REVISION_KINDS:
        raise ValidationError(
            {"revision_kind": _("must be one of: {choices}").format(choices=", ".join(REVISION_KINDS))}
        )
    root = _root(session, document_id)
    d = m.MeetingDocument
    numbers = set(
        session.scalars(
            select(d.revision_number).where(
                d.original_id == root.id, d.revision_kind == kind, d.revision_number.is_not(None)
            )
        )
    )
    n = max(numbers, default=0) + 1
    while session.scalar(select(d.id).where(d.symbol == f"{root.symbol}/{kind}.{n}")) is not None:
        n += 1
    return root, f"{root.symbol}/{kind}.{n}", n


def revision_symbol(db, document_id: int, kind: str = "Rev") -> str:
    """The symbol of the next revision (``…/Doc.8/Rev.1``, then ``Rev.2``) or corrigendum (``Corr.1``)."""
    with db.session() as s:
        return _revision_symbol(s, document_id, kind)[1]


_TAIL = re.compile(r"/(?P<series>[A-Za-z]+)\.(?P<number>\d+)(?:/(?P<kind>Rev|Corr|Add)\.(?P<rev>\d+))?$")


def _document_values(
    session,
    meeting_id: int | None,
    series: str,
    title_en: str,
    symbol: str | None,
    original_id: int | None,
    revision_kind: str | None,
    **other,
) -> dict:
    values = dict(title_en=title_en, **other)
    values.setdefault("status", "draft")
    if original_id is not None or revision_kind is not None:
        if original_id is None:
            raise ValidationError({"original_id": _("a revision or corrigendum needs its original")})
        kind = revision_kind or "Rev"
        root, suggested, n = _revision_symbol(session, original_id, kind)
        values.update(
            meeting_id=root.meeting_id,
            series=root.series,
            number=root.number,
            original_id=root.id,
            revision_kind=kind,
            revision_number=n,
            symbol=symbol or suggested,
        )
        if values.get("agenda_item") is None:
            values["agenda_item"] = root.agenda_item
        if symbol:
            tail = _TAIL.search(symbol.strip())
            values["revision_number"] = int(tail["rev"]) if tail and tail["rev"] else None
    else:
        if meeting_id is None:
            raise ValidationError({"meeting_id": _("required")})
        meeting = the_meeting(session, meeting_id)
        _check_series(series)
        values.update(meeting_id=meeting.id, series=series)
        if symbol:
            tail = _TAIL.search(symbol.strip())
            values.update(symbol=symbol, number=int(tail["number"]) if tail else None)
        else:
            values["symbol"], values["number"] = _next_symbol(session, meeting, series)
    values["symbol"] = values["symbol"].strip()
    return values


def document_values(
    db,
    meeting_id: int | None,
    series: str,
    title_en: str,
    symbol: str | None = None,
    original_id: int | None = None,
    revision_kind: str | None = None,
    **other,
) -> dict:
    """The values ``add_document`` would create (for the GUI's undoable create command)."""
    with db.session() as s:
        return _document_values(s, meeting_id, series, title_en, symbol, original_id, revision_kind, **other)


def add_document(
    db,
    meeting_id: int | None,
    series: str,
    title_en: str,
    title_ru: str | None = None,
    symbol: str | None = None,
    agenda_item: str | None = None,
    languages: str | None = None,
    original_language: str | None = None,
    issued_on: dt.date | None = None,
    status: str = "draft",
    link: str | None = None,
    notes: str | None = None,
    original_id: int | None = None,
    revision_kind: str | None = None,
) -> Record:
    """Register a document. Without ``symbol`` the next free one is used; symbols are unique.

    With ``original_id`` (and ``revision_kind``, default "Rev") it is a revision or corrigendum of that
    document: it hangs under the original (never under another revision) and shares its meeting, series
    and number.
    """
    with db.transaction() as tx:
        values = _document_values(
            tx.session,
            meeting_id,
            series,
            title_en,
            symbol,
            original_id,
            revision_kind,
            title_ru=title_ru,
            agenda_item=agenda_item,
            languages=languages,
            original_language=original_language,
            issued_on=issued_on,
            status=status,
            link=link,
            notes=notes,
        )
        return tx.create("documents", values)


def list_documents(db, meeting_id: int) -> list[Record]:
    """A meeting's documents in register order: series, number, each original followed by its revisions."""
    with db.session() as s:
        docs = [
            to_record(d)
            for d in s.scalars(select(m.MeetingDocument).where(m.MeetingDocument.meeting_id == meeting_id))
        ]
    series_order = {x: i for i, x in enumerate(m.DOCUMENT_SERIES)}
    by_id = {d.id: d for d in docs}

    def key(d):
        root = by_id.get(d.original_id, d) if d.original_id else d
        return (
            series_order.get(root.series, 99),
            root.number if root.number is not None else 10**9,
            root.symbol,
            0 if d.original_id is None else 1,
            d.revision_kind or "",
            d.revision_number or 0,
            d.symbol,
        )

    return sorted(docs, key=key)


__all__ = [
    "REVISION_KINDS",
    "symbol_prefix",
    "next_symbol",
    "revision_symbol",
    "document_values",
    "add_document",
    "list_documents",
]
