"""How a text preference is read (anything stored -> text) and a new value checked: text stays text (a
number, a list or true/false is refused, never turned into text); an emblem is an image file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from saiga_desk.core.errors import ValidationError
from saiga_desk.i18n import _

__all__ = ["EMBLEM_TYPES", "check_emblem", "check_text", "read_text", "require_text"]


def require_text(name: str, value: Any) -> None:
    """A text preference given as a number, a list or true/false is refused, never turned into text."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(
            {name: _("must be text")},
            _("{name} must be text, not {value}.").format(name=name, value=json.dumps(value, default=str)),
        )



def read_text(stored: Any) -> str:
    return str(stored).strip() if isinstance(stored, (str, int, float)) else ""


def check_text(value: Any) -> str:
    require_text(_("the value"), value)
    return read_text(value)


EMBLEM_TYPES = (".png", ".jpg", ".jpeg", ".svg")


def check_emblem(value: Any) -> str:
    """An image file (PNG, JPEG or SVG) that exists, or "" for none."""
    path = check_text(value)
    if path and (not Path(path).expanduser().is_file() or Path(path).suffix.lower() not in EMBLEM_TYPES):
        raise ValidationError(
            {"emblem": _("{value} is not a PNG, JPEG or SVG image file.").format(value=path)}
        )
    return path
