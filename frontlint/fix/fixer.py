"""Applying fixes: edit the exact spans, keep every other byte, write files atomically."""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from frontlint.checking.engine import FileReport, Linter
from frontlint.diagnostic import Diagnostic, Fix
from frontlint.dialects import dialect_for
from frontlint.dialects.base import FrontMatterDialect
from frontlint.editing.edits import apply_edits, non_overlapping
from frontlint.editing.read_back import fixes_hold
from frontlint.reading.front_matter import decode
from frontlint.reading.limits import Limits
from frontlint.text.terminal_safe import diff_path

# A fix can reveal another, and values shared through aliases chain them: one value may need
# its entities decoded, then its spaces collapsed, then percent-encoded, and each AMP Cache
# URL that is also the next entry's AMP URL then follows the one before it (three hops at
# most: a cache host's label outgrows 63 characters). The bound is well above that chain,
# so that a second --fix finds nothing left; it only stops rules that would never settle.
MAX_PASSES = 16


@dataclass(frozen=True)
class FixResult:
    """A text after fixing, the diagnostics that remain, and how many were fixed."""

    text: str
    remaining: list[Diagnostic]
    fixed: int


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], limits: Limits = Limits()) -> FixResult:
    """Lint ``text``, apply every fix whose edits do not overlap another's, and lint again.

    Repeats while fixes apply (at most :data:`MAX_PASSES` times), so that a fix that makes
    way for another is followed by it. Each pass's edits are checked before they are kept
    (:func:`frontlint.editing.read_back.fixes_hold`, under ``limits``): a fix that would break the
    file or change anything but its own value is dropped, and its diagnostic stays. The text is
    read back in its own front-matter dialect (:func:`frontlint.dialects.dialect_for`).
    Returns the final text and its diagnostics.
    """
    fixed = 0
    dialect = dialect_for(text)
    diagnostics = lint(text)
    for _ in range(MAX_PASSES):
        chosen = non_overlapping([d.fix for d in diagnostics if d.fix is not None])
        new_text, kept = _apply_checked(text, chosen, limits, dialect)
        if new_text == text:
            break
        fixed += kept
        text, diagnostics = new_text, lint(new_text)
    return FixResult(text, diagnostics, fixed)


def _apply_checked(text: str, fixes: list[Fix], limits: Limits, dialect: FrontMatterDialect) -> tuple[str, int]:
    """Apply the fixes that hold: all at once when they do, else each that holds with those before it."""
    if not fixes:
        return text, 0
    candidate = _apply_fixes(text, fixes)
    if fixes_hold(text, candidate, fixes, limits, dialect):
        return candidate, len(fixes)
    kept: list[Fix] = []
    for fix in fixes:
        if fixes_hold(text, _apply_fixes(text, kept + [fix]), kept + [fix], limits, dialect):
            kept.append(fix)
    return _apply_fixes(text, kept), len(kept)


def _apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    return apply_edits(text, [edit for fix in fixes for edit in fix.edits])


@dataclass(frozen=True)
class FileFix:
    """A file's report after fixing, its new bytes (``None`` when unchanged), and its diff."""

    report: FileReport
    new_bytes: bytes | None
    diff: str
    fixed: int


def fix_file(linter: Linter, raw: bytes, path: str) -> FileFix:
    """Fix one file's bytes: its byte order mark and every byte outside the fixed spans stay."""
    text, _ = decode(raw)
    if text is None:  # not UTF-8: nothing can be fixed, only reported
        return FileFix(linter.check_bytes(raw, path), None, "", 0)
    reports: list[FileReport] = []

    def lint(candidate: str) -> list[Diagnostic]:
        reports.append(linter.check_text(candidate, path))
        return reports[-1].diagnostics

    result = fix_text(text, lint, linter.settings.limits)
    if result.text == text:
        return FileFix(reports[-1], None, "", 0)
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""  # in the diff too, or it would not apply
    new_bytes = (bom + result.text).encode("utf-8", "surrogatepass")
    return FileFix(reports[-1], new_bytes, unified_diff(path, bom + text, bom + result.text), result.fixed)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's text, as ``--diff`` prints it (empty when unchanged).

    The ``---``/``+++`` headers name the file as git does (:func:`frontlint.text.terminal_safe.diff_path`):
    a name with a line break, a control character or a bidirectional override is C-quoted,
    so that it stays on its header line and ``git apply`` or ``patch -p1`` find that file.
    """
    lines = difflib.unified_diff(
        _patch_lines(before),
        _patch_lines(after),
        fromfile=diff_path("a/", path),
        tofile=diff_path("b/", path),
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _patch_lines(text: str) -> list[str]:
    """Split ``text`` into lines as ``patch`` and ``git apply`` do: each ends at ``\\n`` only.

    A lone ``\\r`` (an old Mac line end, or a stray one) stays inside its line, so that the
    diff of such a file still applies.
    """
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
