"""How long ``frontlint lsp`` takes to lint a large document again, against one command run of that file.

A document of ``--entries`` related entries (1,000 by default; every tenth has an ``http://``
URL; with ``--broken`` each also lacks three required keys) is opened in the real server, driven over stdio by the tests' JSON-RPC client, then saved
``--repeat`` times (a save is linted at once, with no debounce) and changed as many times (linted
0.3 s after the change). Each round also runs the command on the same file, in turn. The table
shows medians in milliseconds; the ratio is the one that means anything on a noisy machine.

    .venv/bin/python benchmarks/lsp_relint.py [--entries 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import functools
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "lsp")]

# The tests' client and document, found through the path above (imported by name: mypy checks
# benchmarks/ on its own, without the tests).
LspClient: Any = importlib.import_module("lsp_client").LspClient
related_entries: Any = importlib.import_module("test_lsp_server").related_entries


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--broken", action="store_true", help="every entry lacks three required keys (3 errors each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "frontlint.toml").write_text('now = "2024-01-01T00:00:00Z"\n', encoding="utf-8")
        path = root / "2021-07-28-big.md"
        text = related_entries(args.entries, complete=not args.broken)
        path.write_text(text, encoding="utf-8")
        client = LspClient(root)
        try:
            client.initialize(root)
            uri = client.open(path, text)
            count = len(client.diagnostics(uri))
            saves: list[float] = []
            changes: list[float] = []
            runs: list[float] = []
            for version in range(2, args.repeat + 2):
                saves.append(
                    _timed(client, uri, lambda: client.notify("textDocument/didSave", {"textDocument": {"uri": uri}}))
                )
                changes.append(_timed(client, uri, functools.partial(client.change, uri, text, version)))
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "frontlint", path.name], cwd=root, capture_output=True, check=False
                )
                runs.append(time.perf_counter() - started)
            client.close()
        finally:
            client.kill()
    save, change, run = (statistics.median(values) * 1000 for values in (saves, changes, runs))
    print(f"{args.entries} related entries, {count} diagnostics, {len(text):,} characters, median of {args.repeat}")
    print("| what | ms |\n|---|---|")
    print(f"| server: save -> diagnostics (re-lint) | {save:.0f} |")
    print(f"| server: change -> diagnostics (0.3 s debounce + re-lint) | {change:.0f} |")
    print(f"| command: python -m frontlint FILE | {run:.0f} |")
    print(f"re-lint / command run: {save / run:.2f}")


def _timed(client: Any, uri: str, send: Callable[[], None]) -> float:
    """Seconds from sending (``send()``) to the document's next diagnostics."""
    mark = len(client.notifications)
    started = time.perf_counter()
    send()
    client.diagnostics(uri, after=mark)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
