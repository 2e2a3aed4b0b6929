"""Drafts (.eml, X-Unsent: 1) read back by Python's email parser; placeholders checked before anything."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest

from saiga_desk.core import mail_log, national_reports
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.io import mail_drafts
from saiga_desk.io.mail_messages import NO_ADDRESS, PENDING, prepare


def test_drafts_are_eml_files_marked_unsent_with_the_letter_attached(demo_db, tmp_path):
    db = demo_db
    folder = tmp_path / "drafts"
    with prepare(db, "invitation", meeting_code="MOS4") as mailing:
        summary = mail_drafts.write_drafts(mailing, folder, "secretariat@example.int")
    assert summary.drafts == 5
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 5
    addresses = set()
    for f in files:
        msg = BytesParser(policy=policy.default).parse(f.open("rb"))
        assert msg["X-Unsent"] == "1" and msg["From"] == "secretariat@example.int"
        assert "{" not in msg.get_body(("plain",)).get_content()
        (pdf,) = list(msg.iter_attachments())
        assert pdf.get_content_type() == "application/pdf" and pdf.get_content().startswith(b"%PDF")
        addresses.add(msg["To"].addresses[0].addr_spec)
    log = mail_log.messages(db)
    assert {r.recipient for r in log} == addresses and {r.outcome for r in log} == {"draft"}
    with prepare(db, "invitation", meeting_code="MOS4") as mailing:  # drafted: skipped next time
        assert {x.state for x in mailing.messages} == {"skipped"}


def test_review_pack_attaches_the_letter_and_the_workbook(demo_db, tmp_path):
    with prepare(demo_db, "review_pack", signatory="KAZ") as mailing:
        summary = mail_drafts.write_drafts(mailing, tmp_path, "")
    assert summary.drafts == 1
    (f,) = tmp_path.glob("*.eml")
    msg = BytesParser(policy=policy.default).parse(f.open("rb"))
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names == ["KAZ-Kassymova.pdf", "review-pack-KAZ.xlsx"]
    workbook = list(msg.iter_attachments())[1].get_content()
    assert workbook[:2] == b"PK"
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(workbook))
    assert any("Kassymova" in str(c.value) or "Қасымова" in str(c.value) for ws in wb for row in ws.iter_rows()
               for c in row)  # fmt: skip


def test_a_person_without_address_is_listed_apart(demo_db):
    db = demo_db
    person = sv.find(db, "persons", email="alyona.yolkina@example.org")[0]
    sv.update(db, "persons", person.id, {"email": None})
    with prepare(db, "invitation", meeting_code="MOS4") as mailing:
        assert [x.name for x in mailing.without_address] == ["г-жа Алёна Ёлкина"]  # her letter is in Russian
        assert len(mailing.pending) == 4 and all(x.state == PENDING for x in mailing.pending)
        assert mailing.without_address[0].state == NO_ADDRESS


def test_an_empty_placeholder_refuses_the_whole_mailing(demo_db, tmp_path):
    db = demo_db
    person = sv.find(db, "persons", email="aigul.kassymova@example.org")[0]
    sv.update(db, "persons", person.id, {"position": None})
    with pytest.raises(SaigaError, match=r"Қасымова.*empty \{position\}"):
        prepare(db, "invitation", meeting_code="MOS4")
    with pytest.raises(SaigaError, match=r"unknown placeholder \{first_name\}"):
        prepare(db, "letter", templates={"en": ("Hello", "Dear {first_name}"), "ru": ("Привет", "Привет")})
    assert mail_log.messages(db) == []


def test_reminders_need_a_meeting_with_a_cycle_and_a_report_still_owed(demo_db):
    with pytest.raises(SaigaError, match="MOS3 has no national-report cycle"):
        prepare(demo_db, "reminder", meeting_code="MOS3")
    with pytest.raises(SaigaError, match="give its code"):
        prepare(demo_db, "reminder")
    for code in ("MNG", "TKM", "UZB"):
        national_reports.set_status(demo_db, "MOS4", code, "waived")
    with pytest.raises(SaigaError, match="No national report of MOS4 is still owed"):
        prepare(demo_db, "reminder", meeting_code="MOS4")
