"""A bad cell corrected in the import review: the row read again with the officer's text in that cell.

``correct_cell(db, plan, rp, key, text)`` puts ``text`` in the cell of review row ``rp`` that holds ``key``
(a field as ``RowPlan.rejected_fields`` names it), converts and checks the row exactly as planning did
(``RowConverter``), matches it against the database and the other rows (``classify``) and returns the
new row, which replaces ``rp`` in ``plan.rows``. The file itself is never changed; the error report and
the import use the corrected value. No Qt.
"""

from __future__ import annotations

from saiga_desk.io.import_plan import STORED_AS, ImportPlan, Lookups, RowPlan, fold
from saiga_desk.io.import_rows import RowConverter, classify
from saiga_desk.io.sheet_grid import Sheet


def editable_field(rp: RowPlan, key: str) -> str | None:
    """The mapped field of the file whose cell holds ``key`` in ``rp`` (None: not a cell of the row)."""
    if rp.layout is None or rp.cells is None:
        return None
    return next((f for _c, f in rp.layout.cols if STORED_AS.get(f, f) == key), None)


def correct_cell(db, plan: ImportPlan, rp: RowPlan, key: str, text: str) -> RowPlan:
    field = editable_field(rp, key)
    if field is None:
        return rp
    column = next(c for c, f in rp.layout.cols if f == field)
    cells = list(rp.cells) + [None] * max(0, column + 1 - len(rp.cells))
    cells[column] = text.strip() or None
    lookups = plan.__dict__.get("_lookups")
    if lookups is None:  # loaded once per review
        lookups = plan.__dict__["_lookups"] = Lookups(db, plan.kind)
    converted = RowConverter(plan, Sheet(plan.sheet, [cells]), lookups, False).convert_rows(rp.row - 1, [cells])
    if not converted:  # nothing left in the row: keep it as it was
        return rp
    new = converted[0]
    others = [r for r in plan.rows if r is not rp and r.status != "duplicate"]
    seen_email = {r.values["email"].casefold(): r for r in others if r.values.get("email")}
    seen_name = {(fold(r.values.get("family_name")), fold(r.values.get("given_name")), r.values.get("country_id")): r
                 for r in others if r.values.get("family_name")}  # fmt: skip
    claimed = {r.person_id: r for r in others if r.person_id is not None}
    classify(new, lookups, seen_email, seen_name, claimed)
    new.accepted = rp.accepted if new.status != "duplicate" else False
    new.rejected_fields = set(rp.rejected_fields) - {key}
    new.extra = rp.extra  # a designation or participant planned for the row stays as planned
    plan.rows[plan.rows.index(rp)] = new
    return new


__all__ = ["correct_cell", "editable_field"]
