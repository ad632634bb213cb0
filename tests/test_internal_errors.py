"""A rule that raises: one line naming the rule and the file, the whole traceback when asked.

The real command runs in a subprocess whose ``sitecustomize`` (found first on ``PYTHONPATH``,
so imported by every process of the run, spawned workers too) replaces the ``url-insecure``
rule's check with one that raises ``KeyError`` on ``b.md``; its message says whether it was
raised in a worker process, so that ``--jobs 2`` proves the traceback crossed from one.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.registry import check_for
from frontlint.run.linting import InternalError, OriginalTraceback, check_source
from frontlint.run.sources import file_source
from frontlint.settings.resolved import Settings
from helpers import REPO, run_cli

FAILING_RULE = """\
import multiprocessing


def check(context):
    if context.file_path.endswith("b.md"):
        raise KeyError("in a worker" if multiprocessing.parent_process() else "in the main process")
    return iter(())
"""
# Patched before the registry reads the rule module's check.
SITECUSTOMIZE = """\
import failing_rule
import frontlint.rules.url_insecure

frontlint.rules.url_insecure.check = failing_rule.check
"""
# Enough files for --jobs 2 to start workers (frontlint.run.parallel.MIN_FILES_FOR_PROCESSES).
CLEAN_FILES = 64
SUMMARY = f"no problems found in {CLEAN_FILES} files"

needs_two_cpus = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) < 2,
    reason="--jobs is capped at the CPUs: one CPU runs no workers",
)


def _site(tmp_path: Path) -> tuple[Path, Path]:
    """A directory holding the failing rule and its sitecustomize, and a folder of files to lint."""
    patches = tmp_path / "patches"
    patches.mkdir()
    (patches / "failing_rule.py").write_text(FAILING_RULE, encoding="utf-8")
    (patches / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    for number in range(CLEAN_FILES):
        (site / f"a{number:02}.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (site / "b.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    return patches, site


def _run(tmp_path: Path, jobs: str, *options: str, env: dict[str, str] | None = None) -> tuple[int, str, list[str]]:
    patches, site = _site(tmp_path)
    environment = {"PYTHONPATH": f"{patches}{os.pathsep}{REPO}", "FRONTLINT_DEBUG": "", **(env or {})}
    result = run_cli("--isolated", "--select", "url-insecure", "--jobs", jobs, *options, ".", cwd=site, env=environment)
    return result.returncode, result.stdout.decode(), result.stderr.decode().splitlines()


def _where(jobs: str) -> str:
    return "in a worker" if jobs == "2" else "in the main process"


def _traceback_end(tmp_path: Path, jobs: str) -> list[str]:
    """The last lines of the failing rule's traceback: its frame, and the error."""
    return [
        f'  File "{tmp_path / "patches" / "failing_rule.py"}", line 6, in check',
        '    raise KeyError("in a worker" if multiprocessing.parent_process() else "in the main process")',
        f"KeyError: '{_where(jobs)}'",
    ]


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=needs_two_cpus)])
def test_a_rule_that_raises_is_one_line_naming_the_rule_and_the_file(tmp_path, jobs):
    assert _run(tmp_path, jobs) == (
        2,
        "",
        [
            "frontlint: error: b.md: internal error in rule url-insecure, please report it with --show-traceback: "
            f"KeyError: '{_where(jobs)}'",
            SUMMARY,
        ],
    )


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=needs_two_cpus)])
@pytest.mark.parametrize(
    ("options", "env"), [(("--show-traceback",), None), ((), {"FRONTLINT_DEBUG": "1"})], ids=["flag", "env"]
)
def test_show_traceback_or_frontlint_debug_prints_the_rule_s_whole_traceback(tmp_path, jobs, options, env):
    status, out, err = _run(tmp_path, jobs, *options, env=env)
    assert (status, out) == (2, "")
    assert err[:2] == [
        "frontlint: error: b.md: internal error in rule url-insecure, please report it with this traceback: "
        f"KeyError: '{_where(jobs)}'",
        "Traceback (most recent call last):",
    ]
    assert err[-4:] == [*_traceback_end(tmp_path, jobs), SUMMARY]


def test_frontlint_debug_set_to_0_or_empty_shows_no_traceback(tmp_path):
    for value in ("0", ""):
        (tmp_path / f"value-{value}").mkdir()
        assert len(_run(tmp_path / f"value-{value}", "1", env={"FRONTLINT_DEBUG": value})[2]) == 2


def test_show_traceback_is_in_the_help():
    help_text = run_cli("--help", env={"COLUMNS": "200"}).stdout.decode()
    assert (
        "  --show-traceback      on an internal error, print its whole traceback to stderr (also when FRONTLINT_DEBUG=1)\n"
        in help_text
    )


def test_a_library_caller_gets_the_rule_and_the_traceback_also_as_a_worker_sends_them(tmp_path):
    def failing(context):
        raise KeyError("x")

    rule = check_for("url-insecure")._replace(check=failing)
    linter = Linter(load_schema(), Settings(select=(rule.id,)), rules=[rule])
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    error = check_source(linter, file_source(str(tmp_path / "a.md"), named=True), None, False).error
    crossed = pickle.loads(pickle.dumps(error))  # as a worker's outcome reaches the command
    for each in (error, crossed):
        assert isinstance(each, InternalError)
        assert (str(each), each.rule) == ("KeyError: 'x'", "url-insecure")
        assert each.traceback.splitlines()[-3:] == [
            f'  File "{__file__}", line {failing.__code__.co_firstlineno + 1}, in failing',
            '    raise KeyError("x")',
            "KeyError: 'x'",
        ]
        assert isinstance(each.__cause__, OriginalTraceback) and each.traceback in str(each.__cause__)


# The parts of a run outside any one file's checks, each made to raise: a run-wide rule's fold over the
# files (in the command's own process), and the report written after every file is checked.
FAILING_FOLD = """\
import frontlint.rules.duplicate_article as rule

def add(self, path, web_url):
    if path.endswith("b.md"):
        raise KeyError("in the fold")
    return iter(())

rule.WebUrlIndex.add = add
"""
FAILING_REPORT = """\
import frontlint.reporters.text as text

def report_text(diagnostics, context):
    raise KeyError("in the report")

text.report_text = report_text
"""


def _run_patched(tmp_path: Path, patch: str, *options: str) -> tuple[int, str, list[str]]:
    patches = tmp_path / "patches"
    patches.mkdir()
    (patches / "sitecustomize.py").write_text(patch, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    for name in ("a.md", "b.md"):
        (site / name).write_text(f'---\ntitle: x\nwebUrl: "https://example.com/{name}"\n---\n', encoding="utf-8")
    environment = {"PYTHONPATH": f"{patches}{os.pathsep}{REPO}", "FRONTLINT_DEBUG": ""}
    select = ("--select", "duplicate-article")
    result = run_cli("--isolated", *select, "--jobs", "1", *options, ".", cwd=site, env=environment)
    return result.returncode, result.stdout.decode(), result.stderr.decode().splitlines()


def test_a_run_wide_rule_that_raises_in_its_fold_is_one_line_naming_the_rule_and_the_file(tmp_path):
    assert _run_patched(tmp_path, FAILING_FOLD) == (
        2,
        "",
        [
            "frontlint: error: b.md: internal error in rule duplicate-article, please report it with "
            "--show-traceback: KeyError: 'in the fold'",
            "no problems found in 2 files",
        ],
    )


def test_a_run_wide_rule_s_fold_that_raises_shows_its_traceback_when_asked(tmp_path):
    status, out, err = _run_patched(tmp_path, FAILING_FOLD, "--show-traceback")
    assert (status, out) == (2, "")
    assert err[:2] == [
        "frontlint: error: b.md: internal error in rule duplicate-article, please report it with this traceback: "
        "KeyError: 'in the fold'",
        "Traceback (most recent call last):",
    ]
    assert err[-4:] == [
        f'  File "{tmp_path / "patches" / "sitecustomize.py"}", line 5, in add',
        '    raise KeyError("in the fold")',
        "KeyError: 'in the fold'",
        "no problems found in 2 files",
    ]


def test_a_failure_outside_any_file_is_one_line_and_exit_2_not_a_python_traceback(tmp_path):
    assert _run_patched(tmp_path, FAILING_REPORT) == (
        2,
        "",
        ["frontlint: error: internal error, please report it with --show-traceback: KeyError: 'in the report'"],
    )


def test_a_failure_outside_any_file_shows_its_traceback_when_asked(tmp_path):
    status, out, err = _run_patched(tmp_path, FAILING_REPORT, "--show-traceback")
    assert (status, out) == (2, "")
    assert err[:2] == [
        "frontlint: error: internal error, please report it with this traceback: KeyError: 'in the report'",
        "Traceback (most recent call last):",
    ]
    assert err[-3:] == [
        f'  File "{tmp_path / "patches" / "sitecustomize.py"}", line 4, in report_text',
        '    raise KeyError("in the report")',
        "KeyError: 'in the report'",
    ]
