"""Where things live: bundled resources, user data, logs, backups."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from saiga_desk import APP_ID

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``: in a PyInstaller bundle, an installed wheel or the source tree."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates.append(_PACKAGE_DIR / "resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for base in candidates:
        if base.is_dir():
            return base.joinpath(*parts)
    return candidates[-1].joinpath(*parts)


def data_dir() -> Path:
    override = os.environ.get("SAIGA_DESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("SAIGA_DESK_DATA_DIR")
    path = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "saiga-desk.sqlite3"


def document_store_dir() -> Path:
    path = data_dir() / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path
