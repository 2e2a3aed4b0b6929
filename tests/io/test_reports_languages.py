"""The printed documents in each language (issue 14): Russian documents in Russian (data, honorifics, labels,
grammatical case), body paragraphs hyphenated by language, an SVG emblem's text in an embedded font, and long
right-to-left paragraphs wrapped before they are reordered. Real PDFs read back with pdftotext and pdffonts."""

from __future__ import annotations

import re
import subprocess

import pyphen
import pytest
from reports_pdf import flat, text, words

from saiga_desk.core import preferences
from saiga_desk.core import services as sv
from saiga_desk.io.reports import REPORT_NAMES, generate
from saiga_desk.io.reports.declension import person_in_case
from saiga_desk.io.reports.document import DocumentInfo, UNDocument, para, title_block

#: what must never reach a Russian document: English honorifics and the English words of the labels
ENGLISH = ("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Page", "Original", "tel.", "mobile", "fax", "Dear", "Yours",
           "Reference", "Agenda item", "DRAFT", "Online", "continued", "Contact person", "Signatory", "Status",
           "Date", "Outcome", "Objectives", "Mandate", "took place", "Funded by", "Astana", "Almaty",
           "Ulaanbaatar", "Nairobi", "Moscow", "Tashkent")  # fmt: skip
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def _english_in(body: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w.]){re.escape(w)}(?!\w)", body)]


def _pdffonts(path) -> list[tuple[str, bool]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [(line.split()[0], line.split()[-5] == "yes") for line in out.splitlines()[2:]]


def test_every_russian_report_has_no_english_honorific_or_label(demo_db, tmp_path):
    for name in REPORT_NAMES:
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4", language="ru")
        assert _english_in(text(pdf)) == [], name


def test_russian_documents_print_the_russian_values_of_projects_and_meetings(demo_db, tmp_path):
    table = flat(text(generate(demo_db, "projects", tmp_path / "p.pdf", language="ru")))
    assert "Издать на русском языке публикацию" in table and "Make the publication" not in table
    assert "Программа работ Инициативы по млекопитающим Центральной Азии" in table
    report = flat(text(generate(demo_db, "secretariat-report", tmp_path / "r.pdf", meeting_code="MOS4",
                                language="ru")))  # fmt: skip
    assert "заказал работу «Атлас миграций млекопитающих Центральной Азии и линейной инфраструктуры»" in report
    assert "Reveal the hot spots" not in report and "Hosted by" not in report
    assert "Участники рекомендовали изучить приоритеты" in report  # the meeting's note in Russian
    assert "в Международной академии охраны природы (INA)" in report  # the venue, prepositional
    # a project known only in English: its title quoted as the original, in a sentence of its own
    sv.create(demo_db, "projects", {"title": "Saiga horn stockpile survey", "objectives": "Count the stockpiles",
                                    "in_project_table": False})  # fmt: skip
    report = flat(text(generate(demo_db, "secretariat-report", tmp_path / "r2.pdf", meeting_code="MOS4",
                                language="ru")))  # fmt: skip
    assert "название которой приводится на языке оригинала: «Saiga horn stockpile survey»." in report
    assert "Count the stockpiles" not in report  # no English objectives inside a Russian sentence


def test_russian_letters_salute_and_address_in_the_right_case(demo_db, tmp_path):
    preferences.set_letterhead(demo_db, {"signatory_name": "Amy Fraenkel", "signatory_title": "Executive Secretary",
                                         "signatory_name_ru": "Эми Френкель",
                                         "signatory_title_ru": "Исполнительный секретарь"})  # fmt: skip
    for template in ("letter", "note-verbale"):
        pdf = generate(demo_db, "letters", tmp_path / f"{template}.pdf", meeting_code="MOS4", language="ru",
                       template=template)  # fmt: skip
        body = flat(text(pdf))
        assert "Госпоже Айгүл Қасымовой" in body and "Господину Өлзийбаяру Батсүху" in body  # dative
        assert "Госпоже Алёне Ёлкиной" in body
        assert "контактному лицу Казахстана" in body or "контактного лица Казахстана" in body  # genitive
        assert "Бонн, Германия" in body  # the letterhead in Russian too
        assert _english_in(body) == [], template
        if template == "letter":
            assert "Уважаемая госпожа Қасымова!" in body and "Уважаемый господин Батсүх!" in body
            assert "С уважением, Эми Френкель Исполнительный секретарь" in body  # signed in Russian too
            assert "Amy Fraenkel" not in body
        else:
            assert "Уважаем" not in body and "свидетельствует своё уважение" in body


@pytest.mark.parametrize(
    ("given", "family", "sex", "case", "expected"),
    [
        ("Айгүл", "Қасымова", "f", "dative", "Айгүл Қасымовой"),
        ("Алёна", "Ёлкина", "f", "genitive", "Алёны Ёлкиной"),
        ("Ерлан", "Жұмабеков", "m", "genitive", "Ерлана Жұмабекова"),
        ("Өлзийбаяр", "Батсүх", "m", "dative", "Өлзийбаяру Батсүху"),
        ("Aýdogdy", "Amanow", "m", "dative", "Aýdogdy Amanow"),  # Latin letters: as written
        ("Айгүл", "Қасымова", "", "dative", "Айгүл Қасымова"),  # no gender known: never guessed
    ],
)
def test_person_names_are_declined_as_russian_grammar_has_them(given, family, sex, case, expected):
    assert person_in_case(given, family, sex, case) == expected


def _layout(pdf) -> str:
    """The text as laid out, hyphens kept (plain pdftotext joins hyphenated words)."""
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def _hyphenated_line_ends(body: str) -> list[tuple[str, str]]:
    """(head, tail) of every word broken at a line end with a hyphen ("organi-" / "zations")."""
    lines = [line.strip() for line in body.splitlines()]
    out = []
    for line, following in zip(lines, lines[1:], strict=False):
        m = re.search(r"(\w+)-$", line)
        n = re.match(r"(\w+)", following)
        same_script = bool(re.search("[а-яё]", m.group(1) if m else "")) == bool(re.search("[а-яё]", n.group(1) if n else ""))
        if m and n and same_script and not re.search(r"\d", m.group(1) + n.group(1)):
            out.append((m.group(1), n.group(1)))
    return out


@pytest.mark.parametrize(("language", "dictionary"), [("en", "en_GB"), ("ru", "ru_RU")])
def test_body_paragraphs_hyphenate_by_language(demo_db, tmp_path, language, dictionary):
    hyph = pyphen.Pyphen(lang=dictionary)
    for name in ("secretariat-report", "letters"):
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4", language=language,
                       template="Dear colleague,\n\n" + "Internationalization of intergovernmental "
                       "communication requires considerable administrative responsibility. " * 12
                       if name == "letters" and language == "en" else None)  # fmt: skip
        broken = _hyphenated_line_ends(_layout(pdf))
        assert broken, name
        words = [(h, t) for h, t in broken if not (h + t).isupper()]
        for head, tail in words:  # every break at a point of the language's hyphenation dictionary
            assert len(head) in hyph.positions(head + tail) or "-" in hyph.inserted(head + tail), (head, tail)


def test_svg_emblem_text_is_drawn_in_an_embedded_font(demo_db, tmp_path):
    svg = tmp_path / "emblem.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
        '<rect x="2" y="2" width="116" height="56" fill="none" stroke="#1f4e79" stroke-width="3"/>'
        '<text x="8" y="25" font-family="Arial" font-size="14">EMBLEMA</text>'
        '<text x="8" y="45" font-family="Times New Roman" font-weight="bold" font-style="italic" '
        'font-size="12">Сайгак</text><text x="70" y="25" font-size="9">Saiga</text></svg>',
        encoding="utf-8",
    )
    preferences.EMBLEM.set(demo_db, str(svg))
    for name in ("signatories", "letters"):
        pdf = generate(demo_db, name, tmp_path / f"{name}.pdf", meeting_code="MOS4")
        body = text(pdf)
        assert "EMBLEMA" in body and "Сайгак" in body, name  # the emblem's text is there, as text
        found = _pdffonts(pdf)
        assert all(embedded for _f, embedded in found), (name, found)
        assert not any(b in f for f, _e in found for b in BASE14), (name, found)
    # the letterhead stands beside the emblem (25 mm from the left, 16 mm high, twice as wide), never over it
    emblem_right = (25 + 32) * 72 / 25.4
    head = [(x, w) for x, y, w in words(tmp_path / "letters.pdf", 1) if y < 100 and w not in ("EMBLEMA", "Сайгак", "Saiga")]
    assert head and min(x for x, _w in head) > emblem_right, head


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_long_arabic_paragraph_reads_line_after_line_with_its_digits_in_order(tmp_path):
    numbers = [1230 + i for i in range(40)]
    arabic = " ".join(f"الاجتماع {n} للأطراف" for n in numbers)
    info = DocumentInfo(title="RTL")
    doc = UNDocument(tmp_path / "rtl.pdf", info)
    doc.build_story(title_block(info, doc.styles) + [para(arabic, doc.styles.body),
                                                     para("Second: " + arabic, doc.styles.body)])  # fmt: skip
    body = text(tmp_path / "rtl.pdf").split("RTL", 1)[1]
    lines = [_BIDI_CONTROLS.sub("", line) for line in body.splitlines()]
    per_line = [[int(x) for x in re.findall(r"\d{4}", line)] for line in lines]
    per_line = [x for x in per_line if x]
    assert len(per_line) >= 10  # two paragraphs of several lines
    read = [n for line in per_line for n in line]
    # line after line, each number whole ("1234", never "4321"): the right-to-left paragraph, then the one
    # that starts left-to-right ("Second: ...")
    assert read == numbers + numbers, read


def test_russian_meeting_sentences_agree_with_the_meeting_and_decline_it(demo_db, tmp_path):
    import datetime as dt

    from sqlalchemy import select

    from saiga_desk.core import models as m

    with demo_db.session() as s:
        cms = s.scalar(select(m.Organization.id).where(m.Organization.acronym == "CMS"))
        uzb = s.scalar(select(m.Country.id).where(m.Country.code == "UZB"))
    cop = sv.create(demo_db, "meetings", {"code": "COP12", "title_en": "Twelfth Meeting of the Conference of the Parties",
                                          "title_ru": "Двенадцатая Конференция Сторон КМВ", "kind": "cop",
                                          "status": "held", "start_date": dt.date(2017, 10, 23),
                                          "end_date": dt.date(2017, 10, 28), "city": "Manila"})  # fmt: skip
    sv.create(demo_db, "meetings", {"code": "SAIGA-TALKS", "title_en": "Saiga range talks",
                                    "title_ru": "Переговоры государств ареала сайгака", "kind": "other",
                                    "status": "held", "start_date": dt.date(2018, 5, 3), "country_id": uzb})  # fmt: skip
    report = flat(text(generate(demo_db, "secretariat-report", tmp_path / "r.pdf", meeting_code="MOS4",
                                language="ru")))  # fmt: skip
    assert "состоялась Двенадцатая Конференция Сторон КМВ (COP12)" in report  # feminine
    assert "состоялись Переговоры государств ареала сайгака" in report  # plural
    sv.create(demo_db, "meeting-organizations", {"meeting_id": cop.id, "organization_id": cms, "role": "organizer"})
    report = flat(text(generate(demo_db, "secretariat-report", tmp_path / "r2.pdf", meeting_code="MOS4",
                                language="ru")))  # fmt: skip
    assert "Секретариат КМВ организовал Двенадцатую Конференцию Сторон КМВ (COP12)" in report  # accusative


def test_column_headers_break_between_words_and_language_names_stay_whole(demo_db, tmp_path):
    pdf = generate(demo_db, "documents", tmp_path / "d.pdf", meeting_code="MOS4", language="ru")
    found = [w for _x, _y, w in words(pdf, 1)]
    assert "повестки" in found and "выпуска" in found and "по-" not in found and "вы-" not in found
    assert "русский" in found and not any(w.startswith("рус-") for w in found)
