"""frontlint.on_dask: JSON Lines and Markdown files checked in a dask.bag give what the serial run gives, byte for byte."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

import fsspec
import pytest

from frontlint import Config, ConfigError
from frontlint.diagnostic import Diagnostic
from frontlint.on_dask import DaskResult, dask_run, validate_on_dask
from frontlint.reporters.json_format import diagnostic_record
from helpers import REPO
from record_corpus import serial, write_corpus

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def assert_same(result: DaskResult, expected: list[Diagnostic], files: int) -> None:
    """The same lines and the same JSON records, byte for byte; the counts are the diagnostics' rules."""
    assert [d.format() for d in result.diagnostics] == [d.format() for d in expected]
    as_json = [json.dumps(diagnostic_record(d), sort_keys=True) for d in result.diagnostics]
    assert as_json == [json.dumps(diagnostic_record(d), sort_keys=True) for d in expected]
    assert result.diagnostics == expected
    assert result.counts == dict(sorted(Counter(d.rule for d in expected).items()))
    assert result.files == files


@pytest.mark.slow
def test_with_threads_and_no_cluster_the_result_is_the_serial_runs(tmp_path: Path) -> None:
    files = [str(path) for path in write_corpus(tmp_path, 3500, 3)]
    result = validate_on_dask(files, now=NOW, scheduler="threads", markdown_per_partition=2)
    expected = serial(files, Config(now=NOW), tmp_path)
    assert_same(result, expected, 6)
    duplicates = [d.format() for d in expected if d.rule == "duplicate-article"]
    assert duplicates[:2] == [
        f"{tmp_path}/article-1.md:7:9: warning: another article has the same webUrl: "
        f"{tmp_path}/part-000.jsonl:4; keep one of the two files [duplicate-article]",
        f"{tmp_path}/article-2.md:7:9: warning: another article has the same webUrl: "
        f"{tmp_path}/article-0.md:7; keep one of the two files [duplicate-article]",
    ]
    assert (
        f"{tmp_path}/part-002.jsonl:682:1: warning: $.webUrl: another article has the same webUrl: "
        f"{tmp_path}/part-000.jsonl:14; keep one of the two records [duplicate-article]"
    ) in duplicates


def test_memory_urls_and_globs_are_read_through_fsspec_in_their_sorted_order_named_by_full_url(tmp_path: Path) -> None:
    local = write_corpus(tmp_path, 60, 2, markdown=0)
    memory = fsspec.filesystem("memory")
    for path in local:
        memory.pipe(f"/dask-test/{path.name}", path.read_bytes())
    try:
        result = validate_on_dask(["memory://dask-test/part-*.jsonl"], now=NOW, scheduler="sync")
    finally:
        memory.rm("/dask-test", recursive=True)
    expected = serial([str(path) for path in local], Config(now=NOW), tmp_path)
    renamed = [d._replace(path=d.path.replace(str(tmp_path), "memory:///dask-test")) for d in expected]
    assert_same(result, renamed, 2)
    assert result.counts == {"schema/format": 4, "schema/required": 2, "schema/type": 2, "url-insecure": 5}


def test_a_missing_file_a_glob_without_a_match_a_folder_and_an_unknown_format_are_errors_not_hangs(
    tmp_path: Path,
) -> None:
    with pytest.raises(FileNotFoundError, match="no file matches the pattern"):
        validate_on_dask([str(tmp_path / "*.jsonl")], scheduler="sync")
    with pytest.raises(FileNotFoundError):
        validate_on_dask([str(tmp_path / "absent.jsonl")], scheduler="sync")
    with pytest.raises(IsADirectoryError):
        validate_on_dask([str(tmp_path)], input_format="jsonl", scheduler="sync")
    assert validate_on_dask([], scheduler="sync") == DaskResult([], {}, 0)
    with pytest.raises(ValueError, match="input_format must be 'auto', 'jsonl' or 'markdown', not 'json'"):
        validate_on_dask([str(tmp_path)], input_format="json", scheduler="sync")  # type: ignore[arg-type]


def test_without_dask_the_import_says_how_to_install_it() -> None:
    blocked = "import sys; sys.modules['dask'] = None; import frontlint.on_dask"
    result = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "ImportError: frontlint.on_dask needs Dask: pip install 'frontlint[dask]'"


def readme_example() -> tuple[str, str]:
    """The code of the README's "At scale, on Dask" example and the output it shows."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("### At scale, on Dask", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    return code, shown


@pytest.mark.slow
def test_the_readme_example_on_a_local_cluster_of_two_processes_over_20000_records_gives_the_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's code run as it is, in a child process (a cluster that hangs is killed by the timeout)."""
    monkeypatch.chdir(tmp_path)
    files = [str(path.relative_to(tmp_path)) for path in write_corpus(tmp_path / "corpus", 20_000, 5)]
    code, shown = readme_example()
    keep = "\nimport pickle, sys\nwith open(sys.argv[1], 'wb') as stream:\n    pickle.dump(result, stream)\n"
    run = subprocess.run(
        [sys.executable, "-c", code + keep, "result.pickle"], capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout == shown
    with (tmp_path / "result.pickle").open("rb") as stream:
        result = pickle.load(stream)
    config = Config(
        now=NOW,
        rules={"duplicate-article": {"severity": "error"}},
        per_file_ignores={"corpus/part-004.jsonl": ["url-insecure"]},
    )
    expected = serial(files, config, tmp_path)
    assert_same(result, expected, 8)
    across = [d for d in expected if d.rule == "duplicate-article" and Path(d.path).name not in d.message]
    assert len(across) >= 100 and all(d.severity == "error" for d in across)
    assert not any(d.rule == "url-insecure" for d in expected if d.path.endswith("part-004.jsonl"))


def test_by_suffix_ndjson_is_json_lines_and_input_format_overrides_the_suffix(tmp_path: Path) -> None:
    feed = tmp_path / "feed.NDJSON"
    feed.write_text('{"title": 1}\n', encoding="utf-8")
    as_json_lines = validate_on_dask([str(feed)], now=NOW, scheduler="sync").diagnostics
    assert f"{feed}:1:1: error: $.title: expected string, got integer 1 [schema/type]" in [
        d.format() for d in as_json_lines
    ]
    as_markdown = validate_on_dask([str(feed)], now=NOW, input_format="markdown", scheduler="sync").diagnostics
    assert f"{feed}:1:11: error: expected string, got integer 1 [schema/type]" in [d.format() for d in as_markdown]


def test_a_record_too_deep_for_the_parser_is_a_diagnostic_of_its_line_and_the_others_are_reported(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed.jsonl"
    deep = '{"title": "x", "tags": ' + "[" * 3000 + "]" * 3000 + "}"
    feed.write_text(f'{{"title": 1}}\n{deep}\n{{"title": 2}}\n', encoding="utf-8")
    config = Config(now=NOW, select=["schema/type"], max_nesting_depth=100_000)
    expected = [
        f"{feed}:1:1: error: $.title: expected string, got integer 1 [schema/type]",
        f"{feed}:2:3023: error: nesting 3,001 levels deep, deeper than Python's JSON parser goes: "
        "the record is not checked [yaml-depth-limit]",
        f"{feed}:3:1: error: $.title: expected string, got integer 2 [schema/type]",
    ]
    for scheduler in ("sync", "threads"):
        result = validate_on_dask([str(feed)], config=config, scheduler=scheduler)
        assert [d.format() for d in result.diagnostics] == expected
        assert result.counts == {"schema/type": 2, "yaml-depth-limit": 1}


def test_now_is_read_as_config_reads_it_a_naive_one_refused_before_any_task(tmp_path: Path) -> None:
    """As ``Config(now=...)`` and ``--now``: an aware datetime or an RFC 3339 string; a naive datetime is a ConfigError."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": 1, "publishedDateTime": "2025-01-03T00:00:00Z"}\n', encoding="utf-8")
    config = Config(select=["date-future"])
    expected = [
        f"{feed}:1:1: error: $.publishedDateTime: publishedDateTime 2025-01-03T00:00:00Z is in the future: "
        "later than now (2025-01-01T00:00:00Z) plus 1d [date-future]"
    ]
    for now in (NOW, "2025-01-01T00:00:00Z", "2025-01-01T01:00:00+01:00"):
        result = validate_on_dask([str(feed)], config=config, now=now, scheduler="sync")
        assert [d.format() for d in result.diagnostics] == expected
    message = "frontlint.on_dask: now = '2025-01-01T00:00:00' is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z"
    for run in (validate_on_dask, dask_run):
        with pytest.raises(ConfigError) as raised:
            run([str(feed)], config=config, now=datetime(2025, 1, 1))
        assert str(raised.value) == message


@pytest.mark.parametrize(
    ("now", "shown"),
    [(date(2025, 1, 1), "the date 2025-01-01"), (5, "5"), (["2025-01-01T00:00:00Z"], "['2025-01-01T00:00:00Z']")],
)
def test_now_that_is_no_time_nor_text_is_refused_as_config_refuses_it(tmp_path: Path, now: object, shown: str) -> None:
    """A date, a number or a list as ``now`` raised AttributeError ('no attribute strip'); Config says what it must be."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": 1}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as in_config:
        Config(now=now)
    assert str(in_config.value) == f"Config: now must be a string, not {shown}"
    for run in (validate_on_dask, dask_run):
        with pytest.raises(ConfigError) as raised:
            run([str(feed)], now=now)  # type: ignore[arg-type]
        assert str(raised.value) == f"frontlint.on_dask: now must be a string, not {shown}"


def bracketed_files(folder: Path) -> tuple[Path, Path]:
    """``a[1].jsonl`` beside ``a1.jsonl``, which the glob ``a[1].jsonl`` would match: different records."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a[1].jsonl").write_text('{"title": 1}\n', encoding="utf-8")
    (folder / "a1.jsonl").write_text('{"title": 2}\n{"title": 3}\n', encoding="utf-8")
    return folder / "a[1].jsonl", folder / "a1.jsonl"


def test_a_name_that_exists_as_written_is_that_file_not_a_glob(tmp_path: Path) -> None:
    """As the command reads ``a[1].jsonl``: the file of that name; a name that is no file is still a glob."""
    literal, other = bracketed_files(tmp_path / "data")
    config = Config(now=NOW, select=["schema/type"])
    found = validate_on_dask([str(literal)], config=config, scheduler="sync")
    assert [d.format() for d in found.diagnostics] == [
        f"{literal}:1:1: error: $.title: expected string, got integer 1 [schema/type]"
    ]
    as_glob = validate_on_dask([str(tmp_path / "data" / "a[12].jsonl")], config=config, scheduler="sync")
    assert [d.format() for d in as_glob.diagnostics] == [
        f"{other}:1:1: error: $.title: expected string, got integer 2 [schema/type]",
        f"{other}:2:1: error: $.title: expected string, got integer 3 [schema/type]",
    ]
    memory = fsspec.filesystem("memory")
    memory.pipe("/dask-literal/a[1].jsonl", literal.read_bytes())
    memory.pipe("/dask-literal/a1.jsonl", other.read_bytes())
    try:
        remote = validate_on_dask(["memory://dask-literal/a[1].jsonl"], config=config, scheduler="sync")
    finally:
        memory.rm("/dask-literal", recursive=True)
    assert [d.format() for d in remote.diagnostics] == [
        "memory://dask-literal/a[1].jsonl:1:1: error: $.title: expected string, got integer 1 [schema/type]"
    ]


_ON_A_CLUSTER = """
import sys
from dask.distributed import Client, LocalCluster
from frontlint import Config
from frontlint.on_dask import validate_on_dask

if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        result = validate_on_dask(sys.argv[1:], config=Config(now="2025-01-01T00:00:00Z", select=["schema/type"]))
    for diagnostic in result.diagnostics:
        print(diagnostic.format())
"""


@pytest.mark.slow
def test_on_a_local_cluster_a_name_that_exists_as_written_is_that_file(tmp_path: Path) -> None:
    """The workers open the file of that name too (in a child process: a cluster that hangs is killed by the timeout)."""
    bracketed_files(tmp_path / "data")
    run = subprocess.run(
        [sys.executable, "-c", _ON_A_CLUSTER, "data/a[1].jsonl", "data/a1.jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert (run.returncode, run.stdout) == (
        0,
        "data/a1.jsonl:1:1: error: $.title: expected string, got integer 2 [schema/type]\n"
        "data/a1.jsonl:2:1: error: $.title: expected string, got integer 3 [schema/type]\n"
        "data/a[1].jsonl:1:1: error: $.title: expected string, got integer 1 [schema/type]\n",
    ), run.stderr[-3000:]
