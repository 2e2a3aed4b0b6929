"""The Participants listing: who attends which meeting, representing which delegation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from saiga_desk.core import models as m
from saiga_desk.core.choices import rank_sql
from saiga_desk.core.names import delegation_name_sql
from saiga_desk.core.tables.listing import SORT_TIES, Column, Table, eq, register
from saiga_desk.i18n import N_

_pp = aliased(m.Person)
_pm = aliased(m.Meeting)
_pps = aliased(m.Signatory)
_ppsc = aliased(m.Country)
_ppso = aliased(m.Organization)
_ppo = aliased(m.Organization)
_person_org = aliased(m.Organization)
_person_country = aliased(m.Country)


def _delegation(language: str):
    return delegation_name_sql(
        m.Participant, _pps, _ppsc, _ppso, _ppo, _person_org, _person_country, language
    )


register(
    Table(
        "participants",
        N_("Participants"),
        "participants",
        m.Participant.id,
        (
            Column("meeting", N_("Meeting"), expr=_pm.code),
            Column("honorific", N_("Honorific"), expr=_pp.honorific, visible=False),
            Column("given_name", N_("Given name"), expr=_pp.given_name),
            Column("family_name", N_("Family name"), expr=_pp.family_name),
            Column("delegation", N_("Delegation"), expr=_delegation("en")),
            Column("_ru_delegation", "", expr=_delegation("ru"), visible=False),
            Column("category", N_("Category"), expr=m.Participant.category, choices=m.PARTICIPANT_CATEGORIES),
            Column("role", N_("Role"), expr=m.Participant.role, choices=m.PARTICIPANT_ROLES),
            Column("status", N_("Status"), expr=m.Participant.status, choices=m.PARTICIPANT_STATUSES),
            Column(
                "credentials_received", N_("Credentials received"), "bool", m.Participant.credentials_received
            ),
            Column(
                "credentials_verified",
                N_("Credentials verified"),
                "bool",
                m.Participant.credentials_verified,
                visible=False,
            ),
            Column("funded", N_("Funded"), "bool", m.Participant.funded),
            Column("email", N_("Email"), expr=_pp.email),
            Column("position", N_("Position"), expr=_pp.position, visible=False),
            Column("invited_on", N_("Invited on"), "date", m.Participant.invited_on, visible=False),
            Column("registered_on", N_("Registered on"), "date", m.Participant.registered_on, visible=False),
        ),
        lambda: (
            select()
            .select_from(m.Participant)
            .join(_pp, _pp.id == m.Participant.person_id)
            .join(_pm, _pm.id == m.Participant.meeting_id)
            .outerjoin(_pps, _pps.id == m.Participant.signatory_id)
            .outerjoin(_ppsc, _ppsc.id == _pps.country_id)
            .outerjoin(_ppso, _ppso.id == _pps.organization_id)
            .outerjoin(_ppo, _ppo.id == m.Participant.organization_id)
            .outerjoin(_person_org, _person_org.id == _pp.organization_id)
            .outerjoin(_person_country, _person_country.id == _pp.country_id)
        ),
        search=(_pp.search_text, _pps.search_text, _ppo.search_text),
        default_sort="family_name",
        filters={
            "meeting_id": eq(m.Participant.meeting_id),
            "status": eq(m.Participant.status),
            "category": eq(m.Participant.category),
        },
    )
)

# heads of delegation first, then delegates, observers, experts, the Secretariat
SORT_TIES[("participants", "role")] = (rank_sql(m.PARTICIPANT_ROLES, m.Participant.role),)
