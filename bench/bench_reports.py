"""A 10,000-row List of Designated National Contact Points through our report, against drawing the same
rows (same query, same fonts, same column widths, wrapped with reportlab's simpleSplit) straight onto a
reportlab canvas. Each side runs in a fresh process, so peak memory (max RSS) is its own; ours is also
run on a quarter of the rows to show that memory does not grow with the row count."""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_AT = dt.date(2021, 6, 1)


def make_database(path: Path, rows: int) -> None:
    from sqlalchemy import select

    from saiga_desk.core import demo
    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database

    db = Database.open(path)
    demo.load(db)
    with db.session() as s:
        states = list(s.scalars(select(m.Signatory).where(m.Signatory.kind == "state")))
        authority = {st.id: s.scalar(select(m.Designation.authority_id).where(m.Designation.signatory_id == st.id))
                     for st in states}  # fmt: skip
        for i in range(rows):
            st = states[i % len(states)]
            p = m.Person(honorific="Ms." if i % 2 else "Mr.", given_name=f"Айгүл{i}", family_name=f"Қасымова-{i}",
                         given_name_latin=f"Aigul{i}", family_name_latin=f"Kassymova-{i}",
                         position="Head of the Department of Wildlife Protection and Specially Protected Areas",
                         email=f"person.{i}@example.org", phone=f"+7 7172 {i:06d}", city="Astana",
                         address=f"Мәңгілік Ел даңғылы, {i}, Астана 010000", country_id=st.country_id)  # fmt: skip
            s.add(p)
            s.flush()
            s.add(m.Designation(signatory_id=st.id, person_id=p.id, authority_id=authority[st.id],
                                role="alternate", valid_from=dt.date(2020, 1, 1)))  # fmt: skip
    db.close()


def child_ours(db_path: str, out: str) -> int:
    from saiga_desk.core.database import Database
    from saiga_desk.io.reports import generate

    db = Database.open(db_path)
    generate(db, "contact-points", Path(out), as_at=AS_AT)
    db.close()
    from pypdf import PdfReader

    return len(PdfReader(out).pages)


def child_canvas(db_path: str, out: str) -> int:
    """The bare baseline: the same rows, wrapped and drawn with canvas calls, a header per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from saiga_desk.core import report_data
    from saiga_desk.core.database import Database
    from saiga_desk.io.reports import fonts
    from saiga_desk.io.reports.document import MARGIN
    from saiga_desk.io.reports.lists import contact_point_cells, contact_point_columns

    fonts.register_fonts()
    db = Database.open(db_path)
    cols = contact_point_columns("en")
    width = A4[0] - 2 * MARGIN
    total = sum(c.weight for c in cols)
    widths = [width * c.weight / total for c in cols]
    size, lead, pad = 8.5, 8.5 * 1.22, 3
    styles = {"regular": fonts.REGULAR, "bold": fonts.BOLD, "name": fonts.BOLD, "italic": fonts.ITALIC}
    c = Canvas(out, pagesize=A4, pageCompression=1)
    top, bottom = A4[1] - MARGIN - 40, MARGIN + 20

    def header():
        y = top
        x = MARGIN
        c.setFont(fonts.BOLD, size)
        for col, w in zip(cols, widths, strict=True):
            c.drawString(x + pad, y - pad - size, col.label)
            x += w
        c.line(MARGIN, y - lead - 2 * pad, MARGIN + width, y - lead - 2 * pad)
        return y - lead - 2 * pad

    y = header()
    # the same rows as the report: plain records from core.report_data
    for sig in report_data.signatories(db, "en"):
        for row in report_data.contact_rows(db, sig.id, AS_AT, "en"):
            cells = contact_point_cells(row, "en")
            wrapped = []
            for cell, w in zip(cells, widths, strict=True):
                runs = [("regular", cell)] if isinstance(cell, str) else cell
                runs = [("regular", r) if isinstance(r, str) or r is None else r for r in runs]
                lines = []
                for style, text in runs:
                    if text:
                        font = styles.get(style, fonts.REGULAR)
                        lines += [(font, t) for t in simpleSplit(text, font, size, w - 2 * pad)]
                wrapped.append(lines)
            h = 2 * pad + max(len(x) for x in wrapped) * lead
            if y - h < bottom:
                c.showPage()
                y = header()
            x = MARGIN
            for lines, w in zip(wrapped, widths, strict=True):
                ly = y - pad - size
                for font, t in lines:
                    c.setFont(font, size)
                    c.drawString(x + pad, ly, t)
                    ly -= lead
                x += w
            y -= h
            c.line(MARGIN, y, MARGIN + width, y)
    c.save()
    db.close()
    return c.getPageNumber() - 1


def _child(kind: str, db_path: Path, out: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(db_path), str(out)]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(res.stdout.strip().splitlines()[-1])


def run(rows: int | None = None) -> list[dict]:
    rows = rows or 10_000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big, small = tmp / "big.sqlite3", tmp / "small.sqlite3"
        make_database(big, rows)
        make_database(small, rows // 4)
        canvas = _child("canvas", big, tmp / "canvas.pdf")
        ours = _child("ours", big, tmp / "ours.pdf")
        quarter = _child("ours", small, tmp / "quarter.pdf")
    return [
        {"benchmark": f"report: contact points, {rows} rows ({ours['pages']} pages)", "ours_s": ours["seconds"],
         "baseline": f"reportlab canvas ({canvas['pages']} pages)", "baseline_s": canvas["seconds"],
         "ratio": ours["seconds"] / canvas["seconds"], "peak_mb": ours["peak_mb"],
         "baseline_peak_mb": canvas["peak_mb"]},
        {"benchmark": f"report: contact points, {rows // 4} rows ({quarter['pages']} pages)",
         "ours_s": quarter["seconds"], "baseline": f"ours on {rows} rows", "baseline_s": ours["seconds"],
         "ratio": quarter["seconds"] / ours["seconds"], "peak_mb": quarter["peak_mb"]},
    ]  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        fn = child_ours if sys.argv[2] == "ours" else child_canvas
        start = time.perf_counter()
        pages = fn(sys.argv[3], sys.argv[4])
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "peak_mb": peak, "pages": pages}))
    else:
        sys.path.insert(0, str(ROOT))
        for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
            print(r)
