"""Message catalogues of Saiga Desk: extract the .pot, update the Russian .po, compile the .mo.

    python scripts/i18n.py extract   # saiga_desk/**/*.py -> resources/translations/saiga_desk.pot
    python scripts/i18n.py update    # msgmerge the .pot into every <lang>/LC_MESSAGES/saiga_desk.po
    python scripts/i18n.py compile   # msgfmt --check each .po into its .mo (the file the app loads)
    python scripts/i18n.py all       # the three in order
    python scripts/i18n.py fill ru FILE.json ...   # fill untranslated or fuzzy entries from {msgid: msgstr}

Needs GNU gettext (xgettext, msgmerge, msgfmt) on PATH.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "saiga_desk"
TRANSLATIONS = ROOT / "resources" / "translations"
DOMAIN = "saiga_desk"
POT = TRANSLATIONS / f"{DOMAIN}.pot"
LANGUAGES = ("ru",)

XGETTEXT_ARGS = [
    "--language=Python",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=ngettext:1,2",
    "--from-code=UTF-8",
    "--add-comments=TRANSLATORS",
    "--sort-by-file",
    "--package-name=Saiga Desk",
    "--msgid-bugs-address=saiga@cms.int",
]


def sources() -> list[str]:
    """Every Python file of the package, relative to the repository root (stable references)."""
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py"))


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract(output: Path = POT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["xgettext", *XGETTEXT_ARGS, "-o", str(output), *sources()], cwd=ROOT, check=True)
    return output


def update() -> None:
    for lang in LANGUAGES:
        po = po_path(lang)
        if po.exists():
            subprocess.run(
                ["msgmerge", "--quiet", "--update", "--backup=none", str(po), str(POT)], check=True
            )
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["msginit", "--no-translator", f"--locale={lang}", "-i", str(POT), "-o", str(po)], check=True
            )


def compile_catalogues() -> None:
    for lang in LANGUAGES:
        po, mo = po_path(lang), mo_path(lang)
        subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(mo), str(po)], check=True)


def fill(lang: str, sources: list[Path]) -> tuple[int, list[str]]:
    """Translate the empty or fuzzy entries of ``lang``'s catalogue from JSON files of {msgid: msgstr}
    (a plural entry from a list of its forms, in the language's order: one, few, many for Russian).

    Returns how many entries were filled and the msgids still untranslated. polib reads and writes the
    catalogue (plural forms, obsolete and fuzzy entries) exactly as GNU gettext does.
    """
    import json

    import polib  # a development tool only (the app reads the compiled .mo with gettext)

    known: dict[str, str] = {}
    for source in sources:
        known.update(json.loads(Path(source).read_text(encoding="utf-8")))
    po = polib.pofile(str(po_path(lang)), wrapwidth=110)
    filled = 0
    for entry in po:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        value = known.get(entry.msgid)
        if entry.msgid_plural and isinstance(value, list):  # [one, few, many] for Russian
            entry.msgstr_plural = dict(enumerate(value))
        elif not entry.msgid_plural and isinstance(value, str):
            entry.msgstr = value
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    return filled, missing


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    step = args[0] if args else "all"
    if step == "fill" and len(args) >= 3:
        filled, missing = fill(args[1], [Path(a) for a in args[2:]])
        print(f"filled {filled}; untranslated {len(missing)}")
        for msgid in missing:
            print(f"  {msgid!r}")
        return 0
    if step not in ("extract", "update", "compile", "all"):
        print(__doc__)
        return 2
    if step in ("extract", "all"):
        extract()
    if step in ("update", "all"):
        update()
    if step in ("compile", "all"):
        compile_catalogues()
    return 0


if __name__ == "__main__":
    sys.exit(main())
