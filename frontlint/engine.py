"""The engine: reads one file's text, runs the checks, and places every problem in the file.

Rules and the schema both point at data by path; :func:`locate` turns a path into a span of
the file's text and :class:`~frontlint.positions.LineIndex` turns that into lines and
columns. The engine, not the rules, decides severity, selection and suppression.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple

from .diagnostic import DataPath, Diagnostic, Edit, Fix, Problem, Severity, json_path
from .fingerprints import fingerprint
from .positions import LineIndex
from .rules import RULES, RuleContext, RuleModule, duplicate_article
from .rules.article_view import ArticleView
from .schema import Schema, schema_problems, value_rank
from .settings import Settings
from .source import decode, find_front_matter
from .suppressions import SUPPRESSION_CHECKS, Suppression, apply_suppressions, find_suppressions
from .urlnorm import normalize_url
from .yamlread import ParsedFrontMatter, parse_front_matter
from .yamltext import scalar_edits


class WebUrl(NamedTuple):
    """An article's ``webUrl``, normalised, and where it is written (for cross-file checks)."""

    key: str
    value: str
    line: int
    column: int
    end_line: int
    end_column: int
    suppressed: bool = False


class FileReport(NamedTuple):
    """The diagnostics of one file, and what run-wide checks need to know of it."""

    path: str
    diagnostics: list[Diagnostic]
    web_url: WebUrl | None = None


class Linter:
    """Checks front matter against a schema and rules. Build it once; reuse it for every file."""

    def __init__(
        self,
        schema: Schema,
        settings: Settings | None = None,
        rules: Sequence[RuleModule] = RULES,
    ) -> None:
        self.schema = schema
        self.settings = settings or Settings()
        self.rules = tuple(rules)
        # Each selected rule with its options and whether it is generic, worked out once.
        self._plan = [
            (rule, {**rule.OPTIONS, **self.settings.rule_options.get(rule.ID, {})}, getattr(rule, "GENERIC", False))
            for rule in self.rules
            if self.settings.is_selected(rule.ID)
        ]
        self._track_web_urls = self.settings.is_selected(duplicate_article.ID)  # for the run-wide check
        self._run_schema = self.settings.select is None or any(
            selector == "ALL" or selector.startswith("schema")
            for selector in self.settings.select + self.settings.extend_select
        )

    def lint_bytes(self, raw: bytes, path: str) -> list[Diagnostic]:
        """Lint a file's raw bytes; ``path`` is the name shown in diagnostics."""
        return self.check_bytes(raw, path).diagnostics

    def lint_text(self, text: str, path: str) -> list[Diagnostic]:
        """Lint a file's decoded text (a leading byte order mark is ignored)."""
        return self.check_text(text, path).diagnostics

    def check_bytes(self, raw: bytes, path: str, *, complete: bool = True) -> FileReport:
        """Lint raw bytes, returning the full :class:`FileReport`.

        ``complete`` is false when ``raw`` is only the start of a larger file (see
        :func:`frontlint.files.read_start`): front matter not closed within it is too large.
        """
        text, problem = decode(raw, complete)
        if text is None:
            assert problem is not None
            # Place the problem in the text as far as it decodes.
            lines = LineIndex(raw.decode("utf-8", "replace").lstrip("\ufeff"))
            return FileReport(path, [self._place(problem, path, lines, None, Severity.ERROR)])
        return self.check_text(text, path, complete=complete)

    def check_text(self, text: str, path: str, *, complete: bool = True) -> FileReport:
        """Lint decoded text, returning the full :class:`FileReport`."""
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = LineIndex(text)
        block, problem = find_front_matter(lines)
        max_size = self.settings.limits.max_front_matter_bytes
        if block is not None and _utf8_size(text, block.start, block.end, max_size) > max_size or block is None and not complete:
            problem = _too_large(max_size)
        if problem is not None:
            return FileReport(path, self._finish([(problem, Severity.ERROR)], path, lines, None))
        assert block is not None
        parsed = parse_front_matter(text[block.start : block.end], block.start, lines, self.settings.limits)
        found = [(problem, Severity.ERROR) for problem in parsed.problems]
        if parsed.data is not None or not parsed.problems:
            found.extend(self._data_problems(parsed.data, path, lambda p: _line_of(parsed, lines, p)))
        diagnostics = self._finish(found, path, lines, parsed)
        suppressions = find_suppressions(lines, block)
        diagnostics = apply_suppressions(diagnostics, suppressions, path)
        diagnostics = [
            d if d.rule not in SUPPRESSION_CHECKS else d._replace(severity=self.settings.severity(d.rule, d.severity))
            for d in diagnostics
            if d.rule not in SUPPRESSION_CHECKS or self.settings.is_selected(d.rule, path)
        ]
        web_url = self._web_url(parsed, lines, suppressions) if self._track_web_urls else None
        return FileReport(path, sorted_diagnostics(diagnostics), web_url)

    def validate_data(self, data: Any, path: str = "<data>") -> list[Diagnostic]:
        """Check already-parsed data; diagnostics carry the JSON path but no line or column.

        A key that is not a string is reported (``yaml-key-type``, at the mapping that holds
        it) and left out of what the schema and the rules see.
        """
        from .datakeys import without_non_string_keys  # here: the command line never needs it

        data, key_problems = without_non_string_keys(data)
        found = [(problem, Severity.ERROR) for problem in key_problems]
        found.extend(self._data_problems(data, path, lambda _path: None))
        return sorted_diagnostics(
            _unplaced(problem, path, self.settings.severity(problem.rule, problem.severity or default))
            for problem, default in found
            if self.settings.is_selected(problem.rule, path)
        )

    def _data_problems(self, data: Any, path: str, line_of: Any) -> list[tuple[Problem, Severity]]:
        """Run the schema and the rules on data; keep one diagnostic per node and cause."""
        rule_found: list[tuple[Problem, Severity, bool]] = []
        per_file = bool(self.settings.per_file_ignores)
        now = self.settings.now or datetime.now(timezone.utc)  # per file: a long-lived linter's "now" moves on
        view = ArticleView(data)  # the walks the rules share, done once for this file
        for rule, options, generic in self._plan:
            if per_file and not self.settings.is_selected(rule.ID, path):
                continue
            context = RuleContext(data, path, options, now, line_of, view)
            rule_found.extend((problem, rule.SEVERITY, generic) for problem in rule.check(context))
        specific_paths = {problem.path for problem, _, generic in rule_found if not generic and not problem.at_key}
        all_rule_paths = {problem.path for problem, _, _ in rule_found if not problem.at_key}
        found = [
            (problem, severity)
            for problem, severity, generic in rule_found
            if not (generic and problem.path in specific_paths)
        ]
        if self._run_schema:
            found.extend(
                (problem, Severity.ERROR)
                for problem in schema_problems(self.schema, data)
                if value_rank(problem) is None or problem.path not in all_rule_paths
            )
        return found

    def _finish(
        self,
        found: Iterable[tuple[Problem, Severity]],
        path: str,
        lines: LineIndex,
        parsed: ParsedFrontMatter | None,
    ) -> list[Diagnostic]:
        diagnostics = []
        for problem, default in found:
            if self.settings.is_selected(problem.rule, path):
                severity = self.settings.severity(problem.rule, problem.severity or default)
                diagnostics.append(self._place(problem, path, lines, parsed, severity))
        return diagnostics

    @staticmethod
    def _place(
        problem: Problem, path: str, lines: LineIndex, parsed: ParsedFrontMatter | None, severity: Severity
    ) -> Diagnostic:
        start, end = _span(problem, parsed)
        begin = lines.position(start)
        finish = lines.position(end if end > start else start + 1)
        node, in_flow = parsed.scalar_at(problem.path) if parsed is not None else (None, False)
        offending = lines.text[start:end] if (problem.at_key or node is not None) and problem.offset is None else problem.message
        fix = None
        if node is not None and problem.replacement is not None and not problem.at_key:
            assert parsed is not None
            fix = _fix(problem, problem.replacement, parsed.span(node), node.style, in_flow, lines)
        node_path = json_path(problem.path)
        return Diagnostic(
            path=path, line=begin.line, column=begin.column, end_line=finish.line, end_column=finish.column,
            severity=severity, rule=problem.rule, message=problem.message, json_path=node_path,
            help=problem.help, fix=fix, fingerprint=fingerprint(problem.rule, node_path, offending),
        )

    @staticmethod
    def _web_url(parsed: ParsedFrontMatter, lines: LineIndex, suppressions: list[Suppression]) -> WebUrl | None:
        data = parsed.data
        value = data.get("webUrl") if isinstance(data, dict) else None
        if not isinstance(value, str) or not value.strip():
            return None
        node = parsed.node_at(("webUrl",))
        assert node is not None
        start, end = parsed.span(node)
        begin, finish = lines.position(start), lines.position(end)
        suppressed = any(
            suppression.covers(duplicate_article.ID, begin.line) for suppression in suppressions
        )
        return WebUrl(normalize_url(value), value, begin.line, begin.column, finish.line, finish.column, suppressed)


def _fix(problem: Problem, value: str, span: tuple[int, int], style: str | None, in_flow: bool, lines: LineIndex) -> Fix:
    """Turn a problem's replacement value into edits of the scalar's own text (see :mod:`.yamltext`)."""
    text_edits = scalar_edits(lines.text, span[0], span[1], style, value, in_flow)
    edits = tuple(_edit(lines, start, end, content) for start, end, content in text_edits)
    return Fix(problem.help or f"replace the value with {text_edits[0].content}", edits, value)


def _edit(lines: LineIndex, start: int, end: int, content: str) -> Edit:
    begin, finish = lines.position(start), lines.position(end)
    return Edit(begin.line, begin.column, finish.line, finish.column, content)


def _utf8_size(text: str, start: int, end: int, max_size: int) -> int:
    """The UTF-8 size of ``text[start:end]``, encoding it only when it may matter."""
    if (end - start) * 4 <= max_size:  # no character takes more than 4 bytes
        return end - start
    return len(text[start:end].encode("utf-8", "surrogatepass"))


def _too_large(max_size: int) -> Problem:
    return Problem(
        "front-matter-too-large",
        f"front matter is larger than {max_size:,} bytes (max-front-matter-bytes): it is not checked",
        offset=0, end_offset=3,
    )


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return diagnostics in report order: path, line, column, rule."""
    return sorted(diagnostics, key=lambda diagnostic: diagnostic.sort_key)


def locate(parsed: ParsedFrontMatter, path: DataPath, *, at_key: bool = False) -> tuple[int, int]:
    """Return the character span of the node at ``path`` (or of its key).

    Where the node does not exist (a key that is missing), the nearest existing ancestor
    stands in for it.
    """
    if at_key:
        key = parsed.key_node_at(path)
        if key is not None:
            return parsed.span(key)
    while path and parsed.node_at(path) is None:
        path = path[:-1]
    node = parsed.node_at(path)
    return parsed.span(node) if node is not None else (parsed.base, parsed.base)


def _span(problem: Problem, parsed: ParsedFrontMatter | None) -> tuple[int, int]:
    if problem.offset is not None:
        end = problem.end_offset if problem.end_offset is not None else problem.offset
        return problem.offset, end
    assert parsed is not None
    return locate(parsed, problem.path, at_key=problem.at_key)


def _line_of(parsed: ParsedFrontMatter, lines: LineIndex, path: DataPath) -> int | None:
    node = parsed.node_at(path)
    return lines.position(parsed.span(node)[0]).line if node is not None else None


def _unplaced(problem: Problem, path: str, severity: Severity) -> Diagnostic:
    node_path = json_path(problem.path)
    return Diagnostic(
        path=path, line=None, column=None, end_line=None, end_column=None,
        severity=severity, rule=problem.rule, message=problem.message, json_path=node_path,
        help=problem.help, fingerprint=fingerprint(problem.rule, node_path, problem.message),
    )
