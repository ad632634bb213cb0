"""Speed must not change results: processes and the compiled schema check agree with the plain path."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from article_generator import write_articles
from frontlint import load_schema
from frontlint.reading.front_matter import find_front_matter
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import parse_front_matter
from helpers import REPO, SEED, run_cli


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """300 generated articles, a third of them with an injected defect (tests/article_generator.py)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, 300, defect_share=0.33, seed=1)
    return folder


def _front_matter_data(text):
    """The data of a file's front matter, or None when it has none or it is not YAML."""
    lines = LineIndex(text)
    block, _ = find_front_matter(lines)
    return None if block is None else parse_front_matter(text[block.start : block.end], block.start, lines).data


def _corpus_data(corpus):
    """(path, data) of every corpus file with front matter that is YAML."""
    for path in sorted(corpus.rglob("*.md")):
        data = _front_matter_data(path.read_text(encoding="utf-8"))
        if data is not None:
            yield path, data


@pytest.mark.slow
def test_two_processes_give_byte_identical_output_to_one(corpus):
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("text", "json"):
            result = run_cli(
                "--isolated", "--now", "2024-06-01T00:00:00Z", "--jobs", jobs, "--format", fmt, ".", cwd=corpus
            )
            outputs[jobs, fmt] = (result.returncode, result.stdout, result.stderr)
    assert outputs["1", "text"] == outputs["2", "text"]
    assert outputs["1", "json"] == outputs["2", "json"]
    assert outputs["1", "text"][1].count(b"\n") > 50  # the corpus has defects to report


@pytest.mark.slow
def test_the_compiled_check_and_python_jsonschema_agree_on_every_file(corpus):
    schema = load_schema()
    assert schema.is_valid is not None, "jsonschema-rs is a dependency: the fast path must be on"
    checked = disagreements = 0
    for _, data in _corpus_data(corpus):
        checked += 1
        if schema.is_valid(data) != schema.validator.is_valid(data):
            disagreements += 1
    assert checked > 250
    assert disagreements == 0


@pytest.mark.parametrize(
    "data",
    [
        {"quality": 10**30},
        {"quality": 1.5},
        {"quality": 2.0},
        {"heat": True},
        {"title": "\ud800"},
        {"title": ""},
        {"type": "Video"},
        {"secured": "abc;def"},
        {"publishedDateTime": "2021-07-28t02:44:00z"},
        {"publishedDateTime": "2021-02-29T00:00:00Z"},
        {"webUrl": "https://a.example/River’s®"},
        {"webUrl": "https://a.example/a b"},
        {"webUrl": "https:///x"},
    ],
)
def test_the_two_validators_agree_on_edge_values(data):
    seed = _front_matter_data(SEED.read_text(encoding="utf-8"))
    schema = load_schema()
    assert schema.is_valid is not None and schema.is_valid(seed)  # the seed alone is valid
    article = {**seed, **data}
    assert schema.is_valid(article) == schema.validator.is_valid(article)


def _tags(node, found):
    found.append(node.tag)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _tags(key, found)
            _tags(value, found)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _tags(item, found)
    return found


@pytest.mark.slow
def test_the_lean_resolver_gives_pyyamls_tags(corpus):
    # Differential test (private name kept): pins the lean resolver, a fast path, to PyYAML's SafeLoader.
    from frontlint.reading.yaml_nodes import _Loader

    texts = [path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:] for path in sorted(corpus.rglob("*.md"))]
    texts.append(
        "a: [yes, No, ON, ~, null, '', 0x1f, 0o17, 1_000, 1:20, .inf, -.INF, .nan, 2021-07-28, "
        "2021-07-28T02:44:00Z, 1e3, +1, '1', =, <<, 3., !!str 1, \"true\"]\n? [k]\n: v\n"
    )
    compared = 0
    for text in texts:
        try:
            expected = _tags(yaml.compose(text, Loader=yaml.SafeLoader), [])
        except yaml.YAMLError:
            continue
        assert _tags(yaml.compose(text, Loader=_Loader), []) == expected
        compared += 1
    assert compared > 250


PLAIN_BUILD_EDGES = (
    "a: [yes, No, ~, '', 0x1f, 0o17, 1_000, 1:20, .inf, -.INF, 1e3, +1, 2021-07-28, !!binary aGk=, !!str 1]\n",
    "a: {b: [c, {d: e}], f: null, g: 1.5}\nh:\n- - x\n  - [y]\n",
    "a: 1\na: 2\n",  # duplicate key
    "1: a\n",  # a key that is not a string
    "? [k]\n: v\n",  # a complex key
    "a: !custom x\n",  # a non-standard tag
    "a: !!set {x, y}\nb: !!omap [c: 1]\n",  # standard collection tags
)


def _plain_or_none(text):
    # Differential test (private names kept): the plain build, a fast path, against the full builder below.
    from frontlint.reading.yaml_nodes import _NeedsFullBuild, _plain_data

    try:
        return ("built", repr(_plain_data(yaml.compose(text, Loader=yaml.CSafeLoader))))
    except _NeedsFullBuild:
        return None


def _full_build(text):
    from frontlint.reading.limits import Limits

    # Differential test (private name kept): the full builder, the reference the plain build is pinned to.
    from frontlint.reading.yaml_nodes import _Builder

    builder = _Builder(0, LineIndex(text), Limits(), has_anchors=False, may_merge=False)
    data = builder.build(yaml.compose(text, Loader=yaml.CSafeLoader), (), 0, in_alias=False)
    return data, builder.problems


def test_the_plain_build_gives_the_builders_data_or_leaves_the_file_to_it(corpus):
    texts = [path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:] for path in sorted(corpus.rglob("*.md"))]
    plain = full = 0
    for text in texts + list(PLAIN_BUILD_EDGES):
        if "&" in text or "<<" in text:
            continue
        try:
            if yaml.compose(text, Loader=yaml.CSafeLoader) is None:
                continue
        except yaml.YAMLError:
            continue
        quick = _plain_or_none(text)
        data, problems = _full_build(text)
        if quick is None:
            full += 1
        else:
            assert problems == [], text  # whatever the builder would report, the plain build left to it
            assert quick == ("built", repr(data)), text  # repr: True and 1 differ
            plain += 1
    assert plain > 250 and full >= 4  # the four edge cases with something to report


@pytest.mark.slow
def test_stdin_comes_first_with_any_number_of_processes(tmp_path):
    # Enough files for processes to start; stdin shares its webUrl with the last of them.
    article = '---\ntitle: "T"\nwebUrl: "https://example.com/{}"\n---\n'
    for number in range(70):
        (tmp_path / f"{number:02}.md").write_text(article.format(number), encoding="utf-8")
    stdin = article.format(69).encode()
    outputs = {
        jobs: run_cli(
            "--select",
            "duplicate-article",
            "--jobs",
            jobs,
            "--stdin-filename",
            "in.md",
            "-",
            ".",
            cwd=tmp_path,
            stdin=stdin,
        ).stdout.decode()
        for jobs in ("1", "2")
    }
    assert (
        outputs["1"]
        == outputs["2"]
        == (
            "69.md:3:9: warning: another article has the same webUrl: in.md:3; keep one of the two files [duplicate-article]\n"
        )
    )


@pytest.mark.parametrize(
    ("sources", "complete", "expected"),
    [(64, True, 8), (100, True, 13), (1000, True, 125), (1023, True, 128), (1024, False, 128), (1, True, 1)],
)
def test_chunks_are_four_per_process_in_a_small_run_and_at_most_max_chunk(sources, complete, expected):
    from frontlint.run.parallel import MAX_CHUNK, chunk_size

    assert MAX_CHUNK == 128
    assert chunk_size(sources, 2, complete=complete) == expected


needs_two_cpus = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) < 2,
    reason="--jobs is capped at the CPUs: one CPU runs no workers",
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="without fork every source is checked in this process")
@needs_two_cpus
@pytest.mark.parametrize("position", [0, 40, 99])
def test_a_source_only_this_process_reads_is_checked_first_if_it_comes_first_else_last(tmp_path, position):
    from frontlint.checking.engine import Linter
    from frontlint.reading.files import read_start
    from frontlint.run.linting import check_source_in_run
    from frontlint.run.parallel import Handling, Work, ordered_map
    from frontlint.run.sources import Source

    article = '---\ntitle: "T"\nwebUrl: "https://example.com/{}"\n---\n'
    sources = []
    for number in range(100):
        path = tmp_path / f"{number:03}.md"
        path.write_text(article.format(number), encoding="utf-8")
        sources.append(Source(str(path), functools.partial(read_start, path)))
    # A lambda cannot be pickled: a worker handed this source would fail it.
    sources.insert(position, Source("local.md", lambda size: article.format("local").encode(), shareable=False))
    handling = Handling(lambda source: source.shareable, lambda source: source.name, lambda died: died)
    work = Work(check_source_in_run, (Linter(load_schema()), None, False))
    names = [outcome.name.rsplit("/", 1)[-1] for outcome in ordered_map(work, iter(sources), 2, handling)]
    shared = [f"{number:03}.md" for number in range(100)]
    assert names == (["local.md"] + shared if position == 0 else shared + ["local.md"])


def _clock_left_out(diagnostics):
    """The diagnostics with the time date-future read off the clock left out of its messages (the library reads it per file)."""
    return [d._replace(message=re.sub(r"now \([^)]*\)", "now (…)", d.message)) for d in diagnostics]


def test_the_library_gives_the_same_diagnostics_in_two_processes(corpus):
    from frontlint import lint_paths

    assert _clock_left_out(lint_paths([corpus], jobs=2)) == _clock_left_out(lint_paths([corpus], jobs=1))


@needs_two_cpus
def test_workers_started_by_spawn_give_the_same_diagnostics_as_one_process(corpus, monkeypatch):
    from datetime import datetime, timezone

    import frontlint.run.linting
    from frontlint import lint_paths
    from frontlint.checking.engine import Linter
    from frontlint.run.linting import check_sources
    from frontlint.run.parallel import START_METHOD_VARIABLE
    from frontlint.run.sources import sources_for
    from frontlint.settings.resolved import Settings

    expected = _clock_left_out(lint_paths([corpus], jobs=1))
    linter = Linter(load_schema(), Settings(select=("ALL",), now=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    sources = list(sources_for([corpus], linter, pytest.fail))
    linter_expected = check_sources(linter, sources, pytest.fail, jobs=1).diagnostics
    now = ("--now", "2026-01-01T00:00:00Z")
    one = run_cli("--isolated", *now, "--format", "json", "--jobs", "1", str(corpus))
    # A spawned worker imports frontlint afresh: it never sees this replacement, a forked one would.
    monkeypatch.setattr(
        frontlint.run.linting, "check_source", lambda *args: pytest.fail("checked in this process or a fork")
    )
    monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
    # A Project that reads no configuration crosses as its recipe.
    assert _clock_left_out(lint_paths([corpus], jobs=2)) == expected
    # A Linter crosses as its schema's document and its settings.
    assert check_sources(linter, sources, pytest.fail, jobs=2).diagnostics == linter_expected
    spawned = run_cli(
        "--isolated", *now, "--format", "json", "--jobs", "2", str(corpus), env={START_METHOD_VARIABLE: "spawn"}
    )
    assert (spawned.returncode, spawned.stderr, spawned.stdout) == (one.returncode, one.stderr, one.stdout)
    assert one.returncode == 1 and one.stdout.count(b'"rule"') > 100


# Imported only when a run needs them: each costs a one-file run (pre-commit's case) a few
# milliseconds, and `dataclasses` (with `inspect`) a tenth of its whole time.
NOT_FOR_A_CLEAN_FILE = (
    "dataclasses",
    "inspect",
    "hashlib",
    "secrets",
    "tempfile",
    "difflib",
    "importlib.resources",
    "zoneinfo",
    "html",
    "html.entities",
    "jsonschema",
    "rfc3986_validator",
    "multiprocessing",
    "frontlint.baseline.store",
    "frontlint.fix.fixer",
    "frontlint.fix.atomic_write",
    "shutil",
)


def test_linting_one_clean_file_imports_only_what_it_needs():
    clean = REPO / "tests" / "fixtures" / "formats" / "2021-07-28-clean.md"
    program = (
        "import sys\n"
        "from frontlint.cli import main\n"
        f"code = main(['--isolated', {str(clean)!r}])\n"
        "print(code, sorted(name for name in sys.modules if name in sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, *NOT_FOR_A_CLEAN_FILE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "0 []"


def test_a_schema_of_ones_own_is_checked_without_importing_python_jsonschema(tmp_path):
    # jsonschema-rs settles a valid schema against its metaschema; python-jsonschema (100 ms
    # and more to import) only words the error of an invalid one.
    (tmp_path / "common.json").write_text('{"$defs": {"name": {"type": "string"}}}', encoding="utf-8")
    (tmp_path / "event.json").write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",'
        ' "properties": {"name": {"$ref": "common.json#/$defs/name"}}}',
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("---\nname: x\n---\n", encoding="utf-8")
    program = (
        "import sys\n"
        "from frontlint.cli import main\n"
        "code = main(['--isolated', '--schema', 'event.json', 'a.md'])\n"
        "print(code, 'jsonschema' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True
    )
    assert (done.stdout.splitlines()[-1], done.stderr) == ("0 False", "no problems found in 1 file\n")


def test_fingerprints_are_sha256_digests_without_loading_openssl():
    program = (
        "import sys\n"
        "from frontlint.text.fingerprints import fingerprint\n"
        "print(fingerprint('rule-id', '$.title', 'text on line 3'), '_hashlib' in sys.modules)\n"
        "import hashlib\n"
        "print(hashlib.sha256('rule-id\\0$.title\\0text on line'.encode()).hexdigest()[:32])\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    ours, openssl_loaded, reference = done.stdout.split()
    assert (ours, openssl_loaded) == (reference, "False")


@pytest.mark.parametrize("text", ["0", "7", "10", "012", "00", "0x1f", "0b101", "1_000", "-5", "+3", "1:20", "9" * 30])
def test_integers_read_directly_are_those_pyyaml_constructs(text):
    # Differential test (private name kept): pins the plain build's direct integer reading to PyYAML's constructor.
    from frontlint.reading.yaml_nodes import _scalar

    node = yaml.compose(f"a: {text}", Loader=yaml.SafeLoader).value[0][1]
    assert node.tag == "tag:yaml.org,2002:int"
    expected = yaml.constructor.SafeConstructor().construct_yaml_int(node)
    assert (type(_scalar(node)), _scalar(node)) == (int, expected)


@pytest.mark.parametrize(
    "name",
    [
        "example.com",
        "Example.COM.",
        "a..b",
        "",
        ".",
        "x" * 64 + ".example",
        "xn--bcher-kva.example",
        "a-.b",
        "bücher.example",
    ],
)
def test_names_compared_for_provider_domain_are_what_the_idna_codec_gives(name):
    # Differential test (private name kept): pins the ASCII shortcut of _comparable to the IDNA codec.
    from frontlint.rules.provider_domain import _comparable

    lowered = name.lower().removesuffix(".")
    try:
        expected = lowered.encode("idna").decode("ascii")
    except UnicodeError:
        expected = lowered
    assert _comparable(name) == expected


def _python_only(schema):
    from frontlint.schema.contract import Schema

    return Schema(schema.document, "python only", lambda: schema.validator)


def _problems(schema, data):
    from frontlint.schema.contract import schema_problems

    return sorted(schema_problems(schema, data), key=repr)


def test_jsonschema_rs_and_python_jsonschema_explain_every_file_alike(corpus):
    schema = load_schema()
    python = _python_only(schema)
    explained = 0
    for path, data in _corpus_data(corpus):
        if schema.is_valid(data):
            continue
        assert schema.compiled.errors(data) is not None  # explained by jsonschema-rs, not left to python
        assert _problems(schema, data) == _problems(python, data), path.name
        explained += 1
    assert explained > 30


def _seed_data():
    return _front_matter_data(SEED.read_text(encoding="utf-8"))


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _paths(item, prefix + (index,))


_SEED_DATA = _seed_data()
_SEED_PATHS = [path for path in _paths(_SEED_DATA) if path]
_ODD_VALUES = [
    None,
    "",
    " ",
    5,
    -1,
    0,
    1.5,
    True,
    [],
    {},
    "x",
    "video",
    "ftp://a.example/",
    "htps//broken url",
    "2021-13-45T25:61:00Z",
    "https://a.example/x y",
    {"unknown": 1},
    [1, "x"],
    10**30,
    -(10**30),
    "a" * 300,
    float("inf"),
    float("nan"),
    "\ud800",
    "bücher",
]


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(_SEED_PATHS) - 1), st.integers(0, len(_ODD_VALUES) + 1)), min_size=1, max_size=5
    )
)
def test_both_validators_explain_mutated_articles_alike(changes):
    import copy

    schema = load_schema()
    data = copy.deepcopy(_SEED_DATA)
    for path_index, value_index in changes:
        *parents, last = _SEED_PATHS[path_index]
        node = data
        try:
            for part in parents:
                node = node[part]
            if value_index == len(_ODD_VALUES):
                del node[last]
            elif value_index == len(_ODD_VALUES) + 1:
                node["extraKey" if isinstance(node, dict) else last] = "x"
            else:
                node[last] = copy.deepcopy(_ODD_VALUES[value_index])
        except (KeyError, IndexError, TypeError):
            continue
    assert _problems(schema, data) == _problems(_python_only(schema), data)


def test_values_jsonschema_rs_converts_are_shown_as_written():
    schema = load_schema()
    data = {**_SEED_DATA, "quality": float("inf")}  # jsonschema-rs sees null
    assert _problems(schema, data) == _problems(_python_only(schema), data)
    assert [problem.message for problem in _problems(schema, data)] == ["expected integer, got number inf"]


_SMALL_SCHEMAS = [
    ({"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {"type": "integer"}}}]}, [{"a": "x"}, 5]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, [5, -1.5]),
    (
        {
            "$defs": {"e": {"if": {"properties": {"t": {"const": "v"}}}, "then": {"required": ["p"]}}},
            "properties": {"x": {"$ref": "#/$defs/e"}},
        },
        [{"x": {"t": "v"}}],
    ),
    ({"dependentRequired": {"a": ["b", "c"]}}, [{"a": 1}]),
    (
        {
            "properties": {"a/b": {"type": "string"}, "a~b": {"type": "string"}, "a b": {"type": "string"}},
            "patternProperties": {"^x-": {}},
            "additionalProperties": False,
        },
        [{"a/b": 1, "a~b": 2, "a b": 3, "x-1": 4, "y": 5}],
    ),
    ({"items": {"enum": ["a", "b"]}, "minItems": 3}, [["c"]]),
]


@pytest.mark.parametrize(("document", "instances"), _SMALL_SCHEMAS)
def test_both_validators_explain_other_keywords_alike(document, instances):
    from frontlint.schema.contract import Schema, schema_from_document
    from frontlint.schema.fast_validator import compile_schema

    python = schema_from_document({"$schema": "https://json-schema.org/draft/2020-12/schema", **document})
    compiled = Schema(python.document, "compiled", lambda: python.validator, compile_schema(python.document))
    for instance in instances:
        assert compiled.compiled.errors(instance) is not None, instance
        assert _problems(compiled, instance) == _problems(python, instance) != [], instance


def test_a_schema_with_resources_of_its_own_is_explained_by_python_jsonschema():
    from frontlint.schema.fast_validator import compile_schema

    document = {
        "$defs": {"d": {"$id": "https://example.com/d", "type": "string"}},
        "properties": {"a": {"$ref": "https://example.com/d"}},
    }
    assert compile_schema(document).errors({"a": 1}) is None
