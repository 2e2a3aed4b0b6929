"""The Contact points listing: designations "as at" a date (today by default, "all" for the history)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.designations import as_date, role_rank_sql, valid_on
from saiga_desk.core.names import organization_name_sql, signatory_short_sql
from saiga_desk.core.tables.listing import SORT_TIES, Column, Table, eq, register
from saiga_desk.i18n import N_


def _valid_on(q, value):
    """Designations valid on a date ("as at"; today when not given); "all" shows the whole history."""
    on = as_date(value)
    return q if on is None else q.where(valid_on(on))


_dp = aliased(m.Person)
_ds = aliased(m.Signatory)
_dsc = aliased(m.Country)
_dso = aliased(m.Organization)
_da = aliased(m.Organization)
_dpc = aliased(m.Country)
register(
    Table(
        "contact-points",
        N_("Contact points"),
        "designations",
        m.Designation.id,
        (
            Column("signatory", N_("Signatory"), expr=signatory_short_sql(_dsc, _dso, "en")),
            Column("honorific", N_("Honorific"), expr=_dp.honorific, visible=False),
            Column("given_name", N_("Given name"), expr=_dp.given_name),
            Column("family_name", N_("Family name"), expr=_dp.family_name),
            Column("position", N_("Position"), expr=_dp.position),
            Column("authority", N_("Competent authority"), expr=organization_name_sql(_da, "en")),
            Column("_ru_authority", "", expr=organization_name_sql(_da, "ru"), visible=False),
            Column("_ru_signatory", "", expr=signatory_short_sql(_dsc, _dso, "ru"), visible=False),
            Column("role", N_("Role"), expr=m.Designation.role, choices=m.DESIGNATION_ROLES),
            Column("email", N_("Email"), expr=_dp.email),
            Column("phone", N_("Phone"), expr=_dp.phone),
            Column("address", N_("Address"), expr=_dp.address, visible=False),
            Column("country", N_("Country"), expr=_dpc.name_en, visible=False),
            Column("designated_on", N_("Designated on"), "date", m.Designation.designated_on),
            Column("valid_from", N_("Valid from"), "date", m.Designation.valid_from),
            Column("valid_to", N_("Valid to"), "date", m.Designation.valid_to),
            Column(
                "last_confirmed_on",
                N_("Last confirmed"),
                "date",
                m.Designation.last_confirmed_on,
                visible=False,
            ),
            Column("source_reference", N_("Source"), expr=m.Designation.source_reference, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Designation)
            .join(_dp, _dp.id == m.Designation.person_id)
            .join(_ds, _ds.id == m.Designation.signatory_id)
            .outerjoin(_dsc, _dsc.id == _ds.country_id)
            .outerjoin(_dso, _dso.id == _ds.organization_id)
            .outerjoin(_da, _da.id == m.Designation.authority_id)
            .outerjoin(_dpc, _dpc.id == _dp.country_id)
        ),
        search=(_dp.search_text, _ds.search_text, _da.search_text),
        default_sort="signatory",
        filters={
            "as_at": _valid_on,
            "signatory_id": eq(m.Designation.signatory_id),
            "person_id": eq(m.Designation.person_id),
        },
    )
)

# primary, alternate, technical: the order of the roles, not of their spelling
SORT_TIES[("contact-points", "role")] = (role_rank_sql(m.Designation.role),)
