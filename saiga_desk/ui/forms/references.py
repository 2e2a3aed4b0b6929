"""What a reference picker lists: readable names for the records another record points to.

Persons as "Family Given (Organization)", organizations as "ACRONYM — Name", signatories by name,
countries by English name, meetings as "CODE — Title". Read through the shared listings
(``services.iter_rows``), cached per database and dropped when a write's ``Changes`` touch what their listing shows.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from saiga_desk.core import names
from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.listing_kinds import shows
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.ui.signals import hub


@dataclass
class Options:
    labels: list[str]
    ids: list[int]

    def __post_init__(self) -> None:
        self.by_id = {i: n for n, i in enumerate(self.ids)}
        self.by_fold: dict[str, int] = {}
        for n, label in enumerate(self.labels):
            self.by_fold.setdefault(fold(label), n)

    def label(self, obj_id: int | None) -> str:
        if obj_id is None:
            return ""
        row = self.by_id.get(obj_id)
        return self.labels[row] if row is not None else f"#{obj_id}"

    def find(self, text: str) -> int | None:
        """The id whose label is ``text`` (case and accents ignored), else None."""
        row = self.by_fold.get(fold(text))
        return self.ids[row] if row is not None else None


def _join(*parts) -> str:
    return " ".join(str(p) for p in parts if p)


def _person(r: dict) -> str:
    return names.person_label(r, r.get("organization"))


def _item(r: dict) -> str:
    return _join(r.get("programme"), r.get("code"), "—" if r.get("title") else "", r.get("title"))


# source -> (listing, sort key, label)
SOURCES = {
    "countries": ("countries", "name_en", lambda r: names.country_name(r) or r.get("code")),
    "organizations": ("organizations", "name_en", names.organization_label),
    "persons": ("persons", "family_name", _person),
    "signatories": ("signatories", "_order", lambda r: r.get("name") or ""),
    "meetings": ("meetings", "start_date", names.meeting_label),
    "documents": ("documents", "symbol", lambda r: r.get("symbol") or ""),
    "work-programmes": ("work-programmes", "code", lambda r: r.get("code") or ""),
    "work-programme-items": ("work-programme-items", "code", _item),
    "designations": ("contact-points", "signatory", lambda r: _join(r.get("signatory"), "—", _person(r))),
}

# per open database (weakly held, so a closed one is forgotten): source -> Options
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def touched_sources(changes: Changes) -> list[str]:
    """The picker sources whose labels ``changes`` can alter (their listing shows a changed kind)."""
    return [source for source, (listing, _s, _l) in SOURCES.items() if shows(listing, changes)]


def forget(changes: Changes, db=None) -> None:
    """Drop the cached options ``changes`` touch (of ``db``, or of every open database)."""
    sources = touched_sources(changes)
    for per_db in [_cache.get(db, {})] if db is not None else list(_cache.values()):
        for source in sources:
            per_db.pop(source, None)


hub.changed.connect(forget)


def options(db, source: str) -> Options:
    per_db = _cache.setdefault(db, {})
    found = per_db.get(source)
    if found is not None:
        return found
    listing, sort, label = SOURCES[source]
    filters = {"as_at": "all"} if listing == "contact-points" else None
    labels: list[str] = []
    ids: list[int] = []
    for row in sv.iter_rows(db, listing, sort=sort, filters=filters):
        labels.append(label(row) or f"#{row['id']}")
        ids.append(row["id"])
    if source == "meetings":  # newest first reads better in a picker
        labels.reverse()
        ids.reverse()
    # two records with the same label (namesakes) stay distinguishable
    seen: dict[str, int] = {}
    for text in labels:
        k = fold(text)
        seen[k] = seen.get(k, 0) + 1
    for n, text in enumerate(labels):
        if seen[fold(text)] > 1:
            labels[n] = f"{text} #{ids[n]}"
    found = Options(labels, ids)
    per_db[source] = found
    return found


def read_again(db, source: str) -> Options:
    """The options of ``source`` read afresh (a record created since they were read)."""
    _cache.get(db, {}).pop(source, None)
    return options(db, source)


def record_title(db, entity: str, obj_id: int) -> str:
    """A readable name of one record, for confirmations and window titles."""
    source = entity if entity in SOURCES else None
    if source:
        text = options(db, source).label(obj_id)
        if not text.startswith("#"):
            return text
    try:
        rec = sv.get(db, entity, obj_id)
    except Exception:
        return f"#{obj_id}"
    if rec.get("person_id") and rec.get("meeting_id"):  # a participant: who, at which meeting
        meeting = options(db, "meetings").label(rec["meeting_id"]).split(" — ")[0]
        return f"{options(db, 'persons').label(rec['person_id'])} — {meeting}"
    for key in ("title", "title_en", "symbol", "code", "name_en"):
        if rec.get(key):
            return str(rec[key])
    return _("#{id}").format(id=obj_id)
