"""The Report of the Secretariat reads like the seed (issue 14): sentences, the seed's structure and order,
acronyms spelled out at first use, tense relative to the meeting, DRAFT only when registered as a draft."""

from __future__ import annotations

import re

from reports_pdf import dehyphen, flat, pages, text

from saiga_desk.core import services as sv
from saiga_desk.io.reports import generate

SEED_SECTIONS = ["Background", "Status of Signatures", "Meetings under the Saiga MOU",
                 "Other meetings of relevance to the Saiga MOU", "Projects commissioned by the Secretariat",
                 "List of Designated National Contact Points"]  # fmt: skip


def _numbers(body: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\.$", body, re.M)]


def test_report_to_mos4_reads_like_the_seed(demo_db, tmp_path):
    raw = text(generate(demo_db, "secretariat-report", tmp_path / "sr.pdf", meeting_code="MOS4"))
    body = dehyphen(raw)
    # the seed's 14 paragraphs, and the depositary's dates of signature and the national reports (issue 16)
    assert _numbers(raw) == list(range(1, 17))
    at = [body.index(h) for h in SEED_SECTIONS]
    assert at == sorted(at)
    assert "since the last Meeting of Signatories to the Saiga MOU (MOS3) in 2015" in body
    # acronyms spelled out at first use
    for full in ("German Federal Agency for Nature Conservation (BfN)",
                 "German Ministry for the Environment, Nature Conservation and Nuclear Safety (BMU)",
                 "Central Asian Mammals Initiative (CAMI)", "Medium-Term International Work Programme (MTIWP)",
                 "Fourth Meeting of the Signatories to the Saiga MOU (MOS4)"):  # fmt: skip
        assert full in body, full
        acronym = full.rsplit("(", 1)[1].rstrip(")")
        bare = re.search(rf"(?<![\w/(-]){re.escape(acronym)}(?![\w/)-])", body)
        assert bare is None or body.index(full) < bare.start(), acronym  # never bare before it is spelled out
    # sentences, not fragments
    assert "Reviewed the" not in body and "Funded by" not in body and "Implemented by" not in body
    assert "The participants reviewed the MTIWP 2016-2020" in body
    assert "with funding from the Government of Switzerland" in body
    # the report is to MOS4: MOS4 has not taken place
    assert "will now take place online" in body
    for sentence in re.split(r"(?<=\.) ", body):
        if "MOS4" in sentence or "Fourth Meeting" in sentence:
            assert "took place" not in sentence, sentence
    # the seed's order of projects: the atlas, the hotspots study, the sustainable-use study
    order = [body.index(t) for t in ("Linear Infrastructure Atlas", "Mapping Transboundary Hotspots",
                                     "The Sustainable use of Saiga Antelopes")]  # fmt: skip
    assert order == sorted(order)
    assert "DRAFT" not in body


def test_draft_only_when_the_register_says_draft(demo_db, tmp_path):
    mos4 = sv.find(demo_db, "meetings", code="MOS4")[0]
    doc = sv.create(demo_db, "documents", {"meeting_id": mos4.id, "symbol": "UNEP/CMS/Saiga/MOS4/Doc.5",
                                           "series": "Doc", "number": 5, "title_en": "Report of the Secretariat",
                                           "original_language": "en", "status": "draft"})  # fmt: skip
    first = flat(pages(generate(demo_db, "secretariat-report", tmp_path / "d.pdf", meeting_code="MOS4"))[0])
    assert "DRAFT" in first and "UNEP/CMS/Saiga/MOS4/Doc.5" in first
    sv.update(demo_db, "documents", doc.id, {"status": "issued"})
    first = flat(pages(generate(demo_db, "secretariat-report", tmp_path / "i.pdf", meeting_code="MOS4"))[0])
    assert "DRAFT" not in first
    ru = flat(pages(generate(demo_db, "secretariat-report", tmp_path / "r.pdf", meeting_code="MOS4",
                             language="ru"))[0])  # fmt: skip
    assert "Русский Язык оригинала: английский" in ru and "ПРОЕКТ" not in ru


def test_russian_report_is_russian(demo_db, tmp_path):
    body = dehyphen(text(generate(demo_db, "secretariat-report", tmp_path / "ru.pdf", meeting_code="MOS4",
                                  language="ru")))  # fmt: skip
    assert _numbers(text(tmp_path / "ru.pdf")) == list(range(1, 17))  # 14 as the seed, 2 of issue 16
    assert "1-4 апреля 2019 г." in body and "Улан-Батор" in body and "остров Вильм" in body
    assert "состоялось" not in body.split("(MOS4)")[1].split(".")[0]
    for english in ("Funded by", "Objectives:", "took place", "Ms.", "Mr.", "Astana", "Ulaanbaatar"):
        assert english not in body, english
