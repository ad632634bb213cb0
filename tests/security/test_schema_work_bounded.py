"""Issue 21: a schema from a stranger is bounded in time and memory, whatever its shape.

A 1.5 kB schema whose definitions each say ``anyOf`` twice the next one asks for 2**levels
checks of one value: listing the errors of a file took over 60 s and 10 GB at 20 levels, and
under a memory limit jsonschema-rs panicked, then deadlocked (ignoring SIGTERM) or crashed.
frontlint now counts the checks a schema can ask for before any validator runs: a schema
part that asks more than ``MAX_CHECKS`` of one value is refused when the schema is loaded,
and a file whose data would make the schema ask more (the same branching, once per level
of the data) gets one problem at the top of its front matter. The runs here are limited to
1.5 GB of address space; their timeouts only keep a hang from stopping the suite.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from frontlint.checking.engine import Linter
from frontlint.reading.records import as_record
from frontlint.schema.complexity import checks_allowed
from frontlint.schema.contract import Schema, SchemaError, load_schema, schema_from_document
from frontlint.settings.resolved import Settings
from helpers import REPO, SEED, cap_address_space, run_limited

MEMORY = 1536 * 1024 * 1024
GUARD_SECONDS = 120  # only keeps a hang from stopping the suite


limit_memory = functools.partial(cap_address_space, MEMORY)


def run_capped(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run frontlint (``--isolated``) under the 1.5 GB limit."""
    return run_limited(*args, cwd=cwd, seconds=GUARD_SECONDS, memory=MEMORY)


def python_capped(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a Python script using the library under the 1.5 GB limit."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        preexec_fn=limit_memory,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def branching(levels: int, width: int = 2) -> dict[str, Any]:
    """The attack: ``$defs/d{i}`` is ``anyOf`` ``width`` references to ``d{i+1}``; ``title`` is ``d0``.

    Checking a value against ``d{i}``, ``k`` levels above the last, takes ``c(k)`` checks:
    ``c(0) = 1`` (``type``), ``c(k) = 1 + width + width * (1 + c(k - 1))`` (the anyOf and
    its items, each reference and where it leads). With two, ``c(k) = 6 * 2**k - 5``: more
    than 100,000 from ``k = 15`` up (``c(14)`` is 98,299); with eight, from ``k = 5``.
    """
    definitions: dict[str, Any] = {
        f"d{i}": {"anyOf": [{"$ref": f"#/$defs/d{i + 1}"} for _ in range(width)]} for i in range(levels)
    }
    definitions[f"d{levels}"] = {"type": "string"}
    return {"type": "object", "properties": {"title": {"$ref": "#/$defs/d0"}}, "$defs": definitions}


def refusal(source: str, culprit: str) -> str:
    return (
        f"{source}: '#/$defs/{culprit}' is too complex: checking one value against it would take more than "
        "100,000 checks (each keyword, and each item of its value, counted every time anyOf, oneOf, allOf or "
        "a reference leads to it; an enum or a const once, or each of its values within 10,000,000)"
    )


TOO_COMPLEX_TO_CHECK = (
    "the front matter could not be checked against the schema: that would take more than 100,000 checks "
    "(its anyOf, oneOf, allOf or references lead to the same subschemas again and again) [schema/$ref]"
)
TITLE_5 = "---\ntitle: 5\n---\n"


def lines_of(schema: Schema, text: str) -> list[str]:
    linter = Linter(schema, Settings(select=("schema",)))
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]


def python_only(schema: Schema) -> Schema:
    """The same schema without the compiled check: python-jsonschema judges and explains every file."""
    return Schema(schema.document, schema.source, lambda: schema.validator)


# --- a schema that branches out in place: refused when it is loaded -----------------------


@pytest.mark.slow
@pytest.mark.parametrize(("levels", "width", "culprit"), [(20, 2, "d5"), (24, 2, "d9"), (28, 2, "d13"), (8, 8, "d3")])
def test_a_schema_that_branches_out_exponentially_is_refused_by_the_command(tmp_path, levels, width, culprit):
    write_json(tmp_path / "news.json", branching(levels, width))
    (tmp_path / "a.md").write_text(TITLE_5, encoding="utf-8")
    result = run_capped("--schema", "news.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"frontlint: error: {refusal('news.json', culprit)}\n",
    )


def test_at_40_levels_the_references_already_nest_too_deeply(tmp_path):
    """Each level is two steps in place (the anyOf's item, its reference): 80, past the nesting limit."""
    write_json(tmp_path / "news.json", branching(40))
    (tmp_path / "a.md").write_text(TITLE_5, encoding="utf-8")
    result = run_capped("--schema", "news.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "frontlint: error: news.json: $ref '#/$defs/d8': references nest deeper than 64 levels (max-nesting-depth)\n",
    )


LIBRARY = """
import json
from frontlint import SchemaError, lint_text, load_schema, validate_data
from frontlint.schema.contract import schema_from_document

for call in (
    lambda: load_schema("news.json"),
    lambda: validate_data({"title": 5}, schema="news.json"),
    lambda: lint_text("---\\ntitle: 5\\n---\\n", schema="news.json"),
    lambda: schema_from_document(json.load(open("news.json"))),
):
    try:
        call()
    except SchemaError as error:
        print(error)
"""


@pytest.mark.slow
def test_the_library_refuses_it_too(tmp_path):
    write_json(tmp_path / "news.json", branching(24))
    result = python_capped(LIBRARY, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [refusal("news.json", "d9")] * 3 + [refusal("<schema>", "d9")]


@pytest.mark.slow
def test_a_schema_just_within_the_limit_explains_a_file_as_usual(tmp_path):
    schema = load_schema(write_json(tmp_path / "news.json", branching(14)))
    expected = ["a.md:2:8: error: expected string, got integer 5 [schema/type]"]
    assert lines_of(schema, TITLE_5) == lines_of(python_only(schema), TITLE_5) == expected


def test_the_bundled_contract_is_judged_by_jsonschema_rs_at_once():
    """Its walks end within the limit (319 checks, 7 levels down): no file is counted before it is judged.

    An invalid one is, before jsonschema-rs lists its errors: the seed article, well within 100,000.
    """
    schema = load_schema()
    data, _ = as_record(yaml.safe_load(SEED.read_text(encoding="utf-8").split("---")[1]))
    assert (schema.shape.tame, schema.shape.checks_bound(data)) == (True, 16_986)


def test_a_recursive_schema_is_counted_for_each_file_and_an_ordinary_one_is_within(tmp_path):
    """Comments with replies: the walks go on with the data, so a file is counted first; it is well within."""
    comment = {"type": "object", "properties": {"text": {"type": "string"}, "replies": {"items": {"$ref": "#"}}}}
    schema = load_schema(write_json(tmp_path / "news.json", comment))
    data = {"text": "a", "replies": [{"text": "b", "replies": [{"text": "c"}]}]}
    assert (schema.shape.tame, schema.shape.checks_bound(data)) == (False, 44)


# --- a schema that branches out at each level of the data: bounded per file ----------------


def tree_schema() -> dict[str, Any]:
    """``tree`` is a string or a list of trees, said twice: 2**depth checks for a value ``depth`` lists deep."""
    tree = {"type": "array", "items": {"$ref": "#/$defs/tree"}}
    return {
        "type": "object",
        "properties": {"tree": {"$ref": "#/$defs/tree"}},
        "$defs": {"tree": {"anyOf": [tree, dict(tree), {"type": "string"}]}},
    }


def nested_schema(levels: int) -> dict[str, Any]:
    """No recursion, yet 2**levels checks: ``s{i}`` is ``anyOf`` twice ``{a: s{i+1}}``."""
    step = {"type": "object", "properties": {"a": {"$ref": "#/$defs/s{}"}}}
    definitions: dict[str, Any] = {
        f"s{i}": {"anyOf": [json.loads(json.dumps(step).replace("{}", str(i + 1))) for _ in range(2)]}
        for i in range(levels)
    }
    definitions[f"s{levels}"] = {"type": "string"}
    return {"$ref": "#/$defs/s0", "$defs": definitions}


def deep_tree(depth: int, leaf: str) -> str:
    return "---\ntree: " + "[" * depth + leaf + "]" * depth + "\n---\n"


def deep_a(depth: int, leaf: str) -> str:
    return (
        "---\n"
        + "".join("  " * level + "a:\n" for level in range(depth - 1))
        + "  " * (depth - 1)
        + f"a: {leaf}\n---\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("schema", "deep", "shallow", "expected"),
    [
        pytest.param(
            tree_schema(),
            deep_tree(40, "5"),
            deep_tree(2, "5"),
            [
                f"a.md:2:1: error: {TOO_COMPLEX_TO_CHECK}",
                "b.md:2:9: error: expected array, got integer 5 [schema/type]",
            ],
            id="tree-invalid",
        ),
        pytest.param(
            tree_schema(),
            deep_tree(40, "x"),
            deep_tree(2, "5"),
            ["b.md:2:9: error: expected array, got integer 5 [schema/type]"],
            id="tree-valid",
        ),
        pytest.param(
            nested_schema(40),
            deep_a(40, "5"),
            deep_a(2, "5"),
            [
                f"a.md:2:1: error: {TOO_COMPLEX_TO_CHECK}",
                "b.md:3:6: error: expected object, got integer 5 [schema/type]",
            ],
            id="nested-invalid",
        ),
    ],
)
def test_a_schema_that_branches_out_at_each_level_of_the_data_is_one_problem_per_file(
    tmp_path, schema, deep, shallow, expected
):
    write_json(tmp_path / "news.json", schema)
    (tmp_path / "a.md").write_text(deep, encoding="utf-8")
    (tmp_path / "b.md").write_text(shallow, encoding="utf-8")
    result = run_capped("--schema", "news.json", "a.md", "b.md", cwd=tmp_path)
    files = len({line.partition(":")[0] for line in expected})
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        1,
        expected,
        f"{len(expected)} error{'s' if len(expected) > 1 else ''}, 0 warnings in {files} of 2 files\n",
    )


TREE_LIBRARY = """
from frontlint import validate_data
deep = 5
for _ in range(40):
    deep = [deep]
for data in ({"tree": deep}, {"tree": [[5]]}):
    for diagnostic in validate_data(data, schema="news.json"):
        print(diagnostic.format())
"""


@pytest.mark.slow
def test_validate_data_bounds_it_too(tmp_path):
    write_json(tmp_path / "news.json", tree_schema())
    result = python_capped(TREE_LIBRARY, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"<data>:$: error: {TOO_COMPLEX_TO_CHECK}",
        "<data>:$.tree[0][0]: error: expected array, got integer 5 [schema/type]",
    ]


@pytest.mark.slow
def test_python_jsonschema_is_bounded_where_its_own_keywords_branch_out(tmp_path):
    """python-jsonschema checks each value under ``unevaluatedProperties`` twice: 2**depth on its own."""
    schema = load_schema(write_json(tmp_path / "news.json", {"type": "object", "unevaluatedProperties": {"$ref": "#"}}))
    text = deep_a(40, "5")
    assert lines_of(schema, text) == ["a.md:2:1: error: unknown key 'a' [schema/unevaluatedProperties]"]
    assert lines_of(python_only(schema), text) == [f"a.md:2:1: error: {TOO_COMPLEX_TO_CHECK}"]


def all_of(levels: int) -> dict[str, Any]:
    """``$defs/d{i}`` is ``allOf`` twice ``d{i+1}``: a valid value too is checked against every branch.

    At 13 levels, 49,147 checks a value: within the limit for one, not for thousands of them.
    """
    definitions: dict[str, Any] = {
        f"d{i}": {"allOf": [{"$ref": f"#/$defs/d{i + 1}"}, {"$ref": f"#/$defs/d{i + 1}"}]} for i in range(levels)
    }
    definitions[f"d{levels}"] = {"type": "string"}
    return {"type": "object", "properties": {"tags": {"items": {"$ref": "#/$defs/d0"}}}, "$defs": definitions}


@pytest.mark.slow
def test_many_values_each_checked_many_times_are_one_problem_not_minutes(tmp_path):
    """400,000 valid tags, 49,147 checks each: jsonschema-rs took 40 s to say they are valid (20 billion checks)."""
    write_json(tmp_path / "news.json", all_of(13))
    (tmp_path / "a.md").write_text("---\ntags:\n" + "- x\n" * 400_000 + "---\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntags: [x, 5]\n---\n", encoding="utf-8")
    result = run_capped("--schema", "news.json", "a.md", "b.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        1,
        [f"a.md:2:1: error: {TOO_COMPLEX_TO_CHECK}", "b.md:2:11: error: expected string, got integer 5 [schema/type]"],
        "2 errors, 0 warnings in 2 of 2 files\n",
    )


# --- SIGTERM ends a run on such a schema at once -------------------------------------------


# Runs `frontlint ARGS` with frontlint.run.linting.check_source replaced by one that, as it begins
# the file named MARK, creates the file STARTED: the test's event that the run is into its files.
SAYING_WHEN_INTO_ITS_FILES = """
import sys
import frontlint.run.linting
from frontlint.cli import main

mark, started, checking = sys.argv[1], sys.argv[2], frontlint.run.linting.check_source

def check_source(linter, source, *rest):
    if source.name == mark:
        open(started, "x").close()
    return checking(linter, source, *rest)

frontlint.run.linting.check_source = check_source
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.slow
def test_sigterm_ends_a_run_on_a_schema_that_branches_out(tmp_path):
    write_json(tmp_path / "news.json", tree_schema())
    for number in range(200):
        (tmp_path / f"{number:03}.md").write_text(deep_tree(40, "5"), encoding="utf-8")
    started = tmp_path.parent / f"{tmp_path.name}-started"
    process = subprocess.Popen(
        [sys.executable, "-c", SAYING_WHEN_INTO_ITS_FILES, "001.md", str(started)]
        + ["--isolated", "--jobs", "1", "--schema", "news.json", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit_memory,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.monotonic() + GUARD_SECONDS  # only a guard: the event is the file appearing
    while process.poll() is None and not started.exists() and time.monotonic() < deadline:
        time.sleep(0.005)  # until it begins its second file, 199 from the end
    assert process.poll() is None and started.exists()
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=GUARD_SECONDS)
    assert (process.returncode, stderr, stdout) == (143, "frontlint: terminated\n", "")


# --- the bound is never under what python-jsonschema does --------------------------------

DEFINITIONS = ("d0", "d1", "d2")
KEYS = st.sampled_from(["a", "b", "ab"])
LEAVES = st.one_of(
    st.booleans(),
    st.builds(
        lambda kind: {"type": kind}, st.sampled_from(["string", "integer", "array", "object", ["null", "boolean"]])
    ),
    st.builds(lambda values: {"enum": values}, st.lists(st.sampled_from([None, True, 1, "a"]), min_size=1, max_size=3)),
    st.just({"const": "a"}),
    st.just({"minLength": 1, "required": ["a"]}),
    st.builds(lambda name: {"$ref": f"#/$defs/{name}"}, st.sampled_from(DEFINITIONS)),
)


def _composite(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    two = st.lists(inner, min_size=1, max_size=3)
    return st.one_of(
        st.builds(lambda each: {"anyOf": each}, two),
        st.builds(lambda each: {"allOf": each}, two),
        st.builds(lambda each: {"oneOf": each}, two),
        st.builds(lambda one: {"not": one}, inner),
        st.builds(lambda a, b, c: {"if": a, "then": b, "else": c}, inner, inner, inner),
        st.builds(
            lambda a, b, extra: {"properties": {"a": a, "b": b}, "additionalProperties": extra}, inner, inner, inner
        ),
        st.builds(lambda one: {"patternProperties": {"^a": one}}, inner),
        st.builds(lambda one: {"items": one}, inner),
        st.builds(lambda first, rest: {"prefixItems": [first], "items": rest}, inner, inner),
        st.builds(lambda one: {"contains": one}, inner),
        st.builds(lambda one: {"propertyNames": one}, inner),
        st.builds(lambda one: {"dependentSchemas": {"a": one}}, inner),
    )


SUBSCHEMAS = st.recursive(LEAVES, _composite, max_leaves=6)
SCHEMAS = st.builds(
    lambda root, definitions: (
        {**root, "$defs": dict(zip(DEFINITIONS, definitions))}
        if isinstance(root, dict)
        else {"allOf": [root], "$defs": dict(zip(DEFINITIONS, definitions))}
    ),
    SUBSCHEMAS,
    st.lists(SUBSCHEMAS, min_size=3, max_size=3),
)
DATA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.text("ab", max_size=2)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=8,
)


@pytest.mark.slow
@hypothesis_settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCHEMAS, DATA)
def test_the_bound_of_a_file_is_never_below_the_checks_python_jsonschema_makes(document, data):
    try:
        schema = schema_from_document(document)
    except SchemaError:  # a loop of references, say
        assume(False)
    bound = schema.shape.checks_bound(data)
    assume(bound is not None)
    with checks_allowed(10**9) as left:
        list(schema.validator.iter_errors(data))
    assert 10**9 - left[0] <= bound


def test_a_long_enum_is_one_check_of_its_value_and_is_explained_as_before(tmp_path: Path) -> None:
    """An enum gives one error however many values it lists: 100,001 values under a two-way anyOf is no attack
    (its values were counted as checks, and the schema refused at load)."""
    choices = [f"choice-{number}" for number in range(100_000)] + ["x"]
    twice = [{"$ref": "#/$defs/e"}, {"$ref": "#/$defs/e"}]
    write_json(tmp_path / "s.json", {"properties": {"slug": {"anyOf": twice}}, "$defs": {"e": {"enum": choices}}})
    (tmp_path / "a.md").write_text("---\nslug: hello\n---\n", encoding="utf-8")
    run = run_capped("--schema", "s.json", "-q", "a.md", cwd=tmp_path)
    first_twenty = ", ".join(f"'choice-{number}'" for number in range(20))
    shown = f"'hello' is not one of {first_twenty} or 99,981 more"
    assert (run.returncode, run.stdout, run.stderr) == (1, f"a.md:2:7: error: {shown} [schema/enum]\n", "")


def test_a_long_enum_reached_again_and_again_is_refused_at_load(tmp_path: Path) -> None:
    """Its values are compared each time: 100,001 values reached 128 times is past 10,000,000 comparisons."""
    document = branching(7)
    document["$defs"]["d7"] = {"enum": [f"choice-{number}" for number in range(100_001)]}
    write_json(tmp_path / "s.json", document)
    (tmp_path / "a.md").write_text(TITLE_5, encoding="utf-8")
    run = run_capped("--schema", "s.json", "a.md", cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"frontlint: error: {refusal('s.json', 'd0')}\n")


# --- a subschema naming its own "$schema": python-jsonschema keeps frontlint's keywords -----

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TOO_COMPLEX_TO_EXPLAIN = (
    "the schema does not fit this front matter, and saying where would take more than 100,000 checks [schema/$ref]"
)
TWO_PATTERNS_LIBRARY = """
from frontlint import validate_data
deep = 1
for _ in range(40):
    deep = {"a": deep}
for data in (deep, {"a": {"a": 1}}):
    for diagnostic in validate_data(data, schema="news.json"):
        print(diagnostic.format())
"""


@pytest.mark.slow
def test_a_root_naming_its_dialect_is_still_metered_when_a_reference_leads_back_to_it(tmp_path):
    """python-jsonschema chose the class of a subschema by its ``$schema``: a ``$ref`` to a root naming its
    dialect left frontlint's meter (two patterns matching ``a`` twice each level: 2**40 checks, GBs)."""
    schema = {
        "$schema": DIALECT,
        "type": ["object", "string"],
        "patternProperties": {"": {"$ref": "#"}, "a": {"$ref": "#"}},
    }
    write_json(tmp_path / "news.json", schema)
    result = python_capped(TWO_PATTERNS_LIBRARY, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"<data>:$: error: {TOO_COMPLEX_TO_EXPLAIN}",
        "<data>:$.a.a: error: expected object or string, got integer 1 [schema/type]",
    ]


def test_a_root_naming_its_dialect_keeps_the_safe_pattern_engine_behind_a_reference():
    """Behind ``$ref: '#'`` to a root naming its dialect, python-jsonschema matched ``pattern`` with ``re``."""
    schema = schema_from_document(
        {
            "$schema": DIALECT,
            "type": "object",
            "properties": {"next": {"$ref": "#"}, "slug": {"pattern": "^(a+)+$"}},
            "not": {"required": ["stop"]},
        }
    )
    checked = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys\n"
            "from frontlint import validate_data\n"
            "from frontlint.schema.contract import schema_from_document\n"
            "schema = schema_from_document(json.loads(sys.argv[1]))\n"
            "data = {'stop': 1, 'next': {'slug': 'a' * 40 + '!'}}\n"
            "print('\\n'.join(diagnostic.format() for diagnostic in validate_data(data, schema)))\n",
            json.dumps(schema.document),
        ],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout.splitlines() == [
        "<data>:$: error: {'stop': 1, 'next': {'slug': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'}} should not be valid "
        "under {'required': ['stop']} [schema/not]",
        "<data>:$.next.slug: error: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' does not match the pattern '^(a+)+$' "
        "[schema/pattern]",
    ]
