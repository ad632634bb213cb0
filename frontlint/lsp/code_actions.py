"""Code actions: each fixable diagnostic's quick fix, "ignore <rule> on this line", and "fix all in file".

A quick fix is the diagnostic's own edits (:attr:`frontlint.diagnostic.Fix.edits`), those ``--fix``
applies; "fix all" is ``--fix`` itself (:func:`frontlint.fix.fixer.fix_file`) on the editor's text,
as one edit of the whole document. "Ignore" writes the inline suppression
:mod:`frontlint.checking.suppressions` reads (``# frontlint: ignore[rule]``) at the end of the
diagnostic's line, or adds the rule to the one already there; it is offered only where the text
so changed, linted again, no longer has that diagnostic (a line inside a multi-line string
cannot take a comment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types

from frontlint.checking.suppressions import SUPPRESSION_CHECKS
from frontlint.diagnostic import Diagnostic, Edit
from frontlint.fix.fixer import apply_edits, fix_file
from frontlint.lsp.diagnostics import diagnostic_range, lsp_diagnostic, lsp_range
from frontlint.lsp.documents import Linted
from frontlint.lsp.positions import DocumentPositions
from frontlint.rules.registry import ALWAYS_ON

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.frontlint"
# An ignore directive already on the line: the rule is added inside its brackets.
_DIRECTIVE = re.compile(r"#\s*frontlint\s*:\s*ignore\[(?P<ids>[^\]]*)\]", re.IGNORECASE)


def code_actions(
    linted: Linted, positions: DocumentPositions, uri: str, wanted: types.Range, only: Iterable[str] | None = None
) -> list[types.CodeAction]:
    """The actions for the diagnostics whose lines meet ``wanted``, and fix-all; of the kinds ``only`` allows."""
    kinds = list(only) if only is not None else None
    actions: list[types.CodeAction] = []
    ignoring_offered: set[tuple[str, int | None]] = set()  # one "ignore" per rule and line
    for diagnostic in linted.diagnostics:
        shown = diagnostic_range(positions, diagnostic)
        if shown.start.line > wanted.end.line or shown.end.line < wanted.start.line:
            continue
        if diagnostic.fix is not None and _allowed(types.CodeActionKind.QuickFix, kinds):
            actions.append(quick_fix(positions, uri, diagnostic))
        if (
            _allowed(types.CodeActionKind.QuickFix, kinds)
            and (diagnostic.rule, diagnostic.line) not in ignoring_offered
        ):
            ignoring_offered.add((diagnostic.rule, diagnostic.line))
            ignoring = ignore_on_line(linted, positions, uri, diagnostic)
            if ignoring is not None:
                actions.append(ignoring)
    if _allowed(FIX_ALL_KIND, kinds):
        fixing = fix_all(linted, positions, uri)
        if fixing is not None:
            actions.append(fixing)
    return actions


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


def suppression_edit(line_text: str, line: int, rule: str) -> Edit:
    """The edit that makes ``line`` (1-based, whose text is ``line_text``) ignore ``rule``."""
    existing = _DIRECTIVE.search(line_text)
    if existing is not None:
        ids = existing["ids"].rstrip()
        column = existing.start("ids") + len(ids) + 1
        return Edit(line, column, line, column, f", {rule}" if ids.strip() else rule)
    end = len(line_text.rstrip(" \t")) + 1
    return Edit(line, end, line, len(line_text) + 1, f"  # frontlint: ignore[{rule}]")


def ignore_on_line(
    linted: Linted, positions: DocumentPositions, uri: str, diagnostic: Diagnostic
) -> types.CodeAction | None:
    """ "Ignore <rule> on this line", where the suppression written there silences the diagnostic (else ``None``)."""
    if linted.relint is None or diagnostic.line is None or diagnostic.rule in ALWAYS_ON | SUPPRESSION_CHECKS:
        return None
    lines = positions.lines
    if not lines.has_line(diagnostic.line):
        return None
    edit = suppression_edit(lines.line_text(diagnostic.line), diagnostic.line, diagnostic.rule)
    changed = apply_edits(linted.text, [edit])
    after = linted.relint(changed)
    if any(_same_problem(other, diagnostic) for other in after) or not all(
        any(_same_problem(other, before) for before in linted.diagnostics) for other in after
    ):
        return None  # not silenced, or something new reported (the comment broke the line)
    return types.CodeAction(
        title=f"Ignore {diagnostic.rule} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(positions, diagnostic)],
        edit=_workspace_edit(uri, [_edit(positions, edit)]),
    )


def _same_problem(one: Diagnostic, other: Diagnostic) -> bool:
    return (one.rule, one.json_path, one.line, one.message) == (other.rule, other.json_path, other.line, other.message)


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
