"""The rows an import leaves out (errors, duplicates, hidden rows, rows the officer left out) with their
reasons, and the error workbook that lists them with their cells as read, under the sheet's own headers
(``import contacts --skip-invalid``, the review's "Save error report"): correct them there and import
that file."""

from __future__ import annotations

import os

from saiga_desk.core.errors import InputError, Problem
from saiga_desk.i18n import _
from saiga_desk.io import values as vl


def _left_out_status(rp) -> str | None:
    if rp.errors:
        return "error"
    if rp.status == "duplicate":
        return "duplicate"
    if not rp.accepted:
        return "hidden" if rp.hidden else "rejected"
    return None


def _reasons(rp) -> list[str]:
    errors = [(f"{p.column}: {p.message}" if p.column else p.message) for p in rp.errors]
    return errors or [p.message for p in rp.problems] or [_("Left out in the review.")]


def rows_left_out(plan) -> list[dict]:
    """Every row that does not go in (errors, duplicates, hidden rows, rows the officer left out), with its
    reasons: {"row", "status", "reasons", "of" (the earlier row a duplicate repeats, else None)}."""
    out = []
    for rp in plan.rows:
        status = _left_out_status(rp)
        if status is not None:
            out.append({"row": rp.row, "status": status, "reasons": _reasons(rp), "of": rp.duplicate_of})
    return out


def errors_path_for(path: str) -> str:
    """Where the error workbook goes by default: beside the file, FILE-errors.xlsx."""
    base, _ext = os.path.splitext(os.fspath(path))
    return base + "-errors.xlsx"


def write_error_report(plan, path: str) -> int:
    """The rows that do not go in (errors, duplicates, hidden, rejected) with their reasons and their cells as
    read, under the sheet's own headers, as .xlsx (correct them there and import that file). Returns rows."""
    import xlsxwriter  # deferred for start-up speed: only the error report needs it
    import xlsxwriter.exceptions  # deferred: with xlsxwriter

    wb = xlsxwriter.Workbook(os.fspath(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet(_("Not imported")[:31])
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    headers = [_("Row"), _("Status"), _("Problems")] + [
        str(h) if h not in (None, "") else "" for h in plan.headers
    ]
    ws.write_row(0, 0, headers, bold)
    n = 0
    labels = {"error": _("error"), "duplicate": _("duplicate"), "rejected": _("rejected"),
              "hidden": _("hidden row")}  # fmt: skip
    for rp in plan.rows:
        status = _left_out_status(rp)
        if status is None:
            continue
        n += 1
        ws.write(n, 0, rp.row)
        ws.write_string(n, 1, labels[status])
        ws.write_string(n, 2, "\n".join(_reasons(rp)), wrap)
        cells = rp.cells or []
        for c in range(len(plan.headers)):
            text = vl.cell_text(cells[c]) if c < len(cells) else None
            if text is not None:
                ws.write_string(n, 3 + c, str(text))
    ws.set_column(2, 2, 60)
    ws.freeze_panes(1, 0)
    try:
        wb.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as e:
        reason = getattr(e.args[0], "strerror", None) if e.args else None
        msg = _("{file}: the error workbook cannot be written ({reason}).").format(
            file=os.fspath(path), reason=reason or getattr(e, "strerror", None) or e
        )
        raise InputError(msg, [Problem(msg, os.path.basename(os.fspath(path)))]) from None
    return n
