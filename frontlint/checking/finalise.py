"""The one place where a problem found becomes a reported diagnostic: selection, severity, placement, suppression.

Rules, the schema and the built-in checks report :class:`~frontlint.diagnostic.Problem`\\ s (or,
for the run-wide rules and the suppression checks, unplaced-by-the-engine diagnostics). A
:class:`Finaliser`, one per :class:`~frontlint.settings.resolved.Settings`, decides which of them are
reported in a file (``select``, ``ignore``, ``per-file-ignores``), at which severity, where
(a data path turned into a span of the file), and which an inline suppression silences.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from frontlint.checking.suppressions import SUPPRESSION_CHECKS, Suppression, apply_suppressions
from frontlint.diagnostic import DataPath, Diagnostic, Edit, Fix, Problem, Severity, json_path
from frontlint.reading.positions import LineIndex
from frontlint.settings.resolved import Settings
from frontlint.text.fingerprints import fingerprint

if TYPE_CHECKING:
    from yaml.nodes import ScalarNode

    from frontlint.dialects.base import FrontMatterDialect
    from frontlint.reading.yaml_nodes import ParsedFrontMatter

# A problem with the severity it has when neither it nor the configuration says otherwise.
Found = tuple[Problem, Severity]


class Finaliser:
    """Turns the problems found in one file into the diagnostics reported, as ``settings`` say."""

    def __init__(self, settings: Settings, run_wide: Collection[str] = ()) -> None:
        """``run_wide`` are the ids of the rules whose diagnostics depend on other files."""
        self.settings = settings
        self.run_wide = frozenset(run_wide)

    def selects(self, rule_id: str, path: str | None = None) -> bool:
        """Whether diagnostics of ``rule_id`` are reported (in the file ``path``, if given)."""
        return self.settings.is_selected(rule_id, path)

    def selects_family(self, family: str) -> bool:
        """Whether any id of ``family`` (``schema``: every ``schema/<keyword>``) may be reported: if not, it is not checked."""
        return self.settings.selects_family(family)

    def severity(self, rule_id: str, path: str, default: Severity) -> Severity | None:
        """The one decision on every diagnostic: ``None`` if the settings do not report ``rule_id`` in the file
        ``path`` (``select``, ``ignore``, ``per-file-ignores``), else its severity (configured, or ``default``)."""
        settings = self.settings
        return settings.severity(rule_id, default) if settings.is_selected(rule_id, path) else None

    def placed(
        self,
        found: Iterable[Found],
        path: str,
        lines: LineIndex,
        parsed: ParsedFrontMatter | None,
        dialect: FrontMatterDialect | None = None,
    ) -> list[Diagnostic]:
        """The selected problems of a file, at their severity, placed in its text.

        ``dialect``, the front matter's (given with ``parsed``), writes each fix's edits; without it
        a fix is only a suggestion.
        """
        return [
            _place(problem, path, lines, parsed, severity, dialect)
            for problem, default in found
            if (severity := self.severity(problem.rule, path, problem.severity or default)) is not None
        ]

    def unplaced(self, found: Iterable[Found], path: str, line: int | None = None) -> list[Diagnostic]:
        """The selected problems of already-parsed data, at their severity, with a JSON path but no position.

        With ``line`` (a record's line in a JSON Lines file) each is placed on that line: see :func:`at_record_line`.
        """
        return [
            _unplaced(problem, path, severity)
            if line is None
            else at_record_line(_unplaced(problem, path, severity), line, problem.offset)
            for problem, default in found
            if (severity := self.severity(problem.rule, path, problem.severity or default)) is not None
        ]

    def suppressed(self, diagnostics: list[Diagnostic], suppressions: list[Suppression], path: str) -> list[Diagnostic]:
        """Drop what the file's suppressions silence; add the selected ``invalid-ignore`` / ``unused-ignore`` warnings."""
        kept = []
        for diagnostic in apply_suppressions(diagnostics, suppressions, path, self.run_wide):
            if diagnostic.rule not in SUPPRESSION_CHECKS:
                kept.append(diagnostic)  # already finalised
            elif (severity := self.severity(diagnostic.rule, path, diagnostic.severity)) is not None:
                kept.append(diagnostic._replace(severity=severity))
        return kept

    @staticmethod
    def silenced(rule_id: str, suppressions: Iterable[Suppression], line: int) -> bool:
        """Whether a suppression silences ``rule_id`` on ``line`` (for a run-wide rule's record, decided in its file)."""
        return any(suppression.covers(rule_id, line) for suppression in suppressions)

    def run_wide_diagnostic(self, diagnostic: Diagnostic) -> Diagnostic | None:
        """A run-wide rule's diagnostic as its file's settings report it, or ``None`` if they do not select it."""
        severity = self.severity(diagnostic.rule, diagnostic.path, diagnostic.severity)
        if severity is None:
            return None
        if diagnostic.line is not None and diagnostic.column is None:  # a record of a JSON Lines file
            diagnostic = at_record_line(diagnostic, diagnostic.line, None)
        return diagnostic._replace(severity=severity)


def at_record_line(diagnostic: Diagnostic, line: int, column: int | None) -> Diagnostic:
    """A diagnostic of a JSON Lines record, placed on the record's ``line``: ``FILE:LINE:COL``.

    The whole line is its range, from the 0-based ``column`` the reader gives (a syntax
    error's) or the first; the JSON path of the node, unless it is the record itself, starts
    the message (``$.related[0].webUrl: URL has no scheme …``), since a line holds a whole record.
    """
    message = diagnostic.message if diagnostic.json_path == "$" else f"{diagnostic.json_path}: {diagnostic.message}"
    return diagnostic._replace(line=line, column=(column or 0) + 1, end_line=line + 1, end_column=1, message=message)


def _place(
    problem: Problem,
    path: str,
    lines: LineIndex,
    parsed: ParsedFrontMatter | None,
    severity: Severity,
    dialect: FrontMatterDialect | None,
) -> Diagnostic:
    """The diagnostic of ``problem`` at its span of the file (with its fix, if it has one and ``dialect`` can write it)."""
    start, end = _span(problem, parsed)
    begin = lines.position(start)
    finish = lines.position(end if end > start else start + 1)
    node, in_flow = parsed.scalar_at(problem.path) if parsed is not None else (None, False)
    offending = (
        lines.text[start:end] if (problem.at_key or node is not None) and problem.offset is None else problem.message
    )
    fix, advice = None, problem.help
    if node is not None and problem.replacement is not None and not problem.at_key:
        assert parsed is not None
        fix = (
            None
            if dialect is None
            else _fix(problem, problem.replacement, parsed.span(node), node, in_flow, lines, dialect)
        )
        if fix is None:  # the dialect cannot write it safely: a suggestion, which --fix never applies
            advice = problem.help or f"replace the value with {json.dumps(problem.replacement, ensure_ascii=False)}"
    node_path = json_path(problem.path)
    return Diagnostic(
        path=path,
        line=begin.line,
        column=begin.column,
        end_line=finish.line,
        end_column=finish.column,
        severity=severity,
        rule=problem.rule,
        message=problem.message,
        json_path=node_path,
        help=advice,
        fix=fix,
        fingerprint=fingerprint(problem.rule, node_path, offending),
    )


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


def _fix(
    problem: Problem,
    value: str,
    span: tuple[int, int],
    node: ScalarNode,
    in_flow: bool,
    lines: LineIndex,
    dialect: FrontMatterDialect,
) -> Fix | None:
    """Turn a problem's replacement value into edits of the scalar's own text, as its ``dialect`` writes it.

    ``None`` where the dialect has no safe edit for it (see
    :meth:`~frontlint.dialects.base.FrontMatterDialect.scalar_edits`).
    """
    text_edits = dialect.scalar_edits(lines.text, span[0], span[1], node, value, in_flow)
    if not text_edits:
        return None
    edits = tuple(_edit(lines, start, end, content) for start, end, content in text_edits)
    return Fix(problem.help or f"replace the value with {text_edits[0].content}", edits, value)


def _edit(lines: LineIndex, start: int, end: int, content: str) -> Edit:
    begin, finish = lines.position(start), lines.position(end)
    return Edit(begin.line, begin.column, finish.line, finish.column, content)


def _unplaced(problem: Problem, path: str, severity: Severity) -> Diagnostic:
    node_path = json_path(problem.path)
    return Diagnostic(
        path=path,
        line=None,
        column=None,
        end_line=None,
        end_column=None,
        severity=severity,
        rule=problem.rule,
        message=problem.message,
        json_path=node_path,
        help=problem.help,
        fingerprint=fingerprint(problem.rule, node_path, problem.message),
    )
