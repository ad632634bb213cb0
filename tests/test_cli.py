"""The real command in a subprocess: output lines, summary, exit codes."""

import os
import stat
import sys

import pytest

from helpers import REPO, SEED, run_cli

BROKEN = "---\ncategory: news\nquality: -1\n---\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_seed_article_is_clean_of_errors():
    result = run_cli("--now", "2024-01-01T00:00:00Z", str(SEED))
    assert result.returncode == 0
    assert result.stderr.decode().endswith("in 1 of 1 file\n")


def test_errors_exit_1_with_sorted_compiler_style_lines_and_a_summary(tmp_path):
    write(tmp_path / "b.md", BROKEN)
    write(tmp_path / "a" / "z.markdown", "---\ncategory: 5\n---\n")
    write(tmp_path / "a" / "skip.txt", BROKEN)
    write(tmp_path / ".hidden" / "x.md", BROKEN)
    result = run_cli("--select", "schema/minimum,schema/type", ".", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        "a/z.markdown:2:11: error: expected string, got integer 5 [schema/type]",
        "b.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]",
    ]
    assert result.stderr.decode() == "2 errors, 0 warnings in 2 of 2 files\n"
    assert result.returncode == 1


def test_only_warnings_exit_0(tmp_path):
    write(tmp_path / "a.md", "---\nwebUrl: http://a.example/\n---\n")
    result = run_cli("--select", "url-insecure", "a.md", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.decode() == "0 errors, 1 warning in 1 of 1 file\n"


def test_clean_run_summary(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: x\n---\n")
    result = run_cli("--select", "url-insecure", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr.decode()) == (0, b"", "no problems found in 1 file\n")


def test_missing_and_unreadable_paths_exit_2_and_the_rest_is_still_checked(tmp_path):
    write(tmp_path / "b.md", BROKEN)
    locked = write(tmp_path / "locked.md", BROKEN)
    locked.chmod(0)
    try:
        result = run_cli("--select", "schema/minimum", "nope.md", "b.md", "locked.md", cwd=tmp_path)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    stderr = result.stderr.decode().splitlines()
    assert (
        "b.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]"
        in result.stdout.decode().splitlines()
    )
    assert stderr[0] == "frontlint: error: nope.md: No such file or directory"
    if os.geteuid() != 0:  # root reads any file
        assert "frontlint: error: locked.md: Permission denied" in stderr
    assert "Traceback" not in result.stderr.decode()
    assert result.returncode == 2


def test_stdin_with_a_display_name():
    result = run_cli("--select", "schema/minimum", "-", "--stdin-filename", "_news/x.md", stdin=BROKEN.encode())
    assert result.stdout.decode() == "_news/x.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    assert result.returncode == 1


def test_schema_option_swaps_the_contract(tmp_path):
    write(tmp_path / "s.json", '{"type": "object", "properties": {"quality": {"maximum": -5}}}')
    result = run_cli("--select", "schema", "--schema", "s.json", "-", cwd=tmp_path, stdin=BROKEN.encode())
    assert result.stdout.decode() == "-:3:10: error: -1 is out of range: must be at most -5 [schema/maximum]\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--schema", "missing.json", "x.md"],
            "frontlint: error: missing.json: cannot read schema: No such file or directory\n",
        ),
        (["--select", "urll-syntax", "x.md"], "frontlint: error: --select: unknown rule or prefix 'urll-syntax'"),
        (
            ["--now", "yesterday", "x.md"],
            "frontlint: error: --now: now = 'yesterday' is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z\n",
        ),
        (  # no time zone: refused, as the library refuses a naive datetime
            ["--now", "2024-01-01T00:00:00", "x.md"],
            "frontlint: error: --now: now = '2024-01-01T00:00:00' is not an RFC 3339 date-time such as "
            "2024-01-01T00:00:00Z\n",
        ),
    ],
)
def test_usage_and_schema_errors_exit_2_with_one_line(tmp_path, args, message):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(message)
    assert len(result.stderr.decode().splitlines()) == 1


def test_unknown_option_is_a_usage_error():
    result = run_cli("--frobnicate")
    assert result.returncode == 2
    assert "usage: frontlint" in result.stderr.decode()


def test_version_and_module_entry_point():
    result = run_cli("--version")
    assert (result.returncode, result.stdout.decode()) == (0, "frontlint 0.1.0\n")
    assert sys.executable  # python -m frontlint is what run_cli runs


@pytest.mark.slow
def test_rules_listing_and_rule_documentation():
    listing = run_cli("rules").stdout.decode().splitlines()
    assert listing[0].split() == ["id", "severity", "fix", "summary"]
    assert any(line.startswith("url-insecure ") for line in listing)
    page = run_cli("rule", "url-insecure")
    assert page.stdout.decode().startswith(
        "url-insecure (warning)\n======================\n\nAn http:// URL where https:// is expected.\n"
    )
    unknown = run_cli("rule", "nope")
    assert (unknown.returncode, unknown.stderr.decode()) == (
        2,
        "frontlint: error: unknown rule 'nope' (see 'frontlint rules')\n",
    )


def test_output_is_not_a_traceback_when_the_reader_goes_away(tmp_path):
    for index in range(30):
        write(tmp_path / f"{index:02d}.md", BROKEN)
    import subprocess

    command = f"{sys.executable} -m frontlint --select schema . | head -1"
    result = subprocess.run(
        command, shell=True, cwd=tmp_path, capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    assert result.stdout.decode().count("\n") == 1
    assert "Traceback" not in result.stderr.decode()


def test_a_failure_inside_frontlint_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    import frontlint.checking.engine
    from frontlint.cli import main

    write(tmp_path / "a.md", BROKEN)
    write(tmp_path / "b.md", BROKEN)
    original = frontlint.checking.engine.Linter.check_bytes

    def fail_on_a(self, raw, path, **options):
        if path.endswith("a.md"):
            raise RuntimeError("boom")
        return original(self, raw, path, **options)

    monkeypatch.setattr(frontlint.checking.engine.Linter, "check_bytes", fail_on_a)
    monkeypatch.delenv("FRONTLINT_DEBUG", raising=False)
    status = main(["--isolated", "--select", "schema/minimum", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == f"{tmp_path / 'b.md'}:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    assert captured.err.splitlines()[0] == (
        f"frontlint: error: {tmp_path / 'a.md'}: internal error, please report it with --show-traceback: RuntimeError: boom"
    )
    assert len(captured.err.splitlines()) == 2  # and the summary line


@pytest.mark.parametrize("columns", ["60", "80", "100", "120", "", "junk", "0"])
def test_help_is_laid_out_as_argparse_lays_it_out_at_the_terminal_width(monkeypatch, columns):
    import argparse

    from frontlint.cli.main import build_parser

    monkeypatch.setenv("COLUMNS", columns)
    expected = build_parser()
    expected.formatter_class = argparse.HelpFormatter  # argparse's own, which asks shutil
    assert build_parser().format_help() == expected.format_help()


def test_help_follows_the_terminal_width(monkeypatch):
    from frontlint.cli.main import build_parser

    widths = {}
    for columns in ("60", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        widths[columns] = max(len(line) for line in build_parser().format_help().splitlines() if "{" not in line)
    assert widths["60"] <= 58 < widths["120"] <= 118


def test_the_cycle_collector_waits_longer_during_a_run_and_is_restored_after_it(tmp_path):
    import gc

    from frontlint.cli.main import YOUNG_OBJECTS_PER_COLLECTION, collecting_garbage_less_often, main

    before = gc.get_threshold()
    with collecting_garbage_less_often():
        assert gc.get_threshold() == (YOUNG_OBJECTS_PER_COLLECTION, *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), collecting_garbage_less_often(5000):
        assert gc.get_threshold()[0] == 5000
        raise KeyError("a failure inside the run")
    assert gc.get_threshold() == before
    (tmp_path / "a.md").write_text('---\ntitle: "A"\n---\n', encoding="utf-8")
    assert main(["--isolated", "--select", "yaml-syntax", str(tmp_path / "a.md")]) == 0
    assert gc.get_threshold() == before
