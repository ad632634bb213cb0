"""``frontlint lsp``: start the language server (:mod:`frontlint.lsp`) over stdin and stdout.

The server needs pygls and lsprotocol, the ``lsp`` extra: without them, one line on stderr says
how to install it, and the exit status is 2. ``--stdio``, which some clients add (VS Code's
``vscode-languageclient`` does for a stdio server), is accepted and changes nothing.
"""

from __future__ import annotations

from typing import TextIO

from frontlint.cli.status import EXIT_TROUBLE

LSP_SUBCOMMAND = "lsp"
NEEDS_EXTRA = "frontlint lsp needs the lsp extra: pip install 'frontlint[lsp]'"


def lsp_command(arguments: list[str], err: TextIO) -> int:
    """Run ``frontlint lsp`` (``arguments`` start with the command); the exit status when the client is gone."""
    if arguments[1:] not in ([], ["--stdio"]):
        print("usage: frontlint lsp [--stdio] (a language server over stdin and stdout)", file=err)
        return EXIT_TROUBLE
    try:
        # deferred: pygls is an optional extra: the server with it costs 336 ms
        from frontlint.lsp.server import run
    except ImportError as error:
        if error.name is None or error.name.split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs", "attr"):
            raise
        print(NEEDS_EXTRA, file=err)
        return EXIT_TROUBLE
    return run()
