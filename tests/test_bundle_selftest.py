"""The built one-folder application (make dist): its smoke check, its command line, what it contains.

Skipped unless dist/saiga-desk exists (build it with ``make dist``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "saiga-desk"
EXE = BUNDLE / ("saiga-desk.exe" if sys.platform == "win32" else "saiga-desk")

pytestmark = pytest.mark.skipif(not EXE.exists(), reason="no bundle: run `make dist` first")


def _run(args: list[str], tmp_path: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SAIGA_DESK_DATA_DIR=str(tmp_path / "data"))
    env.pop("SAIGA_DESK_DATABASE", None)
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        cwd=tmp_path,
    )


def _internal() -> Path:
    inner = BUNDLE / "_internal"
    return inner if inner.is_dir() else BUNDLE


def test_the_bundle_passes_its_self_test(tmp_path):
    res = _run(["--self-test"], tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = res.stdout.splitlines()
    assert "(bundle," in lines[0]
    for step in (
        "create database",
        "load demo data",
        "import contacts",
        "write .xlsx",
        "write PDF",
        "main window",
    ):
        assert any(line.startswith("OK") and step in line for line in lines), (step, res.stdout)
    assert not any(line.startswith("FAIL") for line in lines)
    assert lines[-1] == "Self-test PASSED"
    assert (tmp_path / "data" / "logs" / "selftest.txt").read_text(encoding="utf-8").splitlines() == lines


def test_the_bundled_command_line_works(tmp_path):
    from saiga_desk import __version__

    assert _run(["--version"], tmp_path).stdout.strip() == f"saiga-desk {__version__}"
    db = str(tmp_path / "office.sqlite3")
    assert _run(["--database", db, "demo"], tmp_path).returncode == 0
    res = _run(["--database", db, "list", "signatories", "--format", "json"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert len(json.loads(res.stdout)) >= 5
    res = _run(["--database", db, "backups", "make"], tmp_path)
    assert res.returncode == 0, res.stderr
    res = _run(["--database", db, "backups", "list", "--format", "json"], tmp_path)
    assert res.returncode == 0 and len(json.loads(res.stdout)) == 1
    res = _run(["--database", db, "list", "no-such-table"], tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_the_bundle_holds_resources_and_migrations_but_no_unused_qt(tmp_path):
    inner = _internal()
    assert (inner / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (inner / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()
    assert (inner / "resources" / "icons" / "saiga-desk-256.png").is_file()
    migrations = inner / "saiga_desk" / "core" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "saiga_desk" / "core" / "migrations" / "versions").glob("*.py")}
    assert source <= shipped
    assert (inner / "saiga_desk" / "core" / "data" / "countries.csv").is_file()
    qt_modules = {p.name.split(".")[0] for p in (inner / "PySide6").glob("Qt*") if p.is_file()}
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPrintSupport"} <= qt_modules
    for unused in (
        "QtWebEngineCore",
        "QtQuick",
        "QtQml",
        "Qt3DCore",
        "QtMultimedia",
        "QtCharts",
        "QtBluetooth",
    ):
        assert unused not in qt_modules
    libs = " ".join(p.name for p in inner.rglob("*Qt6*"))
    for unused in ("Qt6WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6Multimedia"):
        assert unused not in libs
