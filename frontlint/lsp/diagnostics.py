"""frontlint's diagnostics as LSP diagnostics: the command's positions, severity, rule id and documentation link."""

from __future__ import annotations

from lsprotocol import types

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.lsp.documents import Linted
from frontlint.lsp.positions import DocumentPositions
from frontlint.reporters.doc_links import doc_url

SOURCE = "frontlint"

_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning}


def lsp_range(positions: DocumentPositions, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    """The LSP range of a span given as frontlint's 1-based positions (end exclusive)."""
    start = positions.to_lsp(line, column)
    end = positions.to_lsp(end_line, end_column)
    return types.Range(types.Position(*start), types.Position(*end))


def diagnostic_range(positions: DocumentPositions, diagnostic: Diagnostic) -> types.Range:
    """The LSP range of a diagnostic of a file (one without a position stands at the start)."""
    line, column = diagnostic.line or 1, diagnostic.column or 1
    return lsp_range(positions, line, column, diagnostic.end_line or line, diagnostic.end_column or column)


def lsp_diagnostic(positions: DocumentPositions, diagnostic: Diagnostic) -> types.Diagnostic:
    """One frontlint diagnostic as the editor shows it."""
    url = doc_url(diagnostic.rule)
    return types.Diagnostic(
        range=diagnostic_range(positions, diagnostic),
        message=diagnostic.message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.rule,
        code_description=types.CodeDescription(href=url) if url is not None else None,
        source=SOURCE,
    )


def lsp_diagnostics(linted: Linted, positions: DocumentPositions) -> list[types.Diagnostic]:
    """Every diagnostic of a document; a configuration, schema or internal error is one at its start."""
    found = [lsp_diagnostic(positions, diagnostic) for diagnostic in linted.diagnostics]
    if linted.error is not None:
        what = "cannot lint this file" if linted.failure is None else f"{linted.failure.headline}, please report it"
        start = types.Position(0, 0)
        found.insert(
            0,
            types.Diagnostic(
                range=types.Range(start, start),
                message=f"{what}: {linted.error}",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            ),
        )
    return found
