"""The rules keep no state between files: linting leaves every rule module as it found it."""

from __future__ import annotations

import importlib
import pkgutil
import types
from typing import Any

import frontlint.rule_support
import frontlint.rules
from frontlint import lint_text
from helpers import FIXTURES, SEED

MUTABLE = (list, dict, set, bytearray)
# Caches of pure functions of their arguments (a parsed option, a compiled pattern): the same
# answer whatever was linted before. A new cache belongs here only if that is true of it.
PURE_CACHES = {
    "frontlint.rules.date_future._cached_duration",
    "frontlint.rules.excerpt_boilerplate._pattern",
    # The bundled contract's field plan, the view's when none is given: the same whatever was linted.
    "frontlint.rule_support.article_view.article_plan",
    # Not pure: the timezone: of the nearest _config.yml, read once per folder per process.
    "frontlint.rules.filename_date.site_timezone",
}


def _rule_modules() -> list[types.ModuleType]:
    """The rules' modules and the modules of what they share."""
    found = []
    for package in (frontlint.rules, frontlint.rule_support):
        names = [info.name for info in pkgutil.iter_modules(package.__path__)]
        found += [package] + [importlib.import_module(f"{package.__name__}.{name}") for name in names]
    return found


def _mutable_state() -> dict[str, Any]:
    """The text of every mutable container in a rule module's globals or in its functions' closures.

    A ``repr`` rather than a copy: some hold modules, and an object it shows only by identity changes it too.
    """
    state: dict[str, Any] = {}
    for module in _rule_modules():
        for name, value in vars(module).items():
            where = f"{module.__name__}.{name}"
            if isinstance(value, MUTABLE):
                state[where] = repr(value)
            for function in (value, getattr(value, "__wrapped__", None)):
                if isinstance(function, types.FunctionType) and function.__module__ == module.__name__:
                    for index, cell in enumerate(function.__closure__ or ()):
                        if isinstance(cell.cell_contents, MUTABLE):
                            state[f"{where} closure {index}"] = repr(cell.cell_contents)
    return state


def test_linting_files_changes_no_module_level_list_dict_or_set_of_the_rules():
    texts = [SEED.read_bytes()] + [path.read_bytes() for path in sorted((FIXTURES / "core").glob("*.md"))]
    before = _mutable_state()
    for index, text in enumerate(texts):
        lint_text(text, f"2021-07-2{index % 10}-{index}.md")
    assert _mutable_state() == before


def test_the_only_caches_in_the_rules_are_the_known_ones():
    caches = {
        f"{module.__name__}.{name}"
        for module in _rule_modules()
        for name, value in vars(module).items()
        if hasattr(value, "cache_info") and getattr(value, "__module__", None) == module.__name__
    }
    assert caches == PURE_CACHES
