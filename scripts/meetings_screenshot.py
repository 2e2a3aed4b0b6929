"""The Meetings view with MOS4 selected, on a fresh demo database -> screenshots/meetings-mos4.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/meetings_screenshot.py [OUTPUT.png] [--tab=N]

(--tab=1 documents, 2 status history, 3 organizers / funders; default 0, the participants.)

Runs in a temporary data folder, so the officer's own settings and document store are never touched.
A revision, a corrigendum, an attached file and one more registered observer are added first, so every
part of the view has something to show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="saiga-meetings-shot-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SAIGA_DESK_DATA_DIR"] = str(TMP / "data")


def prepare(db) -> None:
    from saiga_desk.core import demo
    from saiga_desk.core import meetings as mt
    from saiga_desk.core import services as sv

    demo.load(db)
    mos4 = mt.find_meeting(db, "MOS4")
    doc8 = sv.find(db, "documents", symbol="UNEP/CMS/Saiga/MOS4/Doc.8")[0]
    mt.add_document(
        db,
        None,
        "Doc",
        "Technical coordination of the Saiga MOU",
        original_id=doc8.id,
        revision_kind="Rev",
        languages="en,ru",
        status="issued",
    )
    mt.add_document(
        db,
        None,
        "Doc",
        "Technical coordination of the Saiga MOU",
        original_id=doc8.id,
        revision_kind="Corr",
        languages="ru",
        status="draft",
    )
    doc9 = mt.add_document(
        db,
        mos4.id,
        "Doc",
        "Medium-Term International Work Programme for the Saiga Antelope (2021-2025)",
        title_ru="Среднесрочная международная программа работы по сайгаку (2021-2025)",
        agenda_item="9",
        languages="en,ru",
        status="issued",
    )
    f = TMP / "MOS4_Doc.9_MTIWP.pdf"
    f.write_bytes(b"%PDF-1.4\n% sample file for the screenshot\n")
    mt.attach_file(db, doc9.id, f)
    cms = sv.find(db, "organizations", acronym="CMS")[0]
    p = sv.create(
        db,
        "persons",
        dict(
            honorific="Ms.",
            given_name="Clara",
            family_name="Nguyen",
            organization_id=cms.id,
            email="clara.nguyen@example.org",
        ),
    )
    sv.create(
        db,
        "participants",
        dict(
            meeting_id=mos4.id,
            person_id=p.id,
            secretariat=True,
            category="secretariat",
            role="secretariat",
            status="attended",
        ),
    )
    sca = sv.find(db, "organizations", acronym="SCA")[0]
    p = sv.create(
        db,
        "persons",
        dict(
            given_name="Елена",
            family_name="Быкова",
            given_name_latin="Elena",
            family_name_latin="Bykova",
            organization_id=sca.id,
        ),
    )
    sca_signatory = sv.find(db, "signatories", organization_id=sca.id)[0]
    sv.create(
        db,
        "participants",
        dict(
            meeting_id=mos4.id,
            person_id=p.id,
            signatory_id=sca_signatory.id,
            category="cooperating_organization",
            role="observer",
            status="registered",
            funded=True,
        ),
    )


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--tab=")]
    tab = int(next((a.split("=", 1)[1] for a in argv[1:] if a.startswith("--tab=")), "0"))
    out = Path(args[0]) if args else ROOT / "screenshots" / "meetings-mos4.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from saiga_desk.core.database import Database

    app = QApplication.instance() or QApplication([])
    db = Database.open(TMP / "demo.sqlite3")
    prepare(db)
    try:
        from saiga_desk.ui.main_window import MainWindow

        window = MainWindow(db)
        window.resize(1366, 860)
        page = window.pages["meetings"]
        window.tabs.setCurrentWidget(page)
    except ImportError:
        from saiga_desk.ui.meetings_page import MeetingsPage

        window = page = MeetingsPage(db)
        window.resize(1366, 860)
    window.show()
    app.processEvents()
    page.refresh()
    from saiga_desk.core.meetings import find_meeting

    page.select_id(find_meeting(db, "MOS4").id)
    if tab and hasattr(page, "detail_tabs"):
        page.detail_tabs.setCurrentIndex(tab)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out))
    print(out)
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
