"""Logging to a rotating file in the user log folder; unexpected errors end up there, never on screen."""

from __future__ import annotations

import logging
import logging.handlers

from saiga_desk.paths import log_dir

LOG_NAME = "saiga-desk.log"
_configured = False


def log_file():
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger("saiga_desk")
    root.setLevel(level)
    try:
        handler = logging.handlers.RotatingFileHandler(
            log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8",
            errors="backslashreplace",  # a file name that is not UTF-8 is logged, never a logging error
        )
    except OSError:  # a read-only home: carry on without a log file, and nothing on the console
        root.addHandler(logging.NullHandler())
        root.propagate = False
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
