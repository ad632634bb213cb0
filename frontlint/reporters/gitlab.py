"""The ``gitlab`` format: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues in the subset of the Code Climate format that GitLab reads::

    [
      {
        "description": "[url-syntax] URL has no scheme: ...",
        "check_name": "url-syntax",
        "fingerprint": "5c1e0f...",
        "severity": "major",
        "location": {"path": "news/a.md", "lines": {"begin": 7, "end": 7}}
      }
    ]

``severity`` is ``major`` for an error and ``minor`` for a warning. GitLab compares the
reports of two pipelines by ``fingerprint``, so it must not depend on line numbers, and it
must be unique within a report (GitLab shows only one issue per fingerprint): it is a hash
of the path and the diagnostic's own fingerprint (rule, JSON path, offending value). Should
two diagnostics still share one, the later ones are told apart, deterministically, by
their rank among the diagnostics that share it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reporters.base import ReportContext
from frontlint.reporters.common import dump_json, identity, last_line


def report_gitlab(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return the Code Quality report as indented JSON, ending in a line break."""
    taken: set[str] = set()
    issues = []
    for diagnostic in diagnostics:
        fingerprint = _unique_fingerprint(diagnostic, taken)
        taken.add(fingerprint)
        begin = diagnostic.line or 1
        issues.append(_issue(diagnostic, fingerprint, begin, last_line(diagnostic) or begin))
    return dump_json(issues)


def _issue(diagnostic: Diagnostic, fingerprint: str, begin: int, end: int) -> dict[str, Any]:
    return {
        "description": f"[{diagnostic.rule}] {diagnostic.message}",
        "check_name": diagnostic.rule,
        "fingerprint": fingerprint,
        "severity": "major" if diagnostic.severity is Severity.ERROR else "minor",
        "location": {"path": diagnostic.path, "lines": {"begin": begin, "end": end}},
    }


def _unique_fingerprint(diagnostic: Diagnostic, taken: set[str]) -> str:
    base = f"{diagnostic.path}\0{identity(diagnostic)}"
    fingerprint, rank = _digest(base), 0
    while fingerprint in taken:
        rank += 1
        fingerprint = _digest(f"{base}\0{rank}")
    return fingerprint


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
