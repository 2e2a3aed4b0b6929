"""The reports of the demo database, read back from the PDFs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reports_pdf import column_edges, dehyphen, flat, fonts, outline_titles, pages, strip_text, text

from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.io.reports import REPORT_NAMES, generate, lists, projects
from saiga_desk.io.reports.document import MARGIN

DEMO_NAMES = ["Айгүл Қасымова", "Өлзийбаяр Батсүх", "Алёна Ёлкина", "Aýdogdy Amanow", "Dilnoza Oʻrinboyeva"]


def _columns(pdf: Path, weights, width: float) -> list[str]:
    """Each table column's text over all pages, whitespace collapsed."""
    edges = column_edges(weights, width, MARGIN)
    n = len(pages(pdf))
    return [flat(" ".join(strip_text(pdf, p, x0, x1) for p in range(1, n + 1))) for x0, x1 in edges]


def _signatory(db, code: str) -> int:
    from sqlalchemy import select

    from saiga_desk.core import models as m

    with db.session() as s:
        return s.scalar(select(m.Signatory.id).join(m.Country, m.Country.id == m.Signatory.country_id)
                        .where(m.Country.code == code))  # fmt: skip


def test_contact_points_print_the_demo_names_exactly(demo_db, tmp_path):
    pdf = generate(demo_db, "contact-points", tmp_path / "ncp.pdf", as_at=dt.date(2021, 6, 1))
    weights = [c.weight for c in lists.contact_point_columns("en")]
    person, where, reach = _columns(pdf, weights, A4[0])
    for name in DEMO_NAMES:
        assert name in person, name
    assert "Mongolia" in text(pdf) and "Kazakhstan" in text(pdf)
    assert "Ministry of Environment and Tourism of Mongolia" in dehyphen(where)
    assert "Мәңгілік Ел даңғылы, 8, Астана 010000" in dehyphen(where)
    assert "tel. +976 51 00 00 02" in reach
    assert "aigul.kassymova@example.org" in reach.replace(" ", "")
    first = flat(pages(pdf)[0])
    assert "UNEP/CMS/Saiga/MOS4/Inf.7" in first and "(as at 1 June 2021)" in first
    assert {"Kazakhstan", "Uzbekistan"} <= set(outline_titles(pdf))
    used = fonts(pdf)
    assert used and all(used.values()) and all("DejaVuSans" in f for f in used)


def test_contact_points_as_at_a_past_date_show_who_was_designated_then(demo_db, tmp_path):
    kaz = _signatory(demo_db, "KAZ")
    person = sv.create(
        demo_db, "persons", {"honorific": "Mr.", "given_name": "Бауыржан", "family_name": "Сәрсенбаев"}
    )
    sv.create(demo_db, "designations", {"signatory_id": kaz, "person_id": person.id, "role": "primary",
                                        "valid_from": dt.date(2010, 1, 1), "valid_to": dt.date(2012, 12, 31)})  # fmt: skip
    old = flat(text(generate(demo_db, "contact-points", tmp_path / "old.pdf", as_at="2011-06-01")))
    assert "Бауыржан Сәрсенбаев" in old and "Қасымова" not in old
    mid = flat(text(generate(demo_db, "contact-points", tmp_path / "mid.pdf", as_at="2018-01-01")))
    assert "Ерлан Жұмабеков" in mid and "Бауыржан" not in mid and "Қасымова" not in mid
    now = flat(text(generate(demo_db, "contact-points", tmp_path / "now.pdf")))
    assert "Айгүл Қасымова" in now and "Сәрсенбаев" not in now and "Жұмабеков" not in now


def test_project_table_holds_the_four_projects_of_the_seed_report(demo_db, tmp_path):
    pdf = generate(demo_db, "projects", tmp_path / "projects.pdf")
    dates, who, objectives, mandate, outcome = _columns(pdf, projects.WEIGHTS, landscape(A4)[0])
    norm = lambda s: re.sub(r"\s*-\s*", "-", s)  # noqa: E731  the seed spaces its dashes unevenly
    for period in (
        "June - October 2016",
        "October-December 2016",
        "April - June 2018",
        "November 2018 - June 2019",
    ):
        assert norm(period) in norm(dates), period
    assert who.split()[-4:] == ["SCA", "ACBK", "SCA", "ACBK"]
    mandate, outcome, objectives = dehyphen(mandate), dehyphen(outcome), dehyphen(objectives)
    for text_ in ("Saiga MTIWP 2016 - 2020, Objectives 1.1 and 1.2",
                  "CAMI POW 2014-2020, Objective 1.3, also partially Saiga MTIWP 2016-2020, 6.2",
                  "Saiga MTIWP 2016 - 2020 5.2-5.4; 1.4, 6.7", "CAMI POW 2014 - 2020: 1.1.2, 1.1.5, 1.1.6"):  # fmt: skip
        assert text_ in mandate, text_
    for text_ in ("Standard Operating Procedures for detecting and reacting to incidents of health risks",
                  "„Руководство по решению проблем, связанных с воздействием объектов линейной инфраструктуры",
                  "Saiga resource Center Website reprogrammed in Drupal 8; Saiga News Issue 23",
                  "Report for discussion by CMS and CITES Secretariats (final report still pending"):  # fmt: skip
        assert text_ in outcome, text_
    assert "Investigate and describe new patterns of illegal wildlife trade" in objectives
    page = flat(pages(pdf)[0])
    assert "Project dates" in page and "Implementing organization" in page


def test_secretariat_report_is_generated_from_the_data(demo_db, tmp_path):
    body = flat(text(generate(demo_db, "secretariat-report", tmp_path / "sr.pdf", meeting_code="MOS4")))
    assert ("To date, the Saiga MOU has five Signatory States - Kazakhstan, Mongolia, the Russian Federation, "
            "Turkmenistan and Uzbekistan.") in body  # fmt: skip
    assert "nine governmental and international non-governmental organizations have signed the MOU" in body
    assert "Association for the Conservation of Biodiversity of Kazakhstan (ACBK)" in body
    assert "and World Wildlife Fund (WWF) International." in body
    assert "UNEP/CMS/Saiga/MOS4/Doc.8" in body and "UNEP/CMS/Saiga/MOS4/Inf.7" in body
    assert "Midterm Review of the Central Asian Mammals Initiative" in body
    assert "Joint CMS-CITES Technical Workshop under the Saiga MOU" in body
    assert "November 2018 - June 2019" in body and "DRAFT" not in body  # not registered as a draft


def test_every_report_in_russian(demo_db, tmp_path):
    for name in REPORT_NAMES:
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4", language="ru")
        assert pdf.exists() and pdf.stat().st_size > 1000
    ncp = flat(text(tmp_path / "contact-points.pdf"))
    assert "СПИСОК НАЗНАЧЕННЫХ НАЦИОНАЛЬНЫХ КОНТАКТНЫХ ЛИЦ" in ncp and "Компетентный орган" in ncp
    assert "Российская Федерация" in ncp and "Страница 1 из" in ncp
    sr = flat(text(tmp_path / "secretariat-report.pdf"))
    assert "Казахстан, Монголия, Российская Федерация, Туркменистан и Узбекистан" in sr


def test_participants_and_documents_of_a_meeting(demo_db, tmp_path):
    prov = flat(text(generate(demo_db, "participants", tmp_path / "p.pdf", meeting_code="MOS4")))
    assert "LIST OF PARTICIPANTS (PROVISIONAL)" in prov and "Signatory States" in prov
    for name in DEMO_NAMES:
        assert name.split()[-1] in prov
    final = dehyphen(
        text(generate(demo_db, "participants", tmp_path / "f.pdf", meeting_code="MOS4", final=True))
    )
    assert "Head of Delegation" in dehyphen(prov)
    assert "(FINAL)" in final and "None recorded." in final  # MOS4 is planned: nobody has attended yet
    docs = flat(text(generate(demo_db, "documents", tmp_path / "d.pdf", meeting_code="MOS4"))).replace(
        "/ ", "/"
    )
    assert docs.index("UNEP/CMS/Saiga/MOS4/Doc.8") < docs.index("UNEP/CMS/Saiga/MOS4/Inf.7")
    assert "Technical coordination of the Saiga MOU" in docs and "English, Russian" in docs
    with pytest.raises(SaigaError, match="needs a meeting"):
        generate(demo_db, "documents", tmp_path / "x.pdf")
    with pytest.raises(SaigaError, match="NOPE"):
        generate(demo_db, "participants", tmp_path / "x.pdf", meeting_code="NOPE")
    assert not (tmp_path / "x.pdf").exists()


def test_letters_one_per_page_and_one_file_per_letter(demo_db, tmp_path):
    pdf = generate(
        demo_db, "letters", tmp_path / "letters.pdf", meeting_code="MOS4", per_letter_dir=tmp_path / "each"
    )
    texts = [flat(p) for p in pages(pdf)]
    assert len(texts) == 5
    assert all(t.count("Dear ") + t.count("Уважаем") == 1 for t in texts) and "{" not in " ".join(texts)
    # each letter in its recipient's preferred language: Ms. Қасымова prefers Russian
    assert any("Уважаемая госпожа Қасымова!" in t and "Комитет лесного хозяйства" in t for t in texts)
    assert len(list((tmp_path / "each").glob("*.pdf"))) == 5


def test_letter_template_with_unknown_or_empty_placeholder_is_refused(demo_db, tmp_path):
    target = tmp_path / "letters.pdf"
    with pytest.raises(SaigaError, match=r"\{first_name\}"):
        generate(demo_db, "letters", target, template="Dear {first_name},\n\nPlease confirm.")
    assert not target.exists()
    mng = _signatory(demo_db, "MNG")
    person = sv.create(demo_db, "persons", {"given_name": "Бат", "family_name": "Дорж"})  # no position
    sv.create(demo_db, "designations", {"signatory_id": mng, "person_id": person.id, "role": "alternate"})
    with pytest.raises(SaigaError) as info:
        generate(demo_db, "letters", target, template="{salutation}\n\n{name}, {position}")
    assert "Бат Дорж" in str(info.value) and "{position}" in str(info.value)
    assert not target.exists()
    with pytest.raises(SaigaError, match="not valid"):
        generate(demo_db, "letters", target, template="Dear {name")
    tpl = tmp_path / "t.txt"
    tpl.write_text("{salutation}\n\nLiteral {{braces}} for {name} of {signatory}.", encoding="utf-8")
    body = flat(text(generate(demo_db, "letters", target, template=tpl)))
    assert "Literal {braces} for Бат Дорж of Mongolia." in body


def test_hostile_data_in_the_database_prints_literally(demo_db, tmp_path):
    uzb = _signatory(demo_db, "UZB")
    person = sv.create(demo_db, "persons", {"honorific": "<b>", "given_name": "Evil & <i>Co",
                                            "family_name": "</para>" + "я" * 3000,
                                            "position": "<img src='x'/> \x07 😀 שלום", "email": "a&b@example.org"})  # fmt: skip
    sv.create(demo_db, "designations", {"signatory_id": uzb, "person_id": person.id, "role": "technical"})
    body = text(generate(demo_db, "contact-points", tmp_path / "h.pdf"))
    assert "<b> Evil & <i>Co </para>" in flat(body) and "<img src='x'/>" in body and "שלום" in body
    assert body.count("я") >= 3000
    for name in ("secretariat-report", "letters"):
        generate(
            demo_db, name, tmp_path / f"{name}.pdf", template="{name}: {email}" if name == "letters" else None
        )
    assert "a&b@example.org" in text(tmp_path / "letters.pdf")


def test_report_command(demo_path, tmp_path, capsys):
    from saiga_desk.cli.main import main

    out = tmp_path / "cli.pdf"
    assert main(["--database", str(demo_path), "report", "contact-points", "-o", str(out), "--as-at",
                 "2018-01-01", "--language", "ru"]) == 0  # fmt: skip
    assert "Жұмабеков" in text(out)
    assert main(["--database", str(demo_path), "report", "participants", "-o", str(tmp_path / "p.pdf")]) == 1
    assert "needs a meeting" in capsys.readouterr().err
    assert main(["--database", str(demo_path), "report", "letters", "-o", str(tmp_path / "l.pdf"), "--template",
                 str(tmp_path / "missing.txt")]) == 1  # fmt: skip
    with pytest.raises(SystemExit) as exit_:
        main(
            ["--database", str(demo_path), "report", "contact-points", "-o", "x.pdf", "--as-at", "2020-13-01"]
        )
    assert exit_.value.code == 2
    assert main(["--database", str(demo_path), "report", "projects"]) == 2
