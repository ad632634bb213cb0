"""The shape of the code: layers every import goes down, no import cycle, no overlong function, ruff clean."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "frontlint"
MAX_FUNCTION_LINES = 60

# The stage order, bottom to top: a module imports only from its own layer or one below it
# (README.md, Architecture). Each name is a sub-package or a top-level module of frontlint;
# ``frontlint`` is the package's own __init__.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("frontlint.diagnostic", "frontlint.version", "frontlint.text"),
    ("frontlint.reading",),
    ("frontlint.editing",),
    ("frontlint.dialects",),
    ("frontlint.schema",),
    ("frontlint.rule_support",),
    ("frontlint.rules",),
    ("frontlint.registry",),
    ("frontlint.settings",),
    ("frontlint.checking",),
    ("frontlint.fix",),
    ("frontlint.config",),
    ("frontlint.run",),
    ("frontlint.baseline",),
    ("frontlint.reporters",),
    ("frontlint", "frontlint.api"),
    ("frontlint.lsp", "frontlint.on_dask"),
    ("frontlint.cli", "frontlint.launch", "frontlint.__main__"),
)


def module_name(path: Path) -> str:
    """The dotted name of a module file of the package (``frontlint.run.parallel``)."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def runtime_imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The package modules ``path`` imports when it runs, deferred imports (in functions) included.

    Imports under ``if TYPE_CHECKING:`` never run and are left out. ``from a import b`` imports
    ``a.b`` when that is a module, else ``a``.
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names if alias.name in known)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                for alias in child.names:
                    target = f"{base}.{alias.name}"
                    found.add(target if target in known else base)
            visit(child)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    visit(tree)
    found.update(_modules_named_to_import(tree, name))
    return {module for module in found if module in known and module != name}


def _modules_named_to_import(tree: ast.AST, name: str) -> set[str]:
    """Modules a module imports by name: the registry's ``_file_rule("url_syntax")`` lines (``import_module``)."""
    if name != "frontlint.registry":
        return set()
    return {
        f"frontlint.rules.{node.args[0].value}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_file_rule", "_run_rule")
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def import_cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module in the package's import graph (Tarjan)."""
    known = modules()
    graph = {name: sorted(runtime_imports(path, known)) for name, path in known.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            connect(node)
    return cycles


def test_the_package_has_no_import_cycle() -> None:
    assert import_cycles() == []


def test_the_registry_s_rules_are_edges_of_the_graph() -> None:
    """Rules imported by name in the registry count as imports: a rule module importing the registry is a cycle."""
    from frontlint.registry import ALL_CHECKS

    imported = runtime_imports(PACKAGE / "registry.py", modules())
    rule_modules = {check.check.__module__ for check in ALL_CHECKS if check.check is not None}
    rule_modules |= {check.run_wide.__name__ for check in ALL_CHECKS if check.run_wide is not None}
    assert rule_modules and rule_modules <= imported


def test_the_cycle_finder_finds_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: two modules that import each other, one in a function, are a cycle."""
    package = tmp_path / "frontlint"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import x\n")
    (package / "b.py").write_text("def f():\n    from frontlint import a\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n")
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert import_cycles() == [["frontlint.a", "frontlint.b"]]


def layer_unit(module: str) -> str:
    """The name in :data:`LAYERS` a module belongs to: its sub-package, or itself when it is a top-level module."""
    return ".".join(module.split(".")[:2])


def upward_imports() -> list[str]:
    """``importer -> imported`` for every runtime import (deferred ones included) of a higher layer's module."""
    known = modules()
    rank = {unit: height for height, units in enumerate(LAYERS) for unit in units}
    return [
        f"{name} -> {target}"
        for name, path in known.items()
        for target in sorted(runtime_imports(path, known))
        if rank[layer_unit(target)] > rank[layer_unit(name)]
    ]


def test_every_module_is_in_a_layer() -> None:
    layered = {unit for units in LAYERS for unit in units}
    assert {layer_unit(module) for module in modules()} - layered == set()


def test_every_import_goes_down_the_layers() -> None:
    assert upward_imports() == []


def test_the_layer_check_finds_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: reading importing the command in a function runs up the layers."""
    package = tmp_path / "frontlint"
    for folder in ("reading", "cli"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "diagnostic.py").write_text("")
    (package / "cli" / "main.py").write_text("from frontlint.reading import files\n")
    (package / "reading" / "files.py").write_text("from frontlint import diagnostic\n")
    (package / "reading" / "hooks.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from frontlint.cli import main\n"
        "def f():\n    from frontlint.cli.main import run\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    assert upward_imports() == ["frontlint.reading.hooks -> frontlint.cli.main"]


DEFERRED = "# deferred:"


def _in_functions(node: ast.AST, inside: bool = False) -> list[list[ast.stmt]]:
    """Every list of statements in a function's body (nested blocks too), ``if TYPE_CHECKING:`` blocks left out."""
    found: list[list[ast.stmt]] = []
    for field in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(node, field, None)
        if not isinstance(block, list) or (isinstance(node, ast.If) and _is_type_checking(node) and field == "body"):
            continue
        statements = [child for child in block if isinstance(child, ast.stmt)]
        if inside and statements:
            found.append(statements)
        for child in block:
            found += _in_functions(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return found


def unexplained_deferred_imports(root: Path) -> list[str]:
    """``path:line`` of each group of imports inside a function with no ``# deferred:`` comment on or above its first line."""
    found = []
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for block in _in_functions(ast.parse("\n".join(lines))):
            previous: ast.stmt | None = None
            for statement in block:
                starts_group = isinstance(statement, (ast.Import, ast.ImportFrom)) and not isinstance(
                    previous, (ast.Import, ast.ImportFrom)
                )
                previous = statement
                if not starts_group:
                    continue
                first = statement.lineno - 1
                around = lines[max(first - 1, 0) : (statement.end_lineno or statement.lineno)]
                if not any(DEFERRED in line for line in around):
                    found.append(f"{path.relative_to(REPO)}:{statement.lineno}")
    return found


def test_every_deferred_import_says_why() -> None:
    """An import inside a function hides the order from readers: each one gives its reason (and cost) in a comment."""
    assert unexplained_deferred_imports(PACKAGE) == []


def test_the_deferred_import_check_finds_one_without_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: an import in a function, or in a method, with no comment is found."""
    (tmp_path / "a.py").write_text(
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "def f():\n"
        "    if TYPE_CHECKING:\n        import json\n"
        "    # deferred: reason\n    import re\n    import sys\n"
        "    x = 1\n"
        "    import shutil  # deferred: reason\n"
        "    if x:\n        import csv\n"
        "    class C:\n        def g(self):\n            import glob\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    assert unexplained_deferred_imports(tmp_path) == ["a.py:12", "a.py:15"]


def long_functions(root: Path) -> list[str]:
    """``path:line name (N lines)`` for every function under ``root`` longer than the limit."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # a hidden folder: the benchmark's scratch virtualenvs, not the project's code
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length} lines)")
    return found


@pytest.mark.parametrize("folder", ["frontlint", "benchmarks"])
def test_no_function_is_longer_than_the_limit(folder: str) -> None:
    assert long_functions(REPO / folder) == []


def _ruff() -> str:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed: it is in the test extra (pip install -e '.[test]')")
    return found


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_finds_nothing(command: list[str]) -> None:
    """``ruff check`` and ``ruff format --check`` pass with the project's configuration (pyproject.toml)."""
    result = subprocess.run([_ruff(), *command, "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
