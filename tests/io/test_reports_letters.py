"""Letters and notes verbales (issue 14): two templates, each in one register, with the reference number,
the date, the signatory from Settings, the primary contact point first, Russian in the right case, and the
Secretariat's emblem on the letterhead."""

from __future__ import annotations

import re
import struct
import subprocess
import zlib

import pytest
from reports_pdf import flat, pages

from saiga_desk.core import preferences
from saiga_desk.core.errors import ValidationError
from saiga_desk.io.reports import generate


def _png(path, size=8) -> None:
    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))  # fmt: skip


def test_letters_and_notes_verbales_keep_to_their_register(demo_db, tmp_path):
    emblem = tmp_path / "emblem.png"
    _png(emblem)
    preferences.set_letterhead(demo_db, {"signatory_name": "Amy Fraenkel", "signatory_title": "Executive Secretary",
                                         "reference": "CMS/Saiga/2021", "emblem": str(emblem)})  # fmt: skip
    letters = [flat(p) for p in pages(generate(demo_db, "letters", tmp_path / "l.pdf", meeting_code="MOS4"))]
    notes = [flat(p) for p in pages(generate(demo_db, "letters", tmp_path / "n.pdf", meeting_code="MOS4",
                                             template="note-verbale"))]  # fmt: skip
    assert len(letters) == len(notes) == 5
    for t in letters:
        assert "compliments" not in t and "свидетельствует" not in t
        assert ("Dear " in t and "Yours sincerely," in t) or ("Уважаем" in t and "С уважением," in t)
        assert "Amy Fraenkel Executive Secretary" in t
    for t in notes:
        assert "Dear " not in t and "Yours sincerely" not in t and "Уважаем" not in t
        assert ("presents its compliments" in t and "highest consideration" in t) or (
            "свидетельствует своё уважение" in t and "весьма высоком уважении" in t
        )
    refs = [re.search(r"CMS/Saiga/2021/\d{4}/(\d{3})", t).group(1) for t in letters]
    assert refs == ["001", "002", "003", "004", "005"]
    # Russian in the genitive and dative where the sentence needs them
    kaz = next(t for t in notes if "Қасымова" in t)
    assert "свидетельствует своё уважение Комитету лесного хозяйства" in kaz
    assert "контактного лица Казахстана" in kaz and "Секретариат Конвенции" in kaz.split("Исх.")[0]
    assert "Ms." not in kaz and "Astana" not in kaz
    # the emblem is on every letterhead
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "l.pdf")], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]  # fmt: skip
    assert len({line.split()[0] for line in images}) == 5


def test_primary_contact_point_comes_first(demo_db, tmp_path):
    from saiga_desk.core import services as sv

    kaz = [x for x in sv.find(demo_db, "designations") if x.role == "primary"][0]
    alt = sv.create(demo_db, "persons", {"honorific": "Mr.", "given_name": "Ерлан", "family_name": "Әлиев",
                                         "email": "e@example.org", "position": "Expert", "address": "Astana",
                                         "preferred_language": "en"})  # fmt: skip
    sv.create(demo_db, "designations", {"signatory_id": kaz.signatory_id, "person_id": alt.id, "role": "alternate",
                                        "authority_id": kaz.authority_id})  # fmt: skip
    texts = [flat(p) for p in pages(generate(demo_db, "letters", tmp_path / "l.pdf"))]
    first = next(i for i, t in enumerate(texts) if "Әлиев" in t)
    assert first > 0 and "Қасымова" in texts[first - 1]


def test_emblem_on_every_report_masthead(demo_db, tmp_path):
    emblem = tmp_path / "emblem.png"
    _png(emblem)
    preferences.set_letterhead(demo_db, {"emblem": str(emblem)})
    for name in ("contact-points", "secretariat-report", "signatories"):
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4")
        out = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]  # fmt: skip
        assert out, name
    with pytest.raises(ValidationError):
        preferences.set_letterhead(demo_db, {"emblem": str(tmp_path / "missing.svg")})
    # an SVG emblem is drawn as vectors: no image, but its shapes, and still only embedded fonts
    svg = tmp_path / "emblem.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
                   '<circle cx="20" cy="20" r="18" fill="#1f4e79"/></svg>', encoding="utf-8")  # fmt: skip
    preferences.set_letterhead(demo_db, {"emblem": str(svg)})
    plain = generate(demo_db, "signatories", tmp_path / "plain.pdf")
    preferences.set_letterhead(demo_db, {"emblem": ""})
    without = generate(demo_db, "signatories", tmp_path / "without.pdf")
    assert plain.stat().st_size > without.stat().st_size
    fonts = subprocess.run(["pdffonts", str(plain)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts and "DejaVuSans" in fonts
