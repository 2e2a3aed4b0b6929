"""A corpus of tricky spreadsheet files, generated on demand (used by tests/io/test_import_*.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from sqlalchemy import func, select

EN = ["Title", "First name", "Last name", "Position", "Organization", "Country", "E-mail", "Telephone"]


def db_hash(db) -> str:
    """SHA-256 of the database file and its WAL: a refused or cancelled import must leave both unchanged."""
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = db.path.with_name(db.path.name + suffix)
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def xlsx(path: Path, rows: list[list], title: str = "Contacts", setup=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    if setup:
        setup(wb, ws)
    wb.save(path)
    return path


def text_xlsx(path: Path, rows: list[list]) -> Path:
    """A "Contacts" sheet with every cell written as text, exactly as given (a leading "=", tab or byte-order
    mark included; openpyxl would take a leading "=" for a formula). None leaves the cell empty."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("Contacts")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write_string(r, c, v)
    wb.close()
    return path


def rewrite_zip(src: Path, dst: Path, edit) -> Path:
    """Copy a zip, passing each member's bytes through ``edit(name, data) -> data``."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, edit(info.filename, zi.read(info)))
    return dst


def people(n: int = 3) -> list[list]:
    base = [
        ["Mr", "Yerlan", "Nurmukhambetov", "Director", "Ministry of Ecology", "Kazakhstan", "yerlan@eco.gov.kz",
         "+7 7172 740000"],
        ["Ms", "Bolormaa", "Dorj", "Officer", "Ministry of Environment", "Mongolia", "bolormaa@mne.gov.mn",
         "+976 51 266286"],
        ["Dr", "Алексей", "Ёлкин", "Начальник отдела", "Минприроды России", "Russian Federation",
         "elkin@mnr.gov.ru", "+7 495 252 2363"],
        ["Mr", "Akmal", "Karimov", "Specialist", "State Committee on Ecology", "Uzbekistan", "akmal@eco.gov.uz",
         "+998 71 207 1100"],
        ["Ms", "Ogulgerek", "Atayeva", "Expert", "Ministry of Agriculture", "Turkmenistan", "ogul@mae.gov.tm",
         "+993 12 44 55 66"],
    ]  # fmt: skip
    return [list(r) for r in base[:n]]


def make(name: str, d: Path) -> Path:
    """Build corpus file ``name`` inside ``d`` and return its path."""
    d = Path(d)
    return globals()["_" + name](d)


# ---------------------------------------------------------------- layouts and languages
def _title_rows(d):
    return xlsx(
        d / "title_rows.xlsx", [["List of National Contact Points"], ["as at 1 May 2024"], [], EN, *people(3)]
    )


def _russian(d):
    hdr = ["Обращение", "Имя", "Фамилия", "Должность", "Организация", "Страна", "Эл. почта", "Тел."]
    return xlsx(d / "russian.xlsx", [hdr, *people(3)], title="Контакты")


def _kazakh(d):
    hdr = ["Құрмет", "Аты", "Тегі", "Лауазымы", "Ұйым", "Ел", "Электрондық пошта", "Телефон нөмірі"]
    return xlsx(d / "kazakh.xlsx", [hdr, *people(2)], title="Байланыс")


def _mongolian(d):
    hdr = ["Хүндэтгэл", "Нэр", "Овог", "Албан тушаал", "Байгууллага", "Улс", "Цахим шуудан", "Утас"]
    return xlsx(d / "mongolian.xlsx", [hdr, *people(2)], title="Холбоо барих")


def _bilingual(d):
    hdr = ["Title / Обращение", "Given name / Имя", "Family\u00a0name / Фамилия", " POSITION\u200b ",
           "Organization/Организация", "Country / Страна", "Email address", "Phone number"]  # fmt: skip
    return xlsx(d / "bilingual.xlsx", [hdr, *people(2)])


def _two_sheets(d):
    def setup(wb, ws):
        hidden = wb.create_sheet("Old list")
        hidden.append(EN)
        hidden.append(people(5)[4])
        hidden.sheet_state = "hidden"
        data = wb.create_sheet("NCP list")
        data.append(EN)
        for r in people(4):
            data.append(r)

    return xlsx(
        d / "two_sheets.xlsx", [["Instructions: fill in the second sheet"]], title="Read me", setup=setup
    )


def _merged(d):
    rows = [
        ["Name", None, "Contact", None, "Country"],
        ["Given name", "Family name", "E-mail", "Phone", None],
        ["Yerlan", "Nurmukhambetov", "yerlan@eco.gov.kz", "+7 7172 740000", "Kazakhstan"],
        ["Aigerim", "Sadykova", "aigerim@eco.gov.kz", "+7 7172 740001", None],
        ["Bolormaa", "Dorj", "bolormaa@mne.gov.mn", "+976 51 266286", "Mongolia"],
    ]

    def setup(wb, ws):
        ws.merge_cells("A1:B1")
        ws.merge_cells("C1:D1")
        ws.merge_cells("E1:E2")
        ws.merge_cells("E3:E4")  # one country cell for two people

    return xlsx(d / "merged.xlsx", rows, setup=setup)


def _hidden_rows(d):
    def setup(wb, ws):
        ws.row_dimensions[3].hidden = True
        ws.column_dimensions["D"].hidden = True

    return xlsx(d / "hidden_rows.xlsx", [EN, *people(3)], setup=setup)


def _lying_dimension(d):
    src = xlsx(d / "lying_src.xlsx", [EN, *people(4)])
    return rewrite_zip(
        src, d / "lying_dimension.xlsx",
        lambda n, b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', b) if "worksheets/" in n else b,
    )  # fmt: skip


def _dates_1904(d):
    def setup(wb, ws):
        wb.epoch = CALENDAR_MAC_1904

    rows = [["Family name", "Given name", "Designated on"], ["Dorj", "Bolormaa", dt.date(2019, 10, 24)]]
    return xlsx(d / "dates_1904.xlsx", rows, setup=setup)


def _serial_dates(d):
    rows = [
        ["Family name", "Designated on"],
        ["Serial", 43762],  # 2019-10-24 as a plain number
        ["Iso", "2019-10-24"],
        ["Dayfirst", "24.10.2019"],
        ["Ambiguous", "03/04/2019"],
        ["Impossible", "31.02.2019"],
        ["Monthfirst", "10/24/2019"],
        ["Words", "24 October 2019"],
        ["Russian", "24 октября 2019 г."],
    ]
    return xlsx(d / "serial_dates.xlsx", rows)


def _phones(d):
    rows = [["Family name", "Telephone", "Mobile"], ["Plus", "+77172740000", "+7 (701) 123-45-67"],
            ["Number", 77172740000, "8 701 123 45 67"], ["Zero", "0097651266286", None]]  # fmt: skip
    return xlsx(d / "phones.xlsx", rows)


LONG = "Главный специалист " * 300
ODD = ["Zero\u200bwidth", "e\u0301tude (NFD)", "עברית RTL", "😀 emoji", "Tab\tinside", "Line\nbreak", LONG]


def _unicode(d):
    rows = [["Family name", "Position"]] + [[f"P{i}", v] for i, v in enumerate(ODD)]
    return xlsx(d / "unicode.xlsx", rows)


def _duplicates(d):
    rows = [
        ["Family name", "Given name", "Country", "E-mail"],
        ["Ёлкин", "Алексей", "Russian Federation", None],
        ["Елкин", "Алексей", "Russian Federation", None],  # ё/е
        ["ЁЛКИН", "алексей", "Russian Federation", None],  # case
        ["Ёлкин ", " Алексей", "Russian Federation", None],  # spaces
        ["Jose\u0301", "Maria", "Kazakhstan", None],  # NFD
        ["Jos\u00e9", "Maria", "Kazakhstan", None],  # NFC
        ["Dorj", "Bolormaa", "Mongolia", "b@mne.gov.mn"],
        ["Dorj-Other", "Bolor", "Mongolia", "B@MNE.gov.mn"],  # same email, other case
        ["Unique", "One", "Mongolia", None],
    ]
    return xlsx(d / "duplicates.xlsx", rows)


def _emails(d):
    rows = [
        ["Family name", "E-mail"],
        ["Good", "good@example.org"],
        ["Idn", "иван@пример.рф"],
        ["Idn2", "user@münchen.de"],
        ["Two", "a@example.org; b@example.org"],
        ["NoAt", "bad.example.org"],
        ["TwoAt", "a@@example.org"],
        ["Space", "a b@example.org x"],
    ]
    return xlsx(d / "emails.xlsx", rows)


def _formulas(d):
    rows = [["Family name", "Position", "Notes"], ["Cached", "Officer", "=1+1"], ["Nocache", "Officer", "=2+2"],
            ["Text", "=SUM(A1)", "@mention"], ["Plus", "+danger", "-minus"]]  # fmt: skip

    def setup(wb, ws):
        ws["B4"].value = "EQPLACEHOLDER"  # becomes the text "=SUM(A1)" (openpyxl would write a formula)
        ws["B5"].data_type = "s"
        ws["B5"].value = "+danger"
        ws["C5"].data_type = "s"
        ws["C5"].value = "-minus"

    src = xlsx(d / "formulas_src.xlsx", rows, setup=setup)

    def edit(n, b):
        if "worksheets/" in n:
            b = re.sub(rb"<f>1\+1</f><v\s*/>", b"<f>1+1</f><v>2</v>", b)
            b = re.sub(rb"<f>1\+1</f><v></v>", b"<f>1+1</f><v>2</v>", b)
            b = b.replace(b"EQPLACEHOLDER", b"=SUM(A1)")
        return b

    return rewrite_zip(src, d / "formulas.xlsx", edit)


def _escapes(d):
    src = xlsx(d / "escapes_src.xlsx", [["Family name", "Notes"], ["Esc", "PLACEHOLDER"]])

    def edit(n, b):
        return b.replace(b"PLACEHOLDER", b"a_x000D_b _x005F_x0041_ end") if "worksheets/" in n else b

    return rewrite_zip(src, d / "escapes.xlsx", edit)


def _empty(d):
    return xlsx(d / "empty.xlsx", [])


def _header_only(d):
    return xlsx(d / "header_only.xlsx", [EN])


def _no_header(d):
    return xlsx(d / "no_header.xlsx", [["alpha", "beta"], [1, 2]])


# ---------------------------------------------------------------- CSV and impostors
def _csv_cp1251(d):
    text = "Фамилия;Имя;Страна;Эл. почта;Телефон\r\nЁлкин;Алексей;Россия;elkin@mnr.gov.ru;+7 495 252 2363\r\n"
    text += "Иванова;Мария;Казахстан;maria@eco.gov.kz;+7 7172 740000\r\n"
    p = d / "cp1251.csv"
    p.write_bytes(text.encode("cp1251"))
    return p


def _csv_utf8_comma(d):
    text = "\ufeffFamily name,Given name,Country,E-mail\nDorj,Bolormaa,Mongolia,bolormaa@mne.gov.mn\n"
    text += '"Nurmukhambetov, Jr",Yerlan,Kazakhstan,yerlan@eco.gov.kz\n'
    p = d / "utf8.csv"
    p.write_bytes(text.encode("utf-8"))
    return p


def _csv_renamed(d):
    p = d / "renamed_csv.xlsx"
    p.write_bytes(b"Family name;E-mail\nDorj;bolormaa@mne.gov.mn\n")
    return p


def _ole_header(extra: bytes) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\x00" * 474
    return header + extra + b"\x00" * 512


def _xls(d):
    p = d / "legacy.xls"
    p.write_bytes(_ole_header("Workbook".encode("utf-16-le")))
    return p


def _xls_renamed(d):
    p = d / "legacy_renamed.xlsx"
    p.write_bytes(_ole_header("Workbook".encode("utf-16-le")))
    return p


def _encrypted(d):
    p = d / "encrypted.xlsx"
    p.write_bytes(_ole_header("EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")))
    return p


def _truncated(d):
    src = xlsx(d / "trunc_src.xlsx", [EN, *people(5)])
    data = src.read_bytes()
    p = d / "truncated.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def _corrupt(d):
    src = xlsx(d / "corrupt_src.xlsx", [EN, *people(5)])
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # damage the compressed bytes of the sheet (after its local header)
    start = info.header_offset + 30 + len(info.filename) + 10
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    p = d / "corrupt.xlsx"
    p.write_bytes(bytes(data))
    return p


def _empty_file(d):
    p = d / "empty_file.xlsx"
    p.write_bytes(b"")
    return p


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def _entity_bomb(d):
    src = xlsx(d / "bomb_src.xlsx", [["Family name"], ["PLACEHOLDER"]])

    def edit(n, b):
        if "worksheets/" in n:
            b = re.sub(rb"^<\?xml[^>]*\?>", b"", b)
            b = BOMB + b.replace(b"PLACEHOLDER", b"&lol9;")
        return b

    return rewrite_zip(src, d / "entity_bomb.xlsx", edit)


def _xxe(d):
    src = xlsx(d / "xxe_src.xlsx", [["Family name"], ["PLACEHOLDER"]])

    def edit(n, b):
        if n == "xl/workbook.xml":
            b = re.sub(rb"^<\?xml[^>]*\?>", b"", b)
            b = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + b
        return b

    return rewrite_zip(src, d / "xxe.xlsx", edit)


def _zip_bomb(d):
    src = xlsx(d / "zipbomb_src.xlsx", [["Family name"], ["Dorj"]])
    p = d / "zip_bomb.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, zi.read(info))
        zo.writestr("xl/media/padding.bin", b"\0" * (64 << 20))  # 64 MB of zeros: ~1000-fold
    return p


def _zip_declared_huge(d):
    """A member whose central directory entry claims 4 GB uncompressed."""
    src = xlsx(d / "declared_src.xlsx", [["Family name"], ["Dorj"]])
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    name = info.filename.encode()
    # find this member's central directory record by its file name
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            raise AssertionError("central directory entry not found")
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + nlen] == name:
            break
        pos += 4
    struct.pack_into("<I", data, pos + 24, 0xFFFFFFF0)
    p = d / "declared_huge.xlsx"
    p.write_bytes(bytes(data))
    return p


ALL_REFUSED = {
    "xls": "Excel 97-2003",
    "xls_renamed": "Excel 97-2003",
    "encrypted": "password",
    "truncated": "damaged",
    "corrupt": "damaged",
    "empty_file": "empty",
    "entity_bomb": "DOCTYPE",
    "xxe": "DOCTYPE",
    "zip_bomb": "zip bomb",
    "zip_declared_huge": "unsafe",
}
