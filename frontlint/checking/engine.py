"""The engine: reads one file's text, runs the checks, and has every problem placed in the file.

Rules and the schema both point at data by path; :func:`frontlint.checking.finalise.locate` turns a
path into a span of the file's text and :class:`~frontlint.reading.positions.LineIndex` turns that
into lines and columns. The engine's :class:`~frontlint.checking.finalise.Finaliser`, not the rules,
decides severity, selection and suppression. The run-wide rules collect what they need of
each file here (:attr:`FileReport.records`); :mod:`frontlint.run.linting` adds it up over the run.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple

from frontlint.checking.finalise import Finaliser
from frontlint.checking.suppressions import Suppression, find_suppressions
from frontlint.diagnostic import DataPath, Diagnostic, Problem, Severity
from frontlint.dialects import find_block
from frontlint.editing.read_back import with_safe_fixes
from frontlint.reading.front_matter import decode, lone_surrogate
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import ParsedFrontMatter
from frontlint.registry import FILE_RULES, RUN_RULES, check_for, default_severity
from frontlint.rule_support.article_view import ArticleView
from frontlint.rule_support.base import Check, RuleContext
from frontlint.schema.contract import Schema, load_schema, schema_from_document, schema_problems, value_rank
from frontlint.settings.resolved import Settings


class RuleFailed(Exception):
    """A rule raised while checking a file (a bug in the rule): ``rule`` names it; the error it raised is the ``__cause__``."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


class FileReport(NamedTuple):
    """The diagnostics of one file, and the records of it the run-wide rules collected, by rule id (``None``: none).

    A rule's records are one per file, or one per record of a JSON Lines file, in order.
    ``record_count`` counts the records (non-blank lines) of a JSON Lines file; 0 for a Markdown file.
    """

    path: str
    diagnostics: list[Diagnostic]
    records: dict[str, tuple[Any, ...]] | None = None
    record_count: int = 0


class Linter:
    """Checks front matter against a schema and rules. Build it once; reuse it for every file."""

    def __init__(
        self,
        schema: Schema,
        settings: Settings | None = None,
        rules: Sequence[Check] = FILE_RULES,
    ) -> None:
        self.schema = schema
        self.settings = settings or Settings()
        self.rules = tuple(rules)
        self.finaliser = finaliser = Finaliser(self.settings, [rule.id for rule in RUN_RULES])
        # Each rule selected somewhere with its check function and options, worked out once.
        self._plan = [
            (rule, rule.check, {**rule.defaults(), **self.settings.rule_options.get(rule.id, {})})
            for rule in self.rules
            if rule.check is not None and finaliser.selects(rule.id)
        ]
        self._run_wide = [
            rule.run_wide for rule in RUN_RULES if rule.run_wide is not None and finaliser.selects(rule.id)
        ]
        self._run_schema = finaliser.selects_family("schema")

    def __reduce__(self) -> tuple[Any, ...]:
        """A linter crosses to a worker process (``spawn``) as a recipe: its schema's document and the files it references, settings and rules.

        A rule of the registry crosses as its id; one of the caller's own (``rules=``) as itself.

        Without a ``now`` in its settings, the worker reads the clock for each file, as this process does.
        """
        schema = self.schema
        bundled = schema.source.removeprefix("bundled:") if schema.source.startswith("bundled:") else None
        settings = self.settings
        crossed = [rule.id if check_for(rule.id) is rule else rule for rule in self.rules]
        document = None if bundled else schema.document
        return _rebuilt, (bundled, document, schema.resources, schema.source, settings, crossed)

    def at(self, now: datetime) -> Linter:
        """This linter judging dates against ``now`` (the time of one run), unless its settings set a time of their own."""
        if self.settings.now is not None:
            return self
        return Linter(self.schema, self.settings._replace(now=now), self.rules)

    def lint_bytes(self, raw: bytes, path: str) -> list[Diagnostic]:
        """Lint a file's raw bytes; ``path`` is the name shown in diagnostics."""
        return self.check_bytes(raw, path).diagnostics

    def lint_text(self, text: str, path: str) -> list[Diagnostic]:
        """Lint a file's decoded text (a leading byte order mark is ignored).

        Text with a lone surrogate, which no UTF-8 file holds, is an ``encoding`` problem at it,
        as the same text's bytes are.
        """
        text = text.removeprefix("\ufeff")
        problem = lone_surrogate(text)
        if problem is not None:
            return self._unreadable(problem, LineIndex(text), path).diagnostics
        return self.check_text(text, path).diagnostics

    def check_bytes(self, raw: bytes, path: str, *, complete: bool = True) -> FileReport:
        """Lint raw bytes, returning the full :class:`FileReport`.

        ``complete`` is false when ``raw`` is only the start of a larger file (see
        :func:`frontlint.reading.files.read_start`): front matter not closed within it is too large.
        """
        text, problem = decode(raw, complete)
        if text is None:
            assert problem is not None
            # Place the problem in the text as far as it decodes.
            return self._unreadable(problem, LineIndex(raw.decode("utf-8", "replace").lstrip("\ufeff")), path)
        return self.check_text(text, path, complete=complete)

    def _unreadable(self, problem: Problem, lines: LineIndex, path: str) -> FileReport:
        """The report of a file that cannot be read at all: ``problem``, placed in its ``lines``."""
        return FileReport(path, self.finaliser.placed([(problem, default_severity(problem.rule))], path, lines, None))

    def check_text(self, text: str, path: str, *, complete: bool = True) -> FileReport:
        """Lint decoded text, returning the full :class:`FileReport`."""
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = LineIndex(text)
        dialect, block, problem = find_block(lines)
        max_size = self.settings.limits.max_front_matter_bytes
        if (block is not None and _utf8_size(text, block.start, block.end, max_size) > max_size) or (
            block is None and not complete
        ):
            problem = _too_large(max_size, dialect.fence)
        if problem is not None:
            return FileReport(
                path, self.finaliser.placed([(problem, default_severity(problem.rule))], path, lines, None)
            )
        assert block is not None
        parsed = dialect.parse(text[block.start : block.end], block.start, lines, self.settings.limits)
        found = [(problem, default_severity(problem.rule)) for problem in parsed.problems]
        if parsed.data is not None or not parsed.problems:
            found.extend(self._data_problems(parsed.data, path, lambda p: _line_of(parsed, lines, p)))
        suppressions = find_suppressions(lines, block, dialect.comment, parsed) if dialect.comment is not None else []
        placed = self.finaliser.placed(found, path, lines, parsed, dialect)
        diagnostics = self.finaliser.suppressed(placed, suppressions, path)
        diagnostics = with_safe_fixes(text, diagnostics, self.settings.limits, dialect, parsed.root)  # as --fix checks
        records = self._records(parsed, lines, suppressions) if self._run_wide else None
        return FileReport(path, sorted_diagnostics(diagnostics), records)

    def validate_data(self, data: Any, path: str = "<data>") -> list[Diagnostic]:
        """Check already-parsed data; diagnostics carry the JSON path but no line or column.

        ``data`` is first turned into what a file's front matter gives
        (:func:`frontlint.reading.records.as_record`: any mapping, a ``.metadata`` holder,
        tuples, timestamps). A key that is not a string is reported (``yaml-key-type``, at the
        mapping that holds it) and left out of what the schema and the rules see.
        """
        return self.check_record(data, path).diagnostics

    def check_record(self, data: Any, path: str, line: int | None = None) -> FileReport:
        """Check one record given as data (see :meth:`validate_data`), with what the run-wide rules collect of it.

        ``line`` is the record's line in a JSON Lines file named ``path``: its diagnostics are
        placed there (column 1, the JSON path first in the message). Without it they have no position.
        """
        # deferred: only records given as data need it, Markdown never: 1.0 ms
        from frontlint.reading.records import UnreadableRecord, as_record

        try:
            data, key_problems = as_record(data, self.settings.limits)
        except UnreadableRecord as unreadable:  # like a file that cannot be read: nothing else is checked
            found = [(problem, default_severity(problem.rule)) for problem in unreadable.problems]
            return FileReport(path, sorted_diagnostics(self.finaliser.unplaced(found, path, line)))
        found = [(problem, default_severity(problem.rule)) for problem in key_problems]
        found.extend(self._data_problems(data, path, lambda _path: None))
        diagnostics = sorted_diagnostics(self.finaliser.unplaced(found, path, line))
        records = {}
        for rule in self._run_wide:
            try:
                record = rule.collect_data(data, line, self.schema.field_plan)
            except Exception as error:
                raise RuleFailed(rule.ID) from error
            if record is not None:
                records[rule.ID] = (record,)
        return FileReport(path, diagnostics, records or None)

    def record_problem(self, problem: Problem, path: str, line: int) -> list[Diagnostic]:
        """The diagnostic of a JSON Lines record that could not be read (``problem.offset``: its 0-based column)."""
        return self.finaliser.unplaced([(problem, default_severity(problem.rule))], path, line)

    def _data_problems(self, data: Any, path: str, line_of: Any) -> list[tuple[Problem, Severity]]:
        """Run the schema and the rules on data; keep one diagnostic per node and cause."""
        rule_found: list[tuple[Problem, Severity, bool]] = []
        per_file = bool(self.settings.per_file_ignores)
        now = self.settings.now or datetime.now(timezone.utc)  # per file: a long-lived linter's "now" moves on
        view = ArticleView(data, self.schema.field_plan)  # the walk the rules share, done once for this file
        for rule, check, options in self._plan:
            if per_file and not self.finaliser.selects(rule.id, path):
                continue
            context = RuleContext(data, path, options, now, line_of, view)
            try:
                rule_found.extend((problem, rule.severity, rule.generic) for problem in check(context))
            except Exception as error:
                raise RuleFailed(rule.id) from error
        specific_paths = {problem.path for problem, _, generic in rule_found if not generic and not problem.at_key}
        all_rule_paths = {problem.path for problem, _, _ in rule_found if not problem.at_key}
        found = [
            (problem, severity)
            for problem, severity, generic in rule_found
            if not (generic and problem.path in specific_paths)
        ]
        if self._run_schema:
            found.extend(
                (problem, default_severity(problem.rule))
                for problem in schema_problems(self.schema, data)
                if value_rank(problem) is None or problem.path not in all_rule_paths
            )
        return found

    def _records(
        self, parsed: ParsedFrontMatter, lines: LineIndex, suppressions: list[Suppression]
    ) -> dict[str, tuple[Any, ...]] | None:
        """What each selected run-wide rule collects of the file, by rule id (``None``: nothing collected)."""
        records = {}
        for rule in self._run_wide:
            try:
                silenced = functools.partial(self.finaliser.silenced, rule.ID, suppressions)
                record = rule.collect(parsed, lines, silenced, self.schema.field_plan)
            except Exception as error:
                raise RuleFailed(rule.ID) from error
            if record is not None:
                records[rule.ID] = (record,)
        return records or None


def _rebuilt(
    bundled: str | None,
    document: Any,
    resources: Mapping[str, Any] | None,
    source: str,
    settings: Settings,
    crossed: list[str | Check],
) -> Linter:
    """The linter a recipe describes (see :meth:`Linter.__reduce__`): a bundled schema by name, any other from its document."""
    schema = load_schema(bundled) if bundled is not None else schema_from_document(document, source, resources)
    rules = [check_for(rule) if isinstance(rule, str) else rule for rule in crossed]
    return Linter(schema, settings, [rule for rule in rules if rule is not None])


def _utf8_size(text: str, start: int, end: int, max_size: int) -> int:
    """The UTF-8 size of ``text[start:end]``, encoding it only when it may matter."""
    if (end - start) * 4 <= max_size:  # no character takes more than 4 bytes
        return end - start
    return len(text[start:end].encode("utf-8", "surrogatepass"))


def _too_large(max_size: int, fence: str) -> Problem:
    """The ``front-matter-too-large`` problem, over the opening ``fence``."""
    return Problem(
        "front-matter-too-large",
        f"front matter is larger than {max_size:,} bytes (max-front-matter-bytes): it is not checked",
        offset=0,
        end_offset=len(fence),
    )


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return diagnostics in report order: path, line, column, rule."""
    return sorted(diagnostics, key=lambda diagnostic: diagnostic.sort_key)


def _line_of(parsed: ParsedFrontMatter, lines: LineIndex, path: DataPath) -> int | None:
    node = parsed.node_at(path)
    return lines.position(parsed.span(node)[0]).line if node is not None else None
