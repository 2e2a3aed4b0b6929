"""The main window's speed.

1. Opening a 100,000-person view lazily (id list + the first block of rows, what the window does)
   against loading every row up front into a model.
2. (Filtering moved to bench_filter.py: database time against bare FTS5 / pg_trgm, GUI-thread stalls.)
3. Start-up of ``saiga-desk --database FILE`` until the window is exposed on an X server (Xvfb),
   against a bare PySide6 QMainWindow in the same run (fresh processes, best of N).

``python bench/bench_ui.py [rows]`` prints the rows.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = ROOT / "bench" / "out"

GIVEN = [
    "Айгүл",
    "Ерлан",
    "Батсүх",
    "Алёна",
    "Dilnoza",
    "Aýdogdy",
    "Olga",
    "Jürgen",
    "Sofía",
    "Nurlan",
    "Дина",
]
FAMILY = ["Қасымова", "Жұмабеков", "Ёлкина", "Amanow", "Oʻrinboyeva", "Schmidt", "Müller", "Иванов", "Baatar",
          "Петрова", "Smith", "García", "Ахметов", "Сейткали", "Nowak"]  # fmt: skip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_database(path: Path, rows: int) -> Path:
    """``rows`` persons with mixed-script names (bulk insert; the search column as the services keep it)."""
    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database
    from saiga_desk.core.text import search_key

    if path.exists():
        return path
    tmp = path.with_suffix(".part")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    db = Database.open(tmp)
    rnd = random.Random(42)
    batch = []
    with db.engine.begin() as con:
        for i in range(rows):
            given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
            email = f"person{i}@example.org"
            position = rnd.choice(["Chief Expert", "Главный специалист", "Director", "Adviser"])
            batch.append(
                dict(
                    given_name=given,
                    family_name=f"{family} {i}",
                    email=email,
                    position=position,
                    version=1,
                    search_text=search_key(given, f"{family} {i}", email, position),
                )
            )
            if len(batch) == 5000:
                con.execute(m.Person.__table__.insert(), batch)
                batch = []
        if batch:
            con.execute(m.Person.__table__.insert(), batch)
    with db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(tmp, path)
    return path


def best_of(fn, repeats: int = 5) -> float:
    """The fastest of ``repeats`` runs of ``fn``, in seconds (the benches' one timer)."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_view(db, rows: int) -> list[dict]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication

    from saiga_desk.core import services as sv
    from saiga_desk.ui.table_model import RecordTableModel

    QApplication.instance() or QApplication([])

    def lazy():
        model = RecordTableModel(db, "persons")
        model.reload()
        for r in range(40):  # the rows on screen
            model.index(r, 2).data()
        return model

    class AllRows(QAbstractTableModel):
        def __init__(self, data):
            super().__init__()
            self.rows = data

        def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
            return 5

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return (
                str(self.rows[index.row()].get("family_name"))
                if role == Qt.ItemDataRole.DisplayRole
                else None
            )

    def up_front():
        model = AllRows(list(sv.iter_rows(db, "persons")))
        for r in range(40):
            model.index(r, 2).data()
        return model

    ours = best_of(lazy, 3)
    base = best_of(up_front, 3)
    out = [
        {"benchmark": f"open a {rows:,}-row view (lazy ids + first block)", "ours_s": ours,
         "baseline": "all rows loaded up front", "baseline_s": base, "ratio": ours / base, "peak_mb": _peak_mb()},
    ]  # fmt: skip
    return out


# ------------------------------------------------------------------------------------------ start-up
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.resize(1280, 800); w.show()
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Expose and o.isExposed():
            print("window shown", flush=True); QTimer.singleShot(0, app.quit)
        return False
f = W(); w.windowHandle().installEventFilter(f)
app.exec()
"""


def _start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    if not shutil.which("Xvfb"):
        return None, None
    for n in range(91, 120):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, f":{n}"
            time.sleep(0.05)
        proc.kill()
    return None, None


def _until_shown(cmd: list[str], env: dict, repeats: int, mark: str = "window shown") -> list[float]:
    """Seconds from the process start until it prints ``mark`` (fresh processes), every run."""
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        took = time.perf_counter() - t
        if mark not in r.stdout:
            raise RuntimeError(f"no {mark!r} from {cmd[:3]}: {r.returncode} {r.stderr[-800:]}")
        runs.append(took)
    return runs


def bench_startup(repeats: int = 5, database: Path | None = None) -> list[dict]:
    """Fresh ``saiga-desk --database FILE`` processes against a bare PySide6 window, interleaved (the
    machine's load hits both alike): until the window is on screen, and until the first rows are."""
    xvfb, display = _start_xvfb()
    if xvfb is None:
        return []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", SAIGA_DESK_DATA_DIR=tmp)
            db = str(database) if database else str(Path(tmp) / "demo.sqlite3")
            if database is None:
                subprocess.run([sys.executable, "-m", "saiga_desk.cli.main", "--database", db, "demo"], env=env,
                               check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            exe = shutil.which("saiga-desk", path=str(Path(sys.executable).parent))
            cmd = (
                [exe, "--database", db]
                if exe
                else [sys.executable, "-m", "saiga_desk.cli.main", "--database", db]
            )
            shown, rows, bare = [], [], []
            for _ in range(repeats):
                shown += _until_shown(cmd, dict(env, SAIGA_DESK_EXIT_AFTER_SHOW="1"), 1)
                rows += _until_shown(cmd, dict(env, SAIGA_DESK_EXIT_AFTER_SHOW="rows"), 1, "rows shown")
                bare += _until_shown([sys.executable, "-c", BARE], env, 1)
    finally:
        xvfb.send_signal(signal.SIGTERM)
        xvfb.wait(timeout=10)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    what = Path(database).name if database else "demo database"
    b = min(bare)
    spread = f"bare PySide6 QMainWindow (runs {min(bare):.2f}-{max(bare):.2f} s)"
    return [
        {"benchmark": f"GUI start-up to window exposed, {what} (Xvfb; runs {min(shown):.2f}-{max(shown):.2f} s)",
         "ours_s": min(shown), "baseline": spread, "baseline_s": b, "ratio": min(shown) / b, "peak_mb": peak},
        {"benchmark": f"GUI start-up to the first rows on screen, {what} (runs {min(rows):.2f}-{max(rows):.2f} s)",
         "ours_s": min(rows), "baseline": spread, "baseline_s": b, "ratio": min(rows) / b, "peak_mb": peak},
    ]  # fmt: skip


def run(rows: int | None = None) -> list[dict]:
    rows = rows or 100_000
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SAIGA_DESK_DATA_DIR", tempfile.mkdtemp(prefix="saiga-bench-ui-"))
    from saiga_desk.core.database import Database

    path = build_database(OUT / f"ui-persons-{rows}.sqlite3", rows)
    db = Database.open(path)
    try:
        results = bench_view(db, rows)
    finally:
        db.close()
    return results + bench_startup()


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(row)
