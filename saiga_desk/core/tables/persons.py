"""The Persons listing: its columns are the person fields (core.person_fields), shown as declared there."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core import person_order
from saiga_desk.core.names import organization_short_sql
from saiga_desk.core.person_fields import PERSON_FIELDS
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

_po = aliased(m.Organization)
_pc = aliased(m.Country)
# the references a person field names in words, as listing expressions (and their Russian forms)
_REFERENCES = {
    "organization": (organization_short_sql(_po, "en"), None),
    "country": (_pc.name_en, _pc.name_ru),
}


def _columns() -> tuple[Column, ...]:
    """A column per person field that a listing can show (not the notes, not the list of other emails);
    shown by default when the field is ``listed``."""
    out = []
    for f in PERSON_FIELDS:
        if f.kind == "emails" or f.section == "notes" or not (f.stored or f.key in _REFERENCES):
            continue
        expr, russian = _REFERENCES.get(f.key, (getattr(m.Person, f.key), None))
        out.append(Column(f.key, f.label, expr=expr, visible=f.listed))
        if russian is not None:
            out.append(Column(f"_ru_{f.key}", "", expr=russian, visible=False))
    return tuple(out)


register(
    Table(
        "persons",
        N_("Persons"),
        "persons",
        m.Person.id,
        _columns(),
        lambda: (
            select()
            .select_from(m.Person)
            .outerjoin(_po, _po.id == m.Person.organization_id)
            .outerjoin(_pc, _pc.id == m.Person.country_id)
        ),
        search=(m.Person.search_text, _po.search_text, _pc.search_text),  # also Organization, Country
        default_sort="family_name",
        filters={"country_id": eq(m.Person.country_id), "organization_id": eq(m.Person.organization_id)},
        sorted_by={"family_name": (person_order.order_table, person_order.available)},
    )
)
