"""The Organizations and Countries listings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

_oc = aliased(m.Country)
register(
    Table(
        "organizations",
        N_("Organizations"),
        "organizations",
        m.Organization.id,
        (
            Column("name_en", N_("Name"), expr=m.Organization.name_en),
            Column("acronym", N_("Acronym"), expr=m.Organization.acronym),
            Column("kind", N_("Kind"), expr=m.Organization.kind, choices=m.ORGANIZATION_KINDS),
            Column("country", N_("Country"), expr=_oc.name_en),
            Column("_ru_country", "", expr=_oc.name_ru, visible=False),
            Column("_ru_name_en", "", expr=m.Organization.name_ru, visible=False),
            Column("name_ru", N_("Name (Russian)"), expr=m.Organization.name_ru),
            Column("website", N_("Website"), expr=m.Organization.website, visible=False),
            Column("email", N_("Email"), expr=m.Organization.email),
            Column("phone", N_("Phone"), expr=m.Organization.phone, visible=False),
            Column("address", N_("Address"), expr=m.Organization.address, visible=False),
        ),
        lambda: select().select_from(m.Organization).outerjoin(_oc, _oc.id == m.Organization.country_id),
        search=(m.Organization.search_text,),
        default_sort="name_en",
        filters={"kind": eq(m.Organization.kind)},
    )
)

register(
    Table(
        "countries",
        N_("Countries"),
        "countries",
        m.Country.id,
        (
            Column("code", N_("Code"), expr=m.Country.code),
            Column("name_en", N_("Name"), expr=m.Country.name_en),
            Column("name_ru", N_("Name (Russian)"), expr=m.Country.name_ru),
        ),
        lambda: select().select_from(m.Country),
        search=(m.Country.search_text,),
        default_sort="name_en",
    )
)
