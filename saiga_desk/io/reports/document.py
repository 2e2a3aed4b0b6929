"""The UN document page: symbol block, title block, running header, "Page x of y", outline, metadata."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF, shapes
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate, Paragraph, Spacer
from svglib.svglib import svg2rlg

from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.bidi_paragraph import paragraph
from saiga_desk.io.reports.labels import label, language_name, long_date
from saiga_desk.io.reports.line_breaking import paragraph_hyphenator
from saiga_desk.io.reports.safe_text import markup, one_line, visual

MARGIN = 20 * mm
SYMBOL_BAND = 24 * mm  # height of the symbol block on the first page
TOTAL_FORM = "saiga_page_total"


@dataclass
class DocumentInfo:
    """What the first page says about the document."""

    title: str
    symbol: str = ""
    date: dt.date | None = None
    original_language: str = "en"
    meeting_line: str = ""  # e.g. "FOURTH MEETING OF THE SIGNATORIES ..."
    place_line: str = ""  # e.g. "Online, 22-24 March 2021"
    agenda_item: str = ""
    subtitle: str = ""  # e.g. "(as at 1 March 2021)"
    subject: str = ""
    author: str = ""
    language: str = "en"
    landscape: bool = False
    draft: bool = False
    emblem: str = ""  # the Secretariat's emblem (an image file from Settings), drawn on the masthead


class Emblem:
    """The Secretariat's emblem from Settings: a PNG or JPEG image, or an SVG drawn as vectors (svglib)."""

    def __init__(self, image: ImageReader | None = None, drawing=None):
        self.image, self.drawing = image, drawing

    def size(self) -> tuple[float, float]:
        if self.drawing is not None:
            return float(self.drawing.width) or 1.0, float(self.drawing.height) or 1.0
        return self.image.getSize()

    def draw(self, canv, x: float, y: float, height: float) -> float:
        """Draw with its bottom-left corner at (x, y), ``height`` high; returns the width used."""
        w, h = self.size()
        scale = height / h
        if self.drawing is not None:
            canv.saveState()
            canv.translate(x, y)
            canv.scale(scale, scale)
            default = shapes.STATE_DEFAULTS["fontName"]
            shapes.STATE_DEFAULTS["fontName"] = fonts.REGULAR  # the renderer's initial font: never Helvetica
            try:
                renderPDF.draw(self.drawing, canv, 0, 0)
            finally:
                shapes.STATE_DEFAULTS["fontName"] = default
            canv.restoreState()
        else:
            canv.drawImage(self.image, x, y, width=w * scale, height=height, mask="auto")
        return w * scale


def embedded_text(node) -> None:
    """Every text of an SVG drawing set in the embedded DejaVu face of its weight and slant: svglib takes the
    SVG's font-family as it finds it, and a family this computer lacks falls back to Helvetica, which a report
    never uses (not embedded)."""
    for child in getattr(node, "contents", ()):
        embedded_text(child)
    if isinstance(node, shapes.String):
        name = (node.fontName or "").lower()
        bold = "bold" in name or "black" in name or "heavy" in name
        slanted = "italic" in name or "oblique" in name
        node.fontName = fonts.STYLE_FONTS[("bold" if bold else "") + ("italic" if slanted else "") or "regular"]


def emblem_image(path: str | None) -> Emblem | None:
    """The emblem from Settings, or None when none is set or it cannot be read."""
    if not path:
        return None
    file = Path(path).expanduser()
    try:
        if file.suffix.lower() == ".svg":
            drawing = svg2rlg(str(file))
            if drawing is None:
                return None
            fonts.register_fonts()
            embedded_text(drawing)
            return Emblem(drawing=drawing)
        return Emblem(image=ImageReader(str(file)))
    except Exception:  # noqa: BLE001  an unreadable emblem leaves the masthead without it, never the report
        return None


class Styles:
    """Paragraph styles of the reports, all in the embedded DejaVu family."""

    def __init__(self, base_size: float = 10):
        fonts.register_fonts()
        f = fonts.FAMILY
        s = base_size
        self.body = ParagraphStyle(
            "body", fontName=f, fontSize=s, leading=s * 1.3, alignment=TA_JUSTIFY, spaceAfter=s * 0.6,
            bulletFontName=fonts.REGULAR, bulletFontSize=s,
        )  # fmt: skip
        self.numbered = ParagraphStyle("numbered", parent=self.body, leftIndent=10 * mm, bulletIndent=0)
        self.bullet = ParagraphStyle(
            "bullet", parent=self.body, leftIndent=8 * mm, bulletIndent=3 * mm, alignment=TA_LEFT
        )
        self.meeting = ParagraphStyle(
            "meeting",
            fontName=fonts.BOLD,
            fontSize=s,
            leading=s * 1.3,
            alignment=TA_CENTER,
            spaceAfter=s * 0.4,
        )
        self.place = ParagraphStyle("place", fontName=f, fontSize=s, leading=s * 1.3, alignment=TA_CENTER)
        self.agenda = ParagraphStyle(
            "agenda",
            fontName=fonts.ITALIC,
            fontSize=s,
            leading=s * 1.3,
            alignment=TA_CENTER,
            spaceBefore=s * 0.6,
        )
        self.title = ParagraphStyle(
            "title",
            fontName=fonts.BOLD,
            fontSize=s * 1.2,
            leading=s * 1.55,
            alignment=TA_CENTER,
            spaceBefore=s * 1.4,
            spaceAfter=s * 0.3,
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=f, fontSize=s, leading=s * 1.3, alignment=TA_CENTER, spaceAfter=s * 1.2
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=fonts.BOLD,
            fontSize=s * 1.05,
            leading=s * 1.4,
            spaceBefore=s * 1.0,
            spaceAfter=s * 0.5,
        )
        self.small = ParagraphStyle("small", fontName=f, fontSize=s * 0.85, leading=s * 1.1)
        self.letter = ParagraphStyle("letter", fontName=f, fontSize=s * 1.05, leading=s * 1.45,
                                     alignment=TA_LEFT, spaceAfter=s * 0.7)  # fmt: skip
        for style in vars(self).values():  # paragraph numbers and bullets too: never a base-14 font
            style.bulletFontName = fonts.REGULAR
        for style in (self.body, self.numbered, self.bullet, self.small, self.letter):
            # words hyphenate by their language where a line ends (pyphen), never break mid-letter
            style.hyphenationLang = paragraph_hyphenator
            style.embeddedHyphenation = 1  # a word with its own hyphen may break there
            style.uriWasteReduce = 0.3  # a link or e-mail address breaks after / . @ rather than leave a gap


class Heading(Paragraph):
    """A paragraph that also becomes a PDF outline entry."""

    def __init__(self, text: str | None, style: ParagraphStyle, level: int | None = 1, **kw):
        # Paragraph.split() builds its pieces as ``self.__class__(None, style, frags=..., ...)``
        super().__init__(markup(text) if text is not None else None, style, **kw)
        self.outline_title = one_line(text)[:300] if text is not None else ""
        self.outline_level = level if text is not None else None

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if pieces:  # only the first piece is the outline entry
            pieces[0].outline_title, pieces[0].outline_level = self.outline_title, self.outline_level
        return pieces


def fit(text: str, font: str, size: float, width: float) -> str:
    """One line cut with an ellipsis to ``width`` (page furniture: symbol block, running header)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * 0.9)))]
    return text + "…"


class DocumentCanvas(Canvas):
    """A canvas that writes the total page count once, into a form every footer refers to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bookmark_ids = itertools.count(1)

    def new_bookmark(self) -> str:
        return f"b{next(self._bookmark_ids)}"

    def save(self) -> None:
        total = self.getPageNumber() - 1 if not self._code else self.getPageNumber()
        self.beginForm(TOTAL_FORM)
        self.setFont(fonts.REGULAR, 8)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


class UNDocument(BaseDocTemplate):
    """A4 document in the style of the CMS meeting documents."""

    def __init__(self, path: Path | str, info: DocumentInfo, styles: Styles | None = None):
        fonts.register_fonts()
        self.info = info
        self.styles = styles or Styles()
        pagesize = landscape(A4) if info.landscape else A4
        super().__init__(
            str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, title=one_line(info.title), author=one_line(info.author or
            label("secretariat", info.language)), subject=one_line(info.subject or info.title),
            creator="Saiga Desk", initialFontName=fonts.REGULAR, initialFontSize=10, lang=info.language, pageCompression=1, invariant=0,
        )  # fmt: skip
        w, h = pagesize
        fw = w - 2 * MARGIN
        first = Frame(MARGIN, MARGIN + 6 * mm, fw, h - 2 * MARGIN - SYMBOL_BAND - 6 * mm, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        later = Frame(MARGIN, MARGIN + 6 * mm, fw, h - 2 * MARGIN - 14 * mm, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([
            PageTemplate("First", [first], onPage=self._first_page, autoNextPageTemplate="Later", pagesize=pagesize),
            PageTemplate("Later", [later], onPage=self._later_page, pagesize=pagesize),
        ])  # fmt: skip

    # -- page decoration ---------------------------------------------------------------------------
    def _symbol_lines(self) -> list[tuple[str, str]]:
        info, lang = self.info, self.info.language
        lines = []
        if info.symbol:
            lines.append((fonts.BOLD, one_line(info.symbol)))
        if info.date:
            lines.append((fonts.REGULAR, long_date(info.date, lang)))
        if info.original_language:
            if info.original_language != lang:  # as UN documents: "Russian" over "Original: English"
                lines.append((fonts.REGULAR, language_name(lang, lang).capitalize()))
            lines.append(
                (fonts.REGULAR, label("original", lang, name=language_name(info.original_language, lang)))
            )
        return lines

    def _first_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        w, h = self.pagesize
        lang = self.info.language
        canv.saveState()
        top = h - MARGIN
        left = MARGIN
        image = emblem_image(self.info.emblem)
        if image is not None:
            height = SYMBOL_BAND - 6 * mm
            left += image.draw(canv, MARGIN, top - height, height) + 3 * mm
        canv.setFont(fonts.BOLD, 9)
        canv.drawString(left, top - 8, label("cms", lang))
        canv.setFont(fonts.REGULAR, 7.5)
        for i, line in enumerate(
            simpleSplit(label("mou", lang), fonts.REGULAR, 7.5, (w - 2 * MARGIN) * 0.55 - (left - MARGIN))
        ):
            canv.drawString(left, top - 19 - i * 9, line)
        y = top - 8
        for font, text in self._symbol_lines():
            size = 9.5 if font == fonts.BOLD else 8.5
            fonts.draw_string(
                canv, w - MARGIN, y, fit(text, font, size, (w - 2 * MARGIN) * 0.4), font, size, "end"
            )
            y -= 11
        if self.info.draft:
            canv.setFont(fonts.BOLD, 9)
            canv.setFillColor(colors.HexColor("#a00000"))
            canv.drawRightString(w - MARGIN, y, label("draft", lang))
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(1.2)
        canv.line(MARGIN, top - SYMBOL_BAND + 3 * mm, w - MARGIN, top - SYMBOL_BAND + 3 * mm)
        canv.restoreState()
        self._footer(canv)

    def _later_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        w, h = self.pagesize
        canv.saveState()
        top = h - MARGIN
        header = fit(
            visual(one_line(self.info.symbol or self.info.title)), fonts.REGULAR, 8.5, w - 2 * MARGIN
        )
        fonts.draw_string(canv, w - MARGIN, top - 8, header, fonts.REGULAR, 8.5, "end")
        canv.setLineWidth(0.5)
        canv.line(MARGIN, top - 12, w - MARGIN, top - 12)
        canv.restoreState()
        self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        w, _h = self.pagesize
        page = canv.getPageNumber()
        text = label("page_of", self.info.language, page=page) + " "
        canv.saveState()
        canv.setFont(fonts.REGULAR, 8)
        digits = len(str(page)) * canv.stringWidth("0", fonts.REGULAR, 8)
        x = (w - canv.stringWidth(text, fonts.REGULAR, 8) - digits) / 2
        y = MARGIN - 2
        canv.drawString(x, y, text)
        canv.translate(x + canv.stringWidth(text, fonts.REGULAR, 8), y)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()

    # -- outline ---------------------------------------------------------------------------------
    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        key = self.canv.new_bookmark()
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_title, key, level=level, closed=level > 0)

    def build_story(self, story: list) -> None:
        self.build(story, canvasmaker=DocumentCanvas)


def title_block(info: DocumentInfo, styles: Styles) -> list:
    """Meeting line, place and dates, agenda item, the title (an outline entry) and the subtitle."""
    out: list = []
    if info.meeting_line:
        out.append(Paragraph(markup(info.meeting_line.upper()), styles.meeting))
    if info.place_line:
        out.append(Paragraph(markup(info.place_line), styles.place))
    if info.agenda_item:
        out.append(
            Paragraph(markup(label("agenda_item", info.language, item=info.agenda_item)), styles.agenda)
        )
    out.append(Heading(info.title.upper(), styles.title, level=0))
    if info.subtitle:
        out.append(Paragraph(markup(info.subtitle), styles.subtitle))
    else:
        out.append(Spacer(1, styles.body.fontSize))
    return out


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text, escaped (right-to-left text wrapped before it is reordered)."""
    return paragraph(text, style)


def section(text: str, styles: Styles, level: int = 1, keep: float = 50 * mm) -> list:
    """A section heading that starts a new page when less than ``keep`` is left below it.

    (Not keepWithNext: reportlab would then move a long table that follows to the next page whole.)
    """
    return [CondPageBreak(keep), Heading(text, styles.heading, level=level)]
