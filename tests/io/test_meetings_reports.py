"""The participants and documents reports reflect the meeting records (PDF text read back with pypdf)."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.io import reports


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def test_participants_report_reflects_invitations_and_status(demo_db, tmp_path):
    meeting = sv.create(
        demo_db,
        "meetings",
        dict(
            code="MOS5",
            title_en="Fifth Meeting of the Signatories",
            kind="mos",
            start_date=dt.date(2026, 10, 5),
            symbol_prefix="UNEP/CMS/Saiga/MOS5",
        ),
    )
    ids = mt.invite_signatories(demo_db, meeting.id, include_organizations=False).created
    mt.set_participant_status(demo_db, ids[:2], "registered")
    mt.set_participant_status(demo_db, ids[2:3], "cancelled")
    out = reports.generate(demo_db, "participants", tmp_path / "participants.pdf", meeting_code="MOS5")
    text = _text(out)
    for name in ("Қасымова", "Батсүх", "Amanow"):
        assert name in text, name
    for delegation in ("Kazakhstan", "Mongolia", "Turkmenistan"):
        assert delegation in text
    assert "Ёлкина" not in text  # a cancelled participant is off the provisional list
    mt.set_participant_status(demo_db, ids[:1], "attended")
    final = _text(
        reports.generate(demo_db, "participants", tmp_path / "final.pdf", meeting_code="MOS5", final=True)
    )
    assert "Қасымова" in final and "Батсүх" not in final  # the final list: those who attended


def test_documents_report_lists_the_register_with_revisions(demo_db, tmp_path):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    doc8 = sv.find(demo_db, "documents", symbol="UNEP/CMS/Saiga/MOS4/Doc.8")[0]
    mt.add_document(
        demo_db,
        None,
        "Doc",
        "Technical coordination of the Saiga MOU (revised)",
        original_id=doc8.id,
        revision_kind="Rev",
        status="issued",
    )
    mt.add_document(
        demo_db, mos4.id, "Doc", "Medium-Term International Work Programme 2021-2025", status="issued"
    )
    out = reports.generate(demo_db, "documents", tmp_path / "documents.pdf", meeting_code="MOS4")
    text = _text(out).replace(" ", "")
    for symbol in (
        "UNEP/CMS/Saiga/MOS4/Doc.8",
        "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1",
        "UNEP/CMS/Saiga/MOS4/Doc.9",
        "UNEP/CMS/Saiga/MOS4/Inf.7",
    ):
        assert symbol in text, symbol
    assert "Medium-TermInternationalWorkProgramme2021-2025" in text
