"""Shared fixtures: real SQLite files (a migrated template copied per test), PostgreSQL when available,
and an offscreen Qt platform for the GUI tests."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA = tempfile.mkdtemp(prefix="saiga-test-data-")
os.environ["SAIGA_DESK_DATA_DIR"] = _DATA  # never touch the officer's real data folder
os.environ.setdefault("SAIGA_DESK_USER", "test-officer")

from saiga_desk.core.database import Database  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL_XLSX = SHARED / "testdata" / "real-xlsx"
PG_URL = os.environ.get("SAIGA_DESK_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    base = tmp_path_factory.mktemp("templates")
    empty = base / "empty.sqlite3"
    Database.open(empty).close()
    demo_path = base / "demo.sqlite3"
    shutil.copy(empty, demo_path)
    db = Database.open(demo_path)
    from saiga_desk.core import demo

    demo.load(db)
    with db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"empty": empty, "demo": demo_path}


def _copy(src: Path, dest: Path) -> Path:
    shutil.copy(src, dest)
    return dest


@pytest.fixture
def db_path(_templates, tmp_path) -> Path:
    """A fresh migrated, empty SQLite database file."""
    return _copy(_templates["empty"], tmp_path / "saiga.sqlite3")


@pytest.fixture
def db(db_path):
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_path(_templates, tmp_path) -> Path:
    return _copy(_templates["demo"], tmp_path / "demo.sqlite3")


@pytest.fixture
def demo_db(demo_path):
    database = Database.open(demo_path)
    yield database
    database.close()


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request, db_path):
    """The same test on SQLite and, when SAIGA_DESK_TEST_DATABASE_URL is set, on PostgreSQL."""
    if request.param == "sqlite":
        database = Database.open(db_path)
    else:
        if not PG_URL:
            pytest.skip("SAIGA_DESK_TEST_DATABASE_URL is not set")
        _reset_postgres(PG_URL)
        database = Database.open(PG_URL)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _close_top_level_widgets():
    """After a GUI test, delete every top-level widget now: parentless dialogs left to the garbage
    collector can crash the interpreter at exit."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for w in QApplication.topLevelWidgets():
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:8]
