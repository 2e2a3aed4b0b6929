"""With "these are national contact points": plan designations that are created or superseded, never
overwritten (the old one gets valid_to, the new one valid_from). The rules are core/contact_points.py's: what
counts as a new designation (SUBSTANCE), and the writing (core/imports.py through its verbs)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core.contact_points import SUBSTANCE
from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _


def open_designations(db) -> list[dict]:
    with db.session() as s:
        q = select(
            m.Designation.id, m.Designation.version, m.Designation.signatory_id, m.Designation.person_id,
            m.Designation.role, m.Designation.authority_id, m.Designation.designated_on,
            m.Designation.source_reference, m.Designation.valid_from, m.Designation.last_confirmed_on,
        ).where(m.Designation.valid_to.is_(None))  # fmt: skip
        return [dict(r._mapping) for r in s.execute(q)]


def plan_designations(db, plan, lk) -> None:
    current = open_designations(db)
    by_key = {(d["signatory_id"], d["person_id"], d["role"]): d for d in current}
    primaries: dict[int, list[dict]] = {}
    planned_primary: dict[int, int] = {}  # Signatory -> the row of this file that makes its primary
    for d in current:
        if d["role"] == "primary":
            primaries.setdefault(d["signatory_id"], []).append(d)
    for rp in plan.rows:
        if rp.status in ("duplicate", "error"):
            continue
        v = rp.values
        old_person = lk.persons.get(rp.person_id) if rp.person_id else None
        cid = v.get("country_id") or (old_person or {}).get("country_id")
        sig = lk.state_signatory.get(cid) if cid else None
        if sig is None:
            msg = (
                _("{country} is not a Signatory: the person is imported without a designation.").format(
                    country=lk.country_names.get(cid, "?")
                )
                if cid
                else _("No country: the person is imported without a designation.")
            )
            rp.problems.append(Problem(msg, plan.file_name, plan.sheet, rp.row, severity="warning"))
            continue
        role = v.get("role") or "primary"
        authority = v.get("organization_id", (old_person or {}).get("organization_id"))
        new = {
            "signatory_id": sig, "role": role, "authority_id": authority,
            "designated_on": v.get("designated_on"), "source_reference": v.get("source_reference"),
            "valid_from": v.get("valid_from") or v.get("designated_on") or dt.date.today(),
            "last_confirmed_on": v.get("last_confirmed_on"),
        }  # fmt: skip
        existing = by_key.get((sig, rp.person_id, role)) if rp.person_id else None
        action, close = "create", []
        if existing is not None:
            diff = {
                k: (existing[k], new[k]) for k in SUBSTANCE
                if new[k] not in (None, "") and new[k] != existing[k]
            }  # fmt: skip
            if diff:
                action, close = "supersede", [existing]
                for k, pair in diff.items():
                    rp.changes["designation." + k] = pair
            elif new["last_confirmed_on"] and new["last_confirmed_on"] != existing["last_confirmed_on"]:
                action = "confirm"
                rp.changes["designation.last_confirmed_on"] = (
                    existing["last_confirmed_on"],
                    new["last_confirmed_on"],
                )
            else:
                action = None
        else:
            if role == "primary" and sig in planned_primary:  # one primary contact point at a time
                _second_primary(plan, rp, lk, sig, planned_primary[sig])
                continue
            if role == "primary":
                planned_primary[sig] = rp.row
                close = [d for d in primaries.get(sig, []) if d["person_id"] != rp.person_id]
            rp.changes["designation.role"] = (None, role)
            for d in close:
                rp.problems.append(
                    Problem(_("Supersedes the current primary contact point (designation #{id}).").format(id=d["id"]),
                            plan.file_name, plan.sheet, rp.row, severity="warning")
                )  # fmt: skip
        if action is None:
            continue
        for d in close:  # each old designation is closed once, by the first row that supersedes it
            primaries.get(sig, []).remove(d) if d in primaries.get(sig, []) else None
            by_key.pop((d["signatory_id"], d["person_id"], d["role"]), None)
        rp.extra["designation"] = {"action": action, "new": new, "close": close, "existing": existing}
        if rp.status == "unchanged":
            rp.status = "changed"


def _second_primary(plan, rp, lk, _sig: int, first: int) -> None:
    """A second row making a primary contact point of the same Signatory: an error on that row."""
    msg = _(
        "Row {first} already makes the primary contact point of {signatory}: one primary contact point per "
        "Signatory at a time (give this row another role, or untick one of them)."
    ).format(first=first, signatory=lk.country_names.get(rp.values.get("country_id"), "?"))  # a State
    columns = rp.layout.columns if rp.layout is not None else {}  # the role's cell, else the country's
    letter = next((c for c, f in columns.items() if f == "role"), None) or next(
        (c for c, f in columns.items() if f == "country"), ""
    )
    rp.problems.append(Problem(msg, plan.file_name, plan.sheet, rp.row, letter, "error"))
    if rp.status != "error":
        rp.base_status, rp.status = rp.status, "error"

