"""Name badges: a real PDF read back with pypdf."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.io.badges import write_badges


def _text(path):
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_badges_have_names_in_their_script_and_delegations(demo_db, tmp_path):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    out = tmp_path / "badges.pdf"
    assert write_badges(demo_db, mos4.id, out) == 5
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1  # five badges fit one A4 page (2 x 4)
    text = _text(out)
    for name in (
        "Айгүл Қасымова",
        "Алёна Ёлкина",
        "Өлзийбаяр Батсүх",
        "Aýdogdy Amanow",
        "Dilnoza Oʻrinboyeva",
    ):
        assert name in text, name
    for delegation in ("Kazakhstan", "Russian Federation", "Mongolia", "Казахстан"):
        assert delegation in text
    assert "Alyona Yolkina" in text  # transliteration below the name
    assert "HEAD OF DELEGATION" in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # embedded fonts, not the base 14


def test_only_registered_confirmed_attended_and_markup_is_not_interpreted(demo_db, tmp_path):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    ids = sv.query_ids(demo_db, "participants", filters={"meeting_id": mos4.id})
    mt.set_participant_status(demo_db, ids[:1], "invited")
    mt.set_participant_status(demo_db, ids[1:2], "cancelled")
    person = sv.create(
        demo_db, "persons", dict(given_name="<b>Jo & Co</b>", family_name="O'Neil\x07", given_name_latin=None)
    )
    new = sv.create(
        demo_db,
        "participants",
        dict(
            meeting_id=mos4.id, person_id=person.id, category="observer", role="observer", status="registered"
        ),
    )
    out = tmp_path / "b.pdf"
    assert write_badges(demo_db, mos4.id, out) == 4
    text = _text(out)
    assert "<b>Jo & Co</b>" in text and "O'Neil" in text and "\x07" not in text and "OBSERVER" in text
    # eleven badges: two pages
    for i in range(8):
        p = sv.create(demo_db, "persons", dict(given_name="Гость", family_name=f"Номер {i}"))
        sv.create(demo_db, "participants", dict(meeting_id=mos4.id, person_id=p.id, status="confirmed"))
    assert write_badges(demo_db, mos4.id, out) == 12
    assert len(PdfReader(str(out)).pages) == 2
    assert "Номер 7" in _text(out)
    assert new.id


def test_no_badges_refused_and_no_file(demo_db, tmp_path):
    meeting = sv.create(demo_db, "meetings", dict(code="EMPTY", title_en="Nobody registered"))
    out = tmp_path / "none.pdf"
    with pytest.raises(SaigaError, match="no badges"):
        write_badges(demo_db, meeting.id, out)
    assert not out.exists() and list(tmp_path.glob(".badges-*")) == []
