"""Meeting status history, the register of documents (symbols, revisions) and the document store."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from saiga_desk.core import meetings as mt
from saiga_desk.core import services as sv
from saiga_desk.core.errors import DuplicateError, InputError, ValidationError
from saiga_desk.paths import document_store_dir


def test_demo_mos4_history_keeps_the_original_plan(demo_db):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    history = mt.status_history(demo_db, mos4.id)
    postponed = [h for h in history if h.status == "postponed"][0]
    assert postponed.previous_start_date == dt.date(2020, 9, 1) and postponed.previous_mode == "in_person"
    assert "COVID-19" in postponed.reason
    assert mos4.status == "planned" and mos4.mode == "online"


def test_the_current_meeting_is_the_next_to_come_else_the_latest_held(db, demo_db):
    assert mt.current_meeting_id(db) is None  # no meetings
    ids = {m.code: m.id for m in sv.find(demo_db, "meetings")}
    assert mt.current_meeting_id(demo_db) == ids["MOS4"]  # planned, the only one still to come
    sooner = sv.create(demo_db, "meetings", dict(code="WS-2020", title_en="Workshop", kind="workshop",
                                                 start_date=dt.date(2020, 3, 1), status="postponed"))  # fmt: skip
    sv.create(demo_db, "meetings", dict(code="MOS5", title_en="Fifth Meeting", kind="mos"))  # not dated yet
    assert mt.current_meeting_id(demo_db) == sooner.id  # the dated ones first, the earliest of them
    for code in ("WS-2020", "MOS5", "MOS4"):
        meeting = mt.find_meeting(demo_db, code)
        sv.update(demo_db, "meetings", meeting.id, {"status": "cancelled"}, version=meeting.version)
    assert mt.current_meeting_id(demo_db) == ids["CAMI2"]  # none to come: the latest held (2019)


def test_postponement_keeps_history(demo_db):
    meeting = sv.create(
        demo_db,
        "meetings",
        dict(
            code="MOS5",
            title_en="Fifth Meeting",
            kind="mos",
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2026, 9, 4),
            mode="in_person",
            venue="Hotel Kazakhstan",
            city="Almaty",
        ),
    )
    with pytest.raises(ValidationError) as e:
        mt.change_status(demo_db, meeting.id, "postponed", "  ")
    assert "reason" in e.value.fields
    after = mt.change_status(
        demo_db,
        meeting.id,
        "postponed",
        "Flooding at the venue",
        new_start=dt.date(2027, 3, 1),
        new_end=dt.date(2027, 3, 4),
        new_mode="online",
        changed_on=dt.date(2026, 5, 1),
    )
    assert after.status == "postponed" and after.start_date == dt.date(2027, 3, 1) and after.mode == "online"
    mt.change_status(demo_db, meeting.id, "held", "Held online as rescheduled")
    history = mt.status_history(demo_db, meeting.id)
    assert [h.status for h in history] == ["postponed", "held"]
    first = history[0]
    assert (
        first.previous_status,
        first.previous_start_date,
        first.previous_end_date,
        first.previous_mode,
        first.previous_venue,
        first.reason,
        first.changed_on,
    ) == (
        "planned",
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 4),
        "in_person",
        "Hotel Kazakhstan",
        "Flooding at the venue",
        dt.date(2026, 5, 1),
    )
    assert history[1].previous_status == "postponed" and history[1].previous_start_date == dt.date(2027, 3, 1)
    # nothing to change -> refused, no history row
    with pytest.raises(ValidationError):
        mt.change_status(demo_db, meeting.id, "held", "again")
    assert len(mt.status_history(demo_db, meeting.id)) == 2
    # a bad end date changes nothing at all (no orphan history row)
    with pytest.raises(ValidationError):
        mt.change_status(
            demo_db, meeting.id, "postponed", "x", new_start=dt.date(2028, 1, 5), new_end=dt.date(2028, 1, 1)
        )
    assert len(mt.status_history(demo_db, meeting.id)) == 2
    assert sv.get(demo_db, "meetings", meeting.id).status == "held"


def test_symbols_next_and_revisions(demo_db):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    assert mt.next_symbol(demo_db, mos4.id, "Doc") == "UNEP/CMS/Saiga/MOS4/Doc.9"
    assert mt.next_symbol(demo_db, mos4.id, "Inf") == "UNEP/CMS/Saiga/MOS4/Inf.8"
    assert mt.next_symbol(demo_db, mos4.id, "CRP") == "UNEP/CMS/Saiga/MOS4/CRP.1"

    doc9 = mt.add_document(demo_db, mos4.id, "Doc", "Medium-Term International Work Programme 2021-2025")
    assert doc9.symbol == "UNEP/CMS/Saiga/MOS4/Doc.9" and doc9.number == 9
    assert mt.next_symbol(demo_db, mos4.id, "Doc") == "UNEP/CMS/Saiga/MOS4/Doc.10"

    doc8 = sv.find(demo_db, "documents", symbol="UNEP/CMS/Saiga/MOS4/Doc.8")[0]
    assert mt.revision_symbol(demo_db, doc8.id) == "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1"
    rev1 = mt.add_document(
        demo_db, None, "Doc", "Technical coordination (revised)", original_id=doc8.id, revision_kind="Rev"
    )
    assert rev1.symbol == "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1"
    assert (rev1.original_id, rev1.meeting_id, rev1.number, rev1.revision_number) == (doc8.id, mos4.id, 8, 1)
    # a revision of a revision hangs under the original: Rev.2, not Rev.1/Rev.1
    assert mt.revision_symbol(demo_db, rev1.id, "Rev") == "UNEP/CMS/Saiga/MOS4/Doc.8/Rev.2"
    rev2 = mt.add_document(
        demo_db,
        None,
        "Doc",
        "Technical coordination (second revision)",
        original_id=rev1.id,
        revision_kind="Rev",
    )
    assert rev2.symbol.endswith("Doc.8/Rev.2") and rev2.original_id == doc8.id
    corr = mt.add_document(demo_db, None, "Doc", "Corrigendum", original_id=doc8.id, revision_kind="Corr")
    assert corr.symbol.endswith("Doc.8/Corr.1")
    # revisions never move the next free number of the series
    assert mt.next_symbol(demo_db, mos4.id, "Doc") == "UNEP/CMS/Saiga/MOS4/Doc.10"

    # symbols are unique, typed ones too
    with pytest.raises(DuplicateError):
        mt.add_document(demo_db, mos4.id, "Doc", "Clash", symbol="UNEP/CMS/Saiga/MOS4/Doc.8/Rev.1")
    typed = mt.add_document(demo_db, mos4.id, "Doc", "Typed", symbol="UNEP/CMS/Saiga/MOS4/Doc.12")
    assert typed.number == 12
    assert mt.next_symbol(demo_db, mos4.id, "Doc") == "UNEP/CMS/Saiga/MOS4/Doc.13"
    with pytest.raises(ValidationError):
        mt.add_document(demo_db, mos4.id, "Memo", "Bad series")
    with pytest.raises(ValidationError):
        mt.revision_symbol(demo_db, doc8.id, "Amend")

    order = [d.symbol.rsplit("MOS4/", 1)[1] for d in mt.list_documents(demo_db, mos4.id)]
    assert order == ["Doc.8", "Doc.8/Corr.1", "Doc.8/Rev.1", "Doc.8/Rev.2", "Doc.9", "Doc.12", "Inf.7"]


def test_symbol_prefix_defaults_to_base_and_code(demo_db):
    meeting = sv.create(demo_db, "meetings", dict(code="WS-2026", title_en="Workshop", kind="workshop"))
    assert mt.next_symbol(demo_db, meeting.id, "Inf") == "UNEP/CMS/Saiga/WS-2026/Inf.1"


def test_attach_file_copies_with_hash(demo_db, tmp_path):
    mos4 = mt.find_meeting(demo_db, "MOS4")
    doc = mt.add_document(demo_db, mos4.id, "Inf", "Provisional list of participants")
    assert mt.document_file_path(demo_db, doc.id) is None
    src = tmp_path / "Список участников.PDF"
    content = "%PDF-1.4 список участников MOS4\n".encode() * 50
    src.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()

    rec = mt.attach_file(demo_db, doc.id, src)
    assert rec.file_hash == digest and rec.file_name == "Список участников.PDF"
    stored = mt.document_file_path(demo_db, doc.id)
    assert stored.parent == document_store_dir() and stored.name == f"{digest}.pdf"
    assert stored.read_bytes() == content
    assert src.read_bytes() == content  # original untouched

    version = sv.get(demo_db, "documents", doc.id).version
    again = mt.attach_file(demo_db, doc.id, src)
    assert again.version == version  # same content: nothing written

    other = tmp_path / "v2.pdf"
    other.write_bytes(content + b"v2")
    rec2 = mt.attach_file(demo_db, doc.id, other)
    assert rec2.file_hash == hashlib.sha256(content + b"v2").hexdigest()
    assert mt.document_file_path(demo_db, doc.id).read_bytes().endswith(b"v2")
    assert stored.exists()  # the earlier version stays in the store (nothing lost)

    with pytest.raises(InputError):
        mt.attach_file(demo_db, doc.id, tmp_path / "missing.pdf")
