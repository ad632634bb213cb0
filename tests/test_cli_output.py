"""The command's output options: formats, output file, statistics, exit status, baselines."""

import json

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
        (2, 8, "text-whitespace"), (3, 10, "schema/minimum"), (4, 9, "url-insecure"),
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


def test_baseline_hides_recorded_problems_reports_new_and_stale_ones(tmp_path):
    write(tmp_path)
    recorded = run_cli("--isolated", SELECT, "--write-baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert (recorded.returncode, recorded.stderr.decode().splitlines()[0]) == (
        0, "frontlint: wrote 3 entries to baseline.json",
    )
    # Lines inserted above the problems: the baseline still matches them.
    write(tmp_path, text="---\n# a comment\n# another\n" + ARTICLE[4:])
    quiet = run_cli("--isolated", SELECT, "--baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr.decode()) == (0, b"", "no problems found in 1 file\n")
    # One problem fixed (stale), one new.
    write(tmp_path, text="---\ntitle: 'x   y'\nquality: -1\nwebUrl: https://a.example/\noriginalUrl: http://b.example/\n---\n")
    changed = run_cli("--isolated", SELECT, "--baseline", "baseline.json", "a.md", cwd=tmp_path)
    assert changed.stdout.decode() == "a.md:5:14: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]\n"
    assert changed.stderr.decode().splitlines() == [
        "frontlint: 1 baseline entry in baseline.json no longer matches (stale); --write-baseline drops them:",
        "  a.md: url-insecure at $.webUrl",
        "0 errors, 1 warning in 1 of 1 file",
    ]


def test_a_bad_baseline_file_exits_2(tmp_path):
    write(tmp_path)
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    result = run_cli("--isolated", "--baseline", "b.json", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("frontlint: error: b.json: ")
