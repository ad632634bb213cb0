"""Inline suppressions written as YAML comments inside the front matter.

``# frontlint: ignore[rule-id, ...]`` at the end of a line silences those rules on that
line; ``# frontlint: ignore-file[rule-id, ...]`` on a line of its own silences them in the
whole file. Ids may be prefixes (``schema`` silences every ``schema/*``). A suppression
that silences nothing is reported as ``unused-ignore``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .diagnostic import Diagnostic, Severity
from .fingerprints import fingerprint
from .positions import LineIndex
from .settings import ALWAYS_ON, matches

if TYPE_CHECKING:
    from .source import FrontMatterBlock

UNUSED_IGNORE = "unused-ignore"
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*frontlint:\s*(ignore|ignore-file)\[([^\]]*)\]\s*$")
_OWN_LINE = re.compile(r"^\s*#")
# Rules whose findings depend on other files: whether they fire is not known per file.
_CROSS_FILE_RULES = frozenset({"duplicate-article"})


class Suppression:
    """One ``ignore`` directive: where it is written, what it silences, and what it did.

    ``used`` collects the selectors that silenced something (filled in while diagnostics are
    filtered), so that the unused ones can be reported.
    """

    __slots__ = ("line", "column", "end_column", "rules", "whole_file", "used")

    def __init__(self, line: int, column: int, end_column: int, rules: tuple[str, ...], whole_file: bool) -> None:
        self.line = line
        self.column = column
        self.end_column = end_column
        self.rules = rules
        self.whole_file = whole_file
        self.used: set[str] = set()

    def __repr__(self) -> str:
        kind = "ignore-file" if self.whole_file else "ignore"
        return f"Suppression({kind}{list(self.rules)} at {self.line}:{self.column}, used={sorted(self.used)})"

    def silences(self, diagnostic: Diagnostic) -> str | None:
        """Return the selector that silences ``diagnostic``, if this directive covers it."""
        return self.selector_for(diagnostic.rule, diagnostic.line)

    def covers(self, rule_id: str, line: int | None) -> bool:
        """Whether this directive silences ``rule_id`` on ``line``."""
        return self.selector_for(rule_id, line) is not None

    def selector_for(self, rule_id: str, line: int | None) -> str | None:
        """Return the selector of this directive that silences ``rule_id`` on ``line``, if any."""
        if rule_id in ALWAYS_ON or (not self.whole_file and line != self.line):
            return None
        return next((rule for rule in self.rules if matches(rule, rule_id)), None)


def find_suppressions(lines: LineIndex, block: FrontMatterBlock) -> list[Suppression]:
    """Find the directives in the front matter ``block`` (the lines between its fences)."""
    found: list[Suppression] = []
    if lines.text.find("frontlint:", block.start, block.end) < 0:  # the common case: no directive at all
        return found
    first_line, last_line = block.opening_line + 1, block.closing_line - 1
    for line in range(first_line, last_line + 1):
        text = lines.line_text(line)
        if "frontlint:" not in text:
            continue
        match = _DIRECTIVE.search(text)
        if match is None:
            continue
        whole_file = match.group(1) == "ignore-file"
        if whole_file and not _OWN_LINE.match(text):
            continue
        rules = tuple(part.strip() for part in match.group(2).split(",") if part.strip())
        column = text.index("#", match.start()) + 1
        found.append(Suppression(line, column, len(text) + 1, rules, whole_file))
    return found


def apply_suppressions(
    diagnostics: list[Diagnostic], suppressions: list[Suppression], path: str
) -> list[Diagnostic]:
    """Drop silenced diagnostics and add an ``unused-ignore`` warning for each unused id."""
    if not suppressions:
        return diagnostics
    kept = []
    for diagnostic in diagnostics:
        silenced = False
        for suppression in suppressions:
            selector = suppression.silences(diagnostic)
            if selector is not None:
                suppression.used.add(selector)
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    for suppression in suppressions:
        for rule in suppression.rules:
            if rule in suppression.used or rule in _CROSS_FILE_RULES:
                continue
            scope = "in this file" if suppression.whole_file else "on this line"
            message = f"unused suppression: no {rule!r} diagnostic {scope} to silence"
            kept.append(Diagnostic(
                path=path, line=suppression.line, column=suppression.column,
                end_line=suppression.line, end_column=suppression.end_column,
                severity=Severity.WARNING, rule=UNUSED_IGNORE, message=message,
                fingerprint=fingerprint(UNUSED_IGNORE, "$", message),
            ))
    return kept
