"""What the record form is made of: the input of each field by its kind, the starting values of a new
record and of a duplicate."""

from __future__ import annotations

from saiga_desk.core import services as sv
from saiga_desk.core.entities import entity as entity_of
from saiga_desk.i18n import _
from saiga_desk.ui.forms.fields import (
    BoolField,
    ChoiceField,
    DateField,
    Field,
    MultiLineField,
    NumberField,
    ReferenceField,
    TextField,
)
from saiga_desk.ui.forms.layouts import CHOICES, CLEARED_ON_COPY, UNIQUE_SUFFIXED, Spec
from saiga_desk.ui.forms.references import options as reference_options


def copy_values(entity: str, record: dict) -> dict:
    """A duplicate's starting values: unique fields suffixed, bookkeeping of the original dropped."""
    ent = entity_of(entity).name
    values = {
        k: v
        for k, v in record.items()
        if k not in ("id", "version", "created_at", "updated_at", "search_text")
        and k not in CLEARED_ON_COPY.get(ent, ())
    }
    for key in UNIQUE_SUFFIXED.get(ent, ()):
        if values.get(key):
            values[key] = _("{value} (copy)").format(value=values[key])
    return values


def defaults_of(ent) -> dict:
    """The model's scalar column defaults: a new record's starting values."""
    out = {}
    for col in ent.model.__table__.columns:
        if col.default is not None and getattr(col.default, "is_scalar", False):
            out[col.key] = col.default.arg
    return out


def make_field(db, ent, spec: Spec) -> Field:
    """The input of one form field, by the kind its layout gives (``ref:SOURCE`` is a picker)."""
    required = spec.name in ent.required
    label = _(spec.label)
    col = ent.model.__table__.columns.get(spec.name)
    nullable = col is None or col.nullable
    kind = spec.kind
    if kind == "email":
        return TextField(spec.name, label, required, email=True)
    if kind == "multiline":
        return MultiLineField(spec.name, label, required, lines=3)
    if kind == "longtext":
        return MultiLineField(spec.name, label, required, lines=6)
    if kind == "date":
        return DateField(spec.name, label, required)
    if kind == "bool":
        return BoolField(spec.name, label)
    if kind in ("int", "number"):
        return NumberField(spec.name, label, required, integer=kind == "int")
    if kind == "choice":
        choices = ent.choices.get(spec.name) or CHOICES.get((ent.name, spec.name), ())
        has_default = col is not None and col.default is not None
        return ChoiceField(spec.name, label, choices, required, allow_empty=nullable or not has_default)
    if kind.startswith("ref:"):
        return ReferenceField(spec.name, label, reference_options(db, kind[4:]), required)
    return TextField(spec.name, label, required)


def offer_authority(db, fields: dict) -> None:
    """Designation form: when a person is picked and no competent authority is set yet, the person's
    organization is offered as the authority (the officer can change or clear it)."""
    person, authority = fields.get("person_id"), fields.get("authority_id")
    if person is None or authority is None:
        return
    offered = getattr(authority, "offered", None)  # what was offered before: replaced with the next person
    if authority.value() not in (None, offered):
        return
    pid = person.value()
    if not isinstance(pid, int) or isinstance(pid, bool):
        return
    org = sv.get(db, "persons", pid).get("organization_id")
    if org is not None and org != authority.value():
        authority.set_value(org)
        authority.offered = org
        authority.setToolTip(_("The organization of the person, offered as the competent authority"))
