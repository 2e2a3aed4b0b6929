"""Render every report of the demo database to PNG pages for review: screenshots/reports/<report>-<lang>-N.png.

``python scripts/report_pages.py [--out DIR] [--database PATH] [--resolution 60] [--pages 3]``: without
--database a fresh demo database is made in a temporary folder. Needs pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "screenshots" / "reports"))
    parser.add_argument("--database")
    parser.add_argument("--resolution", type=int, default=60)
    parser.add_argument("--pages", type=int, default=3, help="first pages of each report")
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("pdftoppm is not installed (poppler-utils)", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SAIGA_DESK_DATA_DIR", tmp)
        from saiga_desk.core.database import Database
        from saiga_desk.io.reports import REPORT_NAMES, generate

        if args.database:
            db = Database.open(args.database)
        else:
            from saiga_desk.core import demo

            db = Database.open(Path(tmp) / "demo.sqlite3")
            demo.load(db)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):
            old.unlink()
        try:
            for language in ("en", "ru"):
                for name in REPORT_NAMES:
                    pdf = Path(tmp) / f"{name}-{language}.pdf"
                    generate(db, name, pdf, meeting_code="MOS4", as_at="2021-06-01", language=language)
                    subprocess.run(["pdftoppm", "-png", "-r", str(args.resolution), "-l", str(args.pages), str(pdf),
                                    str(out / f"{name}-{language}")], check=True)  # fmt: skip
                    print(out / f"{name}-{language}-*.png")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
