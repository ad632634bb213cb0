"""frontlint.on_dask: JSON Lines and Markdown files checked in a dask.bag give what the serial run gives, byte for byte."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import fsspec
import pytest

from frontlint import Config, lint_paths
from frontlint.checking.engine import sorted_diagnostics
from frontlint.checking.json_lines import check_json_lines
from frontlint.diagnostic import Diagnostic
from frontlint.on_dask import DaskResult, validate_on_dask
from frontlint.reporters.json_format import diagnostic_record
from frontlint.rules.registry import RUN_RULES
from frontlint.run.linting import _run_wide
from helpers import REPO
from record_corpus import write_corpus

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def serial(files: list[str], config: Config, scratch: Path) -> list[Diagnostic]:
    """The serial run over ``files`` in order, with ``config``: ``lint_paths`` once it reads JSON Lines.

    Until then (the command line's JSON Lines are issue 14's part 3), the serial run's own
    pieces: check_json_lines for a .jsonl file, check_bytes for a Markdown one, then
    lint_sources' run-wide step, file after file.
    """
    if lint_paths_reads_json_lines(scratch):
        return lint_paths(files, config=config)
    indexes = {rule.id: rule.run_wide.index() for rule in RUN_RULES if rule.run_wide is not None}
    found: list[Diagnostic] = []
    for name in files:
        linter = config.linter(name)
        if name.endswith(".jsonl"):
            with open(name, "rb") as stream:
                report = check_json_lines(linter, stream, name)
        else:
            report = linter.check_bytes(Path(name).read_bytes(), name)
        found.extend(report.diagnostics)
        found.extend(_run_wide(report, indexes, linter))
    return sorted_diagnostics(found)


def lint_paths_reads_json_lines(scratch: Path) -> bool:
    """Whether lint_paths reads a .jsonl file as JSON Lines (a record's field at its JSON path), not as Markdown."""
    probe = scratch / "probe" / "probe.jsonl"
    probe.parent.mkdir(exist_ok=True)
    probe.write_text('{"title": 1}\n', encoding="utf-8")
    return any(d.json_path == "$.title" for d in lint_paths([probe], config=Config(now=NOW)))


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


def test_a_missing_file_a_glob_without_a_match_and_a_folder_are_errors_not_hangs(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no file matches the pattern"):
        validate_on_dask([str(tmp_path / "*.jsonl")], scheduler="sync")
    with pytest.raises(FileNotFoundError):
        validate_on_dask([str(tmp_path / "absent.jsonl")], scheduler="sync")
    with pytest.raises(IsADirectoryError):
        validate_on_dask([str(tmp_path)], input_format="jsonl", scheduler="sync")
    assert validate_on_dask([], scheduler="sync") == DaskResult([], {}, 0)


def test_without_dask_the_import_says_how_to_install_it() -> None:
    blocked = "import sys; sys.modules['dask'] = None; import frontlint.on_dask"
    result = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "ImportError: frontlint.on_dask needs Dask: pip install 'frontlint[dask]'"


# Run in a child process, so that a cluster that hangs is killed by the timeout, not left behind.
_ON_A_CLUSTER = """
import logging, pickle, sys
from datetime import datetime, timezone
from distributed import Client, LocalCluster
from frontlint import Config
from frontlint.on_dask import validate_on_dask

files, base, output = sys.argv[1:-2], sys.argv[-2], sys.argv[-1]
config = Config(
    now="2025-01-01T00:00:00Z",
    per_file_ignores={"part-004.jsonl": ["url-insecure"]},
    rules={"duplicate-article": {"severity": "error"}},
    base=base,
)
if __name__ == "__main__":
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster, Client(cluster, timeout=60) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        result = validate_on_dask(files, config=config)
    with open(output, "wb") as stream:
        pickle.dump(result, stream)
"""


@pytest.mark.slow
def test_on_a_local_cluster_of_two_worker_processes_20000_records_give_the_serial_runs_diagnostics(
    tmp_path: Path,
) -> None:
    files = [str(path) for path in write_corpus(tmp_path / "corpus", 20_000, 5)]
    script, output = tmp_path / "on_cluster.py", tmp_path / "result.pickle"
    script.write_text(_ON_A_CLUSTER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), *files, str(tmp_path / "corpus"), str(output)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    with output.open("rb") as stream:
        result = pickle.load(stream)
    config = Config(
        now=NOW,
        per_file_ignores={"part-004.jsonl": ["url-insecure"]},
        rules={"duplicate-article": {"severity": "error"}},
        base=tmp_path / "corpus",
    )
    expected = serial(files, config, tmp_path)
    assert_same(result, expected, 8)
    across = [d for d in expected if d.rule == "duplicate-article" and Path(d.path).name not in d.message]
    assert len(across) >= 100 and all(d.severity == "error" for d in across)
    assert not any(d.rule == "url-insecure" for d in expected if d.path.endswith("part-004.jsonl"))
