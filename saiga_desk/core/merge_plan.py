"""What a merge would keep: the fields side by side, which value stays, and the values after the merge.

A field named to take from the other record comes from it; otherwise the kept record's value stays and
its empty fields are filled from the other. Multi-valued fields lose nothing: every email address of
both records is kept (the chosen one in ``email``, the rest in ``other_emails``), a phone number that
does not stay goes to ``mobile`` when that is empty or else into the notes, and both notes are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from saiga_desk.core import person_fields
from saiga_desk.core.duplicate_keys import email_keys, phone_key
from saiga_desk.core.entities import BY_TABLE, entity
from saiga_desk.core.errors import NotFoundError, SaigaError
from saiga_desk.core.services import references_to
from saiga_desk.i18n import N_, _

KINDS = ("persons", "organizations")

_ORGANIZATION_FIELDS = (
    ("name_en", N_("Name (English)")), ("name_ru", N_("Name (Russian)")), ("acronym", N_("Acronym")),
    ("kind", N_("Kind")), ("country_id", N_("Country")), ("parent_id", N_("Part of")),
    ("website", N_("Website")), ("email", N_("Email")), ("phone", N_("Phone")), ("address", N_("Address")),
    ("notes", N_("Notes")),
)  # fmt: skip


def merge_fields(kind: str) -> tuple[tuple[str, str], ...]:
    """(column, English label) of the fields an officer chooses between, in the form's order."""
    if kind == "persons":
        return tuple(
            (f.key if f.stored else person_fields.REFERENCES[f.key], f.label)
            for f in person_fields.PERSON_FIELDS
            if f.stored or f.key in person_fields.REFERENCES
        )
    if kind == "organizations":
        return _ORGANIZATION_FIELDS
    raise SaigaError(_("Only persons or organizations can be merged, not {kind}.").format(kind=kind))


# fields whose values of both records are kept: the chosen one stays in the field, the rest go elsewhere
MULTI = {"persons": ("email", "other_emails", "phone", "mobile", "notes"), "organizations": ("notes",)}


def field_key(kind: str, name: str) -> str:
    """A field as the command line names it (``organization`` or ``organization_id``) -> its column."""
    keys = dict(merge_fields(kind))
    key = person_fields.REFERENCES.get(name, name) if kind == "persons" else name
    if key not in keys and f"{key}_id" in keys:
        key = f"{key}_id"
    if key not in keys:
        raise SaigaError(
            _("{kind} have no field {field}; fields: {fields}.").format(
                kind=_(kind).capitalize(), field=name, fields=", ".join(keys)
            )
        )
    return key


@dataclass(frozen=True)
class FieldChoice:
    key: str
    label: str  # English, translated when shown
    kept: object
    other: object
    kept_text: str
    other_text: str
    take_other: bool  # the other record's value stays

    @property
    def differs(self) -> bool:
        return self.kept != self.other


@dataclass(frozen=True)
class MergePlan:
    kind: str
    kept_id: int
    other_id: int
    kept_version: int
    other_version: int
    kept_title: str
    other_title: str
    fields: tuple[FieldChoice, ...]
    references: dict[str, int]  # what refers to the other record and will point to the kept one

    def choices(self) -> dict[str, bool]:
        return {f.key: f.take_other for f in self.fields}


def describe(session, model, key: str, value) -> str:
    """A field's value in words: names of organizations and countries, never bare ids."""
    if value is None or value == "":
        return ""
    col = model.__table__.c[key]
    for fk in col.foreign_keys:
        target = fk.column.table.name
        ent = BY_TABLE.get(target)
        obj = session.get(ent.model, value) if ent is not None else None
        if obj is not None:
            return ent.title(obj)
    return str(value)


def build_plan(session, kind: str, kept_id: int, other_id: int, take=()) -> MergePlan:
    """The side-by-side view of two records with the default choices (``take``: fields from the other)."""
    ent = entity(kind)
    if kept_id == other_id:
        raise SaigaError(_("A record cannot be merged with itself (#{id}).").format(id=kept_id))
    kept, other = (_load(session, ent, i) for i in (kept_id, other_id))
    taken = {field_key(kind, t) for t in take}
    fields = []
    for key, label in merge_fields(kind):
        a, b = getattr(kept, key), getattr(other, key)
        take_other = key in taken or (_empty(a) and not _empty(b))
        fields.append(
            FieldChoice(
                key,
                label,
                a,
                b,
                describe(session, ent.model, key, a),
                describe(session, ent.model, key, b),
                take_other,
            )  # fmt: skip
        )
    return MergePlan(kind, kept_id, other_id, kept.version, other.version, ent.title(kept), ent.title(other),
                     tuple(fields), references_to(session, ent, other_id))  # fmt: skip


def merged_values(kind: str, plan: MergePlan, choices: dict[str, bool] | None = None) -> dict:
    """The kept record's values after the merge, with nothing of a multi-valued field lost."""
    take = plan.choices() if choices is None else {**plan.choices(), **choices}
    chosen = {f.key: (f.other if take.get(f.key) else f.kept) for f in plan.fields}
    kept = {f.key: f.kept for f in plan.fields}
    other = {f.key: f.other for f in plan.fields}
    if kind == "persons":
        _keep_every_email(chosen, kept, other)
        _keep_every_phone(chosen, kept, other)
    else:
        _keep_leftovers(chosen, [(k, kept.get(k), other.get(k)) for k in ("email", "phone")])
    _keep_both_notes(chosen, kept, other)
    if kind == "organizations" and chosen.get("parent_id") in (plan.kept_id, plan.other_id):
        chosen["parent_id"] = None  # never its own part
    return chosen


def _keep_every_email(chosen: dict, kept: dict, other: dict) -> None:
    primary = chosen.get("email") or kept.get("email") or other.get("email")
    seen = {primary.casefold()} if primary else set()
    rest = []
    for e in email_keys(
        kept.get("email"), kept.get("other_emails"), other.get("email"), other.get("other_emails")
    ):
        if e.casefold() not in seen:
            seen.add(e.casefold())
            rest.append(e)
    chosen["email"] = primary
    chosen["other_emails"] = "\n".join(rest) or None


def _keep_every_phone(chosen: dict, kept: dict, other: dict) -> None:
    have = {phone_key(chosen.get("phone")), phone_key(chosen.get("mobile"))} - {""}
    left = []
    for v in (kept.get("phone"), kept.get("mobile"), other.get("phone"), other.get("mobile")):
        key = phone_key(v) or (v or "").strip()
        if v and key not in have:
            have.add(key)
            left.append(v)
    if left and not chosen.get("mobile"):
        chosen["mobile"] = left.pop(0)
    if left:
        chosen["notes"] = _join(
            chosen.get("notes"), "\n".join(_("Phone: {phone}").format(phone=p) for p in left)
        )


def _keep_leftovers(chosen: dict, fields) -> None:
    for key, a, b in fields:
        for v in (a, b):
            if v and v != chosen.get(key):
                chosen["notes"] = _join(chosen.get("notes"), f"{key.capitalize()}: {v}")


def _keep_both_notes(chosen: dict, kept: dict, other: dict) -> None:
    for v in (kept.get("notes"), other.get("notes")):
        chosen["notes"] = _join(chosen.get("notes"), v)


def _join(a: str | None, b: str | None) -> str | None:
    if not b or (a and b.strip() in a):
        return a
    return f"{a}\n{b}" if a else b


def _empty(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _load(session, ent, record_id: int):
    obj = session.get(ent.model, record_id)
    if obj is None:
        raise NotFoundError(_("No {what} #{id}.").format(what=_(ent.singular), id=record_id))
    return obj
