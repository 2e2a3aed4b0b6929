"""A bad cell corrected in the import review: the row read again with the officer's text in that cell.

``correct_cell(db, plan, rp, key, text)`` puts ``text`` in the cell of review row ``rp`` that holds ``key``
(a field as ``RowPlan.rejected_fields`` names it), converts and checks the row exactly as planning did
(``RowConverter``), matches it against the database and the other rows (``import_matching.Matcher``) and returns the
new row, which replaces ``rp`` in ``plan.rows``. The file itself is never changed; the error report and
the import use the corrected value. No Qt.
"""

from __future__ import annotations

from saiga_desk.io.import_matching import Matcher
from saiga_desk.io.import_plan import NOTHING, STORED_AS, ImportPlan, Lookups, RowPlan, email_key, name_key
from saiga_desk.io.import_rows import RowConverter
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
    matcher = Matcher(plan, lookups, [r for r in plan.rows if not r.hidden and r is not rp] + [new])
    for r in plan.rows:  # the other rows as they stand: their addresses, names and persons are taken
        if r is rp or r.status == "duplicate" or r.hidden:
            continue
        if email_key(r.values.get("email")):
            matcher.seen_email.setdefault(email_key(r.values.get("email")), r)
        if r.values.get("family_name"):
            nkey = name_key(r.values.get("family_name"), r.values.get("given_name"), r.values.get("country_id"))
            matcher.seen_name.setdefault(nkey, r)
        if r.person_id is not None:
            matcher.claimed[r.person_id] = r
    matcher.classify(new)
    new.accepted = rp.accepted if new.status != "duplicate" else False
    new.rejected_fields = rp.rejected_fields - {key}
    new.extra = dict(rp.extra) if rp.extra is not NOTHING else NOTHING
    plan.rows[plan.rows.index(rp)] = new
    relink = getattr(plan, "relink", None)
    if relink is not None:  # its designation or participation planned again for the row as it now is
        relink(new)
    return new


__all__ = ["correct_cell", "editable_field"]
