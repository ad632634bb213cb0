"""The server's copy of each open document, kept line for line as the editor keeps it.

An editor (LSP) ends lines at ``\\n``, ``\\r\\n`` and a lone ``\\r`` only, as frontlint does
(:class:`~frontlint.reading.positions.LineIndex`). pygls's document splits them with
``str.splitlines``, which also ends lines at U+2028, U+2029, U+0085, VT, FF and FS, GS, RS: an
incremental change below one of those would land on another line than the editor's, and "fix
all", which writes the server's copy back, would move the writer's typing. Here a change's range
is placed as the editor places it (:class:`~frontlint.lsp.positions.DocumentPositions`, on the
whole text: a byte order mark the editor sent is a character of its first line) and its text
spliced in, and a document's ``lines`` are the editor's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol
from pygls.workspace import TextDocument, Workspace

from frontlint.lsp.positions import UTF16, DocumentPositions
from frontlint.reading.positions import LineIndex

# An editor's line with its line break (the last line may have none).
_EDITOR_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def encoding_name(kind: types.PositionEncodingKind | str | None) -> str:
    """The name of an LSP position encoding (``utf-16`` where none was agreed)."""
    return str(getattr(kind, "value", kind) or UTF16)


def changed(text: str, where: types.Range, new_text: str, encoding: str = UTF16) -> str:
    """``text`` with the span an editor means by ``where`` replaced by ``new_text``.

    Positions past a line's end or the text's are clamped to them, as LSP says; a range whose
    end comes before its start is taken from the earlier position to the later one.
    """
    positions = DocumentPositions(LineIndex(text), encoding)
    start = positions.offset(where.start.line, where.start.character)
    end = positions.offset(where.end.line, where.end.character)
    start, end = min(start, end), max(start, end)
    return text[:start] + new_text + text[end:]


class EditorTextDocument(TextDocument):
    """pygls's open document whose lines, and the incremental changes applied to it, are the editor's."""

    @property
    def lines(self) -> Sequence[str]:
        """The document's lines with their line breaks, as the editor counts them."""
        return tuple(_EDITOR_LINE.findall(self.source))

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        self._source = changed(self.source, change.range, change.text, encoding_name(self.position_codec.encoding))


class EditorWorkspace(Workspace):
    """pygls's workspace whose documents are :class:`EditorTextDocument`."""

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return EditorTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self.position_codec,
        )


class EditorProtocol(LanguageServerProtocol):
    """pygls's protocol whose workspace is an :class:`EditorWorkspace`.

    pygls makes its workspace when the client initializes; it is made again here, with the same
    root, folders, synchronization and position encoding, as an :class:`EditorWorkspace`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The protocol of ``server``, as pygls makes it (see :class:`LanguageServerProtocol`)."""
        self._editor_workspace: Workspace | None = None
        super().__init__(*args, **kwargs)

    @property
    def _workspace(self) -> Workspace | None:
        return self._editor_workspace

    @_workspace.setter
    def _workspace(self, workspace: Workspace | None) -> None:
        if workspace is not None and not isinstance(workspace, EditorWorkspace):
            workspace = EditorWorkspace(
                workspace.root_uri,
                workspace._sync_kind,
                list(workspace.folders.values()),
                workspace.position_encoding,
            )
        self._editor_workspace = workspace
