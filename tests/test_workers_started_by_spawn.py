"""What crosses to a worker process started by ``spawn``: schemas, rules of one's own, options, a failed start."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.base import Check, RuleContext
from frontlint.run.parallel import START_METHOD_VARIABLE
from frontlint.settings.resolved import Settings
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


def _no_foo(context: RuleContext) -> Iterator[Problem]:
    if context.data.get("title") == "foo":
        yield Problem("no-foo", "the title is foo", path=("title",))


NO_FOO = Check("no-foo", Severity.WARNING, "A title that is foo.", "rule", check=_no_foo)


def test_a_linter_with_a_rule_of_its_own_keeps_it_across_a_pickle():
    # Linter(rules=...) is public: a rule not in the registry must not vanish in a spawned worker.
    from frontlint.registry import check_for

    linter = Linter(load_schema(), Settings(select=("no-foo", "url-syntax")), rules=[NO_FOO, check_for("url-syntax")])
    text = "---\ntitle: foo\nwebUrl: nope\n---\n"
    expected = [
        "a.md:2:8: warning: the title is foo [no-foo]",
        "a.md:3:9: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
    ]
    assert [d.format() for d in linter.lint_text(text, "a.md")] == expected
    assert [d.format() for d in pickle.loads(pickle.dumps(linter)).lint_text(text, "a.md")] == expected


def test_a_check_with_options_crosses_a_pickle_with_them_read_only():
    from types import MappingProxyType

    from frontlint.registry import check_for

    rule = check_for("image-dimensions")
    assert rule is not None and rule.options
    crossed = pickle.loads(pickle.dumps(rule))
    assert crossed == rule and isinstance(crossed.options, MappingProxyType)


class _Unloadable:
    """A constant that pickles but cannot be loaded: a spawned worker fails as it starts."""

    def __reduce__(self) -> tuple[object, ...]:
        return _refuse, ()


def _refuse() -> None:
    raise RuntimeError("cannot load this constant")


def _first(constant: object, item: int) -> int:
    return item


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="--jobs is capped at the CPUs")
def test_a_worker_that_fails_as_it_starts_is_reported_with_its_exit_status_not_as_killed(monkeypatch, capfd):
    from frontlint.run.parallel import Handling, Work, WorkerDied, ordered_map

    monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
    handling: Handling[int, object] = Handling(lambda item: True, str, lambda died: died)
    results = list(ordered_map(Work(_first, _Unloadable()), range(100), 2, handling))
    died = results[-1]
    assert isinstance(died, WorkerDied) and results[:-1] == list(range(len(results) - 1))
    assert (died.exitcode, str(died).split(":")[0]) == (1, "a worker process died (exit status 1)")
