"""Issue 11, attacks on ``--fix``: files a fix must not break, and defects found by attacking it."""

from __future__ import annotations

import os
import subprocess

import pytest

from helpers import run_cli

pytestmark = pytest.mark.slow

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


def fix_file_text(tmp_path, text: str, select: str = "text-whitespace,text-html") -> tuple[str, str, str]:
    """Run ``--fix`` on a file holding ``text``: return its new text, stdout and stderr."""
    path = tmp_path / "a.md"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli("--isolated", "--select", select, "--fix", "a.md", cwd=tmp_path)
    return path.read_bytes().decode("utf-8"), result.stdout.decode(), result.stderr.decode()


TITLE_RUN = (
    "a.md:2:8: warning: title has a run of 3 spaces: expected one line with single spaces "
    "and no leading or trailing whitespace [text-whitespace]\n"
)


def test_a_fixed_value_that_is_also_a_key_through_an_alias_is_not_changed(tmp_path):
    # Fixing the title would rename the key "a   b" to "a b": a key changed.
    text = "---\ntitle: &t a   b\nm:\n  *t : 1\n---\n"
    assert fix_file_text(tmp_path, text) == (text, TITLE_RUN, "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n")


def test_a_fix_never_makes_two_keys_equal_and_loses_a_value(tmp_path):
    # Renaming the key "a   b" to "a b" would duplicate the next key: the value 1 would be lost.
    text = "---\ntitle: &t a   b\nm:\n  *t : 1\n  a b: 2\n---\n"
    assert fix_file_text(tmp_path, text) == (text, TITLE_RUN, "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n")


def test_a_fixed_value_inside_a_complex_key_through_an_alias_is_not_changed(tmp_path):
    text = "---\ntitle: &t a   b\nm:\n  ? [*t]\n  : 1\n---\n"
    assert fix_file_text(tmp_path, text) == (text, TITLE_RUN, "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n")


AMP_CHAIN = """---
title: &x0 'https://a.b/p&#32;&#32;&#32;q'
ampWebUrl: *x0
cdnAmpWebUrl: &x1 https://w.cdn.ampproject.org/c/s/w
related:
- ampWebUrl: *x1
  cdnAmpWebUrl: &x2 https://w.cdn.ampproject.org/c/s/v
- ampWebUrl: *x2
  cdnAmpWebUrl: https://w.cdn.ampproject.org/c/s/u
---
body
"""
AMP_CHAIN_FIXED = """---
title: &x0 'https://a.b/p%20q'
ampWebUrl: *x0
cdnAmpWebUrl: &x1 https://a-b.cdn.ampproject.org/c/s/a.b/p%20q
related:
- ampWebUrl: *x1
  cdnAmpWebUrl: &x2 https://a--b-cdn-ampproject-org.cdn.ampproject.org/c/s/a-b.cdn.ampproject.org/c/s/a.b/p%20q
- ampWebUrl: *x2
  cdnAmpWebUrl: https://0-a----b--cdn--ampproject--org-cdn-ampproject-org-0.cdn.ampproject.org/c/s/\
a--b-cdn-ampproject-org.cdn.ampproject.org/c/s/a-b.cdn.ampproject.org/c/s/a.b/p%20q
---
body
"""


def test_a_chain_of_six_fixes_one_after_another_is_made_in_one_run_and_a_second_run_changes_nothing(tmp_path):
    # The title (also an AMP URL) needs three fixes in turn (entities, spaces, percent-encoding);
    # then each cache URL, itself the AMP URL of the next entry, follows the one before it.
    select = "text-whitespace,text-html,url-syntax,amp-cache-url"
    first = fix_file_text(tmp_path, AMP_CHAIN, select)
    assert first == (AMP_CHAIN_FIXED, "", "fixed 18 problems in 1 file; no problems found in 1 file\n")
    assert fix_file_text(tmp_path, AMP_CHAIN_FIXED, select) == (
        AMP_CHAIN_FIXED,
        "",
        "fixed 0 problems; no problems found in 1 file\n",
    )


def diff_and_apply(tmp_path, raw: bytes) -> tuple[str, bytes, bytes]:
    """``--diff`` of a file holding ``raw``; return the diff, the file after ``git apply`` of it, and after ``--fix``."""
    (tmp_path / "a.md").write_bytes(raw)
    diff = run_cli("--isolated", "--select", "text-whitespace", "--diff", "a.md", cwd=tmp_path).stdout
    applied = subprocess.run(["git", "apply", "-"], input=diff, cwd=tmp_path, capture_output=True, check=False)
    assert applied.stderr == b""
    patched = (tmp_path / "a.md").read_bytes()
    (tmp_path / "a.md").write_bytes(raw)
    run_cli("--isolated", "--select", "text-whitespace", "--fix", "a.md", cwd=tmp_path)
    return diff.decode(), patched, (tmp_path / "a.md").read_bytes()


def test_diff_of_a_file_with_lone_cr_line_ends_applies_as_fix_writes_it(tmp_path):
    # git and patch end a line at "\n" only: the whole file is one line without a final newline.
    diff, patched, fixed = diff_and_apply(tmp_path, b"---\rtitle: x   y\r---\rbody\r")
    assert diff == (
        "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n"
        "----\rtitle: x   y\r---\rbody\r\n\\ No newline at end of file\n"
        "+---\rtitle: x y\r---\rbody\r\n\\ No newline at end of file\n"
    )
    assert patched == fixed == b"---\rtitle: x y\r---\rbody\r"


def test_diff_of_a_body_with_a_lone_cr_inside_a_line_applies_as_fix_writes_it(tmp_path):
    diff, patched, fixed = diff_and_apply(tmp_path, b"---\ntitle: x   y\n---\nbody\rmid\r\nend")
    assert diff == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,5 +1,5 @@\n ---\n-title: x   y\n+title: x y\n ---\n body\rmid\r\n end\n"
        "\\ No newline at end of file\n"
    )
    assert patched == fixed == b"---\ntitle: x y\n---\nbody\rmid\r\nend"


def test_diff_of_a_file_with_a_byte_order_mark_shows_it_and_applies(tmp_path):
    diff, patched, fixed = diff_and_apply(tmp_path, b"\xef\xbb\xbf---\r\ntitle: x   y\r\n---\r\nbody\r\n")
    assert (
        diff
        == "--- a/a.md\n+++ b/a.md\n@@ -1,4 +1,4 @@\n \ufeff---\r\n-title: x   y\r\n+title: x y\r\n ---\r\n body\r\n"
    )
    assert patched == fixed == b"\xef\xbb\xbf---\r\ntitle: x y\r\n---\r\nbody\r\n"


def test_fix_keeps_the_extended_attributes_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: x   y\n---\n")
    try:
        os.setxattr(path, "user.frontlint-test", b"kept")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this system or file system")
    result = run_cli("--isolated", "--select", "text-whitespace", "--fix", "a.md", cwd=tmp_path)
    assert result.stderr.decode() == "fixed 1 problem in 1 file; no problems found in 1 file\n"
    assert path.read_bytes() == b"---\ntitle: x y\n---\n"
    assert os.getxattr(path, "user.frontlint-test") == b"kept"


def test_a_file_too_large_to_be_read_whole_is_not_fixed_and_the_run_says_so(tmp_path):
    # Only max-front-matter-bytes + 4 KiB of a file are read: one larger cannot be written back.
    text = "---\ntitle: x   y\n---\n" + "body line\n" * 500
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.frontlint]\nmax-front-matter-bytes = 100\nselect = ['text-whitespace']\n", encoding="utf-8"
    )
    not_fixed = (
        "frontlint: error: a.md: not fixed: the file is larger than 4,196 bytes (max-front-matter-bytes + 4,096), "
        "and only its start is read\n"
    )
    runs = (
        ("--fix", TITLE_RUN, "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n"),
        ("--diff", "", "no problems would be fixed in 1 file\n"),  # --diff prints diffs only
    )
    for mode, stdout, summary in runs:
        result = run_cli(mode, "a.md", cwd=tmp_path)
        assert (result.stdout.decode(), result.stderr.decode(), result.returncode) == (stdout, not_fixed + summary, 2)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text


@pytest.mark.parametrize("named", ["_news/a.md", "_news", "."], ids=["the file", "its folder", "the tree"])
def test_the_report_never_replaces_an_article_the_run_lints(tmp_path, named):
    # Found by attacking: `frontlint --fix --output-file a.md a.md` replaced the article with its report.
    article = tmp_path / "_news" / "a.md"
    article.parent.mkdir()
    article.write_bytes(b'---\ntitle: " x"\n---\n')
    result = run_cli("--isolated", "--fix", "--output-file", "_news/a.md", named, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode().splitlines()[-1]) == (
        2,
        b"",
        "frontlint: error: --output-file _news/a.md is a file this run lints: the report would replace it",
    )
    assert article.read_bytes() == b'---\ntitle: " x"\n---\n'


def test_a_report_beside_the_linted_folder_is_written(tmp_path):
    (tmp_path / "_news").mkdir()
    (tmp_path / "_news" / "a.md").write_bytes(b'---\ntitle: "\\u200bx"\n---\n')
    (tmp_path / "report.md").write_bytes(b"old report\n")
    result = run_cli("--isolated", "--select", "text-whitespace", "--output-file", "report.md", "_news", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"",
        b"0 errors, 1 warning in 1 of 1 file; 1 fixable with --fix\n",
    )
    assert (tmp_path / "report.md").read_bytes() == (
        b"_news/a.md:2:8: warning: title has a zero-width space: expected one line with single spaces "
        b"and no leading or trailing whitespace [text-whitespace]\n"
    )
