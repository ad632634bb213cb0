"""Attacks on the issue-13 refactor: what crosses to a worker process started by ``spawn``."""

from __future__ import annotations

import os
import pickle

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.run.parallel import START_METHOD_VARIABLE
from helpers import REPO

EVENT_SCHEMA = REPO / "examples" / "site" / "schemas" / "event.schema.json"
EVENT = "---\nname: Launch\ntype: webinar\nstartDateTime: soon\nendDateTime: 2024-01-01T10:00:00Z\n---\n"
EXPECTED = [
    "e.md:4:16: error: 'soon' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
]


def test_a_linter_whose_schema_references_files_beside_it_crosses_a_pickle():
    # Under spawn a Linter crosses to each worker pickled: the referenced files must cross too.
    linter = Linter(load_schema(EVENT_SCHEMA))
    assert [d.format() for d in linter.lint_text(EVENT, "e.md")] == EXPECTED
    crossed = pickle.loads(pickle.dumps(linter))
    assert [d.format() for d in crossed.lint_text(EVENT, "e.md")] == EXPECTED


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="--jobs is capped at the CPUs")
def test_lint_paths_with_a_referencing_schema_object_under_spawn(tmp_path, monkeypatch):
    from frontlint import lint_paths

    for number in range(70):
        (tmp_path / f"e{number:02}.md").write_text(EVENT, encoding="utf-8")
    monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
    schema = load_schema(EVENT_SCHEMA)
    diagnostics = lint_paths([tmp_path], schema=schema, jobs=2)
    assert [d.format().replace(str(tmp_path) + os.sep, "") for d in diagnostics] == [
        line.replace("e.md", f"e{number:02}.md") for number in range(70) for line in EXPECTED
    ]
