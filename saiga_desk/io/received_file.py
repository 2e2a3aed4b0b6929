"""A file a government sent, before any parser sees it: its type told by content, never by name (an
.xlsx/.xlsm/.ods zip or CSV text; an old .xls or a password-protected workbook is refused with what to
do), and every zip member checked: declared size, compression ratio, real decompressed size and CRC, and no
DOCTYPE/ENTITY in any XML part (entity bombs, external entities)."""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from saiga_desk.i18n import _
from saiga_desk.io.sheet_extent import Extent, ExtentScan, LongTextProbe, OdsExtents, exact_extent
from saiga_desk.io.sheet_grid import refuse

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
@dataclass
class ZipFacts:
    """What the checking pass measured on the way: each sheet's real extent (by xlsx part name, or by ODS
    table name) and whether any text run is long enough to hold a cell over 32,767 characters."""

    extents: dict[str, Extent] = field(default_factory=dict)
    long_text: bool = False


def check_zip(path: str, facts: ZipFacts | None = None) -> dict[str, bytes]:
    """Refuse bombs and XML with DOCTYPE before any parser runs. Returns small XML parts by name; measures
    into ``facts`` (when given) how far each sheet reaches."""
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
                _check_member(path, z, info, small, facts)
    except zipfile.BadZipFile as e:
        raise refuse(
            path, _("The file is damaged or incomplete ({reason}); ask for it again.").format(reason=e)
        ) from None
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as e:
        raise refuse(path, _("The file is damaged or incomplete ({reason}).").format(reason=e)) from None
    return small


def _check_member(path: str, z: zipfile.ZipFile, info: zipfile.ZipInfo, small: dict[str, bytes],
                  facts: ZipFacts | None) -> None:  # fmt: skip
    name = info.filename
    is_xml = name.endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"
    is_sheet = is_xml and ("worksheets/" in name or name == "content.xml")
    measure = facts is not None and is_sheet
    extent = (OdsExtents() if name == "content.xml" else ExtentScan()) if measure else None
    probe = (
        LongTextProbe() if facts is not None and (is_sheet or name.endswith("sharedStrings.xml")) else None
    )
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
            if extent is not None:
                extent.feed(chunk)
            if probe is not None:
                probe.feed(chunk)
    if is_xml and _DOCTYPE.search(head):
        raise refuse(
            path,
            _("Part {part} declares XML entities (DOCTYPE); such files are refused as unsafe.").format(
                part=name
            ),
        )
    if keep:
        small[name] = b"".join(parts)
    if facts is None:
        return
    facts.long_text = facts.long_text or bool(probe and probe.found)
    if isinstance(extent, OdsExtents):
        extent.feed(b"", last=True)
        facts.extents.update({"table:" + k: v for k, v in extent.tables.items()})
    elif extent is not None:
        facts.extents[name] = extent.extent() or exact_extent(z, info, extent.odd)
