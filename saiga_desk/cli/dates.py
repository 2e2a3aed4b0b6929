"""Dates on the command line: an ``argparse`` type, so a wrong date is a usage error (exit 2) naming it."""

from __future__ import annotations

import argparse
import datetime as dt

from saiga_desk.i18n import _


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a date (YYYY-MM-DD)").format(text=text)) from None


def date_or_all(text: str) -> dt.date | str:
    """``--as-at``: a date, or ``all`` (every contact point, past ones too)."""
    return "all" if text.strip().casefold() == "all" else iso_date(text)
