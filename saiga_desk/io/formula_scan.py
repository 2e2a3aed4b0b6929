"""What calamine does not report: formula cells and hidden rows and columns. A thread scans the sheet's XML
for them while calamine parses; only when it finds some does openpyxl (full mode, defusedxml) read the
details."""

from __future__ import annotations

import re
import threading
import zipfile

from saiga_desk.i18n import _
from saiga_desk.io.received_file import CHUNK
from saiga_desk.io.sheet_grid import Sheet, refuse, short_reason

# a formula element (plain or namespaced) or a hidden row/column: openpyxl then looks at the sheet.
# Three short needles, each hit checked by what follows it (three passes over the XML instead of six).
_FLAG_NEEDLES = ((b"<f", (b">", b" ", b"/")), (b":f", (b">", b" ", b"/")), (b' hidden="', (b'1"', b'true"')))
_FLAG_OVERLAP = 16
_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData\b")


def has_flags(buf: bytes) -> bool:
    """Does this piece of sheet XML hold a formula element or a hidden row or column?"""
    for needle, after in _FLAG_NEEDLES:
        n = len(needle)
        i = buf.find(needle)
        while i >= 0:
            if buf.startswith(after, i + n):
                return True
            i = buf.find(needle, i + 1)
    return False


class FlagScan(threading.Thread):
    """Looks through one sheet's XML (already checked by check_zip) for formulas and hidden rows/columns,
    in a thread, so that it overlaps calamine's parse of the same sheet."""

    def __init__(self, path: str, part: str):
        super().__init__(name="saiga-flag-scan", daemon=True)
        self.path, self.part, self.flags = path, part, True  # in doubt: let openpyxl look
        self.cells = 0  # </c> end tags: the cells with content the file holds (read_losses compares)
        self.start()

    def run(self) -> None:
        try:
            flags = False
            cells = 0
            end_tag = None
            with zipfile.ZipFile(self.path) as z, z.open(self.part) as f:
                tail = b""
                while chunk := f.read(CHUNK):
                    if not flags and has_flags(tail + chunk):
                        flags = True
                    if end_tag is None:  # "</c>", or "</x:c>" when the sheet's elements carry a prefix
                        m = _PREFIX.search(chunk)
                        end_tag = b"</" + ((m.group(1) if m else None) or b"") + b"c>"
                    # an end tag split between two chunks is counted once: the tail is one byte shorter
                    cells += (tail[1 - len(end_tag) :] + chunk).count(end_tag)
                    tail = chunk[-_FLAG_OVERLAP:]
            self.flags, self.cells = flags, cells
        except Exception:  # noqa: BLE001 - any trouble: openpyxl reads the sheet and reports it
            return

    def result(self) -> bool:
        self.join()
        return self.flags


def sheet_parts(small: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> zip member of its XML (from workbook.xml and its relationships)."""
    wbxml = small.get("xl/workbook.xml", b"").decode("utf-8", "replace")
    rels = small.get("xl/_rels/workbook.xml.rels", b"").decode("utf-8", "replace")
    targets = {}
    for m in re.finditer(r"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "Id" in attrs and "Target" in attrs:
            t = attrs["Target"]
            t = t.lstrip("/") if t.startswith("/") else "xl/" + t
            targets[attrs["Id"]] = t
    out = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)/?>", wbxml):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(":id") or k == "id"), None)
        if "name" in attrs and rid in targets:
            out[_xml_unescape(attrs["name"])] = targets[rid]
    return out


def _xml_unescape(s: str) -> str:
    return (
        s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def openpyxl_details(path: str, name: str, sheet: Sheet) -> None:
    """Hidden rows/columns and formula cells, which calamine does not report (full mode, defusedxml)."""
    import warnings

    import openpyxl
    from openpyxl.utils import column_index_from_string

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=False, data_only=False, keep_links=False)
        ws = wb[name]
        for idx, dim in ws.row_dimensions.items():
            if dim.hidden:
                sheet.hidden_rows.add(idx - 1)
        for key, dim in ws.column_dimensions.items():
            if dim.hidden:
                lo = dim.min or column_index_from_string(key)
                hi = dim.max or lo
                sheet.hidden_cols.update(range(lo - 1, hi))
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    r, c = cell.row - 1, cell.column - 1
                    sheet.formula_cells.add((r, c))
                    if r >= len(sheet.rows) or c >= len(sheet.rows[r]) or sheet.rows[r][c] in (None, ""):
                        sheet.formulas_without_value.add((r, c))
        wb.close()
    except Exception as e:
        raise refuse(
            path, _("The sheet cannot be read ({reason}).").format(reason=short_reason(e)), name
        ) from None
