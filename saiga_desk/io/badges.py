"""Name badges for a meeting: several per A4 page, the name in its own script, the delegation below.

``write_badges(db, meeting_id, path)`` prints the registered, confirmed and attended participants
(2 x 4 badges per page by default) with the embedded DejaVu fonts; user text is cleaned before it
reaches reportlab and never interpreted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from saiga_desk.core import names, report_data
from saiga_desk.core.choices import ROLE_TITLES
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import atomic_output, output_folder
from saiga_desk.core.services import Record
from saiga_desk.core.text import sort_key
from saiga_desk.i18n import _
from saiga_desk.io.reports import fonts
from saiga_desk.io.reports.safe_text import clean, one_line, wrap_lines

BADGE_STATUSES = ("registered", "confirmed", "attended")
# band colour per category (the officer can tell delegations from observers at the door)
CATEGORY_COLOURS = {
    "signatory_state": colors.HexColor("#1f5f8b"),
    "cooperating_organization": colors.HexColor("#2e7d4f"),
    "observer": colors.HexColor("#8a5a00"),
    "expert": colors.HexColor("#6a3d9a"),
    "secretariat": colors.HexColor("#555555"),
}


@dataclass
class Badge:
    name: str  # as written (Cyrillic, Mongolian, Latin…)
    name_latin: str  # transliteration, shown small when it differs
    delegation: str
    delegation_ru: str
    role: str
    category: str


def badge_rows(db, meeting_id: int, statuses=BADGE_STATUSES) -> tuple[Record, list[Badge]]:
    """The badges of a meeting's participants with one of ``statuses``, by delegation then name."""
    meeting = report_data.meeting(db, meeting_id)
    badges = []
    for part in report_data.meeting_participants(db, meeting_id, list(statuses)):
        name = names.person_name(part.person)
        latin = names.person_latin(part.person)
        badges.append(
            Badge(
                name=one_line(name),
                name_latin=one_line(latin) if latin and latin != name else "",
                delegation=one_line(part.delegation_en),
                delegation_ru=one_line(part.delegation_ru)
                if part.delegation_ru != part.delegation_en
                else "",
                role=part.role,
                category=part.category,
            )
        )
    badges.sort(key=lambda b: (sort_key(b.delegation) or "", sort_key(b.name) or ""))
    return meeting, badges


def _fit(text: str, font: str, width: float, largest: float, smallest: float, max_lines: int):
    """The largest size (down to ``smallest``) at which ``text`` wraps into ``max_lines`` lines."""
    size = largest
    while True:
        lines = wrap_lines(text, font, size, width)
        if len(lines) <= max_lines or size <= smallest:
            return size, lines[:max_lines]
        size -= 0.5


def _draw_centred(canv: Canvas, lines, font, size, x_mid, y_top, leading=1.2) -> float:
    y = y_top
    for line in lines:
        y -= size
        canv.setFont(font, size)
        canv.drawCentredString(x_mid, y, line)
        y -= size * (leading - 1)
    return y


def write_badges(
    db,
    meeting_id: int,
    path,
    statuses=BADGE_STATUSES,
    columns: int = 2,
    rows: int = 4,
    progress=None,
) -> int:
    """Write the badges PDF; returns how many badges. Refused (SaigaError) when nobody qualifies."""
    meeting, badges = badge_rows(db, meeting_id, statuses)
    if not badges:
        raise SaigaError(
            _(
                "{code} has no participants who are registered, confirmed or attended; no badges to print."
            ).format(code=meeting.code)
        )
    fonts.register_fonts()
    page_w, page_h = A4
    margin_x, margin_y, gap = 12 * mm, 12 * mm, 4 * mm
    bw = (page_w - 2 * margin_x - (columns - 1) * gap) / columns
    bh = (page_h - 2 * margin_y - (rows - 1) * gap) / rows
    per_page = columns * rows
    header = one_line(f"{meeting.code} · {meeting.title_en}")

    dest = Path(path)
    output_folder(dest.parent)
    with atomic_output(dest, ".pdf.part") as tmp:
        canv = Canvas(str(tmp), pagesize=A4, invariant=0, pageCompression=1)
        canv.setTitle(one_line(_("Name badges — {code}").format(code=meeting.code)))
        canv.setAuthor("Saiga Desk")
        canv.setCreator("Saiga Desk")
        for i, badge in enumerate(badges):
            if i and i % per_page == 0:
                canv.showPage()
            slot = i % per_page
            col, row = slot % columns, slot // columns
            x = margin_x + col * (bw + gap)
            y = page_h - margin_y - (row + 1) * bh - row * gap
            _draw_badge(canv, badge, header, x, y, bw, bh)
            if progress is not None:
                progress.report(i + 1, len(badges), badge.name)
        canv.showPage()
        canv.save()
    return len(badges)


def _draw_badge(canv: Canvas, b: Badge, header: str, x: float, y: float, w: float, h: float) -> None:
    pad = 5 * mm
    inner = w - 2 * pad
    colour = CATEGORY_COLOURS.get(b.category, colors.HexColor("#333333"))
    # cut line
    canv.setStrokeColor(colors.HexColor("#b0b0b0"))
    canv.setLineWidth(0.4)
    canv.setDash(2, 2)
    canv.rect(x, y, w, h)
    canv.setDash()
    # header band: the meeting
    band = 9 * mm
    canv.setFillColor(colour)
    canv.rect(x, y + h - band, w, band, stroke=0, fill=1)
    canv.setFillColor(colors.white)
    size, lines = _fit(header, fonts.REGULAR, inner, 8, 5.5, 2)
    top = y + h - (band - len(lines) * size * 1.15) / 2
    _draw_centred(canv, lines, fonts.REGULAR, size, x + w / 2, top, 1.15)
    # footer band: the role
    foot = 7 * mm
    canv.setFillColor(colour)
    canv.rect(x, y, w, foot, stroke=0, fill=1)
    canv.setFillColor(colors.white)
    role = _(ROLE_TITLES[b.role][0]).upper() if b.role in ROLE_TITLES else (b.role or "").upper()
    canv.setFont(fonts.BOLD, 9)
    canv.drawCentredString(x + w / 2, y + (foot - 9 * 0.7) / 2, clean(role))
    # name (own script), transliteration, delegation (EN, RU)
    canv.setFillColor(colors.black)
    cursor = y + h - band - 6 * mm
    size, lines = _fit(b.name, fonts.BOLD, inner, 20, 11, 2)
    cursor = _draw_centred(canv, lines, fonts.BOLD, size, x + w / 2, cursor)
    if b.name_latin:
        canv.setFillColor(colors.HexColor("#555555"))
        size, lines = _fit(b.name_latin, fonts.ITALIC, inner, 10, 7, 1)
        cursor = _draw_centred(canv, lines, fonts.ITALIC, size, x + w / 2, cursor - 1 * mm)
    canv.setFillColor(colour)
    room = cursor - (y + foot + 2 * mm)
    size, lines = _fit(b.delegation, fonts.BOLD, inner, 13, 8, 2)
    deleg_top = cursor - 3 * mm
    if room > 0:
        cursor = _draw_centred(canv, lines, fonts.BOLD, size, x + w / 2, deleg_top)
    if b.delegation_ru:
        canv.setFillColor(colors.HexColor("#333333"))
        size, lines = _fit(b.delegation_ru, fonts.REGULAR, inner, 9, 6.5, 2)
        needed = len(lines) * size * 1.2
        if cursor - needed > y + foot + 1 * mm:
            _draw_centred(canv, lines, fonts.REGULAR, size, x + w / 2, cursor - 0.5 * mm)


__all__ = ["write_badges", "badge_rows", "Badge", "BADGE_STATUSES"]
