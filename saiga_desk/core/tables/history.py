"""The History listing: every audited change (who, when, what, old → new), searched by the values too."""

from __future__ import annotations

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.choices import AUDIT_ACTIONS
from saiga_desk.core.tables.listing import Column, Table, eq, register
from saiga_desk.i18n import N_

register(
    Table(
        "audit",
        N_("History"),
        None,
        m.AuditEntry.id,
        (
            Column("at", N_("When"), "datetime", m.AuditEntry.at),
            Column("actor", N_("Who"), expr=m.AuditEntry.actor),
            Column("action", N_("Action"), expr=m.AuditEntry.action, choices=AUDIT_ACTIONS),
            Column("entity", N_("Record kind"), expr=m.AuditEntry.entity),
            Column("entity_id", N_("Record"), "int", m.AuditEntry.entity_id),
            Column("summary", N_("Summary"), expr=m.AuditEntry.summary),
            Column("changes", N_("Changes"), expr=m.AuditEntry.changes, visible=False),
            Column("batch_id", N_("Import batch"), "int", m.AuditEntry.batch_id, visible=False),
        ),
        lambda: select().select_from(m.AuditEntry),
        # the stored values too: a deleted record is found by what it held (an email, a phone number)
        search=(m.AuditEntry.summary, m.AuditEntry.actor, m.AuditEntry.entity, m.AuditEntry.changes),
        default_sort="at",
        filters={
            "entity": eq(m.AuditEntry.entity),
            "entity_id": eq(m.AuditEntry.entity_id),
            "batch_id": eq(m.AuditEntry.batch_id),
        },
    )
)
