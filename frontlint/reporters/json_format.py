"""The ``json`` format: one JSON document with every field of every diagnostic.

The document is described by ``schemas/diagnostics.schema.json`` (shipped in the package
as ``frontlint/schemas/diagnostics.schema.json``); ``version`` changes only when a field
changes meaning or goes away, never when one is added::

    {
      "version": 1,
      "tool": {"name": "frontlint", "version": "0.1.0"},
      "files": 3,
      "diagnostics": [
        {"path": "a.md", "line": 7, "column": 9, "end_line": 7, "end_column": 30,
         "severity": "error", "rule": "url-syntax", "message": "...", "json_path": "$.webUrl",
         "help": null, "fix": null, "fingerprint": "1f0c..."}
      ]
    }

Positions are 1-based, ends exclusive, columns in characters (code points); they are
``null`` only for data checked without a file. ``fix`` is ``null`` or
``{"description": ..., "edits": [{"line", "column", "end_line", "end_column", "content"}]}``:
a fix is given only where ``--fix`` would make it (:func:`frontlint.editing.read_back.with_safe_fixes`).
Text is written as is (not ASCII-escaped); a file name that is not UTF-8 keeps its odd
bytes as ``\\udcxx`` escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from frontlint.diagnostic import Diagnostic, Fix
from frontlint.reporters.base import ReportContext
from frontlint.reporters.common import dump_json, identity

FORMAT_VERSION = 1


def report_json(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return the JSON document, indented, ending in a line break."""
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "frontlint", "version": context.tool_version},
        "files": len(context.files),
        "diagnostics": [diagnostic_record(diagnostic) for diagnostic in diagnostics],
    }
    return dump_json(document)


def diagnostic_record(diagnostic: Diagnostic) -> dict[str, Any]:
    """Every field of a diagnostic, as JSON values."""
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "severity": str(diagnostic.severity),
        "rule": diagnostic.rule,
        "message": diagnostic.message,
        "json_path": diagnostic.json_path,
        "help": diagnostic.help,
        "fix": _fix_record(diagnostic.fix),
        "fingerprint": identity(diagnostic),
    }


def _fix_record(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "description": fix.description,
        "edits": [
            {
                "line": edit.line,
                "column": edit.column,
                "end_line": edit.end_line,
                "end_column": edit.end_column,
                "content": edit.content,
            }
            for edit in fix.edits
        ],
    }
