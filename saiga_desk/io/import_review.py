"""Field by field review of one planned row: what it would write (old -> new) and accepting or rejecting
each field. No Qt: the wizard shows these and the tests drive them directly.

    for f in field_review(plan, rp): print(f.label, f.old, "->", f.new, f.accepted, f.problem)
    set_field_accepted(rp, "phone", False)     # the row goes in without its phone change
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from saiga_desk.core.person_fields import REFERENCES
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io.import_plan import PERSON_FIELDS, STORED_AS

EMPTY = "—"
# a Person column named by the field a sheet gives it (organization_id <- organization), and the authority
_COLUMN_LABELS = {column: key for key, column in REFERENCES.items()} | {"authority_id": "organization"}
_EXTRA_LABELS = {
    "designation.role": "role", "designation.designated_on": "designated_on",
    "designation.source_reference": "source_reference", "designation.last_confirmed_on": "last_confirmed_on",
    "designation.authority_id": "organization",
}  # fmt: skip


@dataclass
class FieldReview:
    key: str  # what RowPlan.rejected_fields takes
    label: str
    old: str
    new: str
    accepted: bool
    problem: str = ""  # the error or warning about this field's cell, if any
    required: bool = False  # a new person cannot go in without it (the family name)


def field_label(key: str) -> str:
    if key in _EXTRA_LABELS:
        base = _(hd.FIELDS[_EXTRA_LABELS[key]].label)
        return _("{field} (designation)").format(field=base) if key != "designation.role" else base
    if key.startswith("participant."):
        return _("{field} (participant)").format(field=key.split(".", 1)[1].replace("_", " "))
    name = _COLUMN_LABELS.get(key, key)
    return _(hd.FIELDS[name].label) if name in hd.FIELDS else key.replace("_", " ")


def show(plan, key: str, value) -> str:
    """A stored value as the officer reads it (names for organizations and countries)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, tuple) and value and value[0] == "new":
        return _("{name} (new organization)").format(name=value[1])
    base = key.split(".", 1)[-1]
    names = getattr(plan, "names", {}) or {}
    if base in ("organization_id", "authority_id") and isinstance(value, int):
        return names.get("organization", {}).get(value, f"#{value}")
    if base == "country_id" and isinstance(value, int):
        return names.get("country", {}).get(value, f"#{value}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _stored_key(field: str) -> str:
    return STORED_AS.get(field, field)


def field_review(plan, rp) -> list[FieldReview]:
    """The fields of one row that the import would write, with old and new values and cell problems.

    A changed row lists its changes; a new row lists every value it brings; a field whose cell has an
    error is listed too (rejecting it lets the row go in without that field)."""
    columns = rp.layout.columns if rp.layout is not None else {}
    problems: dict[str, list[str]] = {}
    for p in rp.problems:
        f = columns.get(p.column) if p.column else None
        if f:
            problems.setdefault(_stored_key(f), []).append(p.message)
    out: list[FieldReview] = []
    seen: set[str] = set()
    if rp.status == "new" or rp.base_status == "new":
        items = [(k, None, rp.values[k]) for k in PERSON_FIELDS if rp.values.get(k) not in (None, "")]
        items += [(k, old, new) for k, (old, new) in rp.changes.items() if "." in k]
    else:
        items = [(k, old, new) for k, (old, new) in rp.changes.items()]
    for key, old, new in items:
        seen.add(key)
        out.append(FieldReview(key, field_label(key), show(plan, key, old), show(plan, key, new),
                               key not in rp.rejected_fields, "; ".join(problems.get(key, [])),
                               _required(rp, key)))  # fmt: skip
    for key, messages in problems.items():
        if key in seen:
            continue
        texts = rp.texts
        field = next((f for f in columns.values() if _stored_key(f) == key), key)
        out.append(FieldReview(key, field_label(key), EMPTY, texts.get(field, EMPTY),
                               key not in rp.rejected_fields, "; ".join(messages)))  # fmt: skip
    return out


def _required(rp, key: str) -> bool:
    return key == "family_name" and rp.person_id is None


def set_field_accepted(rp, key: str, accepted: bool) -> bool:
    """Accept or reject one field of a row (``key`` as in FieldReview.key). A new person's family name cannot
    be rejected (untick the row instead): returns False then, True otherwise."""
    if accepted:
        rp.take_back(key)
        return True
    if _required(rp, key):
        return False
    rp.reject(key)
    return True


def side_by_side(plan, rp) -> list[tuple[str, str, str]]:
    """A possible match, field by field: (label, the stored person's value, or the earlier row's, and this row's
    value), for the fields either of them holds."""
    if rp.possible_person is not None:
        old = plan.stored.get(rp.possible_person) or {}
    else:
        old = next((r.values for r in plan.rows if r.row == rp.possible_row), {})
    out = []
    for key in PERSON_FIELDS:
        a, b = old.get(key), rp.values.get(key)
        if a in (None, "") and b in (None, ""):
            continue
        out.append((field_label(key), show(plan, key, a), show(plan, key, b)))
    return out
