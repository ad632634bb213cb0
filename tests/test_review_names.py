"""Review of the issue-13 renames: the docstrings name modules that exist."""

from __future__ import annotations

import importlib.util
import re

from helpers import REPO

PACKAGE = REPO / "frontlint"


def _module_references() -> list[tuple[str, str]]:
    """Every ``:mod:`` reference in the package, as (module that holds it, module it names, made absolute)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        holder = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = holder if path.name == "__init__.py" else holder.rpartition(".")[0]
        for named in re.findall(r":mod:`~?([\w.]+)`", path.read_text(encoding="utf-8")):
            dots = len(named) - len(named.lstrip("."))
            base = package.rsplit(".", dots - 1)[0] if dots > 1 else package
            found.append((holder, f"{base}.{named.lstrip('.')}" if dots else named))
    return found


def test_every_module_a_docstring_names_exists():
    references = _module_references()
    assert len(references) > 10
    assert [(holder, named) for holder, named in references if importlib.util.find_spec(named) is None] == []
