"""A streaming table for long lists: rows are laid out one page at a time with simple line wrapping and
drawn with canvas text calls, so memory stays flat however many rows there are.

Rows come from any iterable (a generator over the database is fine). Each item is either a data row (a
sequence of cells, one per column) or a :class:`Group` heading spanning the table. A cell is ``None``, a
string, or a sequence of runs; a run is a string or ``(style, text)`` with style ``regular``, ``bold``,
``italic``, ``bolditalic``, ``name`` (bold, broken only between words; a row whose first cell starts with
one repeats it as "Name (continued)" when it is split), ``email`` (broken only after ``@ . - _``) or
``phone`` (never broken); every run starts on a new line and other text is hyphenated by language
(:mod:`.line_breaking`).

Pagination follows a typesetter's rules: the header row is drawn at the top of every page and nowhere else;
a row (an entry) is kept together and moved to the next page when it does not fit, and split only when it
is taller than a whole page, leaving at least two lines on each side; a group heading is kept with its
first row and repeated with "(continued)" on the next page; group headings become PDF outline entries.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.labels import label
from saiga_desk.io.reports.line_breaking import wrap
from saiga_desk.io.reports.safe_text import clean, one_line, visual

HEADER_FILL = colors.HexColor("#d9d9d9")
GROUP_FILL = colors.HexColor("#eeeeee")
RULE = colors.HexColor("#808080")
_bookmarks = itertools.count(1)


@dataclass
class Column:
    label: str
    weight: float = 1.0
    style: str = "regular"


@dataclass
class Group:
    title: str
    outline: bool = True


#: run style -> (font, how it breaks)
_STYLES = {
    "regular": (fonts.REGULAR, "text"),
    "bold": (fonts.BOLD, "text"),
    "italic": (fonts.ITALIC, "text"),
    "bolditalic": (fonts.BOLD_ITALIC, "text"),
    "name": (fonts.BOLD, "name"),
    "words": (fonts.REGULAR, "name"),  # regular text broken only between words (labels, roles)
    "email": (fonts.REGULAR, "email"),
    "phone": (fonts.REGULAR, "nobreak"),
}
MIN_LINES = 2  # neither a widow nor an orphan of one line


class _Item:
    """One laid-out row: ``lines[c]`` is a list of (font, text) for column c (one column for groups)."""

    __slots__ = ("kind", "lines", "title", "outline")

    def __init__(self, kind: str, lines: list[list[tuple[str, str]]], title: str = "", outline: bool = False):
        self.kind = kind  # "row" | "group" | "header"
        self.lines = lines
        self.title = title  # the group's name, or the name a split row repeats
        self.outline = outline

    def count(self) -> int:
        return max((len(c) for c in self.lines), default=0) or 1

    def split(self, n: int) -> tuple[_Item, _Item]:
        head = _Item(self.kind, [c[:n] for c in self.lines], self.title, self.outline)
        tail = _Item(self.kind, [c[n:] for c in self.lines], self.title, False)
        return head, tail


class _Source:
    """State shared by a table and the pieces it splits into."""

    def __init__(self, rows: Iterable, progress, total: int | None, text: str):
        self.rows = iter(rows)
        self.pending: deque[_Item] = deque()
        self.exhausted = False
        self.group: str | None = None
        self.done = 0
        self.progress = progress
        self.total = total
        self.text = text
        self.page_height = 0.0  # the tallest frame seen: what "fits on a page" means


class RowTable(Flowable):
    def __init__(self, columns: Sequence[Column], rows: Iterable, *, font_size: float = 8.5, padding: float = 3,
                 language: str = "en", outline_level: int | None = None, progress=None, total: int | None = None,
                 progress_text: str = "", leading: float = 1.22, _source: _Source | None = None):  # fmt: skip
        super().__init__()
        fonts.register_fonts()
        self.columns = list(columns)
        self.size = font_size
        self.leading_factor = leading
        self.leading = font_size * leading
        self.pad = padding
        self.language = language
        self.outline_level = None  # handled per group row, not by the document template
        self._group_level = outline_level
        self._src = _source or _Source(rows, progress, total, progress_text)
        self._width = 0.0
        self._widths: list[float] = []
        self._header: _Item | None = None
        self._final: list[_Item] | None = None
        self._box = 0.0  # a page's piece claims the whole frame: nothing is drawn below it

    # -- layout -----------------------------------------------------------------------------------
    def _set_width(self, width: float) -> None:
        if width == self._width:
            return
        if self._src.pending and self._width:
            raise ValueError("table width changed between pages")
        self._width = width
        total = sum(c.weight for c in self.columns) or 1
        self._widths = [width * c.weight / total for c in self.columns]
        self._header = _Item("header", [self._wrap([(fonts.BOLD, "label", clean(c.label))], i)
                                        for i, c in enumerate(self.columns)])  # fmt: skip

    def _wrap(
        self, runs: list[tuple[str, str, str]], col: int, width: float | None = None
    ) -> list[tuple[str, str]]:
        inner = (width if width is not None else self._widths[col]) - 2 * self.pad
        out: list[tuple[str, str]] = []
        for font, kind, text in runs:
            out.extend((font, visual(line)) for line in wrap(text, font, self.size, max(inner, 4), kind))
        return out

    def _runs(self, cell, col: int) -> list[tuple[str, str, str]]:
        default = self.columns[col].style
        if cell is None:
            return []
        if isinstance(cell, str):
            cell = [cell]
        runs = []
        for run in cell:
            if run is None:
                continue
            style, text = (default, run) if isinstance(run, str) else run
            if text not in (None, ""):
                font, kind = _STYLES.get(style, _STYLES.get(default, _STYLES["regular"]))
                runs.append((font, kind, clean(text)))
        return runs

    def _layout(self, raw) -> _Item:
        if isinstance(raw, Group):
            title = clean(raw.title)
            return _Item(
                "group", [self._wrap([(fonts.BOLD, "text", title)], 0, self._width)], title, raw.outline
            )
        cells = list(raw)[: len(self.columns)]
        cells += [None] * (len(self.columns) - len(cells))
        runs = [self._runs(cell, i) for i, cell in enumerate(cells)]
        name = runs[0][0][2] if runs and runs[0] and runs[0][0][1] == "name" else ""
        return _Item("row", [self._wrap(r, i) for i, r in enumerate(runs)], name)

    def _continued(self, title: str, col_width: float | None = None) -> list[tuple[str, str]]:
        """One line "Name (continued)", the name shortened with an ellipsis when the line would be longer."""
        inner = (col_width if col_width is not None else self._width) - 2 * self.pad
        name = one_line(title)
        text = label("continued", self.language, name=name)
        if stringWidth(text, fonts.BOLD, self.size) > inner:
            lo, hi = 0, len(name)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                trial = label("continued", self.language, name=name[:mid].rstrip() + "…")
                lo, hi = (mid, hi) if stringWidth(trial, fonts.BOLD, self.size) <= inner else (lo, mid - 1)
            text = label("continued", self.language, name=name[:lo].rstrip() + "…")
        return [(fonts.BOLD, visual(text))]

    def _height(self, item: _Item, lines: int | None = None) -> float:
        return 2 * self.pad + (lines if lines is not None else item.count()) * self.leading

    def _peek(self, index: int) -> _Item | None:
        src = self._src
        while len(src.pending) <= index and not src.exhausted:
            try:
                raw = next(src.rows)
            except StopIteration:
                src.exhausted = True
                break
            src.pending.append(self._layout(raw))
        return src.pending[index] if index < len(src.pending) else None

    def _pop(self) -> _Item:
        item = self._src.pending.popleft()
        src = self._src
        if item.kind == "row":
            src.done += 1
            if src.progress is not None and src.done % 200 == 0:
                src.progress.report(src.done, src.total, src.text)
        return item

    def _fits_a_page(self, height: float) -> bool:
        """Whether ``height`` fits a fresh page below the header and a "(continued)" group line."""
        room = self._src.page_height - self._height(self._header) - self._height(None, 1)
        return height <= room

    def _take(self, avail: float, at_top: bool) -> list[_Item] | None:
        """Remove from the source the items that fit in ``avail`` below the header; None if the table should
        rather start on the next page."""
        src = self._src
        remaining = avail - self._height(self._header)
        items: list[_Item] = []
        first = self._peek(0)
        if first is None:
            return []
        if first.kind == "row" and src.group is not None:
            cont = _Item("group", [self._continued(src.group, self._width)], src.group)
            if self._height(cont) + self._height(first, MIN_LINES) <= remaining:
                items.append(cont)
                remaining -= self._height(cont)
        placed = 0
        while True:
            item = self._peek(0)
            if item is None:
                break
            need = h = self._height(item)
            if item.kind == "group":  # kept with its first entry
                nxt = self._peek(1)
                if nxt is not None:
                    need = h + self._height(nxt)
            if need <= remaining:
                items.append(self._pop())
                remaining -= h
                placed += 1
                if item.kind == "group":
                    src.group = item.title
                continue
            if placed or (not at_top and self._fits_a_page(need)):
                break  # the entry is kept together: it starts the next page
            # taller than a page (or than this one at its top): split it, two lines at least on either side
            if item.kind == "group" and h + self._height(None, MIN_LINES) <= remaining:
                items.append(self._pop())
                remaining -= h
                placed += 1
                src.group = item.title
                item = self._peek(0)
                if item is None:
                    break
            fit = int((remaining - 2 * self.pad) // self.leading)
            n = min(fit, item.count() - MIN_LINES)
            if n >= MIN_LINES or (at_top and not placed and fit >= 1):
                n = max(1, min(fit, n if n >= 1 else fit))
                if n < item.count():
                    head, tail = item.split(n)
                    if item.kind == "row" and item.title:
                        tail.lines[0] = self._continued(item.title, self._widths[0]) + tail.lines[0]
                    self._pop()
                    src.pending.appendleft(tail)
                    src.done -= 1 if item.kind == "row" else 0
                    items.append(head)
                    placed += 1
                    if item.kind == "group":
                        src.group = item.title
            break
        if placed == 0:
            return None
        return items

    # -- platypus protocol ----------------------------------------------------------------------------
    def _at_frame_top(self, avail: float) -> bool:
        """Whether the table stands at the top of its frame; notes the frame's height as a page's."""
        frame = getattr(getattr(getattr(self, "canv", None), "_doctemplate", None), "frame", None)
        height = getattr(frame, "_aH", avail)
        self._src.page_height = max(self._src.page_height, height, avail)
        return bool(getattr(frame, "_atTop", True)) or avail >= height - 1

    def wrap(self, availWidth: float, availHeight: float):
        self._set_width(availWidth)
        if self._final is not None:
            return availWidth, max(self._box, self._items_height(self._final))
        height = self._height(self._header)
        i = 0
        while True:
            item = self._peek(i)
            if item is None:
                break
            height += self._height(item)
            if height > availHeight or i > 400:
                # "more than any page": the table is split (or moved) rather than drawn whole
                return availWidth, 1e6
            i += 1
        return availWidth, height + (self._continuation_height() if self._src.group and i else 0)

    def _continuation_height(self) -> float:
        first = self._peek(0)
        if first is None or first.kind != "row":
            return 0
        return self._height(None, len(self._continued(self._src.group, self._width)))

    def _items_height(self, items: list[_Item]) -> float:
        return self._height(self._header) + sum(self._height(it) for it in items)

    def split(self, availWidth: float, availHeight: float):
        self._set_width(availWidth)
        items = self._take(availHeight, self._at_frame_top(availHeight))
        if items is None:
            return []
        piece = self._sibling(availWidth)
        piece._final = items
        if self._peek(0) is None:
            return [piece]
        # the page's piece takes the rest of the frame, so the table never starts again (header and all)
        # lower on the same page
        piece._box = availHeight - 0.01
        # a fresh object for the rest: platypus marks a flowable it had to postpone, and the rest of a
        # long table may legitimately be postponed once on every page
        return [piece, self._sibling(availWidth)]

    def _sibling(self, width: float) -> RowTable:
        other = RowTable(self.columns, (), font_size=self.size, padding=self.pad, language=self.language,
                         outline_level=self._group_level, leading=self.leading_factor, _source=self._src)  # fmt: skip
        other._width, other._widths, other._header = width, self._widths, self._header
        return other

    def draw(self) -> None:
        if self._final is None:
            self._final = self._take(1e9, True) or []
        canv = self.canv
        width = self._width
        y = max(self._box, self._items_height(self._final))
        y = self._draw_item(canv, self._header, y, width, HEADER_FILL)
        for item in self._final:
            y = self._draw_item(canv, item, y, width, GROUP_FILL if item.kind == "group" else None)
        self._final = []  # the laid-out rows of a drawn page are not kept

    def _draw_item(self, canv, item: _Item, top: float, width: float, fill) -> float:
        h = self._height(item)
        bottom = top - h
        if fill is not None:
            canv.setFillColor(fill)
            canv.rect(0, bottom, width, h, stroke=0, fill=1)
            canv.setFillColor(colors.black)
        if item.kind == "group" and item.outline and self._group_level is not None:
            maker = getattr(canv, "new_bookmark", None)
            key = maker() if maker else f"t{next(_bookmarks)}"
            canv.bookmarkHorizontal(key, 0, top)
            canv.addOutlineEntry(one_line(item.title)[:200], key, level=self._group_level, closed=True)
        widths = [width] if item.kind == "group" else self._widths
        x = 0.0
        text = canv.beginText()
        current = None
        for col, lines in enumerate(item.lines):
            ly = top - self.pad - self.size
            for font, line in lines:
                text.setTextOrigin(x + self.pad, ly)
                for face, piece in fonts.segments(line, font):  # symbols DejaVu lacks: Symbola
                    if face != current:
                        text.setFont(face, self.size)
                        current = face
                    text.textOut(piece)
                ly -= self.leading
            x += widths[col] if col < len(widths) else 0
        canv.drawText(text)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4 if item.kind == "header" else 0.25)
        canv.line(0, bottom, width, bottom)
        if item.kind == "header":
            canv.line(0, top, width, top)
        return bottom
