"""How far a sheet really reaches, measured from its XML before the cell reader allocates anything.

python-calamine allocates a sheet's whole rectangle (first to last used row, first to last used column): one
cell at XFD1048576 in a 7 KB workbook asks for 512 GiB and the process aborts; a cell at AZ1048576 takes
2.3 GB. ``check_zip`` already streams every sheet part once (for its CRC); ``ExtentScan`` looks at the same
chunks for the cell references that make a rectangle big. The ``<dimension>`` element is never trusted.

The usual sheet (every ``<c>`` carries ``r="A1"`` first, columns A to Z, fewer than 100,000 rows) costs one
regular-expression pass that matches nothing; any cell with a two-letter column, a six-digit row or no
reference makes the scan exact (every row and cell tag read, empty cells ignored as the reader ignores them).
ODS sheets (``content.xml``) are measured exactly, repeated columns and rows counted.

The module also probes XML parts for text runs long enough to hold a cell over 32,767 characters (Excel's
limit), so that only such books have their cells measured one by one.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

MAX_COLUMNS = 1000  # used columns a contact sheet may have
MAX_ROWS = 1_048_576  # Excel's last row
MEMORY_BUDGET = 640 << 20  # bytes the cell reader may take for one sheet's rectangle
CELL_BYTES = 40  # per cell of the rectangle: calamine's cell and the slot of the Python list it becomes
LONG_TEXT = 32_767  # Excel's limit for one cell
_WINDOW = 16_384  # a '<'-free run of LONG_TEXT bytes holds at least one whole aligned window of this size

# a cell tag the quick pass cannot bound: its reference has two letters or more, six digits or more, or is
# not its first attribute, or it has none (then positions are counted: the exact pass)
_QUICK = re.compile(rb'<c(?! r="[A-Z][0-9]{1,5}")[\s>]')
_QUICK_ROWS = 99_999  # what a one-letter, at most five-digit reference can reach
_QUICK_COLS = 26
_FULL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/?)>')
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
_ODS_TAG = re.compile(rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>")
_ODS_ATTR = re.compile(
    rb"""(?:table|office):(name|number-columns-repeated|number-rows-repeated|value-type)\s*=\s*["']([^"']*)["']"""
)
_ODS_FRAME = 1 << 20  # bytes of a row element kept while its cells are not closed yet


@dataclass
class Extent:
    rows: int = 0  # last used row (1-based), as far as the scan can tell (an upper bound)
    cols: int = 0  # last used column (1-based)
    exact: bool = False

    def cells(self) -> int:
        return self.rows * self.cols

    def too_big(self) -> str | None:
        """'columns', 'rows', 'memory' or None."""
        if self.cols > MAX_COLUMNS:
            return "columns"
        if self.rows > MAX_ROWS:
            return "rows"
        if self.cells() * CELL_BYTES > MEMORY_BUDGET:
            return "memory"
        return None


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class ExtentScan:
    """The quick pass over an xlsx sheet part, fed chunk by chunk."""

    def __init__(self):
        self.rows = 0
        self.cols = 0
        self.odd = False  # a cell without a leading reference: only the exact pass can place it
        self.seen = False
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._carry + chunk
        end = buf.rfind(b"<") if chunk else len(buf)  # a tag cut at the chunk's end waits for the next one
        if end < 0:
            end = len(buf)
        if not self.seen and b":sheetData" in buf and b"<sheetData" not in buf:
            self.odd = True  # prefixed element names: only the exact pass reads them
        for m in _QUICK.finditer(buf, 0, end):
            i = m.end() - 1
            ref = _REF.search(buf, i, max(buf.find(b">", i, end), i))
            if ref is None or not ref.group(1) or not ref.group(2):
                self.odd = True
                continue
            self.cols = max(self.cols, column_number(ref.group(1)))
            self.rows = max(self.rows, int(ref.group(2)))
        self.seen = self.seen or b"<c" in buf
        self._carry = buf[end:] if len(buf) - end < 4096 else b""

    def extent(self) -> Extent | None:
        """The bound the quick pass proves, or None when the exact pass must decide."""
        if self.odd:
            return None
        seen = self.seen
        got = Extent(max(self.rows, _QUICK_ROWS if seen else 0), max(self.cols, _QUICK_COLS if seen else 0))
        return None if got.too_big() else got


def exact_extent(z: zipfile.ZipFile, part, odd: bool = True, chunk_size: int = 1 << 20) -> Extent:
    """Every cell tag of an xlsx sheet part read: the last row and column holding a cell with content. Cells
    without a leading reference (``odd``) are placed by counting, row and cell tags read one by one."""
    if not odd:
        return _referenced_extent(z, part, chunk_size)
    out = Extent(exact=True)
    row = col = 0
    carry = b""
    with z.open(part) as f:
        while True:
            chunk = f.read(chunk_size)
            buf = carry + chunk
            end = len(buf) if not chunk else buf.rfind(b"<")
            if end < 0:
                end = 0
            for m in _TAG.finditer(buf, 0, end):
                attrs = m.group(2)
                ref = _REF.search(attrs)
                if m.group(1) == b"row":
                    row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                    col = 0
                    continue
                if ref and ref.group(1):
                    col = column_number(ref.group(1))
                    r = int(ref.group(2)) if ref.group(2) else row
                else:
                    col, r = col + 1, row
                if attrs.endswith(b"/"):  # an empty (styled) cell: the reader leaves it out
                    continue
                out.rows = max(out.rows, r)
                out.cols = max(out.cols, col)
            if not chunk:
                break
            carry = buf[end:]
            if len(carry) > chunk_size:  # a tag that never closes: nothing more to measure
                carry = b""
    return out


def _referenced_extent(z: zipfile.ZipFile, part, chunk_size: int) -> Extent:
    """exact_extent when every cell tag starts with its reference (the usual case): one pattern per chunk."""
    out = Extent(exact=True)
    carry = b""
    letters: set[bytes] = set()
    with z.open(part) as f:
        while True:
            chunk = f.read(chunk_size)
            buf = carry + chunk
            end = len(buf) if not chunk else max(buf.rfind(b"<"), 0)
            found = [(a, d) for a, d, empty in _FULL.findall(buf, 0, end) if not empty]
            if found:
                letters.update(a for a, _d in found)
                out.rows = max(out.rows, max(int(d) for _a, d in found))
            if not chunk:
                break
            carry = buf[end:] if len(buf) - end < 4096 else b""
    out.cols = max(map(column_number, letters), default=0)
    return out


class OdsExtents:
    """The exact extent of each table of an ODS content.xml, fed chunk by chunk (repeats counted)."""

    def __init__(self):
        self.tables: dict[str, Extent] = {}
        self._cur: Extent | None = None
        self._row = 0  # rows before the current row element
        self._row_reps = 1
        self._row_used = False
        self._col = 0
        self._carry = b""

    def feed(self, chunk: bytes, last: bool = False) -> None:
        buf = self._carry + chunk
        end = len(buf) if last else buf.rfind(b"<")
        if end < 0:
            end = 0
        for m in _ODS_TAG.finditer(buf, 0, end):
            closing, kind, attrs = m.group(1), m.group(2), m.group(3)
            if kind == b"table":
                if not closing:
                    a = dict(_ODS_ATTR.findall(attrs))
                    name = _unescape(a.get(b"name", b"").decode("utf-8", "replace"))
                    self._cur = self.tables.setdefault(name, Extent(exact=True))
                    self._row = 0
                continue
            if self._cur is None:
                continue
            if kind == b"table-row":
                if closing:
                    self._end_row()
                else:
                    a = dict(_ODS_ATTR.findall(attrs))
                    self._row_reps = _count(a.get(b"number-rows-repeated"))
                    self._row_used = False
                    self._col = 0
                    if attrs.endswith(b"/"):
                        self._end_row()
                continue
            if closing:
                continue
            a = dict(_ODS_ATTR.findall(attrs))
            reps = _count(a.get(b"number-columns-repeated"))
            if not attrs.endswith(b"/") or b"value-type" in a:
                self._row_used = True
                self._cur.cols = max(self._cur.cols, self._col + reps)
            self._col += reps
        self._carry = buf[end:] if len(buf) - end <= _ODS_FRAME else b""

    def _end_row(self) -> None:
        if self._row_used and self._cur is not None:
            self._cur.rows = max(self._cur.rows, self._row + self._row_reps)
        self._row += self._row_reps
        self._row_reps, self._row_used = 1, False


def _count(raw: bytes | None) -> int:
    try:
        return max(1, int(raw)) if raw else 1
    except ValueError:
        return 1


def _unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))  # fmt: skip


class LongTextProbe:
    """Does an XML part hold a run of LONG_TEXT bytes without a '<' (the only way a cell can be that long)?"""

    def __init__(self):
        self.found = False
        self._tail = 0  # '<'-free bytes at the end of what was fed

    def feed(self, chunk: bytes) -> None:
        if self.found or not chunk:
            return
        first = chunk.find(b"<")
        if first < 0:
            self._tail += len(chunk)
            self.found = self._tail >= LONG_TEXT
            return
        if self._tail + first >= LONG_TEXT:
            self.found = True
            return
        n = len(chunk)
        for start in range(first, n, _WINDOW):
            if chunk.find(b"<", start, min(n, start + _WINDOW)) < 0 and n - start >= _WINDOW:
                self.found = True
                return
        self._tail = n - 1 - chunk.rfind(b"<")
