"""What reading a sheet changed or lost, said as warnings on the sheet: cells cut to Excel's 32,767
characters, and cells the recovering XML reader dropped from a damaged sheet part.

python-calamine recovers from some malformed XML (an unknown ``<cc>`` tag where ``<c>`` was meant) by
leaving the cell out, silently. The flag scan counts the ``</c>`` end tags while calamine reads; when the
file holds more cells than calamine returned, a strict parse (expat) of the part says whether the XML is
damaged, and where.
"""

from __future__ import annotations

import zipfile
from itertools import repeat
from xml.parsers import expat

from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _
from saiga_desk.io.sheet_extent import LONG_TEXT
from saiga_desk.io.sheet_grid import Sheet, column_letter


def cut_long_cells(file_name: str, sheet: Sheet) -> int:
    """Cut every text over LONG_TEXT characters to that length, with a warning naming its cell."""
    n = 0
    for r, row in enumerate(sheet.rows):
        if max((len(v) for v in row if v.__class__ is str), default=0) <= LONG_TEXT:
            continue
        for c, v in enumerate(row):
            if v.__class__ is str and len(v) > LONG_TEXT:
                row[c] = v[:LONG_TEXT]
                n += 1
                msg = _(
                    "The cell holds {n} characters, more than a cell may hold ({limit}); only the first "
                    "{limit} were read."
                ).format(n=f"{len(v):,}", limit=f"{LONG_TEXT:,}")
                sheet.warnings.append(
                    Problem(msg, file_name, sheet.name, r + 1, column_letter(c), "warning")
                )
    return n


def cells_read(rows: list[list]) -> int:
    """Cells holding a value (calamine gives "" for an empty one)."""
    return (
        sum(map(len, rows))
        - sum(map(list.count, rows, repeat("")))
        - sum(map(list.count, rows, repeat(None)))
    )


def check_damage(path: str, part: str, file_name: str, sheet: Sheet, written: int, read: int) -> None:
    """When the part holds more cells than were read, parse it strictly; damaged XML becomes a warning that
    names the sheet, where the damage is and how many cells may be lost."""
    if written <= read:
        return
    state = {"row": None}

    def start(name, attrs):
        if name == "row" or name.endswith(":row"):
            state["row"] = attrs.get("r")

    p = expat.ParserCreate()
    p.StartElementHandler = start
    try:
        with zipfile.ZipFile(path) as z, z.open(part) as f:
            while chunk := f.read(1 << 20):
                p.Parse(chunk, False)
            p.Parse(b"", True)
    except expat.ExpatError as e:
        reason = expat.ErrorString(e.code)
        lost = written - read
        msg = _(
            "The sheet's XML is damaged ({reason}); the reader recovered {read} of {written} cells, so {lost} "
            "may be missing. Compare this row with the original or ask for the file again."
        ).format(reason=reason, read=read, written=written, lost=lost)
        row = state["row"]
        row = int(row) if row and row.isdigit() else None
        sheet.warnings.append(Problem(msg, file_name, sheet.name, row, severity="warning"))
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):  # checked before; nothing more to say
        return
