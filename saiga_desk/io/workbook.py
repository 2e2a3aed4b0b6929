"""Reading a spreadsheet safely into a grid of cell values (no Qt, no database).

The file type is told by content, never by name: an .xlsx/.xlsm/.ods zip, a CSV in UTF-8 or
Windows-1251 with comma, semicolon or tab; an old .xls or a password-protected workbook is refused with
what to do. Before any parser sees a zip, every member is checked: declared size, compression ratio,
real decompressed size and CRC, and no DOCTYPE/ENTITY in any XML part (entity bombs, external
entities). Values are read with python-calamine (fast, ignores lying dimensions, knows the 1904 date
system, inline strings and merged ranges); openpyxl (full mode, defusedxml) is used only for what calamine
cannot see: hidden rows and columns and which cells hold formulas.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import os
import re
import threading
import zipfile
import zlib
from dataclasses import dataclass, field

import defusedxml  # noqa: F401  (required: openpyxl parses through it)
import openpyxl.xml

from saiga_desk.core.errors import InputError, Problem
from saiga_desk.i18n import _

if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a hard dependency
    raise ImportError("defusedxml must be installed: openpyxl would parse XML without protection")

# Limits for zip members (a whole-database export of 100,000 rows is far below them).
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 1 << 30  # 1 GiB uncompressed per member
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 200  # uncompressed / compressed, for members bigger than RATIO_FLOOR
RATIO_FLOOR = 4 << 20
CHUNK = 1 << 20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# a formula element (plain or namespaced) or a hidden row/column: openpyxl then looks at the sheet.
# Three short needles, each hit checked by what follows it (three passes over the XML instead of six).
_FLAG_NEEDLES = ((b"<f", (b">", b" ", b"/")), (b":f", (b">", b" ", b"/")), (b' hidden="', (b'1"', b'true"')))
_FLAG_OVERLAP = 16


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


_SAMPLE_LINES = 50


@dataclass
class Sheet:
    """One sheet as a grid. ``rows[r][c]`` (0-based) holds str, int, float, bool, date, datetime or None."""

    name: str
    rows: list[list] = field(default_factory=list)
    visible: bool = True
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    hidden_cols: set[int] = field(default_factory=set)  # 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Book:
    path: str
    kind: str  # "xlsx" | "ods" | "csv"
    sheet_names: list[str]
    visible: dict[str, bool]
    date1904: bool = False
    encoding: str = ""
    delimiter: str = ""
    _reader: object = None
    _cache: dict = field(default_factory=dict)

    def sheet(self, name: str | None = None) -> Sheet:
        """The named sheet (any state), read once."""
        if name is None:
            name = self.sheet_names[0] if self.sheet_names else ""
        if name not in self.sheet_names:
            raise InputError(
                _("{file}: there is no sheet named {sheet!r} (sheets: {names}).").format(
                    file=os.path.basename(self.path), sheet=name, names=", ".join(self.sheet_names)
                ),
                [Problem(_("no such sheet"), os.path.basename(self.path), name)],
            )
        if name not in self._cache:
            self._cache[name] = self._reader(name)
        return self._cache[name]

    def visible_sheets(self) -> list[str]:
        return [n for n in self.sheet_names if self.visible.get(n, True)]


def refuse(path: str, message: str, sheet: str = "", row: int | None = None, column: str = "") -> InputError:
    name = os.path.basename(path)
    problem = Problem(message, name, sheet, row, column)
    return InputError(str(problem), [problem])


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a large grid or plan is built.

    Reading 100,000 rows makes millions of long-lived objects (cells, row dicts); every gen-2 pass would walk
    them all again (measured: a third of the import time). Nothing built here forms reference cycles that
    need collecting, and reference counting still frees everything as usual.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if PROMOTE:
                # hand what was built straight to the oldest generation (freeze, then unfreeze): otherwise the
                # first collections after re-enabling walk all of it once more (measured 0.15-0.2 s / 100k rows)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


PROMOTE = True


# ---------------------------------------------------------------------------- sniffing
def sniff(path: str) -> str:
    """'xlsx', 'ods', 'csv' (readable) or raises InputError saying what to do."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            size = os.fstat(f.fileno()).st_size
    except OSError as e:
        raise refuse(
            path, _("The file cannot be opened ({reason}).").format(reason=e.strerror or e)
        ) from None
    if size == 0:
        raise refuse(path, _("The file is empty."))
    if head.startswith(OLE_MAGIC):
        if _ole_is_encrypted(path):
            raise refuse(
                path,
                _(
                    "The workbook is protected with a password. Open it in Excel, remove the password "
                    "(File > Info > Protect Workbook > Encrypt with Password), save it and import it again."
                ),
            )
        raise refuse(
            path,
            _(
                "This is an old Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice, save it as "
                "an Excel Workbook (.xlsx) and import that file."
            ),
        )
    if head[:4] in ZIP_MAGIC:
        return _zip_kind(path)
    if head.startswith(b"{\\rtf") or head.startswith(b"%PDF"):
        raise refuse(path, _("This is not a spreadsheet. Save the list as .xlsx or .csv and import that."))
    return "csv"


def _ole_is_encrypted(path: str) -> bool:
    needle = "EncryptedPackage".encode("utf-16-le")
    with open(path, "rb") as f:
        data = f.read(16 << 20)
    return needle in data


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.getinfo("mimetype").file_size < 200:
                mime = z.read("mimetype")
                if b"opendocument.spreadsheet" in mime:
                    return "ods"
    except zipfile.BadZipFile:
        raise refuse(
            path, _("The file is damaged or incomplete (not a readable zip); ask for it again.")
        ) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as e:
        raise refuse(path, _("The file is damaged or incomplete ({reason}).").format(reason=e)) from None
    if "xl/workbook.xml" in names or any(n.endswith("workbook.xml") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        raise refuse(path, _("This is a Word document, not a spreadsheet."))
    raise refuse(path, _("This zip file is not an Excel workbook; save the list as .xlsx and import that."))


# ---------------------------------------------------------------------------- zip safety
def check_zip(path: str) -> dict[str, bytes]:
    """Refuse bombs and XML with DOCTYPE before any parser runs. Returns small XML parts by name."""
    small: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise refuse(
                    path, _("The workbook has too many parts ({n}); it is refused.").format(n=len(infos))
                )
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise refuse(path, _("The workbook is encrypted; remove the password and save it again."))
                declared = info.file_size
                total += declared
                if declared > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise refuse(
                        path,
                        _(
                            "The workbook declares {mb} MB of content in {part}; it is refused as unsafe."
                        ).format(mb=declared >> 20, part=info.filename),
                    )
                if declared > RATIO_FLOOR and declared > MAX_RATIO * max(info.compress_size, 1):
                    raise refuse(
                        path,
                        _(
                            "Part {part} expands {ratio}-fold when unpacked; it is refused as a zip bomb."
                        ).format(part=info.filename, ratio=declared // max(info.compress_size, 1)),
                    )
            for info in infos:
                _check_member(path, z, info, small)
    except zipfile.BadZipFile as e:
        raise refuse(
            path, _("The file is damaged or incomplete ({reason}); ask for it again.").format(reason=e)
        ) from None
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as e:
        raise refuse(path, _("The file is damaged or incomplete ({reason}).").format(reason=e)) from None
    return small


def _check_member(path: str, z: zipfile.ZipFile, info: zipfile.ZipInfo, small: dict[str, bytes]) -> None:
    name = info.filename
    is_xml = name.endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"
    is_sheet = is_xml and ("worksheets/" in name or name == "content.xml")
    got = 0
    head = b""
    keep = is_xml and info.file_size < (4 << 20) and not is_sheet
    parts: list[bytes] = []
    with z.open(info) as f:  # bounded by the declared size; CRC checked at the end
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            got += len(chunk)
            if got > MAX_MEMBER_BYTES:
                raise refuse(path, _("Part {part} is too big; it is refused as unsafe.").format(part=name))
            if is_xml and len(head) < 8192:
                head += chunk[: 8192 - len(head)]
            if keep:
                parts.append(chunk)
    if is_xml and _DOCTYPE.search(head):
        raise refuse(
            path,
            _("Part {part} declares XML entities (DOCTYPE); such files are refused as unsafe.").format(
                part=name
            ),
        )
    if keep:
        small[name] = b"".join(parts)


# ---------------------------------------------------------------------------- opening
def open_book(path: str) -> Book:
    """Open any supported spreadsheet; InputError (never another exception) when it cannot be read."""
    path = os.fspath(path)
    kind = sniff(path)
    if kind == "csv":
        return _open_csv(path)
    small = check_zip(path)
    return _open_calamine(path, kind, small)


def _open_calamine(path: str, kind: str, small: dict[str, bytes]) -> Book:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(path)
        metas = wb.sheets_metadata
    except Exception as e:  # calamine raises its own family and sometimes plain errors
        raise refuse(path, _("The workbook cannot be read ({reason}).").format(reason=_short(e))) from None
    names = [m.name for m in metas if m.typ == pc.SheetTypeEnum.WorkSheet]
    visible = {m.name: m.visible == pc.SheetVisibleEnum.Visible for m in metas}
    if not names:
        raise refuse(path, _("The workbook has no worksheets."))
    date1904 = bool(re.search(rb"date1904=\"(?:1|true)\"", small.get("xl/workbook.xml", b"")))
    sheet_parts = _sheet_parts(small) if kind == "xlsx" else {}

    def read(name: str) -> Sheet:
        part = sheet_parts.get(name)
        scan = FlagScan(path, part) if part else None  # runs while calamine parses (it releases the GIL)
        with paused_gc():
            try:
                cs = wb.get_sheet_by_name(name)
                rows = cs.to_python(skip_empty_area=False)
                merged_raw = cs.merged_cell_ranges or []
            except Exception as e:
                if scan is not None:
                    scan.join()
                raise refuse(
                    path, _("The sheet cannot be read ({reason}).").format(reason=_short(e)), name
                ) from None
            sheet = Sheet(name, rows, visible.get(name, True))  # "" and None both mean an empty cell
            for (r1, c1), (r2, c2) in merged_raw:
                sheet.merged.append((r1, c1, r2, c2))
            _trim(sheet)
        if scan is not None and scan.result():
            _openpyxl_details(path, name, sheet)
        return sheet

    return Book(path, kind, names, visible, date1904=date1904, _reader=read)


class FlagScan(threading.Thread):
    """Looks through one sheet's XML (already checked by check_zip) for formulas and hidden rows/columns,
    in a thread, so that it overlaps calamine's parse of the same sheet."""

    def __init__(self, path: str, part: str):
        super().__init__(name="saiga-flag-scan", daemon=True)
        self.path, self.part, self.flags = path, part, True  # in doubt: let openpyxl look
        self.start()

    def run(self) -> None:
        try:
            with zipfile.ZipFile(self.path) as z, z.open(self.part) as f:
                tail = b""
                while chunk := f.read(CHUNK):
                    if has_flags(tail + chunk):
                        return
                    tail = chunk[-_FLAG_OVERLAP:]
            self.flags = False
        except Exception:  # noqa: BLE001 - any trouble: openpyxl reads the sheet and reports it
            return

    def result(self) -> bool:
        self.join()
        return self.flags


def _sheet_parts(small: dict[str, bytes]) -> dict[str, str]:
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


def _openpyxl_details(path: str, name: str, sheet: Sheet) -> None:
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
        raise refuse(path, _("The sheet cannot be read ({reason}).").format(reason=_short(e)), name) from None


def _trim(sheet: Sheet) -> None:
    """Drop trailing empty rows (rows are equally wide lists; "" or None is an empty cell)."""
    rows = sheet.rows
    while rows and not any(v is not None and v != "" for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for i, r in enumerate(rows):
        if len(r) < width:
            rows[i] = r + [None] * (width - len(r))


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]


# ---------------------------------------------------------------------------- CSV
def decode_text(path: str, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise refuse(
            path, _("This is not a spreadsheet or text file that can be imported; save the list as .xlsx.")
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError:
        raise refuse(path, _("The text is neither UTF-8 nor Windows-1251; save it as UTF-8 CSV.")) from None


def _delimiter(text: str) -> str:
    sample = text.splitlines()[:_SAMPLE_LINES]
    best, best_score = ",", -1
    for d in (";", ",", "\t"):
        counts = [len(next(csv.reader([line], delimiter=d))) for line in sample if line.strip()]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (common > 1) * (counts.count(common) * 10 + common)
        if score > best_score:
            best, best_score = d, score
    return best


def _open_csv(path: str) -> Book:
    with open(path, "rb") as f:
        data = f.read()
    text, enc = decode_text(path, data)
    delim = _delimiter(text)
    name = os.path.splitext(os.path.basename(path))[0] or "CSV"

    def read(_name: str) -> Sheet:
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
        except csv.Error as e:
            raise refuse(path, _("The CSV text cannot be read ({reason}).").format(reason=e), name) from None
        sheet = Sheet(name, rows)
        _trim(sheet)
        return sheet

    return Book(path, "csv", [name], {name: True}, encoding=enc, delimiter=delim, _reader=read)


def fill_merged(sheet: Sheet) -> int:
    """Copy each merged range's top-left value into the range (header and data cells). Returns filled cells."""
    n = 0
    for r1, c1, r2, c2 in sheet.merged:
        if r1 >= len(sheet.rows):
            continue
        row = sheet.rows[r1]
        value = row[c1] if c1 < len(row) else None
        if value is None or value == "":
            continue
        for r in range(r1, min(r2, len(sheet.rows) - 1) + 1):
            cells = sheet.rows[r]
            for c in range(c1, min(c2, len(cells) - 1) + 1):
                if (r, c) != (r1, c1) and (cells[c] is None or cells[c] == ""):
                    cells[c] = value
                    n += 1
    return n
