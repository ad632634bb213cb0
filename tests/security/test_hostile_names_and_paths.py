"""Issue 11, output and paths: what others control is shown, never obeyed; paths that cannot
be used are one line each; links found in a directory stay inside it; stdout closed or gone.

Every case runs the real command in a subprocess under the hostile-input limits
(``run_limited``: 500 MB, a timeout only against a hang) or, for shell redirections, under an explicit timeout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlint.config.project import Project
from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reporters import REPORTERS, ReportContext
from frontlint.run.discovery import walk_files
from frontlint.text.terminal_safe import diff_path, shown_path, visible
from helpers import HOSTILE_SECONDS, REPO, WITHOUT_ROOT_OVERRIDES, run_limited

ALWAYS = "--select=yaml,front-matter,encoding,schema/type"
ONE_ERROR = "---\ntitle: 1\n---\n"
TYPE_ERROR = "2:8: error: expected string, got integer 1 [schema/type]"
# The names of the issue: a forged GitHub annotation, an OSC 8 hyperlink, a right-to-left override.
FORGED = "a\n::error file=x.md,line=1::forged.md"
HYPERLINK = "\x1b]8;;mailto:evil@example.com\x1b\\click\x1b]8;;\x1b\\.md"
OVERRIDE = "\u202egnp.md"
UNPRIVILEGED = WITHOUT_ROOT_OVERRIDES


def article(path: Path, text: str = ONE_ERROR) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with ``$FRONTLINT`` the command from this checkout, under a timeout."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "FRONTLINT": f"{sys.executable} -m frontlint"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=4 * HOSTILE_SECONDS,
        env=env,
    )


# --- the one escaping function ------------------------------------------------------------


def test_visible_escapes_controls_bidi_separators_and_the_runner_marker_as_repr_does():
    assert visible("a\x00b\tc\nd\re\x1b[2Jf\x7fg\x85h\u202ei\u2066j\u2028k\u200fl\udc9bm##[error]n") == (
        "a\\x00b\\tc\\nd\\re\\x1b[2Jf\\x7fg\\x85h\\u202ei\\u2066j\\u2028k\\u200fl\\udc9bm##\\x5berror]n"
    )
    assert visible("café \u4e2d \\x1b ##x [a]") == "café \u4e2d \\x1b ##x [a]"


def test_a_file_name_is_quoted_when_it_needs_escapes_and_only_then():
    assert shown_path("news/café.md") == "news/café.md"
    assert shown_path("news\\a.md") == "news\\a.md"  # a name shown bare is the name
    assert shown_path("news/a\nb.md") == '"news/a\\nb.md"'
    assert shown_path('news/a\x1b\\"b.md') == '"news/a\\x1b\\\\\\"b.md"'
    assert shown_path('"quoted".md') == '"\\"quoted\\".md"'
    assert shown_path("::error::x.md") == '"::error::x.md"'  # a line the runner would obey
    assert shown_path("  ::warning::x.md") == '"  ::warning::x.md"'


def test_a_diff_header_name_is_quoted_as_git_quotes_it():
    assert diff_path("a/", "news/na\nme.md") == '"a/news/na\\nme.md"'
    assert diff_path("b/", 'e\x1bx\\y".md') == '"b/e\\033x\\\\y\\".md"'
    assert diff_path("a/", "bi\u202edi.md") == '"a/bi\\342\\200\\256di.md"'
    assert diff_path("a/", "my file.md") == "a/my file.md\t"  # as git: patch reads no time stamp
    assert diff_path("a/", "café.md") == "a/café.md"


def _unquote_shown(text: str) -> str:
    """Read a name back as :func:`shown_path` shows it (the escapes Python's repr uses)."""
    if not text.startswith('"'):
        return text
    escapes = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"'}
    pattern = r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))"

    def one(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        return chr(int(code, 16)) if code else escapes[match.group(3)]

    assert text.endswith('"')
    return re.sub(pattern, one, text[1:-1])


def _unquote_c(text: str) -> bytes:
    """Read a diff header name back as git and GNU patch do (C quoting, octal bytes)."""
    if not text.startswith('"'):
        return text.removesuffix("\t").encode("utf-8", "surrogateescape")
    letters = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "\\": 92, '"': 34}
    raw, body, index = bytearray(), text[1:-1].encode("utf-8", "surrogateescape"), 0
    while index < len(body):
        if body[index] != 0x5C:
            raw.append(body[index])
            index += 1
        elif chr(body[index + 1]) in letters:
            raw.append(letters[chr(body[index + 1])])
            index += 2
        else:
            raw.append(int(body[index + 1 : index + 4], 8))
            index += 4
    return bytes(raw)


NAMES = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from('\\"#[:\udc9b\udcff\u202e\n'))


@given(NAMES)
def test_every_shown_name_reads_back_as_the_name_and_holds_nothing_unsafe(name):
    shown = shown_path(name)
    assert _unquote_shown(shown) == name
    assert visible(shown) == shown  # nothing left to escape: no control, override or "##["


@given(NAMES)
def test_every_diff_header_name_reads_back_as_the_name(name):
    header = diff_path("a/", name)
    assert _unquote_c(header) == ("a/" + name).encode("utf-8", "surrogateescape")
    assert "\n" not in header and "\r" not in header


# --- names and values in every human format -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (FORGED, '"news/a\\n::error file=x.md,line=1::forged.md"'),
        (HYPERLINK, '"news/\\x1b]8;;mailto:evil@example.com\\x1b\\\\click\\x1b]8;;\\x1b\\\\.md"'),
        (OVERRIDE, '"news/\\u202egnp.md"'),
    ],
)
def test_text_format_shows_a_hostile_file_name_quoted_on_one_line(tmp_path, name, shown):
    article(tmp_path / "news" / name)
    result = run_limited(ALWAYS, "news", cwd=tmp_path)
    assert result.stdout == f"{shown}:{TYPE_ERROR}\n"
    assert (result.stderr, result.returncode) == ("1 error, 0 warnings in 1 of 1 file\n", 1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (FORGED, "news/a\\n%3A%3Aerror file=x.md%2Cline=1%3A%3Aforged.md"),
        (HYPERLINK, "news/\\x1b]8;;mailto%3Aevil@example.com\\x1b\\click\\x1b]8;;\\x1b\\.md"),
        (OVERRIDE, "news/\\u202egnp.md"),
    ],
)
def test_github_format_shows_a_hostile_file_name_escaped_in_its_property(tmp_path, name, shown):
    article(tmp_path / "news" / name)
    result = run_limited(ALWAYS, "--format=github", "news", cwd=tmp_path)
    assert result.stdout == (
        f"::error file={shown},line=2,col=8,endLine=2,endColumn=8,title=schema/type::expected string, got integer 1\n"
    )
    assert result.returncode == 1


# A schema key with NUL, an OSC 8 start, BEL and a right-to-left override: the message names
# it raw ("required when <key> is 'v'").
HOSTILE_KEY = "k\\u0000\\u001b]8;;x\\u0007\\u202e"
CONDITIONAL_SCHEMA = (
    '{"type": "object", "properties": {"KEY": {"const": "v"}},'
    ' "if": {"properties": {"KEY": {"const": "v"}}, "required": ["KEY"]},'
    ' "then": {"required": ["title"]}}'
).replace("KEY", HOSTILE_KEY)
KEY_SHOWN = "k\\x00\\x1b]8;;x\\x07\\u202e"


def _conditional_case(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(CONDITIONAL_SCHEMA, encoding="utf-8")
    article(tmp_path / "c.md", '---\n"k\\0\\e]8;;x\\a\\u202e": v\n---\n')


@pytest.mark.slow
def test_text_format_shows_control_characters_of_a_message_as_escapes(tmp_path):
    _conditional_case(tmp_path)
    result = run_limited("--schema=s.json", "c.md", cwd=tmp_path)
    assert result.stdout == (
        f"c.md:2:1: error: missing required key 'title' (required when {KEY_SHOWN} is 'v') [schema/required]\n"
    )


@pytest.mark.slow
def test_github_format_shows_control_characters_of_a_message_as_escapes(tmp_path):
    _conditional_case(tmp_path)
    result = run_limited("--schema=s.json", "--format=github", "c.md", cwd=tmp_path)
    assert result.stdout == (
        "::error file=c.md,line=2,endLine=2,title=schema/required::"
        f"missing required key 'title' (required when {KEY_SHOWN} is 'v')\n"
    )


@pytest.mark.slow
def test_machine_formats_keep_the_exact_message(tmp_path):
    import json

    _conditional_case(tmp_path)
    result = run_limited("--schema=s.json", "--format=json", "c.md", cwd=tmp_path)
    (record,) = json.loads(result.stdout)["diagnostics"]
    assert record["message"] == "missing required key 'title' (required when k\x00\x1b]8;;x\x07\u202e is 'v')"


@pytest.mark.slow
def test_show_source_escapes_a_nul_and_an_escape_sequence_with_the_carets_under_the_escape(tmp_path):
    (tmp_path / "a.md").write_bytes(b"---\ntitle: a\x00b\x1b]8;;x\x07\n---\n")
    result = run_limited(ALWAYS, "--show-source", "a.md", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "a.md:2:9: error: character U+0000 is not allowed in YAML: use an escape in a double-quoted string [yaml-syntax]",
        "  |",
        "2 | title: a\\x00b\\x1b]8;;x\\x07",
        "  |         ^^^^",
    ]


def test_github_format_never_passes_nul_escape_or_override_raw():
    message = "a\x00b\x1b[31mc\u202ed\u2066e\r\nf ##[stop-commands]t"
    diagnostic = Diagnostic("x\x00.md", 1, 1, 1, 2, Severity.WARNING, "r\x1b", message)
    line = REPORTERS["github"]([diagnostic], ReportContext([], lambda _: None))
    assert line == (
        "::warning file=x\\x00.md,line=1,col=1,endLine=1,endColumn=1,title=r\\x1b::"
        "a\\x00b\\x1b[31mc\\u202ed\\u2066e\\r\\nf ##\\x5bstop-commands]t\n"
    )


def test_text_format_breaks_the_runner_s_legacy_command_anywhere_in_a_line():
    diagnostic = Diagnostic("a.md", 1, 1, 1, 2, Severity.ERROR, "r", "got '##[error]forged'")
    assert REPORTERS["text"]([diagnostic], ReportContext([], lambda _: None)) == (
        "a.md:1:1: error: got '##\\x5berror]forged' [r]\n"
    )


def test_junit_shows_what_xml_cannot_hold_as_the_text_format_does():
    diagnostic = Diagnostic("a\x01.md", 1, 1, 1, 2, Severity.ERROR, "r", "m\x1b")
    report = REPORTERS["junit"]([diagnostic], ReportContext(["a\x01.md"], lambda _: None))
    assert '    <testcase name="a\\x01.md" classname="frontlint">' in report.splitlines()
    assert "a\\x01.md:1:1: error: m\\x1b [r]</failure>" in report


# --- stderr -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (FORGED, '"a\\n::error file=x.md,line=1::forged.md"'),
        (HYPERLINK, '"\\x1b]8;;mailto:evil@example.com\\x1b\\\\click\\x1b]8;;\\x1b\\\\.md"'),
        (OVERRIDE, '"\\u202egnp.md"'),
    ],
)
def test_stderr_shows_a_hostile_file_name_quoted(tmp_path, name, shown):
    article(tmp_path / "ok.md")
    result = run_limited(ALWAYS, name, "ok.md", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        f"frontlint: error: {shown}: No such file or directory",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert (result.stdout, result.returncode) == (f"ok.md:{TYPE_ERROR}\n", 2)


@pytest.mark.slow
def test_stderr_shows_a_hostile_schema_key_escaped(tmp_path):
    (tmp_path / "bad.json").write_text('{"properties": {"a\\u001b[2J\\nb": {"type": 5}}}', encoding="utf-8")
    result = run_limited("--schema=bad.json", "x.md", cwd=tmp_path)
    assert result.stderr == (
        "frontlint: error: bad.json: not a valid JSON Schema at properties/a\\x1b[2J\\nb/type: "
        "5 is not valid under any of the given schemas\n"
    )
    assert result.returncode == 2


@pytest.mark.slow
def test_stale_baseline_lines_show_the_file_name_quoted(tmp_path):
    name = "a\x1b[2Jb.md"
    article(tmp_path / name)
    run_limited("--select=schema/type", "--write-baseline=base.json", ".", cwd=tmp_path)
    article(tmp_path / name, "---\ntitle: x\n---\n")
    result = run_limited("--select=schema/type", "--baseline=base.json", ".", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "frontlint: 1 baseline entry in base.json no longer matches (stale); --write-baseline drops them:",
        '  "a\\x1b[2Jb.md": schema/type at $.title',
        "no problems found in 1 file",
    ]


# --- --diff headers -------------------------------------------------------------------------

# A name that, written raw into a diff header, makes "+++ victim.md" a header of its own.
HIJACK = "x\n+++ victim.md"
FIXABLE = '---\ntitle: " x\\u200b "\n---\nbody\n'


@pytest.mark.slow
def test_diff_quotes_a_hostile_name_in_its_headers(tmp_path):
    article(tmp_path / HIJACK, FIXABLE)
    result = run_limited("--select=text-whitespace", "--diff", HIJACK, cwd=tmp_path)
    assert result.stdout.splitlines()[:2] == ['--- "a/x\\n+++ victim.md"', '+++ "b/x\\n+++ victim.md"']
    assert result.returncode == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_patch_applies_the_diff_of_a_hostile_name_to_that_file_and_to_no_other(tmp_path):
    target, victim = article(tmp_path / HIJACK, FIXABLE), article(tmp_path / "victim.md", FIXABLE)
    diff = run_limited("--select=text-whitespace", "--diff", HIJACK, cwd=tmp_path).stdout
    (tmp_path / "fix.diff").write_text(diff, encoding="utf-8")
    for strip in ("-p0", "-p2"):  # names that lead nowhere: patch gives up, no file changes
        subprocess.run(["patch", strip, "--batch", "-i", "fix.diff"], cwd=tmp_path, capture_output=True, timeout=60)
        assert target.read_text(encoding="utf-8") == victim.read_text(encoding="utf-8") == FIXABLE
    applied = subprocess.run(
        ["patch", "-p1", "--batch", "-i", "fix.diff"], cwd=tmp_path, capture_output=True, timeout=60
    )
    assert applied.returncode == 0, applied.stdout
    assert target.read_text(encoding="utf-8") == '---\ntitle: "x"\n---\nbody\n'
    assert victim.read_text(encoding="utf-8") == FIXABLE


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("name", [HIJACK, "e\x1bx\u202e.md", "my file.md", 'q"\\.md'])
def test_git_apply_reads_the_diff_headers(tmp_path, name):
    target = article(tmp_path / name, FIXABLE)
    diff = run_limited("--select=text-whitespace", "--diff", name, cwd=tmp_path).stdout
    (tmp_path / "fix.diff").write_text(diff, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    applied = subprocess.run(
        ["git", "apply", "--unsafe-paths", "fix.diff"], cwd=tmp_path, capture_output=True, timeout=60, env=env
    )
    assert applied.returncode == 0, applied.stderr
    assert target.read_text(encoding="utf-8") == '---\ntitle: "x"\n---\nbody\n'


# --- paths that cannot be used ----------------------------------------------------------------


@pytest.mark.slow
def test_a_link_loop_named_first_is_one_line_and_the_rest_is_linted(tmp_path):
    os.symlink("loop.md", tmp_path / "loop.md")
    article(tmp_path / "ok.md")
    # Not --isolated: the configuration search starts at the first path.
    result = run_limited(ALWAYS, "loop.md", "ok.md", cwd=tmp_path, isolated=False)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        "frontlint: error: loop.md: Too many levels of symbolic links",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.mark.slow
def test_a_link_loop_named_later_says_what_it_is(tmp_path):
    os.symlink("b.md", tmp_path / "a.md")
    os.symlink("a.md", tmp_path / "b.md")
    article(tmp_path / "ok.md")
    result = run_limited(ALWAYS, "ok.md", "a.md", cwd=tmp_path)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines()[0] == "frontlint: error: a.md: Too many levels of symbolic links"
    assert result.returncode == 2


@pytest.mark.slow
def test_a_path_through_a_looping_directory(tmp_path):
    (tmp_path / "d").mkdir()
    os.symlink("../d", tmp_path / "d" / "self")
    article(tmp_path / "ok.md")
    through = "d/" + "self/" * 41 + "ok.md"  # more links than the kernel follows (40)
    result = run_limited(ALWAYS, through, "ok.md", cwd=tmp_path, isolated=False)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        f"frontlint: error: {through}: Too many levels of symbolic links",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.mark.slow
def test_a_name_too_long(tmp_path):
    article(tmp_path / "ok.md")
    long_name = "a" * 300 + ".md"
    result = run_limited(ALWAYS, long_name, "ok.md", cwd=tmp_path, isolated=False)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        f"frontlint: error: {long_name}: File name too long",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.fixture
def locked(tmp_path):
    """``locked/sub/a.md`` in a directory nobody may search or list; unlocked afterwards."""
    article(tmp_path / "locked" / "sub" / "a.md")
    (tmp_path / "locked").chmod(0)
    yield tmp_path / "locked"
    (tmp_path / "locked").chmod(0o755)


@pytest.mark.slow
def test_a_file_in_a_directory_that_cannot_be_searched(tmp_path, locked):
    article(tmp_path / "ok.md")
    result = run_limited(ALWAYS, "locked/sub/a.md", "ok.md", cwd=tmp_path, prefix=UNPRIVILEGED, isolated=False)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        "frontlint: error: locked/sub/a.md: Permission denied",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.mark.slow
def test_a_directory_that_cannot_be_listed_while_walking(tmp_path, locked):
    article(tmp_path / "ok.md")
    result = run_limited(ALWAYS, ".", cwd=tmp_path, prefix=UNPRIVILEGED)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        "frontlint: error: locked: Permission denied",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


# --- links ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_link_out_of_the_walked_directory_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINT_TEST_SECRET", "hunter2")
    article(tmp_path / "_news" / "ok.md")
    os.symlink("/proc/self/environ", tmp_path / "_news" / "x.md")
    result = run_limited(ALWAYS, "--show-source", "_news", cwd=tmp_path)
    assert result.stdout == f"_news/ok.md:{TYPE_ERROR}\n  |\n2 | title: 1\n  |        ^\n"
    assert result.stderr == "1 error, 0 warnings in 1 of 1 file; skipped 1 link leading outside the linted directory\n"
    assert "hunter2" not in result.stdout + result.stderr
    assert result.returncode == 1


@pytest.mark.slow
def test_links_in_a_tree_are_linted_when_they_stay_inside_it(tmp_path):
    article(tmp_path / "site" / "real.md")
    article(tmp_path / "outside" / "far.md")
    os.symlink("real.md", tmp_path / "site" / "inside.md")
    os.symlink("../outside/far.md", tmp_path / "site" / "away.md")
    os.symlink("../outside", tmp_path / "site" / "dir.md")  # a link to a directory is never walked
    os.symlink("sub", tmp_path / "site" / "also.md")  # nor one inside the tree
    (tmp_path / "site" / "sub").mkdir()
    result = run_limited(ALWAYS, "site", cwd=tmp_path)
    assert result.stdout.splitlines() == [f"site/inside.md:{TYPE_ERROR}", f"site/real.md:{TYPE_ERROR}"]
    assert result.stderr == (
        "2 errors, 0 warnings in 2 of 2 files; skipped 2 links leading outside the linted directories\n"
    )


@pytest.mark.slow
def test_a_link_named_on_the_command_line_is_linted_wherever_it_points(tmp_path):
    article(tmp_path / "outside" / "far.md")
    os.symlink("outside/far.md", tmp_path / "site-away.md")
    os.symlink("outside", tmp_path / "walked")  # a directory named through a link is walked
    result = run_limited(ALWAYS, "site-away.md", "walked", cwd=tmp_path)
    assert result.stdout.splitlines() == [f"site-away.md:{TYPE_ERROR}", f"walked/far.md:{TYPE_ERROR}"]
    assert result.stderr == "2 errors, 0 warnings in 2 of 2 files\n"


@pytest.mark.slow
def test_a_link_inside_the_tree_to_a_fifo_is_refused_not_read(tmp_path):
    (tmp_path / "site").mkdir()
    os.mkfifo(tmp_path / "site" / "pipe")
    os.symlink("pipe", tmp_path / "site" / "p.md")
    os.symlink("/dev/zero", tmp_path / "site" / "zero.md")
    result = run_limited(ALWAYS, "site", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "frontlint: error: site/p.md: not a regular file",
        "no problems found in 0 files; skipped 1 link leading outside the linted directory",
    ]
    assert result.returncode == 2


def test_found_says_which_files_were_named(tmp_path):
    article(tmp_path / "d" / "a.md")
    os.symlink("a.md", tmp_path / "d" / "b.md")
    article(tmp_path / "n.md")
    errors: list[tuple[Path, Exception]] = []
    skipped: list[str] = []
    walked = walk_files(
        [tmp_path / "n.md", tmp_path / "d"], Project(isolated=True), lambda p, e: errors.append((p, e)), skipped.append
    )
    assert [(found.path, found.named) for found in walked] == [
        (str(tmp_path / "n.md"), True),
        (str(tmp_path / "d" / "a.md"), False),
        (str(tmp_path / "d" / "b.md"), False),
    ]
    assert errors == skipped == []


def test_the_library_skips_links_out_of_the_tree_quietly(tmp_path):
    from frontlint import lint_paths

    article(tmp_path / "outside.md")
    article(tmp_path / "d" / "in.md")
    os.symlink("../outside.md", tmp_path / "d" / "out.md")
    assert [d.path for d in lint_paths([tmp_path / "d"]) if d.rule == "schema/type"] == [str(tmp_path / "d" / "in.md")]


# --- stdout closed or gone ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_closed_stdout_is_one_line_and_exit_2(tmp_path):
    article(tmp_path / "a.md")
    result = run_shell(f"$FRONTLINT --isolated {ALWAYS} a.md >&-", tmp_path)
    assert result.stderr.splitlines() == [
        "frontlint: error: <stdout>: Bad file descriptor",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.mark.slow
def test_a_closed_stdout_with_nothing_to_print_is_no_error(tmp_path):
    article(tmp_path / "a.md", "---\ntitle: x\n---\n")
    result = run_shell(f"$FRONTLINT --isolated {ALWAYS} a.md >&-", tmp_path)
    assert (result.stderr, result.returncode) == ("no problems found in 1 file\n", 0)


@pytest.mark.slow
def test_rules_to_a_closed_stdout(tmp_path):
    result = run_shell("$FRONTLINT rules >&-", tmp_path)
    assert (result.stderr, result.returncode) == ("frontlint: error: <stdout>: Bad file descriptor\n", 2)


@pytest.mark.slow
def test_rules_into_head_is_quiet(tmp_path):
    result = run_shell('$FRONTLINT rules | head -1; echo "status ${PIPESTATUS[0]}"', tmp_path)
    assert result.stdout.splitlines() == [result.stdout.splitlines()[0], "status 0"]
    assert result.stdout.startswith("id ")
    assert result.stderr == ""


@pytest.mark.slow
def test_a_reader_that_is_gone_ends_the_output_quietly_with_the_run_s_status(tmp_path):
    for index in range(50):
        article(tmp_path / f"{index:02d}.md")
    # head -n 0 exits before reading: every write meets a broken pipe.
    result = run_shell(
        f'$FRONTLINT rules | head -n 0; echo "rules ${{PIPESTATUS[0]}}"; '
        f'$FRONTLINT --isolated {ALWAYS} . | head -n 0; echo "lint ${{PIPESTATUS[0]}}"',
        tmp_path,
    )
    assert result.stdout == "rules 0\nlint 1\n"
    assert result.stderr == "50 errors, 0 warnings in 50 of 50 files\n"


@pytest.mark.slow
def test_stderr_gone_or_full_leaves_the_run_s_status(tmp_path):
    for index in range(30):
        article(tmp_path / f"{index:02d}.md", "---\ntitle: x\n---\n")
    result = run_shell(
        f'$FRONTLINT --isolated {ALWAYS} . 2>&1 | head -n 0; echo "piped ${{PIPESTATUS[0]}}"; '
        f'$FRONTLINT --isolated {ALWAYS} . 2>/dev/full; echo "full $?"',
        tmp_path,
    )
    assert (result.stdout, result.stderr) == ("piped 0\nfull 0\n", "")
