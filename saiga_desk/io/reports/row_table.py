"""A streaming table for long lists: rows are laid out one page at a time with simple line wrapping and
drawn with canvas text calls, so memory stays flat however many rows there are.

Rows come from any iterable (a generator over the database is fine). Each item is either a data row (a
sequence of cells, one per column) or a :class:`Group` heading spanning the table. A cell is ``None``, a
string, or a sequence of runs; a run is a string or ``(style, text)`` with style ``regular``, ``bold``,
``italic`` or ``bolditalic``; every run starts on a new line. The header row is repeated on every page,
a group that continues on a new page is repeated with "(continued)", rows taller than the space left are
split between lines, and group headings become PDF outline entries.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.labels import label
from saiga_desk.io.reports.safe_text import clean, one_line, visual, wrap_lines

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


class _Item:
    """One laid-out row: ``lines[c]`` is a list of (font, text) for column c (one column for groups)."""

    __slots__ = ("kind", "lines", "title", "outline")

    def __init__(self, kind: str, lines: list[list[tuple[str, str]]], title: str = "", outline: bool = False):
        self.kind = kind  # "row" | "group"
        self.lines = lines
        self.title = title
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


class RowTable(Flowable):
    def __init__(self, columns: Sequence[Column], rows: Iterable, *, font_size: float = 8.5, padding: float = 3,
                 language: str = "en", outline_level: int | None = None, progress=None, total: int | None = None,
                 progress_text: str = "", _source: _Source | None = None):  # fmt: skip
        super().__init__()
        fonts.register_fonts()
        self.columns = list(columns)
        self.size = font_size
        self.leading = font_size * 1.22
        self.pad = padding
        self.language = language
        self.outline_level = None  # handled per group row, not by the document template
        self._group_level = outline_level
        self._src = _source or _Source(rows, progress, total, progress_text)
        self._width = 0.0
        self._widths: list[float] = []
        self._header: _Item | None = None
        self._final: list[_Item] | None = None

    # -- layout -----------------------------------------------------------------------------------
    def _set_width(self, width: float) -> None:
        if width == self._width:
            return
        if self._src.pending and self._width:
            raise ValueError("table width changed between pages")
        self._width = width
        total = sum(c.weight for c in self.columns) or 1
        self._widths = [width * c.weight / total for c in self.columns]
        self._header = _Item("header", [self._wrap([(fonts.BOLD, clean(c.label))], i)
                                        for i, c in enumerate(self.columns)])  # fmt: skip

    def _wrap(
        self, runs: list[tuple[str, str]], col: int, width: float | None = None
    ) -> list[tuple[str, str]]:
        inner = (width if width is not None else self._widths[col]) - 2 * self.pad
        out: list[tuple[str, str]] = []
        for font, text in runs:
            out.extend((font, visual(line)) for line in wrap_lines(text, font, self.size, max(inner, 4)))
        return out

    def _runs(self, cell, col: int) -> list[tuple[str, str]]:
        default = fonts.STYLE_FONTS.get(self.columns[col].style, fonts.REGULAR)
        if cell is None:
            return []
        if isinstance(cell, str):
            return [(default, clean(cell))]
        runs = []
        for run in cell:
            if run is None:
                continue
            if isinstance(run, str):
                runs.append((default, clean(run)))
            else:
                style, text = run
                if text not in (None, ""):
                    runs.append((fonts.STYLE_FONTS.get(style, default), clean(text)))
        return runs

    def _layout(self, raw) -> _Item:
        if isinstance(raw, Group):
            title = clean(raw.title)
            return _Item("group", [self._wrap([(fonts.BOLD, title)], 0, self._width)], title, raw.outline)
        cells = list(raw)[: len(self.columns)]
        cells += [None] * (len(self.columns) - len(cells))
        return _Item("row", [self._wrap(self._runs(cell, i), i) for i, cell in enumerate(cells)])

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

    def _take(self, avail: float) -> list[_Item] | None:
        """Remove from the source the items that fit in ``avail`` below the header; None if none fits."""
        src = self._src
        remaining = avail - self._height(self._header)
        items: list[_Item] = []
        first = self._peek(0)
        if first is None:
            return []
        if first.kind == "row" and src.group is not None:
            cont = self._layout(Group(label("continued", self.language, name=src.group), outline=False))
            if self._height(cont) + self._height(first, 1) <= remaining:
                items.append(cont)
                remaining -= self._height(cont)
        placed = 0
        while True:
            item = self._peek(0)
            if item is None:
                break
            need = h = self._height(item)
            if item.kind == "group":
                nxt = self._peek(1)
                if nxt is not None:
                    need = h + self._height(nxt, min(2, nxt.count()))
            if need <= remaining:
                items.append(self._pop())
                remaining -= h
                placed += 1
                if item.kind == "group":
                    src.group = item.title
                continue
            fit = int((remaining - 2 * self.pad) // self.leading)
            if fit >= 1 and item.count() > 1 and (placed == 0 or item.count() >= 8):
                head, tail = item.split(min(fit, item.count() - 1))
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
    def wrap(self, availWidth: float, availHeight: float):
        self._set_width(availWidth)
        if self._final is not None:
            return availWidth, self._items_height(self._final)
        height = self._height(self._header)
        i = 0
        while True:
            item = self._peek(i)
            if item is None:
                break
            height += self._height(item)
            if height > availHeight or i > 400:
                # "more than any page": keep-with-next groups then split the table instead of moving it
                return availWidth, 1e6
            i += 1
        return availWidth, height + (self._continuation_height() if self._src.group and i else 0)

    def _continuation_height(self) -> float:
        first = self._peek(0)
        if first is None or first.kind != "row":
            return 0
        return self._height(self._layout(Group(label("continued", self.language, name=self._src.group))))

    def _items_height(self, items: list[_Item]) -> float:
        return self._height(self._header) + sum(self._height(it) for it in items)

    def split(self, availWidth: float, availHeight: float):
        self._set_width(availWidth)
        items = self._take(availHeight)
        if items is None:
            return []
        piece = self._sibling(availWidth)
        piece._final = items
        if self._peek(0) is None:
            return [piece]
        # a fresh object for the rest: platypus marks a flowable it had to postpone, and the rest of a
        # long table may legitimately be postponed once on every page
        return [piece, self._sibling(availWidth)]

    def _sibling(self, width: float) -> RowTable:
        other = RowTable(self.columns, (), font_size=self.size, padding=self.pad, language=self.language,
                         outline_level=self._group_level, _source=self._src)  # fmt: skip
        other._width, other._widths, other._header = width, self._widths, self._header
        return other

    def draw(self) -> None:
        if self._final is None:
            self._final = self._take(1e9) or []
        canv = self.canv
        width = self._width
        y = self._items_height(self._final)
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
                if font != current:
                    text.setFont(font, self.size)
                    current = font
                text.setTextOrigin(x + self.pad, ly)
                text.textOut(line)
                ly -= self.leading
            x += widths[col] if col < len(widths) else 0
        canv.drawText(text)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4 if item.kind == "header" else 0.25)
        canv.line(0, bottom, width, bottom)
        if item.kind == "header":
            canv.line(0, top, width, top)
        return bottom
