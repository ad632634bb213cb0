"""Docstrings name modules that exist, and every public function has one."""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator

from helpers import REPO

PACKAGE = REPO / "frontlint"


def _references() -> list[tuple[str, str]]:
    """Every cross-reference to another module's name (``:mod:``, ``:func:``, ``:meth:`` …), made absolute."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        holder = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = holder if path.name == "__init__.py" else holder.rpartition(".")[0]
        text = path.read_text(encoding="utf-8")
        for named in re.findall(r":(?:mod|func|meth|class|data|attr|exc):`~?([\w.]+)`", text):
            dots = len(named) - len(named.lstrip("."))
            if dots:
                base = package.rsplit(".", dots - 1)[0] if dots > 1 else package
                found.append((holder, f"{base}.{named.lstrip('.')}"))
            elif named.startswith("frontlint."):
                found.append((holder, named))
    return found


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module, or a name inside the longest module it starts with."""
    parts = dotted.split(".")
    split = 1
    while split < len(parts) and _is_module(".".join(parts[: split + 1])):
        split += 1
    found: object = importlib.import_module(".".join(parts[:split]))
    for name in parts[split:]:
        if not hasattr(found, name):
            return False
        found = getattr(found, name)
    return True


def _is_module(dotted: str) -> bool:
    try:
        importlib.import_module(dotted)
    except ImportError:
        return False
    return True


def test_every_name_a_docstring_refers_to_exists():
    references = _references()
    assert len(references) > 30
    assert [(holder, named) for holder, named in references if not _resolves(named)] == []


def _undocumented(body: list[ast.stmt], prefix: str) -> Iterator[str]:
    """Public functions and methods of public classes (not of protocols, which describe others' objects) without a docstring."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            if ast.get_docstring(node) is None:
                yield f"{prefix}{node.name}"
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_") and not _is_protocol(node):
            yield from _undocumented(node.body, f"{prefix}{node.name}.")


def _is_protocol(node: ast.ClassDef) -> bool:
    return any(isinstance(base, ast.Name) and base.id == "Protocol" for base in node.bases)


def test_every_public_function_has_a_docstring():
    missing = [
        f"{path.relative_to(REPO)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in _undocumented(ast.parse(path.read_text(encoding="utf-8")).body, "")
    ]
    assert missing == []
