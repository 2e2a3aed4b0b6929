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

from saiga_desk.core import names, report_data, tables
from saiga_desk.core.errors import Progress, SaigaError
from saiga_desk.core.person_fields import PERSON_FIELDS
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


# a field naming another record holds that record's English name in the pack
_REFERENCE_NAMES = {"organization": names.organization_name, "country": names.country_name}
_DESIGNATION_FIELDS = ("role", "designated_on", "valid_from", "source_reference", "last_confirmed_on")


def pack_rows(db, signatory_id: int, as_at: dt.date | None = None) -> list[dict]:
    """The Signatory's contact points valid on ``as_at`` (today), primary first, as template rows keyed by
    field: the person fields of the template (``PERSON_FIELDS``), the country and the designation's own."""
    rows = []
    for d, p, sig in report_data.contact_points_of(db, signatory_id, as_at or dt.date.today()):
        row = {"country": names.country_name(p.country or sig.country) or None}
        for f in PERSON_FIELDS:
            if not f.template:
                continue
            name_of = _REFERENCE_NAMES.get(f.key)
            row[f.key] = (name_of(p[f.key]) or None) if name_of else p[f.key]
        row.update((key, d[key]) for key in _DESIGNATION_FIELDS)
        rows.append(row)
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
    return [p.id for _d, p, _s in report_data.contact_points_of(db, signatory_id, dt.date.today())]


__all__ = [
    "SignatoryRef", "signatories", "resolve_signatory", "pack_rows", "write_review_pack", "write_review_packs",
    "pack_file_name",
]  # fmt: skip
