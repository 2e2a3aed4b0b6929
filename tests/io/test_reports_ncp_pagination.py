"""The contact-point list of 300 generated contacts paginates like a typesetter's (issue 14), read back from
the PDF with pdftotext: entries kept together, the header only at the top of a page, numbers whole."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from ncp_corpus import MOBILES, PHONES, add_contacts
from reportlab.lib.pagesizes import A4
from reports_pdf import column_edges, fonts, pages, words

from saiga_desk.core.database import Database
from saiga_desk.io.reports import generate, lists
from saiga_desk.io.reports.document import MARGIN
from saiga_desk.io.reports.labels import label

PHONE = re.compile(r"\+\d{1,3}( \d{2,4})+( \(ext\. \d+\))?")
NUMBERS = {n.strip() for v in PHONES + MOBILES for n in re.split(r"[;,]", v) if n.strip()}


@pytest.fixture(scope="module")
def big_db(_templates, tmp_path_factory):
    path = tmp_path_factory.mktemp("ncp") / "ncp.sqlite3"
    shutil.copy(_templates["demo"], path)
    db = Database.open(path)
    add_contacts(db, 300)
    yield db
    db.close()


def _column_lines(pdf, page: int, x0: float, x1: float) -> list[str]:
    """The lines of one table column on one page (words of one baseline joined)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, w in words(pdf, page):
        if x0 - 1 <= x < x1 - 1:
            rows.setdefault(round(y), []).append((x, w))
    return [" ".join(w for _x, w in sorted(rows[y])) for y in sorted(rows)]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_three_hundred_contacts_paginate_like_a_typesetter(big_db, tmp_path, language):
    pdf = generate(big_db, "contact-points", tmp_path / f"ncp-{language}.pdf", language=language,
                   as_at=dt.date(2021, 6, 1))  # fmt: skip
    texts = pages(pdf)
    assert len(texts) <= 38, len(texts)
    edges = column_edges([c.weight for c in lists.contact_point_columns(language)], A4[0], MARGIN)
    header = label("person", language)
    where_name: dict[str, int] = {}
    where_email: dict[str, int] = {}
    per_page = []
    for number in range(1, len(texts) + 1):
        person = _column_lines(pdf, number, *edges[0])
        reach = _column_lines(pdf, number, *edges[2])
        # the column header is the first line of the table on every page, and appears nowhere else
        heads = [i for i, line in enumerate(person) if line == header]
        assert len(heads) == 1, (number, heads)
        assert all(not re.search(r"\d+\b", line) for line in person[: heads[0]]), number
        for line in person:
            for family in re.findall(r"(\w+?\d+)\b", line):
                if "(continued)" not in line and "(продолжение)" not in line:
                    where_name[family] = number
        emails = re.findall(r"[\w.-]+@[\w.-]+\.\w+", "".join(reach))
        for e in emails:
            where_email[e.split("@")[0].rsplit(".", 1)[-1]] = number
        per_page.append(len(emails))
        # telephone numbers whole, labelled, one a line
        for line in reach:
            if line.startswith((label("tel", language), label("mobile", language))):
                assert PHONE.fullmatch(line.split(" ", 1)[1]), (number, line)
            assert not re.fullmatch(r"[\d ()+]+", line), (number, line)  # no number's fragment on a line
        for n in NUMBERS:
            assert n not in "\n".join(reach) or any(n in line for line in reach)
    generated = {k: v for k, v in where_name.items() if re.search(r"\D(\d+)$", k)}
    assert len(generated) >= 300
    for family, page in generated.items():
        index = re.search(r"(\d+)$", family).group(1)
        email_page = where_email[index]
        continued = label("continued", language, name="").strip()
        assert email_page == page or (
            family in texts[email_page - 1] and continued in texts[email_page - 1]
        ), family
    assert min(per_page[:-1]) >= 8, per_page
    if language == "ru":  # no English honorific, label or city in the Russian list
        whole = " ".join(texts)
        for english in (
            "Ms.",
            "Mr.",
            "Dr.",
            "Contact person",
            "continued",
            "tel.",
            "mobile",
            "Page ",
            "Astana",
        ):
            assert english not in whole, english
    assert all(fonts(pdf).values())
