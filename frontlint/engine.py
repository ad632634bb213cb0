"""The engine: reads one file's text, runs the checks, and places every problem in the file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .diagnostic import DataPath, Diagnostic, Problem, Severity, json_path
from .positions import LineIndex
from .schema import Schema, schema_problems
from .source import decode, find_front_matter
from .yamlread import ParsedFrontMatter, parse_front_matter


class Linter:
    """Checks front matter against one schema. Build it once and reuse it for every file."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def lint_bytes(self, raw: bytes, path: str) -> list[Diagnostic]:
        """Lint a file's raw bytes; ``path`` is the name shown in diagnostics."""
        text, problem = decode(raw)
        if text is None:
            assert problem is not None
            return self._place_in_bytes(raw, problem, path)
        return self.lint_text(text, path)

    def lint_text(self, text: str, path: str) -> list[Diagnostic]:
        """Lint a file's decoded text (a leading byte order mark is ignored)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = LineIndex(text)
        block, problem = find_front_matter(lines)
        if block is None:
            assert problem is not None
            return [_place(problem, path, lines, None)]
        parsed = parse_front_matter(text[block.start : block.end], block.start, lines)
        problems = list(parsed.problems)
        if parsed.data is not None or not problems:
            problems.extend(schema_problems(self.schema, parsed.data))
        return sorted_diagnostics(_place(problem, path, lines, parsed) for problem in problems)

    def validate_data(self, data: Any, path: str = "<data>") -> list[Diagnostic]:
        """Check already-parsed data; diagnostics carry the JSON path but no line or column."""
        return sorted_diagnostics(_unplaced(problem, path) for problem in schema_problems(self.schema, data))

    def _place_in_bytes(self, raw: bytes, problem: Problem, path: str) -> list[Diagnostic]:
        # The file could not be decoded: place the problem in the text decoded so far.
        text = raw.decode("utf-8", "replace").lstrip("\ufeff")
        return [_place(problem, path, LineIndex(text), None)]


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return diagnostics in report order: path, line, column, rule."""
    return sorted(diagnostics, key=lambda diagnostic: diagnostic.sort_key)


def _span(problem: Problem, parsed: ParsedFrontMatter | None) -> tuple[int, int]:
    if problem.offset is not None:
        end = problem.end_offset if problem.end_offset is not None else problem.offset
        return problem.offset, end
    assert parsed is not None
    return locate(parsed, problem.path, at_key=problem.at_key)


def locate(parsed: ParsedFrontMatter, path: DataPath, *, at_key: bool = False) -> tuple[int, int]:
    """Return the character span of the node at ``path`` (or of its key).

    Where the node does not exist (a key that is missing), the nearest existing ancestor
    stands in for it.
    """
    if at_key and path in parsed.key_spans:
        return parsed.key_spans[path]
    while path and path not in parsed.value_spans:
        path = path[:-1]
    return parsed.value_spans.get(path, (0, 0))


def _place(problem: Problem, path: str, lines: LineIndex, parsed: ParsedFrontMatter | None) -> Diagnostic:
    start, end = _span(problem, parsed)
    begin = lines.position(start)
    finish = lines.position(end if end > start else start + 1)
    return Diagnostic(
        path=path,
        line=begin.line,
        column=begin.column,
        end_line=finish.line,
        end_column=finish.column,
        severity=problem.severity or Severity.ERROR,
        rule=problem.rule,
        message=problem.message,
        json_path=json_path(problem.path),
    )


def _unplaced(problem: Problem, path: str) -> Diagnostic:
    return Diagnostic(
        path=path, line=None, column=None, end_line=None, end_column=None,
        severity=problem.severity or Severity.ERROR, rule=problem.rule,
        message=problem.message, json_path=json_path(problem.path),
    )
