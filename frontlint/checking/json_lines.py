"""Check a JSON Lines stream: every line a record that the JSON dialect reads, judged as the same front matter in a file, placed at its line."""

from __future__ import annotations

from typing import IO, Any

from frontlint.checking.engine import FileReport, Linter, sorted_diagnostics
from frontlint.diagnostic import Diagnostic, Problem
from frontlint.dialects.json_dialect import JSON_RECORDS
from frontlint.reading.json_lines import JsonLine, read_json_lines
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex


def check_json_lines(linter: Linter, stream: IO[bytes], path: str) -> FileReport:
    """Check every record of the JSON Lines ``stream`` named ``path``, one line at a time.

    Each diagnostic is at its record's line (``path:LINE:COL``; see
    :func:`frontlint.checking.finalise.at_record_line`); a line that cannot be read is a
    diagnostic of that line and the others are still checked. The report's records hold
    what the run-wide rules collected of each record, in order, each with its line, and their number.
    """
    diagnostics: list[Diagnostic] = []
    collected: dict[str, list[Any]] = {}
    count = 0
    limits = linter.settings.limits
    for record in read_json_lines(stream, limits):
        count += 1
        data, problem = _read_record(record, limits)
        if problem is not None:
            diagnostics.extend(linter.record_problem(problem, path, record.line))
            continue
        report = linter.check_record(data, path, record.line)
        diagnostics.extend(report.diagnostics)
        for rule_id, found in (report.records or {}).items():
            collected.setdefault(rule_id, []).extend(found)
    records = {rule_id: tuple(found) for rule_id, found in collected.items()}
    return FileReport(path, sorted_diagnostics(diagnostics), records or None, count)


def _read_record(record: JsonLine, limits: Limits) -> tuple[Any, Problem | None]:
    """A line's record as the JSON dialect reads a record (:data:`~frontlint.dialects.json_dialect.JSON_RECORDS`), or the problem that stops it."""
    if record.problem is not None:
        return None, record.problem
    parsed = JSON_RECORDS.parse(record.text, 0, LineIndex(record.text), limits)
    return parsed.data, (parsed.problems[0] if parsed.problems else None)
