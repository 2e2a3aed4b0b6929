"""Hostile files (issue 12): how fast a far cell is refused and a huge cell passes header detection.

- ``refuse XFD1048576``: open_book + sheet() of a 7 KB workbook with one cell at XFD1048576 (refused before
  python-calamine allocates; without the extent scan calamine asks for 512 GiB and the process aborts),
  against reading the same workbook without its far cell.
- ``header row, 8 MB cell``: headers.find_header_row over 30 rows whose first holds an 8 MB cell, against
  one str.casefold of that cell (folding it once).

``python bench/bench_hostile.py``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ui import best_of  # noqa: E402

HEADER = ["Family name", "Given name", "Country", "Email"]


def _workbook(path: Path, far: str | None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contacts"
    ws.append(HEADER)
    for i in range(3):
        ws.append([f"Family{i}", f"Given{i}", "Kazakhstan", f"person{i}@example.org"])
    if far:
        ws[far] = "x"
    wb.save(path)
    return path


def run(rows: int | None = None) -> list[dict]:
    from saiga_desk.core.errors import InputError
    from saiga_desk.io import headers as hd
    from saiga_desk.io.workbook import open_book

    with tempfile.TemporaryDirectory() as d:
        far = _workbook(Path(d) / "far.xlsx", "XFD1048576")
        plain = _workbook(Path(d) / "plain.xlsx", None)

        def refuse():
            try:
                open_book(str(far)).sheet()
            except InputError:
                return
            raise AssertionError("the far cell was not refused")

        def bare():
            open_book(str(plain)).sheet()

        refuse_s, bare_s = best_of(refuse), best_of(bare)
    big = "Примечание " * 760_000  # ~8 MB of text
    rows30 = [[big, "x"], HEADER] + [["a", "b", "c", "d"]] * 28
    header_s = best_of(lambda: hd.find_header_row(rows30), 3)
    fold_s = best_of(lambda: big.casefold(), 3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        {"benchmark": "refuse XFD1048576", "ours_s": refuse_s, "baseline": "reading the file w/o its far cell",
         "baseline_s": bare_s, "ratio": refuse_s / bare_s, "peak_mb": peak},
        {"benchmark": "header row, 8 MB cell", "ours_s": header_s, "baseline": "one casefold of the cell",
         "baseline_s": fold_s, "ratio": header_s / fold_s, "peak_mb": peak},
    ]  # fmt: skip


if __name__ == "__main__":
    for r in run():
        print(f"{r['benchmark']:<24} ours {r['ours_s']:.4f} s  {r['baseline']:<34} {r['baseline_s']:.4f} s"
              f"  ratio {r['ratio']:6.2f}  peak {r['peak_mb']:.0f} MB")  # fmt: skip
