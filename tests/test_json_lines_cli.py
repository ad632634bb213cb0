"""JSON Lines on the command line: ``frontlint feed.jsonl``, ``--input-format``, stdin, walks, every output format.

The real command runs in a subprocess (see :func:`helpers.run_cli`) on
``tests/fixtures/jsonl/feed.jsonl``: a valid record, an http:// URL, a blank line, a line that
is not JSON, a record without a title, a duplicate of the first record, a key twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_reporters import check_golden_report

from frontlint.reporters import OUTPUT_FORMATS, output_format
from helpers import REPO, golden_name, run_cli
from seed_records import json_lines, seed_record

FIXTURES = REPO / "tests" / "fixtures"
FEED = FIXTURES / "jsonl" / "feed.jsonl"
NOW = ("--isolated", "--now", "2026-01-01T00:00:00Z")

FEED_LINES = [
    "jsonl/feed.jsonl:2:1: warning: $.webUrl: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    "jsonl/feed.jsonl:4:21: error: not JSON: Expecting property name enclosed in double quotes [json-syntax]",
    "jsonl/feed.jsonl:5:1: error: missing required key 'title' [schema/required]",
    "jsonl/feed.jsonl:6:1: warning: $.webUrl: another article has the same webUrl: jsonl/feed.jsonl:1; "
    "keep one of the two records [duplicate-article]",
    'jsonl/feed.jsonl:7:1: error: key "title" appears twice in one object: JSON readers keep only the last '
    "[json-duplicate-key]",
]
FEED_SUMMARY = "3 errors, 2 warnings in 1 of 1 file; 6 records checked\n"


def lint(*args: str, cwd: Path = FIXTURES, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = run_cli(*NOW, *args, cwd=cwd, stdin=stdin)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_a_jsonl_file_is_read_as_json_lines_by_its_suffix():
    assert lint("jsonl/feed.jsonl") == (1, "\n".join(FEED_LINES) + "\n", FEED_SUMMARY)


@pytest.mark.parametrize("name", ["feed.ndjson", "FEED.JSONL"])
def test_ndjson_and_any_case_of_the_suffix_are_json_lines_too(tmp_path, name):
    shutil.copy(FEED, tmp_path / name)
    status, out, err = lint(name, cwd=tmp_path)
    assert (status, err) == (1, FEED_SUMMARY)
    assert lines(out) == [line.replace("jsonl/feed.jsonl", name) for line in FEED_LINES]


def test_input_format_jsonl_reads_a_file_of_any_name_as_json_lines(tmp_path):
    shutil.copy(FEED, tmp_path / "feed.txt")
    status, out, _ = lint("--input-format", "jsonl", "feed.txt", cwd=tmp_path)
    assert status == 1
    assert lines(out) == [line.replace("jsonl/feed.jsonl", "feed.txt") for line in FEED_LINES]


def test_input_format_markdown_reads_a_jsonl_file_as_markdown(tmp_path):
    """Read as Markdown, its first line is JSON front matter: the value is placed at its column, with no JSON path."""
    (tmp_path / "a.jsonl").write_text('{"title": 1}\n')
    assert lint("--input-format", "markdown", "--select", "schema/type", "a.jsonl", cwd=tmp_path) == (
        1,
        "a.jsonl:1:11: error: expected string, got integer 1 [schema/type]\n",
        "1 error, 0 warnings in 1 of 1 file\n",
    )
    assert lint("--select", "schema/type", "a.jsonl", cwd=tmp_path)[1] == (
        "a.jsonl:1:1: error: $.title: expected string, got integer 1 [schema/type]\n"
    )


def test_stdin_is_json_lines_with_input_format_jsonl_or_a_jsonl_stdin_filename():
    feed = FEED.read_bytes()
    status, out, err = lint("--input-format", "jsonl", "-", stdin=feed)
    assert (status, lines(out), err) == (
        1,
        [line.replace("jsonl/feed.jsonl", "-") for line in FEED_LINES],
        FEED_SUMMARY,
    )
    status, out, err = lint("--stdin-filename", "jsonl/feed.jsonl", "-", stdin=feed)
    assert (status, lines(out), err) == (1, FEED_LINES, FEED_SUMMARY)


def test_stdin_without_a_jsonl_name_is_still_markdown():
    """The first record is JSON front matter (the insecure URL at its column), the other lines its body."""
    status, out, _ = lint("-", stdin=b"".join(FEED.read_bytes().splitlines(keepends=True)[1:]))
    assert status == 0
    assert out == "-:1:564: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]\n"


@pytest.mark.slow
def test_a_walk_finds_jsonl_files_only_when_include_names_them(tmp_path):
    (tmp_path / "_news").mkdir()
    shutil.copy(FEED, tmp_path / "_news" / "feed.jsonl")
    (tmp_path / "_news" / "a.md").write_text("---\ntitle: x\n---\n")
    assert run_cli("--show-files", "--isolated", ".", cwd=tmp_path).stdout == b"_news/a.md\n"
    (tmp_path / "frontlint.toml").write_text('extend-include = ["*.jsonl"]\n')
    assert run_cli("--show-files", ".", cwd=tmp_path).stdout == b"_news/a.md\n_news/feed.jsonl\n"
    result = run_cli("--now", "2026-01-01T00:00:00Z", "--select", "json-syntax,schema/required", ".", cwd=tmp_path)
    assert result.stdout.decode().splitlines()[-2:] == [
        "_news/feed.jsonl:4:21: error: not JSON: Expecting property name enclosed in double quotes [json-syntax]",
        "_news/feed.jsonl:5:1: error: missing required key 'title' [schema/required]",
    ]
    assert result.stderr.decode().endswith("in 2 of 2 files; 6 records checked\n")


def test_a_duplicate_across_a_markdown_file_and_json_lines_files_is_reported(tmp_path):
    record = seed_record()
    (tmp_path / "a.jsonl").write_bytes(json_lines(record))
    (tmp_path / "b.jsonl").write_bytes(json_lines(seed_record(webUrl=record["webUrl"] + "-2"), record))
    status, out, err = lint("--select", "duplicate-article", "a.jsonl", "b.jsonl", cwd=tmp_path)
    assert (status, out, err) == (
        0,
        "b.jsonl:2:1: warning: $.webUrl: another article has the same webUrl: a.jsonl:1; "
        "keep one of the two records [duplicate-article]\n",
        "0 errors, 1 warning in 1 of 2 files; 3 records checked\n",
    )


def test_fix_and_diff_leave_a_jsonl_file_alone_and_count_nothing_fixable(tmp_path):
    shutil.copy(FEED, tmp_path / "feed.jsonl")
    before = (tmp_path / "feed.jsonl").read_bytes()
    assert lint("--diff", "feed.jsonl", cwd=tmp_path) == (
        0,
        "",
        "no problems would be fixed in 1 file; 6 records checked\n",
    )
    status, out, err = lint("--fix", "feed.jsonl", cwd=tmp_path)
    assert (status, err) == (1, "fixed 0 problems; 3 errors, 2 warnings in 1 of 1 file; 6 records checked\n")
    assert lines(out) == [line.replace("jsonl/feed.jsonl", "feed.jsonl") for line in FEED_LINES]
    assert (tmp_path / "feed.jsonl").read_bytes() == before


def test_a_baseline_records_json_lines_problems_and_then_reports_only_new_ones(tmp_path):
    shutil.copy(FEED, tmp_path / "feed.jsonl")
    status, _, err = lint("--write-baseline", "baseline.json", "feed.jsonl", cwd=tmp_path)
    assert (status, err.splitlines()[0]) == (0, "frontlint: wrote 5 entries to baseline.json")
    with (tmp_path / "feed.jsonl").open("a") as feed:  # one new problem, and the old ones moved down a line
        feed.write("\n")
    new = json_lines(seed_record(title=1, webUrl="https://www.bignewsnetwork.com/news/1/new"))
    (tmp_path / "feed.jsonl").write_bytes(new + (tmp_path / "feed.jsonl").read_bytes())
    status, out, _ = lint("--baseline", "baseline.json", "feed.jsonl", cwd=tmp_path)
    assert (status, out) == (1, "feed.jsonl:1:1: error: $.title: expected string, got integer 1 [schema/type]\n")


def test_statistics_output_file_and_exit_zero_work_on_json_lines(tmp_path):
    status, out, err = lint(
        "--statistics", "--exit-zero", "--output-file", str(tmp_path / "report.txt"), "jsonl/feed.jsonl"
    )
    assert (status, out) == (0, "")
    assert (tmp_path / "report.txt").read_text() == "\n".join(FEED_LINES) + "\n"
    assert err == (
        "     1  warning  duplicate-article\n"
        "     1  error    json-duplicate-key\n"
        "     1  error    json-syntax\n"
        "     1  error    schema/required\n"
        "     1  warning  url-insecure\n" + FEED_SUMMARY
    )


def test_show_source_shows_the_records_line_cut_to_a_window(tmp_path):
    long_title = "x" * 400
    (tmp_path / "feed.jsonl").write_bytes(b'{"title": "' + long_title.encode() + b'", }\r\n')
    status, out, _ = lint("--show-source", "feed.jsonl", cwd=tmp_path)
    assert status == 1
    assert out == (  # 160 characters around the column: the start cut, the carets under the '}'
        "feed.jsonl:1:415: error: not JSON: Expecting property name enclosed in double quotes [json-syntax]\n"
        "  |\n"
        f'1 | ...{"x" * 156}", }}\n'
        f"  | {' ' * 162}^\n"
    )


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS])
def test_every_format_gives_its_golden_output_for_json_lines(golden, name):
    status, out, _ = lint("--format", name, "jsonl/feed.jsonl")
    assert status == 1
    check_golden_report(golden, "formats-jsonl", name, out)


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS if fmt.shows_source])
def test_every_format_showing_source_gives_its_golden_output_for_json_lines(golden, name):
    report = lint("--format", name, "--show-source", "jsonl/feed.jsonl")[1]
    golden(f"formats-jsonl/{golden_name(output_format(name), 'source')}", report)


@pytest.mark.slow
def test_json_lines_files_are_checked_in_worker_processes_with_the_same_output(tmp_path):
    record = seed_record(related=[])
    for index in range(40):
        copy = {**record, "webUrl": f"{record['webUrl']}-{index}", "title": index if index % 7 == 0 else "t"}
        (tmp_path / f"feed-{index:02}.jsonl").write_bytes(json_lines(copy, record))
        (tmp_path / f"page-{index:02}.md").write_text("---\ntitle: x\n---\n")
    names = sorted(path.name for path in tmp_path.iterdir())
    stdin = json_lines(seed_record(related=[], title=0))  # stdin is checked in this process
    options = (*NOW, "--stdin-filename", "stdin.jsonl", "-", *names)
    serial = run_cli(*options, "--jobs", "1", cwd=tmp_path, stdin=stdin)
    parallel = run_cli(*options, "--jobs", "2", cwd=tmp_path, stdin=stdin, env={"FRONTLINT_START_METHOD": "spawn"})
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr == b"287 errors, 40 warnings in 81 of 81 files; 81 records checked\n"
    out = serial.stdout.decode()
    assert "feed-07.jsonl:1:1: error: $.title: expected string, got integer 7 [schema/type]\n" in out
    assert "stdin.jsonl:1:1: error: $.title: expected string, got integer 0 [schema/type]\n" in out
    assert out.count("[duplicate-article]") == 40  # the second record of each file (the first is stdin's)


def test_the_readme_json_lines_example_is_what_the_command_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("**JSON Lines.**", 1)[1].split("```\n", 2)[1]
    command, *expected = block.splitlines()
    assert command == "$ frontlint --now 2026-01-01T00:00:00Z examples/feed.jsonl"
    result = run_cli(*command.split()[2:], cwd=REPO)
    assert result.returncode == 1
    assert (result.stdout + result.stderr).decode().splitlines() == expected


def test_the_library_lints_a_jsonl_file_as_the_command_does(monkeypatch):
    from frontlint import lint_file, lint_paths

    monkeypatch.chdir(FIXTURES)
    assert [d.format() for d in lint_file("jsonl/feed.jsonl")] == FEED_LINES
    assert [d.format() for d in lint_paths(["jsonl/feed.jsonl"])] == FEED_LINES
