"""What a rule is: a module with a few constants and a ``check`` generator, or, run-wide, ``collect`` and ``index``.

A rule module's docstring is its documentation page, with the headings ``## What it does``,
``## Why``, ``## Example that fails``, ``## Example that passes`` and ``## Options``; the two
examples are fenced ``yaml`` blocks of front matter, and the test suite lints them. A
run-wide rule's example may hold several blocks: each is a file, linted in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from frontlint.diagnostic import DataPath, Diagnostic, Problem, Severity
from frontlint.rule_support.article_view import ArticleView

if TYPE_CHECKING:
    from frontlint.reading.positions import LineIndex
    from frontlint.reading.yaml_nodes import ParsedFrontMatter
    from frontlint.schema.field_plan import FieldPlan


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


class Option(NamedTuple):
    """One option of a rule, as a rule module declares it in ``OPTIONS`` (as yamllint's ``CONF`` does).

    ``default`` is its value when the configuration does not set it (``None``: the rule works it
    out); ``type`` is its JSON Schema type (the configuration schema's); ``validate``, when given,
    checks a configured value the schema lets through and raises ``ValueError`` saying what is expected;
    ``schema`` holds more JSON Schema keywords for the value (``{"minimum": 1}``). The configuration
    schema's entry is generated from these and the option's line in the rule page's ``## Options``.
    """

    default: Any
    type: str | tuple[str, ...]
    validate: Callable[[Any], object] | None = None
    schema: Mapping[str, Any] | None = None


class RuleModule(Protocol):
    """The constants and function every rule module under ``frontlint.rules`` defines.

    ``ID`` is the rule id, ``SEVERITY`` its default severity, ``FIXABLE`` whether it knows
    an unambiguous fix, ``OPTIONS`` its options; the module's docstring is its documentation
    page. A per-file rule defines ``check``; a run-wide rule does its work in the run.
    """

    @property
    def ID(self) -> str: ...

    @property
    def SEVERITY(self) -> Severity: ...

    @property
    def FIXABLE(self) -> bool: ...

    @property
    def OPTIONS(self) -> Mapping[str, Option]: ...


# Kinds of check: a per-file rule, a run-wide rule, a check built into the reader or the engine,
# and the family of ``schema/<keyword>`` ids.
KINDS = ("file", "run", "reader", "family")

_NO_OPTIONS: Mapping[str, Option] = MappingProxyType({})


class RunWideIndex(Protocol):
    """What a run-wide rule keeps of the files of one run so far (in the parent process)."""

    def add(self, path: str, record: Any) -> Iterable[Diagnostic]:
        """Take the next file's record, in report order; the diagnostics it gives (unselected, default severity)."""
        ...


class RunWideRule(RuleModule, Protocol):
    """A rule whose diagnostics depend on other files of the run: ``duplicate-article``.

    ``collect`` runs where the file is linted (perhaps a worker process) on its parsed front
    matter (``collect_data`` on a record given as data) and returns a small picklable record, or ``None`` when the file has nothing the
    rule needs; ``silenced(line)`` says whether an inline suppression silences the rule on a
    line. ``index()`` makes the run's accumulator, to which each file's record is added in
    report order. Selection and severity are then applied by the file's settings.
    """

    def collect(
        self, parsed: ParsedFrontMatter, lines: LineIndex, silenced: Callable[[int], bool], plan: FieldPlan | None
    ) -> Any:
        """The record of one file, or ``None``; ``plan`` is what the file's schema says of its fields."""
        ...

    def collect_data(self, data: Any, line: int | None, plan: FieldPlan | None) -> Any:
        """The record of data given as it is (a JSON Lines line, a pipeline's record), or ``None``.

        ``line`` is the record's line in its JSON Lines file, ``None`` for data with no text.
        """
        ...

    def index(self) -> RunWideIndex:
        """A new, empty accumulator for one run."""
        ...


class Check(NamedTuple):
    """Everything frontlint knows of one id a diagnostic can carry (or of a family of ids).

    ``doc`` is its documentation page (its first line is its summary); ``kind`` one of
    :data:`KINDS`; ``always_on``: selection and suppressions do not apply (the front matter
    could not be read); ``generic``: where a more specific rule reports the same value, this
    rule's diagnostic is dropped; ``check`` yields a per-file rule's problems in one file;
    ``run_wide`` is a run-wide rule's module (see :class:`RunWideRule`).
    (A named tuple, not a dataclass: importing ``dataclasses`` would slow the start of every run.)
    """

    id: str
    severity: Severity
    doc: str
    kind: str
    fixable: bool = False
    options: Mapping[str, Option] = _NO_OPTIONS
    always_on: bool = False
    generic: bool = False
    check: Callable[[RuleContext], Iterator[Problem]] | None = None
    run_wide: RunWideRule | None = None

    def defaults(self) -> dict[str, Any]:
        """The value of each option when the configuration sets none."""
        return {name: option.default for name, option in self.options.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        """A check crosses to a spawned worker (a caller's own rule) with its options as a plain mapping."""
        return _check_with_options, (tuple(self._replace(options={})), dict(self.options))


def _check_with_options(fields: tuple[Any, ...], options: dict[str, Option]) -> Check:
    """The :class:`Check` of ``fields`` with ``options`` read-only again (see :meth:`Check.__reduce__`)."""
    return Check(*fields)._replace(options=MappingProxyType(options))


def summary(check: Check) -> str:
    """Return the first line of a check's documentation: its one-line summary."""
    return check.doc.splitlines()[0].strip()
