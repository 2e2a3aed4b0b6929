"""The report framework on synthetic data (no database): safety, pagination, fonts, outline, metadata."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reports_pdf import column_edges, flat, fonts, outline_titles, pages, strip_text, text

from saiga_desk.core.errors import CancelledError, Progress
from saiga_desk.io.reports.document import MARGIN, DocumentInfo, UNDocument, para, section, title_block
from saiga_desk.io.reports.row_table import Column, Group, RowTable
from saiga_desk.io.reports.safe_text import clean, markup, visual, wrap_lines

HOSTILE = [
    "<b>bold?</b>",
    "Fish & Chips &amp; more",
    "<i>unclosed <font name=x",
    '<img src="http://example.org/x.png"/>',
    "a\x00b\x07c\x1bd\x7f",
    "Smile 😀 please",
    "שלום עליכם",
    "<para>",
    "]]> <!-- -->",
]
LONG_WORD = "x" * 10_000
COLUMNS = [Column("Competent authority", 1.2), Column("Contact person", 1.0), Column("E-mail", 1.0)]


def _info(**kw) -> DocumentInfo:
    values = dict(title="List of Designated National Contact Points", symbol="UNEP/CMS/Saiga/MOS4/Inf.7",
                  date=dt.date(2021, 3, 1), meeting_line="Fourth Meeting of the Signatories",
                  place_line="Online, 2021", agenda_item="5", subject="Contact points", author="CMS Secretariat")  # fmt: skip
    values.update(kw)
    return DocumentInfo(**values)


def _build(path, flowables, **kw):
    info = _info(**kw)
    doc = UNDocument(path, info)
    doc.build_story(title_block(info, doc.styles) + flowables(doc))
    return path


def test_clean_and_markup_escape_everything():
    from saiga_desk.io.reports.fonts import register_fonts

    register_fonts()
    assert clean("a\x00b\x07c\x1bd\x7f\ud800e") == "abcde"
    assert clean(None) == ""
    assert clean("line\r\nnext\ttab") == "line\nnext tab"
    assert markup("<b>&</b>\nnext") == "&lt;b&gt;&amp;&lt;/b&gt;<br/>next"
    assert visual("abc שלום") == "abc םולש"
    pieces = wrap_lines("word " + LONG_WORD, "DejaVuSans", 8, 100)
    assert "".join(pieces[1:]) == LONG_WORD and len(pieces) > 50


def test_hostile_text_prints_literally(tmp_path):
    rows = [[h, h, h] for h in HOSTILE] + [[LONG_WORD, "short", LONG_WORD]]

    def story(doc):
        out = [para(h, doc.styles.body) for h in HOSTILE]
        out += section("<b>Section & heading", doc.styles)
        out.append(para("before " + LONG_WORD + " after", doc.styles.body))
        out.append(RowTable(COLUMNS, [Group("<i>Group & co"), *rows], outline_level=1))
        return out

    pdf = _build(tmp_path / "hostile.pdf", story, title="Title <b>&</b> <unclosed", symbol="<Doc>&1")
    body = text(pdf)
    for literal in ("<b>bold?</b>", "Fish & Chips &amp; more", "<i>unclosed <font name=x",
                    '<img src="http://example.org/x.png"/>', "abcd", "שלום עליכם", "<para>", "]]> <!-- -->",
                    "<b>Section & heading", "<i>Group & co", "TITLE <B>&</B> <UNCLOSED", "<Doc>&1"):  # fmt: skip
        assert literal in body, literal
    assert "Smile" in body and "please" in body  # the emoji is drawn by DejaVu; reportlab maps its text oddly
    # every character of the 10,000-character words is there: once in the paragraph, twice in the table
    assert body.count("x") >= 30_000
    reader = PdfReader(str(pdf))
    assert reader.metadata.title == "Title <b>&</b> <unclosed"
    assert "<i>Group & co" in outline_titles(pdf)


def test_five_thousand_rows_repeat_the_header_on_every_page(tmp_path):
    peak = [0]
    holder = {}

    def rows():
        for i in range(5000):
            if i % 400 == 0:
                yield Group(f"Signatory {i // 400:02d} Қазақстан")
            table = holder.get("table")
            if table is not None:
                peak[0] = max(peak[0], len(table._src.pending))
            yield [f"Ministry of Ecology number {i}", [("bold", f"R{i:05d} Айгүл Қасымова"), ("italic", "Бас сарапшы")],
                   f"person{i}@example.org"]  # fmt: skip

    def story(doc):
        holder["table"] = RowTable(COLUMNS, rows(), outline_level=1)
        return [holder["table"]]

    pdf = _build(tmp_path / "long.pdf", story)
    texts = pages(pdf)
    assert len(texts) > 60
    for number, page in enumerate(texts, 1):
        assert "Competent authority" in page and "Contact person" in page and "E-mail" in page, number
        assert f"Page {number} of {len(texts)}" in flat(page)
        if number > 1:
            assert "UNEP/CMS/Saiga/MOS4/Inf.7" in page  # running header
    found = [int(x) for x in re.findall(r"R(\d{5})", text(pdf))]
    assert sorted(found) == list(range(5000))  # no row lost or printed twice across page breaks
    assert peak[0] < 200  # rows are laid out a page at a time, never all at once
    continued = sum("(continued)" in p for p in texts)
    assert continued > 40
    assert outline_titles(pdf).count("Signatory 03 Қазақстан") == 1


def test_a_row_taller_than_a_page_is_split_between_lines(tmp_path):
    words = " ".join(f"w{i:04d}" for i in range(3000))
    pdf = _build(
        tmp_path / "tall.pdf", lambda doc: [RowTable(COLUMNS, [["tall", words, "end"], ["after", "", ""]])]
    )
    texts = pages(pdf)
    assert len(texts) >= 3
    edges = column_edges([c.weight for c in COLUMNS], A4[0], MARGIN)
    got = []
    for n in range(1, len(texts) + 1):
        got += re.findall(r"w\d{4}", strip_text(pdf, n, *edges[1]))
    assert got == [f"w{i:04d}" for i in range(3000)]
    assert "after" in texts[-1]


def test_fonts_are_embedded_dejavu(tmp_path):
    pdf = _build(tmp_path / "fonts.pdf", lambda doc: [para("Қазақстан Монгол Өлзийбаяр <i>x</i>", doc.styles.body),
                                                       RowTable(COLUMNS, [[("bolditalic", "Ёлкина"), "б", "в"]])])  # fmt: skip
    used = fonts(pdf)
    assert used and all(used.values()), used  # nothing is left to the viewer's fonts
    assert any("DejaVuSans" in name for name in used)
    assert {"DejaVuSans-Bold", "DejaVuSans-Oblique"} <= {n.split("+")[-1] for n in used}


def test_outline_and_metadata(tmp_path):
    def story(doc):
        return [*section("First section", doc.styles), para("text", doc.styles.body),
                *section("Second section", doc.styles), RowTable(COLUMNS, [Group("Mongolia"), ["a", "b", "c"]],
                                                                 outline_level=2)]  # fmt: skip

    pdf = _build(tmp_path / "outline.pdf", story)
    titles = outline_titles(pdf)
    assert titles[:1] == ["LIST OF DESIGNATED NATIONAL CONTACT POINTS"]
    assert {"First section", "Second section", "Mongolia"} <= set(titles)
    meta = PdfReader(str(pdf)).metadata
    assert meta.title == "List of Designated National Contact Points"
    assert meta.author == "CMS Secretariat" and meta.subject == "Contact points"
    first = flat(pages(pdf)[0])
    assert "UNEP/CMS/Saiga/MOS4/Inf.7" in first and "1 March 2021" in first and "Original: English" in first
    assert "Agenda item 5" in first


def test_russian_page_footer_and_landscape(tmp_path):
    pdf = _build(tmp_path / "ru.pdf", lambda doc: [para("текст", doc.styles.body)], language="ru",
                 landscape=True, original_language="en")  # fmt: skip
    page = flat(pages(pdf)[0])
    assert "Страница 1 из 1" in page and "Язык оригинала: английский" in page and "1 марта 2021 г." in page
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_cancel_stops_the_table(tmp_path):
    progress = Progress()
    calls = []

    def rows():
        for i in range(3000):
            if i == 700:
                progress.cancel()
            calls.append(i)
            yield [str(i), "x", "y"]

    with pytest.raises(CancelledError):
        _build(
            tmp_path / "cancel.pdf", lambda doc: [RowTable(COLUMNS, rows(), progress=progress, total=3000)]
        )
    assert len(calls) < 3000


def test_giant_title_symbol_and_group_never_raise(tmp_path):
    title = LONG_WORD + " " + "word " * 2000
    rows = [Group("g" * 20_000), ["y" * 20_000, "z"]]
    pdf = _build(tmp_path / "giant.pdf", lambda doc: [RowTable(COLUMNS, rows, outline_level=1)], title=title,
                 symbol="S" * 500)  # fmt: skip
    body = text(pdf)
    assert body.count("g") >= 20_000 and body.count("y") >= 20_000
    assert len(outline_titles(pdf)) == 2  # the title once, the group once, however many pages they take
