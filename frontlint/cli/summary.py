"""What the command says at the end of a run on stderr: the summary line and the counts per rule."""

from __future__ import annotations

import collections
from collections.abc import Sequence

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.text.terminal_safe import visible


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """Counts per rule, most frequent first: ``  12  error    url-syntax``."""
    counts = collections.Counter((diagnostic.rule, diagnostic.severity) for diagnostic in diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{count:>6}  {severity!s:<8} {visible(rule)}\n" for (rule, severity), count in rows)


def summary_line(
    diagnostics: Sequence[Diagnostic],
    files_checked: int,
    fixed: int = 0,
    fix_mode: str | None = None,
    skipped_links: int = 0,
    files_changed: int = 0,
    records: int = 0,
) -> str:
    """Return the summary line: ``3 errors, 1 warning in 2 of 120 files; 2 fixable with --fix``.

    The diagnostics that carry a fix are counted at the end (not when there are none). With
    --fix, it begins with what was fixed and says what remains: ``fixed 4 problems in 2
    files; ...``; with --diff, it says what would change: ``4 problems would be fixed in 2
    files (of 120 checked)``. Linked files found in a directory but leading out of it (not
    linted) are counted last: ``...; skipped 1 link leading outside the linted directory``.
    When JSON Lines files were linted, their ``records`` are counted next: ``...; 1,000 records checked``.
    """
    return (
        _summary(diagnostics, files_checked, fixed, fix_mode, files_changed)
        + _records_note(records)
        + _skipped_note(skipped_links)
    )


def _records_note(records: int) -> str:
    return f"; {plural(records, 'record')} checked" if records else ""


def _summary(
    diagnostics: Sequence[Diagnostic], files_checked: int, fixed: int, fix_mode: str | None, files_changed: int
) -> str:
    files = plural(files_checked, "file")
    if fix_mode == "diff":
        if not fixed:
            return f"no problems would be fixed in {files}"
        return f"{plural(fixed, 'problem')} would be fixed in {plural(files_changed, 'file')} (of {files_checked:,} checked)"
    prefix = ""
    if fix_mode == "fix":
        changed = f" in {plural(files_changed, 'file')}" if files_changed else ""
        prefix = f"fixed {plural(fixed, 'problem')}{changed}; "
    if not diagnostics:
        return f"{prefix}no problems found in {files}"
    errors = sum(1 for diagnostic in diagnostics if diagnostic.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    affected = len({diagnostic.path for diagnostic in diagnostics})
    fixable = 0 if fix_mode else sum(1 for diagnostic in diagnostics if diagnostic.fix is not None)
    hint = f"; {fixable:,} fixable with --fix" if fixable else ""
    return f"{prefix}{plural(errors, 'error')}, {plural(warnings, 'warning')} in {affected:,} of {files}{hint}"


def _skipped_note(skipped_links: int) -> str:
    if not skipped_links:
        return ""
    if skipped_links == 1:
        return "; skipped 1 link leading outside the linted directory"
    return f"; skipped {skipped_links:,} links leading outside the linted directories"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``; ``many`` is the plural when it is not the noun with an ``s``."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {many or noun + 's'}"
