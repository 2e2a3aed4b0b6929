"""The lines a ministry adds below its list: totals ("Итого / Total: 9"), "Составлено: ...", "Compiled by",
signature lines, notes, and rows after a blank gap whose cells do not fit the columns. They are not contacts:
``footer_start`` tells where they begin, and the plan leaves them out with a warning each
(import_planning.plan_import).
"""

from __future__ import annotations

import re

from saiga_desk.core.errors import Problem
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.io import values as vl

# the first words of a footer line (folded: lower case, ё as е, no accents)
_FOOTER_WORDS = re.compile(
    r"^(итого|всего|итог|total|totals|subtotal|grand total|составлено|составил|составила|подготовлено|"
    r"подготовил|подготовила|исполнитель|отв\. исполнитель|ответственный|compiled|prepared|signed|signature|"
    r"подпись|примечание|примечания|прим\.|note|notes|nb|n\.b\.|источник|source|м\.п\.|мп|дата составления|"
    r"date of compilation|as of|по состоянию на)(\b|[\s:.,/])"
)
_SIGNATURE = re.compile(r"_{3,}|/\s*[^/]{1,40}\s*/\s*$|\(подпись\)|\(signature\)")


def _texts(cells: list) -> list[str]:
    return [t for t in (vl.cell_text(x) for x in cells) if t]


def is_footer_line(cells: list) -> bool:
    """A total, "compiled by", signature or note line: a footer word first, or a signature's underscores,
    in a row of at most three filled cells."""
    texts = _texts(cells)
    if not texts or len(texts) > 3:
        return False
    first = fold(texts[0])
    return bool(_FOOTER_WORDS.match(first)) or any(_SIGNATURE.search(t) for t in texts)


def _fits(cells: list, mapped: list[int]) -> bool:
    """Does a row look like a contact: at least two of the mapped columns filled (the one, if only one is)?"""
    need = min(2, len(mapped))
    filled = 0
    for c in mapped:
        if c < len(cells) and vl.cell_text(cells[c]):
            filled += 1
            if filled >= need:
                return True
    return False


def footer_start(rows: list[list], first: int, mapping: list) -> int:
    """The index of the first row of the footer below the data (``len(rows)`` when there is none). The footer is
    the bottom run of blank rows, footer lines, and rows that do not fit the columns; it begins at its first
    blank row or footer line (a short row right under the data is still a contact)."""
    mapped = [c for c, f in enumerate(mapping) if f]
    start = len(rows)
    i = len(rows) - 1
    while i >= first:
        cells = rows[i]
        blank = not any(x is not None and x != "" for x in cells)
        if blank or is_footer_line(cells):
            start = i
        elif _fits(cells, mapped):
            break
        i -= 1
    return start


def footer_problems(rows: list[list], start: int, file: str, sheet: str) -> list[Problem]:
    """A warning for each non-blank row from ``start`` on, naming it and quoting its text."""
    out = []
    for i in range(start, len(rows)):
        texts = _texts(rows[i])
        if texts:
            text = " | ".join(texts)
            text = text if len(text) <= 80 else text[:79] + "…"
            msg = _("Not a contact (a total, signature or note below the data): {text!r}; it is left out.")
            out.append(Problem(msg.format(text=text), file, sheet, i + 1, severity="warning"))
    return out
