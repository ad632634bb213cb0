"""Code actions: each fixable diagnostic's quick fix, "ignore <rule> on this line", and "fix all in file".

A quick fix is the diagnostic's own edits (:attr:`frontlint.diagnostic.Fix.edits`), those ``--fix``
applies: a diagnostic has them only where ``--fix``'s read-back keeps them made alone
(:func:`frontlint.editing.read_back.with_safe_fixes`), so no quick fix renames a key or outgrows the
size limit; "fix all" is ``--fix`` itself (:func:`frontlint.fix.fixer.fix_file`) on the editor's text,
as one edit of the whole document. "Ignore" writes the inline suppression
:mod:`frontlint.checking.suppressions` reads (``# frontlint: ignore[rule]``, in the comment syntax of
the document's dialect) at the end of the diagnostic's line, or adds the rule to the one already
there; it is offered only where the dialect has comments and the text so changed, linted again, no
longer has that diagnostic (a line inside a multi-line string cannot take a comment).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lsprotocol import types

from frontlint.checking.suppressions import SUPPRESSION_CHECKS
from frontlint.diagnostic import Diagnostic, Edit
from frontlint.dialects import dialect_for
from frontlint.editing.edits import apply_edits
from frontlint.fix.fixer import fix_file
from frontlint.lsp.diagnostics import diagnostic_range, lsp_diagnostic, lsp_range
from frontlint.lsp.documents import Linted
from frontlint.lsp.positions import DocumentPositions
from frontlint.reading.positions import LineIndex
from frontlint.registry import ALWAYS_ON

# Where the ignore comments written together break the text, how many are checked one by one.
_MOST_CHECKED_ALONE = 10
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.frontlint"
# An ignore directive already on the line (after the dialect's comment marker): the rule is added inside its brackets.
_DIRECTIVE = r"\s*frontlint\s*:\s*ignore\[(?P<ids>[^\]]*)\]"


def code_actions(
    linted: Linted,
    positions: DocumentPositions,
    uri: str,
    wanted: types.Range,
    only: Iterable[str] | None = None,
    fixing_all: Callable[[], types.CodeAction | None] | None = None,
) -> list[types.CodeAction]:
    """The actions for the diagnostics whose lines meet ``wanted``, and fix-all; of the kinds ``only`` allows.

    ``fixing_all`` gives the fix-all action (:func:`fix_all` of the document, by default): the
    server keeps it for as long as the text does not change, as it costs a ``--fix``.
    """
    kinds = list(only) if only is not None else None
    shown = [d for d in linted.diagnostics if _meets(diagnostic_range(positions, d), wanted)]
    actions: list[types.CodeAction] = []
    quick = _allowed(types.CodeActionKind.QuickFix, kinds)
    ignorable = _ignorable(linted, positions, shown) if quick else {}
    for diagnostic in shown:
        if diagnostic.fix is not None and quick:
            actions.append(quick_fix(positions, uri, diagnostic))
        edit = ignorable.pop((diagnostic.rule, diagnostic.line), None)  # one "ignore" per rule and line
        if edit is not None:
            actions.append(ignore_on_line(positions, uri, diagnostic, edit))
    if _allowed(FIX_ALL_KIND, kinds):
        fixing = fixing_all() if fixing_all is not None else fix_all(linted, positions, uri)
        if fixing is not None:
            actions.append(fixing)
    return actions


def _meets(shown: types.Range, wanted: types.Range) -> bool:
    return shown.start.line <= wanted.end.line and shown.end.line >= wanted.start.line


def _allowed(kind: str, only: list[str] | None) -> bool:
    """Whether an action of ``kind`` is asked for: ``only`` names it or a kind above it (``source`` takes ``source.fixAll``)."""
    return only is None or any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


def _edit(positions: DocumentPositions, edit: Edit) -> types.TextEdit:
    return types.TextEdit(lsp_range(positions, edit.line, edit.column, edit.end_line, edit.end_column), edit.content)


def _workspace_edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def quick_fix(positions: DocumentPositions, uri: str, diagnostic: Diagnostic) -> types.CodeAction:
    """The fix of one diagnostic: its edits, as ``--fix`` makes them."""
    assert diagnostic.fix is not None
    return types.CodeAction(
        title=f"{diagnostic.fix.description} ({diagnostic.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(positions, diagnostic)],
        is_preferred=True,
        edit=_workspace_edit(uri, [_edit(positions, edit) for edit in diagnostic.fix.edits]),
    )


def suppression_edit(line_text: str, line: int, rule: str, marker: str = "#") -> Edit:
    """The edit that makes ``line`` (1-based, whose text is ``line_text``) ignore ``rule``; ``marker`` starts a comment."""
    existing = re.search(re.escape(marker) + _DIRECTIVE, line_text, re.IGNORECASE)
    if existing is not None:
        ids = existing["ids"].rstrip()
        column = existing.start("ids") + len(ids) + 1
        return Edit(line, column, line, column, f", {rule}" if ids.strip() else rule)
    end = len(line_text.rstrip(" \t")) + 1
    return Edit(line, end, line, len(line_text) + 1, f"  {marker} frontlint: ignore[{rule}]")


def _ignorable(
    linted: Linted, positions: DocumentPositions, diagnostics: list[Diagnostic]
) -> dict[tuple[str, int | None], Edit]:
    """The suppression edit of each (rule, line) of ``diagnostics`` that, written there, silences the diagnostic.

    Every edit is checked in one lint of the text with all of them written: where that lint
    reports nothing new, each diagnostic it no longer reports is silenced by its edit. Else (a
    comment broke a line, as inside a multi-line string) edits are checked one by one, the first
    :data:`_MOST_CHECKED_ALONE` only: a lint each.
    """
    lines = positions.lines
    marker = dialect_for(linted.text).comment
    if marker is None:  # a dialect without comments (JSON) takes no inline suppression
        return {}
    candidates: dict[tuple[str, int | None], Diagnostic] = {}
    for diagnostic in diagnostics:
        line = diagnostic.line
        if line is not None and lines.has_line(line) and diagnostic.rule not in ALWAYS_ON | SUPPRESSION_CHECKS:
            candidates.setdefault((diagnostic.rule, line), diagnostic)
    if linted.relint is None or not candidates:
        return {}
    before = {_problem(diagnostic) for diagnostic in linted.diagnostics}
    rules_of: dict[int, list[str]] = {}
    for rule, line in candidates:
        assert line is not None
        rules_of.setdefault(line, []).append(rule)
    together = [
        suppression_edit(lines.line_text(line), line, ", ".join(rules), marker) for line, rules in rules_of.items()
    ]
    after = {_problem(found) for found in linted.relint(apply_edits(linted.text, together))}
    if after <= before:
        return {
            key: _edit_for(lines, key, marker)
            for key, diagnostic in candidates.items()
            if _problem(diagnostic) not in after
        }
    silenced = {}
    for key, diagnostic in list(candidates.items())[:_MOST_CHECKED_ALONE]:
        edit = _edit_for(lines, key, marker)
        alone = {_problem(found) for found in linted.relint(apply_edits(linted.text, [edit]))}
        if alone <= before and _problem(diagnostic) not in alone:
            silenced[key] = edit
    return silenced


def _edit_for(lines: LineIndex, key: tuple[str, int | None], marker: str) -> Edit:
    rule, line = key
    assert line is not None
    return suppression_edit(lines.line_text(line), line, rule, marker)


def ignore_on_line(positions: DocumentPositions, uri: str, diagnostic: Diagnostic, edit: Edit) -> types.CodeAction:
    """ "Ignore <rule> on this line": ``edit``, the suppression that silences ``diagnostic``."""
    return types.CodeAction(
        title=f"Ignore {diagnostic.rule} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(positions, diagnostic)],
        edit=_workspace_edit(uri, [_edit(positions, edit)]),
    )


def _problem(diagnostic: Diagnostic) -> tuple[str, str, int | None, str]:
    """What tells one problem from another in two lints of a text: rule, JSON path, line and message."""
    return (diagnostic.rule, diagnostic.json_path, diagnostic.line, diagnostic.message)


def fix_all(linted: Linted, positions: DocumentPositions, uri: str) -> types.CodeAction | None:
    """Every fix ``--fix`` would make in the document, as one edit of the whole text (``None``: nothing to fix).

    Not offered for a text over the size limit, which ``--fix`` does not fix either.
    """
    if linted.linter is None or not linted.complete or not any(d.fix is not None for d in linted.diagnostics):
        return None
    before = ("\ufeff" if positions.bom else "") + linted.text
    fixed = fix_file(linted.linter, before.encode("utf-8", "surrogatepass"), linted.path)
    if fixed.new_bytes is None:
        return None
    lines = positions.lines
    last = lines.line_count()
    end = types.Position(*positions.to_lsp(last, len(lines.line_text(last)) + 1))
    whole = types.Range(types.Position(0, 0), end)
    return types.CodeAction(
        title=f"Fix all frontlint problems in this file ({fixed.fixed})",
        kind=FIX_ALL_KIND,
        edit=_workspace_edit(uri, [types.TextEdit(whole, fixed.new_bytes.decode("utf-8", "surrogatepass"))]),
    )
