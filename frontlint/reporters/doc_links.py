"""Where a check's documentation page is written, as a link an editor can open.

frontlint has no documentation site: a rule's page is its module's docstring (``frontlint rule
ID`` prints it), and the pages of the reader's checks and of the ``schema/<keyword>`` family are
strings in :mod:`frontlint.rule_support.reader_checks`. :func:`doc_url` is a ``file://`` URI of that
source file with a ``#L<line>`` fragment at the page's first line (editors such as VS Code open
the file at that line). The language server gives it as a diagnostic's ``codeDescription``.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from frontlint.registry import check_for
from frontlint.rule_support.base import Check

_READER_CHECKS_MODULE = "frontlint.rule_support.reader_checks"


def doc_url(rule_id: str) -> str | None:
    """The ``file://`` link to the documentation page of ``rule_id`` (``None`` for an id no check owns)."""
    check = check_for(rule_id)
    return None if check is None else _check_url(check.id)


@functools.cache
def _check_url(check_id: str) -> str | None:
    check = check_for(check_id)
    assert check is not None
    source = _source_file(check)
    if source is None:
        return None
    line = _first_line_of(check.doc, source)
    return source.as_uri() + (f"#L{line}" if line is not None else "")


def _source_file(check: Check) -> Path | None:
    """The Python file that holds the check's page: its rule module, or the reader checks' module."""
    name = f"frontlint.rules.{check.id.replace('-', '_')}" if check.kind in ("file", "run") else _READER_CHECKS_MODULE
    try:
        module = importlib.import_module(name)
    except ImportError:  # a rule whose module is not named after its id: no link rather than a failure
        return None
    return Path(module.__file__).resolve() if module.__file__ else None


def _first_line_of(doc: str, source: Path) -> int | None:
    """The 1-based line of ``source`` where the page's first line is written."""
    first = doc.splitlines()[0].strip() if doc else ""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return None
    offset = text.find(first) if first else -1
    return text.count("\n", 0, offset) + 1 if offset >= 0 else None
