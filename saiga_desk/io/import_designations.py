"""With "these are national contact points": plan designations that are created or superseded, never
overwritten (the old one gets valid_to, the new one valid_from). The rules are core/contact_points.py's: what
counts as a new designation (SUBSTANCE), and the writing (core/imports.py through its verbs)."""

from __future__ import annotations

import datetime as dt

from saiga_desk.core.contact_points import SUBSTANCE
from saiga_desk.core.errors import Problem
from saiga_desk.core.import_references import open_designations
from saiga_desk.i18n import _


def plan_designations(db, plan, lk) -> None:
    """The designation each row creates, supersedes or confirms; ``plan.relink`` plans one row again once the
    officer has chosen its person (import_matching.choose_match)."""
    current = open_designations(db)
    by_key = {(d["signatory_id"], d["person_id"], d["role"]): d for d in current}
    primaries: dict[int, list[dict]] = {}
    primary_rows: dict[int, int] = {}  # Signatory -> the row of this file that makes its primary contact point
    for d in current:
        if d["role"] == "primary":
            primaries.setdefault(d["signatory_id"], []).append(d)

    def row(rp) -> None:
        planned = rp.take_extra("designation")
        for d in planned["close"] if planned else ():  # what it closed is open again for this row
            by_key[(d["signatory_id"], d["person_id"], d["role"])] = d
            if d["role"] == "primary" and d not in primaries.setdefault(d["signatory_id"], []):
                primaries[d["signatory_id"]].append(d)
        for sig in [s for s, r in primary_rows.items() if r == rp.row]:
            del primary_rows[sig]
        _plan_row(plan, lk, by_key, primaries, rp, primary_rows)

    for rp in plan.rows:
        _plan_row(plan, lk, by_key, primaries, rp, primary_rows)
    plan.relink = row


def _warn(plan, rp, message: str) -> None:
    p = Problem(message, plan.file_name, plan.sheet, rp.row, severity="warning")
    rp.add_problem(p, link=True)


def _plan_row(plan, lk, by_key: dict, primaries: dict, rp, primary_rows: dict) -> None:
    if rp.status in ("duplicate", "error"):
        return
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
        _warn(plan, rp, msg)
        return
    role = v.get("role") or "primary"
    authority = (old_person or {}).get("organization_id")
    if "organization_id" not in rp.rejected_fields:  # a new organization is not a pre-ticked move
        authority = v.get("organization_id", authority)
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
                rp.note_change("designation." + k, pair)
        elif new["last_confirmed_on"] and new["last_confirmed_on"] != existing["last_confirmed_on"]:
            action = "confirm"
            rp.note_change("designation.last_confirmed_on", (existing["last_confirmed_on"], new["last_confirmed_on"]))
        else:
            action = None
    else:
        if role == "primary" and primary_rows.get(sig, rp.row) != rp.row:  # one primary contact point at a time
            _second_primary(plan, rp, lk, primary_rows[sig])
            return
        if role == "primary":
            primary_rows[sig] = rp.row
            close = [d for d in primaries.get(sig, []) if d["person_id"] != rp.person_id]
        rp.note_change("designation.role", (None, role))
        for d in close:
            _warn(
                plan,
                rp,
                _("Supersedes the current primary contact point (designation #{id}).").format(id=d["id"]),
            )
    if action is None:
        return
    for d in close:  # each old designation is closed once, by the first row that supersedes it
        primaries.get(sig, []).remove(d) if d in primaries.get(sig, []) else None
        by_key.pop((d["signatory_id"], d["person_id"], d["role"]), None)
    rp.set_extra("designation", {"action": action, "new": new, "close": close, "existing": existing})
    if rp.status == "unchanged":
        rp.status = "changed"


def _second_primary(plan, rp, lk, first: int) -> None:
    """A second row making a primary contact point of the same Signatory: an error on that row (on its role's
    cell, else its country's), naming the first."""
    msg = _(
        "Row {first} already makes the primary contact point of {signatory}: one primary contact point per "
        "Signatory at a time (give this row another role, or untick one of them)."
    ).format(first=first, signatory=lk.country_names.get(rp.values.get("country_id"), "?"))  # a State
    columns = rp.layout.columns if rp.layout is not None else {}
    letter = next((c for c, f in columns.items() if f == "role"), None) or next(
        (c for c, f in columns.items() if f == "country"), ""
    )
    rp.add_problem(Problem(msg, plan.file_name, plan.sheet, rp.row, letter, "error"))
    if rp.status != "error":
        rp.base_status, rp.status = rp.status, "error"

