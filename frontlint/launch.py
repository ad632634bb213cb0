"""The ``frontlint`` command's entry point: Ctrl-C while the command is still being imported ends it quietly.

The command's modules take a while to import; Ctrl-C meanwhile would otherwise show a
traceback. This module imports nothing of frontlint until it can catch it.
"""

from __future__ import annotations

import contextlib
import sys

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as frontlint.cli says after Ctrl-C


def main() -> int:
    """Import and run the command (:func:`frontlint.cli.main`); exit 130 if Ctrl-C comes while importing it."""
    try:
        # deferred: Ctrl-C while the command imports (frontlint.cli, 129 ms) is caught here
        from frontlint.cli import main as run
    except KeyboardInterrupt:
        with contextlib.suppress(AttributeError, OSError):  # no stderr (closed), or one that fails
            sys.stderr.write("frontlint: interrupted\n")
        return EXIT_INTERRUPTED
    return run()
