"""The house rules of ARCHITECTURE.md, read from the source with ``ast`` (nothing is imported).

- Layers: ``core ← io ← {cli, ui}``. core imports no Qt, openpyxl, XlsxWriter, calamine, reportlab, and
  none of io, cli, ui; io imports no Qt, cli, ui; cli imports no Qt and no ui, except the GUI entry point
  (``saiga_desk.ui.app``) from ``saiga_desk.cli.main``; ui imports no cli. The base modules (``saiga_desk``, ``i18n``,
  ``paths``, ``logs``) import no layer. ``saiga_desk.selftest`` checks a whole installation and may
  import everything.
- No import circles among saiga_desk modules. Every import counts: at module level, inside functions and
  under ``if TYPE_CHECKING``; so moving an import into a function never breaks a circle.
- An import of a project module inside a function is allowed only for start-up speed and says so: a
  comment containing "deferred" on its line or above the run of imports it belongs to. (Third-party
  libraries imported inside functions, e.g. reportlab or alembic, need no comment; nor do the frozen
  migrations in ``core/migrations/versions``.)
- The project's own modules are never optional: no ``except ImportError`` / ``ModuleNotFoundError``
  around an import of a saiga_desk module, no ``pytest.importorskip`` of one in the tests.
- No module over 400 lines, except the generated migrations in ``core/migrations/versions``.

Each rule is one test listing every violation; ``test_checker_catches_*`` prove the checker can fail.
"""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "saiga_desk"
MAX_LINES = 400
EXEMPT_FROM_SIZE = ("core/migrations/versions/",)

THIRD_PARTY_FORBIDDEN = {
    "core": ("PySide6", "shiboken6", "openpyxl", "xlsxwriter", "python_calamine", "reportlab"),
    "io": ("PySide6", "shiboken6"),
    "cli": ("PySide6", "shiboken6"),
    "base": ("PySide6", "shiboken6"),
}
LAYERS_FORBIDDEN = {  # layer -> project layers it must not import
    "core": ("io", "cli", "ui", "entry"),
    "io": ("cli", "ui", "entry"),
    "cli": ("ui",),
    "ui": ("cli",),
    "base": ("core", "io", "cli", "ui", "entry"),
}
# (importer, imported): the only crossings allowed. The GUI is started from the command line's main().
ALLOWED_CROSSINGS = {("saiga_desk.cli.main", "saiga_desk.ui.app")}


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a dotted module name (for project modules: the module file actually imported)
    path: Path
    line: int
    in_function: bool
    deferred_comment: bool
    dynamic: bool = False  # importlib.import_module / __import__ of a name built at run time

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root.parent)}:{self.line}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str, package: str) -> str | None:
    """core, io, cli, ui, entry (selftest), base; None for a module outside the package."""
    parts = module.split(".")
    if parts[0] != package:
        return None
    if len(parts) == 1:
        return "base"
    if parts[1] in ("core", "io", "cli", "ui"):
        return parts[1]
    if parts[1] == "selftest":
        return "entry"
    return "base"


class Source:
    """Every module of one package, parsed once."""

    def __init__(self, root: Path):
        self.root = root
        self.package = root.name
        self.files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
        self.trees = {m: ast.parse(p.read_text(encoding="utf-8"), str(p)) for m, p in self.files.items()}
        self.lines = {m: p.read_text(encoding="utf-8").splitlines() for m, p in self.files.items()}

    def is_package(self, module: str) -> bool:
        return self.files[module].name == "__init__.py"

    def _absolute(self, module: str, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = module.split(".")
        if not self.is_package(module):
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        return ".".join(base + ([node.module] if node.module else []))

    def _targets(self, module: str, node) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        source = self._absolute(module, node)
        out = []
        for alias in node.names:  # `from pkg import submodule` imports the submodule
            sub = f"{source}.{alias.name}"
            out.append(sub if sub in self.files else source)
        return list(dict.fromkeys(out))

    def _deferred(self, module: str, line: int, end_line: int | None = None) -> bool:
        """A comment saying "deferred" on the import's lines, or above the run of imports it belongs to."""
        text = self.lines[module]
        for own in text[line - 1 : end_line or line]:
            if "#" in own and "deferred" in own.split("#", 1)[1].lower():
                return True
        i = line - 2
        while i >= 0:
            above = text[i].strip()
            if above.startswith("#"):
                if "deferred" in above.lower():
                    return True
            elif not above.startswith(("from ", "import ")):
                return False
            i -= 1
        return False

    def imports(self) -> list[Import]:
        found = []
        for module, tree in self.trees.items():
            found.extend(self._walk(module, tree, in_function=False))
        return found

    def _walk(self, module: str, node, in_function: bool) -> list[Import]:
        out = []
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in self._targets(module, child):
                    out.append(
                        Import(
                            module,
                            target,
                            self.files[module],
                            child.lineno,
                            in_function,
                            self._deferred(module, child.lineno, child.end_lineno),
                        )
                    )
            elif isinstance(child, ast.Call) and _is_dynamic_import(child, self.package):
                for target in self._dynamic_targets(module, child):
                    out.append(
                        Import(module, target, self.files[module], child.lineno, in_function, True, True)
                    )
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            out.extend(self._walk(module, child, inner))
        return out

    def _dynamic_targets(self, module: str, call: ast.Call) -> list[str]:
        """``import_module("a.b")`` imports a.b; ``import_module(f"a.b.{name}")`` may import any module of a.b."""
        arg = call.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return [arg.value]
        if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            prefix = str(arg.values[0].value)
            return [m for m in self.files if m.startswith(prefix) and m != module]
        return []

    def is_project(self, target: str) -> bool:
        return target == self.package or target.startswith(self.package + ".")


# ----------------------------------------------------------------------------------------------- checks
def layer_violations(src: Source) -> list[str]:
    out = []
    for imp in src.imports():
        own = layer(imp.importer, src.package)
        if (imp.importer, imp.target) in ALLOWED_CROSSINGS:
            continue
        top = imp.target.split(".")[0]
        if top in THIRD_PARTY_FORBIDDEN.get(own, ()):
            out.append(f"{imp.where(src.root)}: {own} imports {imp.target}")
            continue
        other = layer(imp.target, src.package)
        if other is not None and other in LAYERS_FORBIDDEN.get(own, ()):
            out.append(f"{imp.where(src.root)}: {own} imports {imp.target} ({other})")
    return out


def import_graph(src: Source) -> dict[str, dict[str, Import]]:
    graph: dict[str, dict[str, Import]] = defaultdict(dict)
    for imp in src.imports():
        if src.is_project(imp.target) and imp.target in src.files and imp.target != imp.importer:
            graph[imp.importer].setdefault(imp.target, imp)
    return graph


def circles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    nodes = sorted(set(graph) | {t for edges in graph.values() for t in edges})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, {}))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def circle_violations(src: Source) -> list[str]:
    graph = import_graph(src)
    out = []
    for component in circles(graph):
        members = set(component)
        edges = [
            f"{a} -> {b} ({imp.where(src.root)}{', in a function' if imp.in_function else ''})"
            for a in component
            for b, imp in sorted(graph[a].items())
            if b in members
        ]
        out.append("circle: " + "; ".join(edges))
    return out


def function_import_violations(src: Source) -> list[str]:
    return [
        f"{imp.where(src.root)}: {imp.target} imported inside a function without a 'deferred' comment"
        for imp in src.imports()
        if imp.in_function
        and not imp.dynamic
        and src.is_project(imp.target)
        and not imp.deferred_comment
        and not imp.path.relative_to(src.root).as_posix().startswith(EXEMPT_FROM_SIZE)
    ]


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = []
    if handler.type is None:
        return False
    for node in ast.walk(handler.type):
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
    return bool({"ImportError", "ModuleNotFoundError"} & set(names))


def optional_import_violations(src: Source) -> list[str]:
    out = []
    for module, tree in src.trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try) or not any(_catches_import_error(h) for h in node.handlers):
                continue
            guarded = []
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        guarded += [t for t in src._targets(module, sub) if src.is_project(t)]
                    elif isinstance(sub, ast.Call) and _is_dynamic_import(sub, src.package):
                        guarded.append("(a module named at run time)")
            if guarded:
                where = f"{src.files[module].relative_to(src.root.parent)}:{node.lineno}"
                out.append(f"{where}: except ImportError around {', '.join(sorted(set(guarded)))}")
    return out


def _is_dynamic_import(call: ast.Call, package: str) -> bool:
    f = call.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    if name not in ("import_module", "__import__"):
        return False
    first = call.args[0] if call.args else None
    text = ast.unparse(first) if first is not None else ""
    return package in text


def importorskip_violations(tests: Path, package: str) -> list[str]:
    out = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "importorskip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and str(node.args[0].value).split(".")[0] == package
            ):
                out.append(
                    f"{path.relative_to(tests.parent)}:{node.lineno}: importorskip({node.args[0].value!r})"
                )
    return out


SETTINGS_DECLARATIONS = {  # where the settings keys are declared, and the only modules that may name a key
    "qsettings": "ui.window_settings",
    "database": ("core.preferences", "core.models", "core.history_models"),
}


def settings_key_violations(src: Source) -> list[str]:
    """QSettings read or written with a literal key, or the database's ``setting`` table used directly,
    outside the two declaration modules."""
    out = []
    qsettings_home = f"{src.package}.{SETTINGS_DECLARATIONS['qsettings']}"
    database_homes = {f"{src.package}.{m}" for m in SETTINGS_DECLARATIONS["database"]}
    for module, tree in src.trees.items():
        where = src.files[module].relative_to(src.root.parent)
        for node in ast.walk(tree):
            if module != qsettings_home and isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                first = node.args[0] if node.args else None
                literal = isinstance(first, ast.JoinedStr) or (
                    isinstance(first, ast.Constant) and isinstance(first.value, str)
                )
                if name == "QSettings" or (name in ("value", "setValue", "remove") and literal):
                    if name != "QSettings" and not _looks_like_settings(node.func):
                        continue
                    out.append(f"{where}:{node.lineno}: QSettings key {ast.unparse(node)[:70]}")
            if module not in database_homes and isinstance(node, ast.Attribute) and node.attr == "Setting":
                if isinstance(node.value, ast.Name) and node.value.id in ("m", "models"):
                    out.append(
                        f"{where}:{node.lineno}: the setting table used directly ({ast.unparse(node)})"
                    )
    return out


def _looks_like_settings(func: ast.AST) -> bool:
    """``s.value("key")``, ``settings().setValue(...)``: a receiver named like settings (not a widget)."""
    receiver = func.value if isinstance(func, ast.Attribute) else None
    text = ast.unparse(receiver) if receiver is not None else ""
    return text in ("s", "qs") or "settings" in text.lower()


def size_violations(src: Source) -> list[str]:
    out = []
    for module, path in src.files.items():
        rel = path.relative_to(src.root).as_posix()
        if rel.startswith(EXEMPT_FROM_SIZE):
            continue
        n = len(src.lines[module])
        if n > MAX_LINES:
            out.append(f"{path.relative_to(src.root.parent)}: {n} lines (at most {MAX_LINES})")
    return out


# -------------------------------------------------------------------------------- the rules, as tests
@pytest.fixture(scope="module")
def source() -> Source:
    return Source(PACKAGE)


def _report(violations: list[str]) -> str:
    return f"{len(violations)} violation(s):\n  " + "\n  ".join(violations)


def test_layers_import_only_downwards(source):
    assert not (v := layer_violations(source)), _report(v)


def test_no_import_circles(source):
    assert not (v := circle_violations(source)), _report(v)


def test_imports_inside_functions_say_they_are_deferred(source):
    assert not (v := function_import_violations(source)), _report(v)


def test_project_modules_are_never_optional(source):
    v = optional_import_violations(source) + importorskip_violations(REPO / "tests", source.package)
    assert not v, _report(v)


def test_settings_keys_are_declared_once(source):
    assert not (v := settings_key_violations(source)), _report(v)


def test_modules_stay_small(source):
    assert not (v := size_violations(source)), _report(v)


# ------------------------------------------------------------------------ the checker can fail (self-test)
def _synthetic(tmp_path: Path, files: dict[str, str]) -> Source:
    root = tmp_path / "house"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in {p.parent for p in root.rglob("*.py")} | {root}:
        (folder / "__init__.py").touch()
    return Source(root)


def test_checker_catches_forbidden_imports(tmp_path):
    src = _synthetic(
        tmp_path,
        {
            "core/ok.py": "import sqlalchemy\n",
            "core/bad_qt.py": "from PySide6.QtCore import QObject\n",
            "core/bad_io.py": "def f():\n    from house.io import files  # deferred: start-up speed\n",
            "core/late.py": "def f():\n    from house.core import (\n        ok,  # deferred: start-up speed\n    )\n",
            "io/files.py": "import openpyxl\nfrom house.core import ok\n",
            "io/bad_ui.py": "import house.ui.window\n",
            "cli/bad.py": "from house.ui import window\n",
            "ui/window.py": "from PySide6.QtWidgets import QWidget\nfrom house.io import files\n",
        },
    )
    found = "\n".join(layer_violations(src))
    assert "core/bad_qt.py:1: core imports PySide6.QtCore" in found
    assert "core/bad_io.py:2: core imports house.io.files (io)" in found
    assert "io/bad_ui.py:1: io imports house.ui.window (ui)" in found
    assert "cli/bad.py:1: cli imports house.ui.window (ui)" in found
    assert "ok.py" not in found and "io/files.py" not in found and "ui/window.py" not in found
    assert function_import_violations(src) == []  # a "deferred" comment on the import's own lines counts


def test_checker_catches_circles_through_functions(tmp_path):
    src = _synthetic(
        tmp_path,
        {
            "core/database.py": "from house.core import versions\n",
            "core/versions.py": "def f():\n    from house.core.database import x\n",
            "core/alone.py": "from house.core import database\n",
            "io/a.py": "from . import b\n",
            "io/b.py": "def g():\n    # deferred: start-up speed\n    from .a import y\n",
        },
    )
    assert circles(import_graph(src)) == [
        ["house.core.database", "house.core.versions"],
        ["house.io.a", "house.io.b"],
    ]
    undeclared = function_import_violations(src)
    assert len(undeclared) == 1 and "core/versions.py:2" in undeclared[0]


def test_checker_catches_optional_project_modules_and_size(tmp_path):
    src = _synthetic(
        tmp_path,
        {
            "ui/page.py": "try:\n    from house.ui import dialog\nexcept ImportError:\n    dialog = None\n",
            "ui/dialog.py": "try:\n    import lxml\nexcept ImportError:\n    lxml = None\n",
            "ui/long.py": "x = 1\n" * (MAX_LINES + 1),
        },
    )
    assert [v.split(":")[0] for v in optional_import_violations(src)] == ["house/ui/page.py"]
    assert [v.split(":")[0] for v in size_violations(src)] == ["house/ui/long.py"]


def test_checker_catches_settings_keys_and_dynamic_circles(tmp_path):
    src = _synthetic(
        tmp_path,
        {
            "ui/window_settings.py": "def tab(s):\n    return s.value('window/tab')\n",
            "ui/page.py": "def save(s, box):\n    s.setValue(f'tables/{1}/sort', 'x')\n    box.setValue(3)\n",
            "core/prefs.py": "from house.core import models as m\nrow = m.Setting\n",
            "cli/main.py": "import importlib\nfor n in ('a',):\n    importlib.import_module(f'house.cli.{n}')\n",
            "cli/a.py": "def f():\n    from house.cli.main import x  # deferred: start-up speed\n",
        },
    )
    found = settings_key_violations(src)
    assert [v.split(":")[0:2] for v in found] == [["house/core/prefs.py", "2"], ["house/ui/page.py", "2"]]
    assert circles(import_graph(src)) == [["house.cli.a", "house.cli.main"]]


def test_checker_catches_a_planted_import_in_a_copy_of_the_package(tmp_path):
    copy = tmp_path / "saiga_desk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("resources", "__pycache__"))
    before_layers = layer_violations(Source(copy))
    before_circles = circle_violations(Source(copy))
    text = copy / "core" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nimport saiga_desk.core.errors\n", encoding="utf-8")
    errors = copy / "core" / "errors.py"
    errors.write_text(
        errors.read_text(encoding="utf-8")
        + "\nfrom PySide6.QtCore import QObject\nimport saiga_desk.core.text\n",
        encoding="utf-8",
    )
    src = Source(copy)
    new = set(layer_violations(src)) - set(before_layers)
    assert [v.split(": ", 1)[1] for v in new] == ["core imports PySide6.QtCore"]
    planted = set(circle_violations(src)) - set(before_circles)
    assert any("saiga_desk.core.errors -> saiga_desk.core.text" in c for c in planted)
