"""The values frontlint reports: severities, problems found in data, and diagnostics in files.

The value classes are named tuples rather than dataclasses: they are as immutable and typed,
cheaper to create (a lint run makes thousands), and importing them does not cost the
``dataclasses`` module, which alone is a tenth of a one-file run's wall time.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

PathElement = str | int
DataPath = tuple[PathElement, ...]


class Severity(str, enum.Enum):
    """How serious a diagnostic is. Only errors make the command fail (exit 1)."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Problem(NamedTuple):
    """Something wrong, found by the reader, the schema or a rule, before it has a position.

    A problem points at data by its path (``("related", 2, "webUrl")``); ``at_key`` points at
    the mapping key of that path instead of its value. Problems found in the text itself (a
    syntax error, a bad byte) carry character offsets into the file text instead.
    ``help`` says how to fix it; ``replacement`` is the string value that fixes it, where a
    rule knows it for sure (the engine turns it into an edit of the value's exact span).
    """

    rule: str
    message: str
    path: DataPath = ()
    at_key: bool = False
    offset: int | None = None
    end_offset: int | None = None
    severity: Severity | None = None
    help: str | None = None
    replacement: str | None = None


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column), exclusive, 1-based."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


class Fix(NamedTuple):
    """An unambiguous fix: edits of the file's text that make the diagnostic go away.

    ``value`` is the string the fixed scalar holds afterwards (what the rule asked for); the
    fixer checks the edited text reads back as exactly that.
    """

    description: str
    edits: tuple[Edit, ...]
    value: str | None = None


class Diagnostic(NamedTuple):
    """One problem in one file, with its 1-based position in that file.

    ``line``/``column`` are ``None`` only for data checked without a source text
    (:func:`frontlint.validate_data`). ``end_line``/``end_column`` mark the end of the
    offending node, exclusive. ``json_path`` names the node (``$.related[2].webUrl``).
    ``help`` says how to fix the problem, where the rule knows; ``fix`` holds the edits
    that do it, where they are unambiguous and pass the read-back of ``--fix``.
    ``fingerprint`` identifies the problem independently of its line: a hash of the rule,
    the JSON path and the offending value (stable across edits elsewhere in the file; used
    by baselines, SARIF and GitLab).
    """

    path: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    severity: Severity
    rule: str
    message: str
    json_path: str = "$"
    help: str | None = None
    fix: Fix | None = None
    fingerprint: str = ""

    def format(self) -> str:
        """Return the compiler-style line ``path:line:col: severity: message [rule]``.

        A diagnostic of data (no line: :func:`frontlint.validate_data`) names its node instead:
        ``<data>:$.related[2].webUrl: error: message [rule]``.
        """
        where = f"{self.path}:{self.json_path}" if self.line is None else f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then rule id and message."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)


def json_path(path: DataPath) -> str:
    """Render a data path as a JSONPath-style string: ``$.related[2].webUrl``."""
    parts = ["$"]
    for element in path:
        if isinstance(element, int):
            parts.append(f"[{element}]")
        elif element.isidentifier():
            parts.append(f".{element}")
        else:
            parts.append("[" + _quote(element) + "]")
    return "".join(parts)


def _quote(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"
