"""The Signatories listing: States and Cooperating Organizations, States first."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.names import signatory_name_sql
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

_sc = aliased(m.Country)
_so = aliased(m.Organization)
register(
    Table(
        "signatories",
        N_("Signatories"),
        "signatories",
        m.Signatory.id,
        (
            Column("name", N_("Signatory"), expr=signatory_name_sql(_sc, _so, "en")),
            Column("_ru_name", "", expr=signatory_name_sql(_sc, _so, "ru"), visible=False),
            Column("acronym", N_("Acronym"), expr=func.coalesce(_so.acronym, _sc.code)),
            Column("kind", N_("Kind"), expr=m.Signatory.kind, choices=m.SIGNATORY_KINDS),
            Column("range_state", N_("Range State"), "bool", m.Signatory.range_state),
            Column("signed_on", N_("Signed on"), "date", m.Signatory.signed_on),
            Column("signed_at", N_("Signed at"), expr=m.Signatory.signed_at),
            Column("status", N_("Status"), expr=m.Signatory.status, choices=m.SIGNATORY_STATUSES),
            Column(
                "technical_coordination",
                N_("Technical coordination"),
                "bool",
                m.Signatory.technical_coordination,
            ),
            Column(
                "name_ru", N_("Name (Russian)"), expr=func.coalesce(_sc.name_ru, _so.name_ru), visible=False
            ),
            Column("_order", "", "int", case((m.Signatory.kind == "state", 0), else_=1), visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Signatory)
            .outerjoin(_sc, _sc.id == m.Signatory.country_id)
            .outerjoin(_so, _so.id == m.Signatory.organization_id)
        ),
        search=(m.Signatory.search_text,),
        default_sort="_order",
        filters={"kind": eq(m.Signatory.kind)},
    )
)
