"""Importing a meeting's participants: the contact engine for the persons, plus one Participant per row.

plan = plan_import(db, "registrations.xlsx", kind="participants", meeting_id=meeting.id)
commit_import(db, plan)

This module plans the Participant of each row (role, category, status, credentials, funding, whom the
person represents); core/imports.py writes them.
"""

from __future__ import annotations

from saiga_desk.core import import_references as references
from saiga_desk.core import models as m
from saiga_desk.core.errors import InputError, Problem
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io.import_plan import column_letter

ROLES = {
    "head of delegation": "head_of_delegation", "head": "head_of_delegation", "глава делегации": "head_of_delegation",
    "delegate": "delegate", "делегат": "delegate", "observer": "observer", "наблюдатель": "observer",
    "expert": "expert", "эксперт": "expert", "secretariat": "secretariat", "секретариат": "secretariat",
}  # fmt: skip
STATUSES = {
    "invited": "invited", "приглашен": "invited", "registered": "registered", "зарегистрирован": "registered",
    "confirmed": "confirmed", "подтвержден": "confirmed", "attended": "attended", "присутствовал": "attended",
    "cancelled": "cancelled", "canceled": "cancelled", "отменен": "cancelled",
}  # fmt: skip
FIELDS = tuple(f.key for f in hd.PARTICIPANT_FIELDS)
COLUMNS = {"participant_role": "role", "category": "category", "status": "status",
           "credentials": "credentials_received", "funded": "funded"}  # fmt: skip


def meeting_id_for(db, code: str) -> int:
    mid = references.meeting_id(db, code)
    if mid is None:
        raise InputError(_("There is no meeting with the code {code!r}.").format(code=code))
    return mid


def _choice(text, table, allowed):
    if text in (None, ""):
        return None, None
    key = fold(str(text)).replace("_", " ")
    value = table.get(key) or (str(text) if str(text) in allowed else None)
    if value is None:
        return None, _("{text!r} is not one of: {choices}.").format(text=text, choices=", ".join(allowed))
    return value, None


def plan_participants(db, plan, lk) -> None:
    """The Participant each row adds or updates; ``plan.relink`` plans one row again once the officer has
    chosen its person (import_matching.choose_match)."""
    if plan.meeting_id is None:
        raise InputError(_("Participants are imported into a meeting: give the meeting."))
    existing = references.participants_of(db, plan.meeting_id)
    cols = {f: c for c, f in rp_columns(plan)}

    def row(rp) -> None:
        rp.take_extra("participant")
        _plan_row(plan, lk, existing, cols, rp)

    for rp in plan.rows:
        _plan_row(plan, lk, existing, cols, rp)
    plan.relink = row


def _plan_row(plan, lk, existing: dict, cols: dict, rp) -> None:
    if rp.status in ("duplicate",):
        return
    v = rp.values
    new = {}
    for f, table, allowed in (("participant_role", ROLES, m.PARTICIPANT_ROLES),
                              ("status", STATUSES, m.PARTICIPANT_STATUSES),
                              ("category", {}, m.PARTICIPANT_CATEGORIES)):  # fmt: skip
        if f in v:
            val, problem = _choice(v[f], table, allowed)
            if problem:
                p = Problem(problem, plan.file_name, plan.sheet, rp.row, cols.get(f, ""))
                rp.add_problem(p, link=True)
                rp.status = "error"
            new[COLUMNS[f]] = val
    for f in ("credentials", "funded"):
        if isinstance(v.get(f), bool):
            new[COLUMNS[f]] = v[f]
    rep = v.get("delegation")
    cid = lk.country(rep) if rep else v.get("country_id")
    if rep and cid is None:
        oid = lk.org(rep)
        if oid is not None:
            new["organization_id"] = oid
    sig = lk.state_signatory.get(cid) if cid else None
    if sig is not None:
        new["signatory_id"] = sig
    new = {k: val for k, val in new.items() if val is not None}
    old = existing.get(rp.person_id) if rp.person_id else None
    if old is None:
        rp.set_extra("participant", {"action": "create", "new": new})
        rp.note_change("participant.meeting", (None, plan.meeting_id))
        if rp.status == "unchanged":
            rp.status = "changed"
    else:
        diff = {k: (old[k], val) for k, val in new.items() if old[k] != val}
        if diff:
            rp.set_extra("participant", {"action": "update", "new": new, "old": old})
            for k, pair in diff.items():
                rp.note_change("participant." + k, pair)
            if rp.status == "unchanged":
                rp.status = "changed"


def rp_columns(plan):
    return [(column_letter(c), f) for c, f in enumerate(plan.mapping) if f]
