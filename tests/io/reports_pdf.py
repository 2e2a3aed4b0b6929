"""Reading report PDFs back (pdftotext, pypdf) for tests/io/test_reports_*.py."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def text(path: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run([*cmd, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pages(path: Path) -> list[str]:
    return text(path).split("\f")[:-1]


def flat(s: str) -> str:
    """Whitespace collapsed: wrapped lines read as the text they came from."""
    return " ".join(s.split())


def dehyphen(s: str) -> str:
    """Flat text with the hyphens of hyphenated words joined ("Min- istry" -> "Ministry")."""
    return re.sub(r"(\w)- (\w)", r"\1\2", flat(s))


def strip(s: str) -> str:
    return re.sub(r"\s+", "", s)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def words(path: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, word) of one page, from pdftotext -bbox (no dehyphenation, no reading-order guesses)."""
    cmd = ["pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [(float(x), float(y), html.unescape(w)) for x, y, w in _WORD.findall(out)]


def strip_text(path: Path, page: int, x0: float, x1: float) -> str:
    """The words of a vertical strip of one page (points from the left edge) in reading order: one column."""
    found = sorted((round(y, 1), x, w) for x, y, w in words(path, page) if x0 - 1 <= x < x1 - 1)
    return " ".join(w for _y, _x, w in found)


def column_edges(weights, page_width: float, margin: float) -> list[tuple[float, float]]:
    total = sum(weights)
    width = page_width - 2 * margin
    edges, x = [], margin
    for w in weights:
        step = width * w / total
        edges.append((x, x + step))
        x += step
    return edges


def fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded (FontFile2 for TrueType)."""
    found: dict[str, bool] = {}
    reader = PdfReader(str(path))
    for page in reader.pages:
        res = page.get("/Resources")
        if res is None:
            continue
        res = res.get_object()
        for _name, ref in (res.get("/Font") or {}).items():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if desc is None and descendants:
                desc = descendants[0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[str(font.get("/BaseFont"))] = "/FontFile2" in desc
    return found


def outline_titles(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(reader.outline)
    return out
