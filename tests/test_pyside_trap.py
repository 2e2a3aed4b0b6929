"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and aborts the process.
pyproject.toml excludes it; this test fails if the trap comes back."""

import sys

import pytest

pyside = pytest.importorskip("PySide6")


def test_pyside_version_is_not_the_broken_one():
    assert not (pyside.__version__ == "6.12.0" and sys.version_info < (3, 12)), pyside.__version__


def test_void_calls_keep_the_reference_count_of_none():
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("probe")
    after = sys.getrefcount(None)
    assert after - before > -100, f"None lost {before - after} references in 1,000 void calls"
