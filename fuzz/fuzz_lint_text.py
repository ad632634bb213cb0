"""Coverage-guided fuzzing of ``lint_text`` with atheris.

Run (see the README): ``pip install atheris`` then
``python fuzz/fuzz_lint_text.py -max_total_time=60 CORPUS_DIR`` with a copy of
``fuzz/corpus`` as CORPUS_DIR (the fuzzer adds the inputs it finds there).

Any exception is a finding, and so is a diagnostic whose position lies outside the input.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    from frontlint import lint_text


def check_one_input(data: bytes) -> None:
    """Lint ``data`` as a file's bytes; fail on any exception or out-of-range position."""
    diagnostics = lint_text(data, path="fuzz.md")
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    for diagnostic in diagnostics:
        assert diagnostic.line is not None and diagnostic.column is not None
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic


if __name__ == "__main__":
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()
