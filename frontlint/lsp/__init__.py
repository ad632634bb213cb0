"""``frontlint lsp``: a Language Server Protocol server over stdio, for writers in their editor.

Built on pygls and lsprotocol (the ``lsp`` extra). :mod:`.server` wires the protocol to the
modules that do the work: :mod:`.documents` (linting an editor's text with its file's
configuration), :mod:`.diagnostics` and :mod:`.positions` (frontlint's positions as LSP's),
:mod:`.code_actions`, :mod:`.hover` and :mod:`.completion` (with :mod:`.yaml_cursor` and
:mod:`.schema_lookup`, what the cursor is on and what the schema says of it).
"""
