"""Hostile and broken TOML front matter: each case is one exact diagnostic, within 500 MB, in a subprocess.

The TOML counterpart of ``test_hostile_front_matter.py``: huge integers, deep nesting in every form
TOML has, bytes that are not UTF-8, strings never closed, a ``+++`` line inside a multi-line string.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_limited

pytestmark = pytest.mark.slow

DEPTH = "nesting deeper than 64 levels (max-nesting-depth): the front matter is not checked [toml-depth-limit]"


def lint_one(tmp_path: Path, content: bytes | str) -> list[str]:
    (tmp_path / "a.md").write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = run_limited("--select=toml,front-matter,encoding", "a.md", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("a = " + "[" * 500_000 + "\n", f"a.md:2:69: error: {DEPTH}"),
        ("a = " + "{b = " * 300_000 + "\n", f"a.md:2:325: error: {DEPTH}"),
        ("[" + "a." * 500_000 + "a]\n", f"a.md:2:130: error: {DEPTH}"),
        ("[[" + "a." * 500_000 + "a]]\n", f"a.md:2:131: error: {DEPTH}"),
        (
            "n = " + "7" * 1_000_000 + "\n",
            "a.md:2:5: error: integer of 1,000,000 digits, longer than Python's limit of 4,300: "
            "the front matter is not checked (quote it if it is text) [toml-syntax]",
        ),
        (
            "n = 0x" + "f" * 1_000_000 + "\n",
            "a.md:2:5: error: integer outside TOML's 64-bit range (-2^63 to 2^63-1), which TOML readers refuse "
            "[toml-syntax]",
        ),
        ('s = "' + "\\" * 999_999 + "\n", "a.md:2:5: error: string never closed on its line [toml-syntax]"),
        (
            'text = """\n+++\n"""\n',
            "a.md:2:8: error: multi-line string never closed "
            "(a '+++' line ends the front matter, even inside a string) [toml-syntax]",
        ),
    ],
)
def test_hostile_toml_is_one_diagnostic_at_its_place(tmp_path, front, expected):
    assert lint_one(tmp_path, "+++\n" + front + "+++\nbody\n") == [expected]


def test_bytes_that_are_not_utf8_in_toml_are_an_encoding_error(tmp_path):
    assert lint_one(tmp_path, b"+++\ntitle = '\xff'\n+++\n") == [
        "a.md:2:10: error: invalid UTF-8 byte 0xff at byte offset 13; front matter must be UTF-8 [encoding]"
    ]
