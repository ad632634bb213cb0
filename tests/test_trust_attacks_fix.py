"""Issue 11, attacks on ``--fix``: files a fix must not break, and defects found by attacking it."""

from __future__ import annotations

from helpers import run_cli

URL_WITH_SPACES = "webUrl: 'https://a.com/" + "a b " * 20 + "'\n"


def test_a_fix_that_would_grow_the_front_matter_past_the_size_limit_is_not_made(tmp_path):
    # 290 bytes of front matter under a 300-byte limit: percent-encoding 40 spaces would make it 370,
    # and the fixed file would no longer be checked at all (front-matter-too-large).
    padding = "x: " + "y" * (290 - 4 - len(URL_WITH_SPACES) - 4) + "\n"
    text = "---\n" + URL_WITH_SPACES + padding + "---\nbody\n"
    assert len(("---\n" + URL_WITH_SPACES + padding).encode()) == 290
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.frontlint]\nmax-front-matter-bytes = 300\nselect = ['url-syntax']\n", encoding="utf-8"
    )
    result = run_cli("--fix", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        "a.md:2:9: error: URL contains a space at character 16: percent-encode it as %20 [url-syntax]\n"
    )
    assert result.stderr.decode() == "fixed 0 problems; 1 error, 0 warnings in 1 of 1 file\n"
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text
