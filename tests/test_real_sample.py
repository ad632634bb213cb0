"""Issue 12: the bundled contract fits real articles.

The real CLI, with default settings, checks a real site's 1,982 ``_news`` articles against
the contract alone (``--select schema``). Every ``schema/*`` diagnostic must be one a reviewer
accepted as a genuine defect, listed with its reason in
``tests/real_sample/expected-schema-diagnostics.tsv``, and every listed one must occur:
a new false alarm and a defect no longer found both fail. None is ``schema/required``.
``expected-schema-diagnostics-invisible.tsv`` lists the URLs holding an invisible separator
(U+2028, U+202F), which the IRI format rejects. The per-rule table of the README ("What it finds
on a real site") is re-measured here with every default rule.
The sample lies outside the project (``../shared/corpus``); without it the test is skipped.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

from frontlint.registry import check_for
from helpers import REPO, run_cli

NEWS = REPO.parent / "shared" / "corpus" / "azure" / "_news"
EXPECTED = REPO / "tests" / "real_sample" / "expected-schema-diagnostics.tsv"
INVISIBLE = REPO / "tests" / "real_sample" / "expected-schema-diagnostics-invisible.tsv"

pytestmark = [pytest.mark.skipif(not NEWS.is_dir(), reason=f"the real sample is absent: {NEWS}"), pytest.mark.slow]


def reviewed_entries(path: Path) -> list[tuple[str, str, str]]:
    """The expectations file's rows (file name, whole diagnostic line, reason), without its comments and header."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or line == "file\tdiagnostic\treason":
            continue
        fields = line.split("\t")
        assert len(fields) == 3, f"{path.name}:{number}: expected 3 tab-separated columns"
        rows.append((fields[0], fields[1], fields[2]))
    return rows


@pytest.fixture(scope="module")
def run() -> tuple[int, list[str], str]:
    """Exit status, diagnostic lines and stderr of the real CLI on the sample, the contract alone."""
    result = run_cli("--isolated", "--select", "schema", ".", cwd=NEWS)
    return result.returncode, result.stdout.decode("utf-8").splitlines(), result.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def schema_lines(run: tuple[int, list[str], str]) -> list[str]:
    return run[1]


def test_every_schema_diagnostic_on_the_real_sample_is_a_reviewed_defect_and_every_one_occurs(schema_lines):
    rows, invisible = reviewed_entries(EXPECTED), reviewed_entries(INVISIBLE)
    assert (len(rows), len(invisible)) == (256, 22)
    for file_name, diagnostic, reason in rows + invisible:
        assert diagnostic.startswith(f"{file_name}:") and diagnostic.endswith("]"), diagnostic
        assert reason.strip(), f"no reason given for {diagnostic}"
    rows += invisible
    expected = sorted(diagnostic for _, diagnostic, _ in rows)
    assert len(set(expected)) == len(expected)
    found = sorted(line for line in schema_lines if "[schema/" in line)
    assert [line for line in found if line not in set(expected)] == []  # not reviewed: a false alarm?
    assert [line for line in expected if line not in set(found)] == []  # reviewed, no longer found
    assert found == expected


def test_no_real_article_misses_a_required_key(schema_lines):
    assert [line for line in schema_lines if "[schema/required]" in line] == []


def test_every_article_of_the_sample_is_linted_and_only_the_schema_reports(run):
    status, lines, stderr = run
    assert (status, len(lines), stderr) == (1, 278, "278 errors, 0 warnings in 263 of 1,982 files\n")


START, END = "<!-- real-sample-table:start -->\n", "<!-- real-sample-table:end -->"


def _readme_table() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split(START)[1].split(END)[0].splitlines()[2:]


def _write_readme_table(rows: list[str]) -> None:
    """Rewrite the README's real-sample table (pytest --update-golden): its two heading lines, then ``rows``."""
    readme = REPO / "README.md"
    before, rest = readme.read_text(encoding="utf-8").split(START)
    table, after = rest.split(END)
    heading = table.splitlines()[:2]
    readme.write_text(before + START + "\n".join([*heading, *rows]) + "\n" + END + after, encoding="utf-8")


def test_the_readme_shows_what_the_default_rules_find_on_the_sample(request):
    result = run_cli("--isolated", "--format", "json", ".", cwd=NEWS)
    diagnostics = json.loads(result.stdout)["diagnostics"]
    rows = []
    counts = collections.Counter(d["rule"] for d in diagnostics)
    for rule in sorted(counts, key=lambda rule: (-counts[rule], rule)):  # most found first
        found = [d for d in diagnostics if d["rule"] == rule]
        precision = re.search(r"precision ([0-9]+) %", " ".join(check_for(rule).doc.split())).group(1)
        rows.append(
            f"| `{rule}` | {found[0]['severity']} | {len(found):,} | {len({d['path'] for d in found}):,} | "
            f"{sum(d.get('fix') is not None for d in found):,} | {precision} % |"
        )
    if request.config.getoption("--update-golden"):
        _write_readme_table(rows)
    assert rows == _readme_table(), (
        "the README's real-sample table is stale: run .venv/bin/python -m pytest tests/test_real_sample.py --update-golden"
    )
