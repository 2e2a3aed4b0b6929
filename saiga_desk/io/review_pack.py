"""Review packs: "here is what we hold for your country, please correct and return".

A pack is the contact template (saiga_desk.io.template) with the Signatory's current contact points filled
in, written exactly as the importer reads them back: when the returned file is imported with "these are
national contact points", only what the country changed shows up as a change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import tables
from saiga_desk.core.errors import Progress, SaigaError
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.io.export import ExportResult
from saiga_desk.io.template import write_contact_sheet


@dataclass(frozen=True)
class SignatoryRef:
    id: int
    name: str  # English name (country) or organization name
    code: str  # ISO code of a State, acronym of an organization
    name_ru: str = ""


def signatories(db) -> list[SignatoryRef]:
    return [
        SignatoryRef(r["id"], r["name"] or "", r["acronym"] or str(r["id"]), r.get("name_ru") or "")
        for r in tables.iter_rows(db, "signatories")
    ]


def resolve_signatory(db, text: str) -> SignatoryRef:
    """A Signatory by country code (KAZ), acronym (ACBK), name in English or Russian, or number."""
    wanted = fold(text)
    known = signatories(db)
    if not known:
        raise SaigaError(_("The database holds no Signatories yet."))
    for attr in ("code", "name", "name_ru"):
        found = [s for s in known if fold(getattr(s, attr)) == wanted]
        if len(found) == 1:
            return found[0]
    if text.strip().isdigit():
        found = [s for s in known if s.id == int(text)]
        if found:
            return found[0]
    partial = [s for s in known if wanted and (wanted in fold(s.name) or wanted in fold(s.name_ru))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise SaigaError(
            _("{text!r} matches several Signatories: {names}. Use the country code or acronym.").format(
                text=text, names=", ".join(f"{s.name} ({s.code})" for s in partial)
            )
        )
    raise SaigaError(
        _("No Signatory {text!r}. Known: {codes}.").format(text=text, codes=", ".join(s.code for s in known))
    )


def pack_rows(db, signatory_id: int, as_at: dt.date | None = None) -> list[dict]:
    """The Signatory's contact points valid on ``as_at`` (today), as template rows keyed by field."""
    ids = tables.query_ids(
        db, "contact-points", filters={"signatory_id": signatory_id, "as_at": as_at}, sort="role"
    )
    rows = []
    with db.session() as s:
        for did in ids:
            d = s.get(m.Designation, did)
            p = d.person
            country = p.country or d.signatory.country
            org = p.organization
            rows.append(
                {
                    "country": country.name_en if country else None,
                    "honorific": p.honorific,
                    "given_name": p.given_name,
                    "family_name": p.family_name,
                    "given_name_latin": p.given_name_latin,
                    "family_name_latin": p.family_name_latin,
                    "position": p.position,
                    "organization": org.name_en if org else None,
                    "department": p.department,
                    "role": d.role,
                    "email": p.email,
                    "other_emails": p.other_emails,
                    "phone": p.phone,
                    "mobile": p.mobile,
                    "address": p.address,
                    "city": p.city,
                    "preferred_language": p.preferred_language,
                    "designated_on": d.designated_on,
                    "valid_from": d.valid_from,
                    "source_reference": d.source_reference,
                    "last_confirmed_on": d.last_confirmed_on,
                    "notes": p.notes,
                }
            )
    order = {r: i for i, r in enumerate(m.DESIGNATION_ROLES)}
    rows.sort(key=lambda r: order.get(r["role"], 99))
    return rows


def write_review_pack(db, signatory, path, progress: Progress | None = None) -> ExportResult:
    """One Signatory's pack (``signatory``: a SignatoryRef, an id or the text the officer typed)."""
    ref = _ref(db, signatory)
    today = dt.date.today()
    rows = pack_rows(db, ref.id, today)
    intro_en = [
        f"{ref.name}: National Contact Points held by the Secretariat as at {today.isoformat()}.",
        "Review the list of National Contact Points and provide an update: correct what changed, add new "
        "contact points in new rows, and return the file.",
    ]
    intro_ru = [
        f"{ref.name_ru or ref.name}: национальные контактные лица по данным Секретариата на {today.isoformat()}.",
        "Просим проверить список национальных контактных лиц и сообщить об изменениях: исправьте то, что "
        "изменилось, добавьте новых контактных лиц в новых строках и верните файл.",
    ]
    title = _("{name}: National Contact Points, review pack").format(name=ref.name)
    return write_contact_sheet(
        path, rows, db=db, title=title, intro_en=intro_en, intro_ru=intro_ru, progress=progress
    )


def pack_file_name(ref: SignatoryRef) -> str:
    code = re.sub(r"[^\w.-]+", "-", ref.code, flags=re.UNICODE).strip("-") or str(ref.id)
    return f"review-pack-{code}.xlsx"


def write_review_packs(
    db, folder, signatory_ids: list[int] | None = None, progress: Progress | None = None
) -> list[ExportResult]:
    """A pack per Signatory (all of them when ``signatory_ids`` is None) in ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SaigaError(_("The folder {folder} does not exist.").format(folder=folder))
    progress = progress or Progress()
    refs = signatories(db)
    if signatory_ids is not None:
        wanted = set(signatory_ids)
        refs = [r for r in refs if r.id in wanted]
    results = []
    for i, ref in enumerate(refs):
        progress.report(i, len(refs), _("Review pack for {name}").format(name=ref.name))
        results.append(write_review_pack(db, ref, folder / pack_file_name(ref)))
    progress.report(len(refs), len(refs), _("Review packs written"))
    return results


def _ref(db, signatory) -> SignatoryRef:
    if isinstance(signatory, SignatoryRef):
        return signatory
    if isinstance(signatory, int):
        for ref in signatories(db):
            if ref.id == signatory:
                return ref
        raise SaigaError(_("No Signatory #{id}.").format(id=signatory))
    return resolve_signatory(db, str(signatory))


def current_persons(db, signatory_id: int) -> list[int]:
    """Person ids of the Signatory's current contact points (tests and the GUI's summary)."""
    with db.session() as s:
        ids = tables.query_ids(db, "contact-points", filters={"signatory_id": signatory_id})
        return list(s.scalars(select(m.Designation.person_id).where(m.Designation.id.in_(ids))))


__all__ = [
    "SignatoryRef", "signatories", "resolve_signatory", "pack_rows", "write_review_pack", "write_review_packs",
    "pack_file_name",
]  # fmt: skip
