"""The command's output options: formats, output file, statistics, exit status, baselines."""

import json

import pytest

from helpers import run_cli

ARTICLE = "---\ntitle: 'x   y'\nquality: -1\nwebUrl: http://a.example/\n---\n"
SELECT = "--select=schema/minimum,url-insecure,text-whitespace"


def write(tmp_path, name="a.md", text=ARTICLE):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_json_format_to_stdout(tmp_path):
    write(tmp_path)
    result = run_cli("--isolated", SELECT, "--format", "json", "a.md", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert [(d["line"], d["column"], d["rule"]) for d in document["diagnostics"]] == [
        (2, 8, "text-whitespace"),
        (3, 10, "schema/minimum"),
        (4, 9, "url-insecure"),
    ]
    assert document["diagnostics"][0]["fix"]["edits"][0]["content"] == "'x y'"
    assert result.returncode == 1


def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path):
    write(tmp_path)
    result = run_cli("--isolated", SELECT, "--format", "sarif", "--output-file", "out.sarif", "a.md", cwd=tmp_path)
    assert result.stdout == b""
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_github_format_is_chosen_inside_github_actions(tmp_path):
    write(tmp_path)
    result = run_cli("--isolated", "--select=schema/minimum", "a.md", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.decode() == (
        "::error file=a.md,line=3,col=10,endLine=3,endColumn=11,title=schema/minimum::"
        "-1 is out of range: must be at least 0\n"
    )


@pytest.mark.slow
def test_statistics_exit_zero_and_strict(tmp_path):
    write(tmp_path)
    stats = run_cli("--isolated", SELECT, "--statistics", "-q", "--exit-zero", "a.md", cwd=tmp_path)
    assert stats.stderr.decode() == (
        "     1  error    schema/minimum\n     1  warning  text-whitespace\n     1  warning  url-insecure\n"
    )
    assert stats.returncode == 0
    write(tmp_path, text="---\nwebUrl: http://a.example/\n---\n")
    assert run_cli("--isolated", SELECT, "a.md", cwd=tmp_path).returncode == 0
    assert run_cli("--isolated", SELECT, "--strict", "a.md", cwd=tmp_path).returncode == 1


def test_show_source_points_a_caret_at_the_value(tmp_path):
    write(tmp_path)
    result = run_cli("--isolated", "--select=text-whitespace", "--show-source", "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines()[:5] == [
        "a.md:2:8: warning: title has a run of 3 spaces: expected one line with single spaces "
        "and no leading or trailing whitespace [text-whitespace]",
        "  |",
        "2 | title: 'x   y'",
        "  |        ^^^^^^^",
        "  = help: trim the ends and make every run of whitespace a single space",
    ]


@pytest.mark.slow
def test_baseline_hides_recorded_problems_reports_new_and_stale_ones(tmp_path):
    write(tmp_path)
    recorded = run_cli("--isolated", SELECT, "--write-baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert (recorded.returncode, recorded.stderr.decode().splitlines()[0]) == (
        0,
        "frontlint: wrote 3 entries to baseline.json",
    )
    # Lines inserted above the problems: the baseline still matches them.
    write(tmp_path, text="---\n# a comment\n# another\n" + ARTICLE[4:])
    quiet = run_cli("--isolated", SELECT, "--baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr.decode()) == (0, b"", "no problems found in 1 file\n")
    # One problem fixed (stale), one new.
    write(
        tmp_path,
        text="---\ntitle: 'x   y'\nquality: -1\nwebUrl: https://a.example/\noriginalUrl: http://b.example/\n---\n",
    )
    changed = run_cli("--isolated", SELECT, "--baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert (
        changed.stdout.decode()
        == "a.md:5:14: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]\n"
    )
    assert changed.stderr.decode().splitlines() == [
        "frontlint: 1 baseline entry in baseline.json no longer matches (stale); --write-baseline drops them:",
        "  a.md: url-insecure at $.webUrl",
        "0 errors, 1 warning in 1 of 1 file",
    ]


@pytest.mark.slow
def test_a_bad_baseline_file_exits_2(tmp_path):
    write(tmp_path)
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    result = run_cli("--isolated", "--baseline", "b.json", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("frontlint: error: b.json: ")


# --- the summary line: what --fix would repair, what it did, what --diff would change

CLEAN = "---\ntitle: x\nwebUrl: https://a.example/\n---\n"


def summary(result):
    return result.stderr.decode().splitlines()[-1]


def test_the_summary_counts_what_fix_would_repair(tmp_path):
    write(tmp_path)  # text-whitespace is fixable; schema/minimum and url-insecure are not
    write(tmp_path, "b.md", CLEAN)
    result = run_cli("--isolated", SELECT, ".", cwd=tmp_path)
    assert summary(result) == "1 error, 2 warnings in 1 of 2 files; 1 fixable with --fix"


@pytest.mark.slow
def test_the_summary_says_nothing_of_fixing_when_nothing_is_fixable(tmp_path):
    write(tmp_path)
    result = run_cli("--isolated", "--select=schema/minimum,url-insecure", "a.md", cwd=tmp_path)
    assert summary(result) == "1 error, 1 warning in 1 of 1 file"


@pytest.mark.slow
def test_after_fix_the_summary_says_what_was_fixed_and_what_remains(tmp_path):
    write(tmp_path)
    write(tmp_path, "b.md", CLEAN)
    result = run_cli("--isolated", SELECT, "--fix", ".", cwd=tmp_path)
    assert summary(result) == "fixed 1 problem in 1 file; 1 error, 1 warning in 1 of 2 files"
    again = run_cli("--isolated", SELECT, "--fix", ".", cwd=tmp_path)
    assert summary(again) == "fixed 0 problems; 1 error, 1 warning in 1 of 2 files"


@pytest.mark.slow
def test_the_diff_summary_counts_the_files_it_changes(tmp_path):
    write(tmp_path)
    write(tmp_path, "b.md", "---\ntitle: 'y   y'\nexcerpt: '\u200bz'\n---\n")
    write(tmp_path, "c.md", CLEAN)
    result = run_cli("--isolated", SELECT, "--diff", ".", cwd=tmp_path)
    assert summary(result) == "3 problems would be fixed in 2 files (of 3 checked)"
    nothing = run_cli("--isolated", SELECT, "--diff", "c.md", cwd=tmp_path)
    assert (nothing.returncode, summary(nothing)) == (0, "no problems would be fixed in 1 file")


def test_summary_line_counts_with_thousands_separators():
    from frontlint.cli.summary import summary_line
    from frontlint.diagnostic import Diagnostic, Edit, Fix, Severity

    fix = Fix("trim", (Edit(1, 1, 1, 2, ""),))

    def diagnostic(index, severity, fixable):
        return Diagnostic(f"{index % 1310}.md", 2, 1, 2, 2, severity, "r", "m", fix=fix if fixable else None)

    found = [diagnostic(i, Severity.ERROR, i < 2100) for i in range(3412)]
    found += [diagnostic(i, Severity.WARNING, False) for i in range(1203)]
    assert summary_line(found, 1982) == "3,412 errors, 1,203 warnings in 1,310 of 1,982 files; 2,100 fixable with --fix"
    assert summary_line(found, 1982, fixed=12, fix_mode="fix", files_changed=5) == (
        "fixed 12 problems in 5 files; 3,412 errors, 1,203 warnings in 1,310 of 1,982 files"
    )
    assert (
        summary_line([], 1982, fixed=1, fix_mode="diff", files_changed=1)
        == "1 problem would be fixed in 1 file (of 1,982 checked)"
    )
    assert summary_line(found[:1], 1, skipped_links=1) == (
        "1 error, 0 warnings in 1 of 1 file; 1 fixable with --fix; skipped 1 link leading outside the linted directory"
    )


# --- --color auto|always|never, beside NO_COLOR and FORCE_COLOR

RED_ERROR = "\x1b[1;31merror\x1b[0m"


@pytest.mark.slow
def test_color_always_paints_a_report_on_a_pipe_even_with_no_color_set(tmp_path):
    write(tmp_path)
    result = run_cli(
        "--isolated", "--select=schema/minimum", "--color", "always", "a.md", cwd=tmp_path, env={"NO_COLOR": "1"}
    )
    assert result.stdout.decode() == (
        f"\x1b[1ma.md:3:10\x1b[0m: {RED_ERROR}: -1 is out of range: must be at least 0 \x1b[2m[schema/minimum]\x1b[0m\n"
    )
    to_file = run_cli(
        "--isolated", "--select=schema/minimum", "--color=always", "--output-file", "r.txt", "a.md", cwd=tmp_path
    )
    assert (to_file.stdout, (tmp_path / "r.txt").read_text(encoding="utf-8")) == (b"", result.stdout.decode())


@pytest.mark.slow
def test_color_never_and_auto_on_a_pipe_paint_nothing_even_with_force_color_for_never(tmp_path):
    write(tmp_path)
    never = run_cli(
        "--isolated", "--select=schema/minimum", "--color=never", "a.md", cwd=tmp_path, env={"FORCE_COLOR": "1"}
    )
    assert never.stdout.decode() == "a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    auto = run_cli(
        "--isolated", "--select=schema/minimum", "--color=auto", "a.md", cwd=tmp_path, env={"FORCE_COLOR": "1"}
    )
    assert RED_ERROR in auto.stdout.decode()  # auto is what the environment says
    wrong = run_cli("--isolated", "--color=sometimes", "a.md", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "argument --color: invalid choice: 'sometimes'" in wrong.stderr.decode()
