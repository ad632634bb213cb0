"""What a rule is: a module with a few constants and a ``check`` generator.

A rule module's docstring is its documentation page, with the headings ``## What it does``,
``## Why``, ``## Example that fails``, ``## Example that passes`` and ``## Options``; the two
examples are fenced ``yaml`` blocks of front matter, and the test suite lints them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from ..diagnostic import DataPath, Problem, Severity
from .article_view import ArticleView


class RuleContext(NamedTuple):
    """What a rule sees of one file.

    ``data`` is the parsed front matter exactly as written: it may be of any shape (the
    schema reports wrong shapes), so a rule checks the type of everything it reads.
    ``options`` holds the rule's options, its defaults overlaid with the configuration.
    ``now`` is timezone-aware. ``line_of`` gives the 1-based line where the node at a data
    path starts, for messages that name another node. ``view`` holds the walks over ``data``
    that several rules share (its entries, images, URL and text fields), computed once per file.
    """

    data: Any
    file_path: str
    options: Mapping[str, Any]
    now: datetime
    line_of: Callable[[DataPath], int | None]
    view: ArticleView


class DocumentedCheck(Protocol):
    """Anything with a rule id and a documentation page: rule modules and built-in checks.

    ``ID`` is the rule id, ``SEVERITY`` its default severity, ``FIXABLE`` whether it knows
    an unambiguous fix, ``OPTIONS`` its option names with their defaults.
    """

    @property
    def ID(self) -> str: ...  # noqa: N802 - module constants

    @property
    def SEVERITY(self) -> Severity: ...  # noqa: N802

    @property
    def FIXABLE(self) -> bool: ...  # noqa: N802


class RuleModule(DocumentedCheck, Protocol):
    """The constants and function every per-file rule module under ``frontlint.rules`` defines."""

    @property
    def OPTIONS(self) -> Mapping[str, Any]: ...  # noqa: N802

    def check(self, context: RuleContext) -> Iterator[Problem]:
        """Yield the rule's problems in one file."""
        ...


def documentation(rule: Any) -> str:
    """Return the documentation page of a rule module or a built-in check."""
    return (getattr(rule, "doc", None) or rule.__doc__ or "").strip()


def summary(rule: Any) -> str:
    """Return the first line of a rule's documentation: its one-line summary."""
    return documentation(rule).splitlines()[0].strip()
