"""Every glyph from an embedded font (issue 14): pdffonts on every report, the symbol fallback, bidi with
Arabic shaping, and report files as readable as any other output."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from reports_pdf import flat, text
from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.io.reports import REPORT_NAMES, generate
from saiga_desk.io.reports.document import DocumentInfo, UNDocument, para, title_block
from saiga_desk.io.reports.row_table import Column, RowTable
from saiga_desk.io.reports.safe_text import clean, visual

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def pdffonts(path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name type [encoding words] emb sub uni object ID: emb is the 5th column from the right
        rows.append((cols[0], cols[-5] == "yes"))
    return rows


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_report_uses_only_embedded_fonts(demo_db, tmp_path, language):
    for name in REPORT_NAMES:
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4", language=language)
        found = pdffonts(pdf)
        assert found, name
        for font, embedded in found:
            assert embedded, (name, font)
            assert not any(b in font for b in BASE14), (name, font)


def test_symbols_and_emoji_come_from_the_embedded_fallback(demo_db, tmp_path):
    with demo_db.session() as s:
        uzb = s.scalar(select(m.Signatory.id).join(m.Country).where(m.Country.code == "UZB"))
    person = sv.create(demo_db, "persons", {"honorific": "Ms.", "given_name": "Dilnoza", "family_name": "Karimova",
                                            "position": "Focal point 📧 ☎ 🦌", "email": "dk@example.org"})  # fmt: skip
    sv.create(demo_db, "designations", {"signatory_id": uzb, "person_id": person.id, "role": "technical"})
    for name in ("contact-points", "letters"):
        template = "{salutation} {position}" if name == "letters" else None
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", template=template)
        body = text(pdf)
        assert "🦌" in body and "📧" in body and "\ufffd" not in body, name
        fonts = dict(pdffonts(pdf))
        assert any("Symbola" in f for f in fonts) and all(fonts.values()), name
    assert clean("\U000e0001x") == "\ufffdx"  # a character no embedded font has is shown as such


def test_digits_inside_arabic_keep_their_order(tmp_path):
    line = visual("رقم 12 العدد")
    assert "12" in line and "21" not in line
    assert visual("abc שלום") == "abc םולש"
    info = DocumentInfo(title="RTL")
    doc = UNDocument(tmp_path / "rtl.pdf", info)
    doc.build_story(title_block(info, doc.styles) + [para("الاجتماع 2021 رقم 345", doc.styles.body),
                    RowTable([Column("Name"), Column("Note")], [["وزارة البيئة", "الغرفة 512"]])])  # fmt: skip
    body = flat(text(tmp_path / "rtl.pdf"))
    assert "2021" in body and "345" in body and "512" in body
    assert all(embedded for _f, embedded in pdffonts(tmp_path / "rtl.pdf"))


def test_report_files_are_written_0644_under_the_usual_umask(demo_db, tmp_path):
    old = os.umask(0o022)
    try:
        pdf = generate(demo_db, "signatories", tmp_path / "s.pdf")
    finally:
        os.umask(old)
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o644
