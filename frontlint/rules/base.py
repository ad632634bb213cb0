"""What a rule is: a module with a few constants and a ``check`` generator, or, run-wide, ``collect`` and ``index``.

A rule module's docstring is its documentation page, with the headings ``## What it does``,
``## Why``, ``## Example that fails``, ``## Example that passes`` and ``## Options``; the two
examples are fenced ``yaml`` blocks of front matter, and the test suite lints them. A
run-wide rule's example may hold several blocks: each is a file, linted in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from ..diagnostic import DataPath, Diagnostic, Problem, Severity

if TYPE_CHECKING:
    from ..positions import LineIndex
    from ..yamlread import ParsedFrontMatter


class RuleContext(NamedTuple):
    """What a rule sees of one file.

    ``data`` is the parsed front matter exactly as written: it may be of any shape (the
    schema reports wrong shapes), so a rule checks the type of everything it reads.
    ``options`` holds the rule's options, its defaults overlaid with the configuration.
    ``now`` is timezone-aware. ``line_of`` gives the 1-based line where the node at a data
    path starts, for messages that name another node.
    """

    data: Any
    file_path: str
    options: Mapping[str, Any]
    now: datetime
    line_of: Callable[[DataPath], int | None]


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

    __name__: str  # the module's name: a worker process imports it again by name

    @property
    def OPTIONS(self) -> Mapping[str, Any]: ...  # noqa: N802

    def check(self, context: RuleContext) -> Iterator[Problem]:
        """Yield the rule's problems in one file."""
        ...


class RunWideIndex(Protocol):
    """What a run-wide rule keeps of the files of one run so far (in the parent process)."""

    def add(self, path: str, record: Any) -> Iterable[Diagnostic]:
        """Take the next file's record, in report order; the diagnostics it gives (unselected, default severity)."""
        ...


class RunWideRule(DocumentedCheck, Protocol):
    """A rule whose diagnostics depend on other files of the run: ``duplicate-article``.

    ``collect`` runs where the file is linted (perhaps a worker process) on its parsed front
    matter and returns a small picklable record, or ``None`` when the file has nothing the
    rule needs; ``silenced(line)`` says whether an inline suppression silences the rule on a
    line. ``index()`` makes the run's accumulator, to which each file's record is added in
    report order. Selection and severity are then applied by the file's settings.
    """

    def collect(self, parsed: ParsedFrontMatter, lines: LineIndex, silenced: Callable[[int], bool]) -> Any:
        """The record of one file, or ``None``."""
        ...

    def index(self) -> RunWideIndex:
        """A new, empty accumulator for one run."""
        ...


def documentation(rule: Any) -> str:
    """Return the documentation page of a rule module or a built-in check."""
    return (getattr(rule, "doc", None) or rule.__doc__ or "").strip()


def summary(rule: Any) -> str:
    """Return the first line of a rule's documentation: its one-line summary."""
    return documentation(rule).splitlines()[0].strip()
