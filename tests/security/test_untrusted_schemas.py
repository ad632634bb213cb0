"""Issue 11, user schemas: a schema that arrives in a pull request cannot make a CI run unsafe.

frontlint never opens a network connection for a schema, reads only files beside it, checks
every reference once when the schema is loaded, matches patterns in bounded time on both
validators, and reads schema files within the front matter limits. Every failure is one
line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlint import lint_text
from frontlint.checking.engine import Linter
from frontlint.schema.contract import Schema, SchemaError, load_schema
from frontlint.settings.resolved import Settings
from helpers import HOSTILE_SECONDS, REPO, limit_resources, run_limited

NOT_ALLOWED = "is not allowed: only files beside the schema can be referenced"
BAD_URL = "---\nwebUrl: http://x\nn: five\n---\n"
BAD_URL_LINES = [
    "a.md:2:9: error: 'http://x' does not match the pattern '^https://' [schema/pattern]",
    "a.md:3:4: error: expected integer, got string 'five' [schema/type]",
]


def write_json(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def schema_trouble(tmp_path: Path, schema: str, seconds: float = HOSTILE_SECONDS) -> tuple[int, str]:
    """Lint an article with ``--schema schema`` under the hostile limits: exit status and stderr."""
    (tmp_path / "a.md").write_text(BAD_URL, encoding="utf-8")
    result = run_limited("--select=schema", "--schema", schema, "a.md", cwd=tmp_path, seconds=seconds)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr


def lines_of(schema: Schema, text: str = BAD_URL) -> list[str]:
    linter = Linter(schema, Settings(select=("schema",)))
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]


def python_only(schema: Schema) -> Schema:
    """The same schema without the compiled check: python-jsonschema judges and explains every file."""
    return Schema(schema.document, schema.source, lambda: schema.validator)


def url_schemas(folder: Path) -> Path:
    """news.json, whose webUrl is defined in common.json beside it (by a relative reference)."""
    write_json(folder / "common.json", {"$defs": {"url": {"type": "string", "pattern": "^https://"}}})
    return write_json(
        folder / "news.json",
        {
            "type": "object",
            "properties": {"webUrl": {"$ref": "common.json#/$defs/url"}, "n": {"type": "integer"}},
        },
    )


# --- references: nothing from the network ----------------------------------------------


class RecordingServer:
    """A TCP server on 127.0.0.1 that counts the connections made to it and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        held = []  # a silent host: connections are kept open and never answered
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            held.append(connection)
        for connection in held:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(5)
        self.listener.close()


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    running = RecordingServer()
    yield running
    running.stop()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["root", "nested", "sibling"])
def test_a_reference_to_a_url_opens_no_connection_and_is_one_error_line(tmp_path, server, where):
    url = f"http://127.0.0.1:{server.port}/y.json"
    shown = "news.json"
    if where == "root":
        write_json(tmp_path / "news.json", {"$ref": url})
    elif where == "nested":
        write_json(tmp_path / "news.json", {"properties": {"a": {"items": {"$ref": url + "#/$defs/x"}}}})
        url += "#/$defs/x"
    else:  # in a file the schema references
        write_json(tmp_path / "news.json", {"$ref": "parts/common.json"})
        write_json(tmp_path / "parts" / "common.json", {"anyOf": [{"$ref": url}]})
        shown = "parts/common.json"
    assert schema_trouble(tmp_path, "news.json") == (2, f"frontlint: error: {shown}: $ref '{url}' {NOT_ALLOWED}\n")
    assert server.connections == 0


@pytest.mark.slow
def test_a_silent_host_does_not_hang_the_run(tmp_path, server):
    """The host accepts and never answers: the run ends with its error line (a fetch would wait forever, past the guard)."""
    url = f"http://127.0.0.1:{server.port}/slow.json"
    write_json(tmp_path / "news.json", {"properties": {"a": {"$ref": url}}})
    assert schema_trouble(tmp_path, "news.json") == (2, f"frontlint: error: news.json: $ref '{url}' {NOT_ALLOWED}\n")
    assert server.connections == 0


def test_the_library_opens_no_connection_either(tmp_path, server):
    url = f"http://127.0.0.1:{server.port}/y.json"
    write_json(tmp_path / "news.json", {"$ref": url})
    with pytest.raises(SchemaError) as raised:
        lint_text(BAD_URL, schema=tmp_path / "news.json")
    assert str(raised.value) == f"{tmp_path / 'news.json'}: $ref '{url}' {NOT_ALLOWED}"
    assert server.connections == 0


# --- references: only files beside the schema -------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "reference",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "../outside.json",
        "sub/../../outside.json",
        "//host/x.json",
        "urn:example:thing",
        "https://json-schema.org/draft/2020-12/schema",
    ],
)
def test_a_reference_that_is_not_a_file_beside_the_schema_is_refused(tmp_path, reference):
    write_json(tmp_path / "outside.json", {"type": "string"})
    write_json(tmp_path / "schemas" / "news.json", {"properties": {"a": {"$ref": reference}}})
    expected = f"frontlint: error: schemas/news.json: $ref '{reference}' {NOT_ALLOWED}\n"
    assert schema_trouble(tmp_path, "schemas/news.json") == (2, expected)


@pytest.mark.slow
def test_a_link_beside_the_schema_to_a_file_elsewhere_is_refused(tmp_path):
    write_json(tmp_path / "secret.json", {"type": "string"})
    write_json(tmp_path / "schemas" / "news.json", {"$ref": "common.json"})
    os.symlink(tmp_path / "secret.json", tmp_path / "schemas" / "common.json")
    assert schema_trouble(tmp_path, "schemas/news.json") == (
        2,
        f"frontlint: error: schemas/news.json: $ref 'common.json' {NOT_ALLOWED}\n",
    )


def test_a_reference_too_long_to_show_is_cut(tmp_path):
    reference = "http://example.com/" + "x" * 100_000
    write_json(tmp_path / "news.json", {"$ref": reference})
    status, stderr = schema_trouble(tmp_path, "news.json")
    assert (status, stderr) == (
        2,
        f"frontlint: error: news.json: $ref '{reference[:97]}...{reference[-98:]}' {NOT_ALLOWED}\n",
    )


# --- references: checked once, at load ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"news.json": {"$ref": "common.json#/$defs/nope"}, "common.json": {"$defs": {"url": {"type": "string"}}}},
            "news.json: $ref 'common.json#/$defs/nope' cannot be resolved: it points to nothing",
        ),
        (
            {"news.json": {"properties": {"a": {"$ref": "#/$defs/missing"}}}},
            "news.json: $ref '#/$defs/missing' cannot be resolved: it points to nothing",
        ),
        (
            {"news.json": {"$ref": "#no-such-anchor"}},
            "news.json: $ref '#no-such-anchor' cannot be resolved: it points to nothing",
        ),
        (
            {"news.json": {"$ref": "missing.json"}},
            "news.json: $ref 'missing.json' cannot be read: No such file or directory",
        ),
        (
            {"news.json": {"$ref": "#"}},
            "news.json: $ref '#' is a loop: it leads back to itself without checking anything",
        ),
        (
            {
                "news.json": {
                    "$ref": "#/$defs/a",
                    "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"not": {"$ref": "#/$defs/a"}}},
                }
            },
            "news.json: $ref '#/$defs/a' is a loop: it leads back to itself without checking anything",
        ),
        (
            {
                "news.json": {"$ref": "common.json"},
                "common.json": {"anyOf": [{"type": "string"}, {"$ref": "news.json"}]},
            },
            "common.json: $ref 'news.json' is a loop: it leads back to itself without checking anything",
        ),
    ],
)
def test_a_reference_that_leads_nowhere_or_loops_is_one_error_at_load(tmp_path, files, expected):
    for name, document in files.items():
        write_json(tmp_path / name, document)
    assert schema_trouble(tmp_path, "news.json") == (2, f"frontlint: error: {expected}\n")


@pytest.mark.slow
def test_a_fragment_missing_from_a_large_file_does_not_print_the_file(tmp_path):
    write_json(tmp_path / "common.json", {"$defs": {f"d{i}": {"description": "x" * 100} for i in range(5000)}})
    write_json(tmp_path / "news.json", {"$ref": "common.json#/$defs/nope"})
    assert schema_trouble(tmp_path, "news.json") == (
        2,
        "frontlint: error: news.json: $ref 'common.json#/$defs/nope' cannot be resolved: it points to nothing\n",
    )


@pytest.mark.slow
def test_a_chain_of_references_deeper_than_the_nesting_limit_is_an_error_not_a_recursion_error(tmp_path):
    definitions = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}"} for i in range(500)}
    definitions["d500"] = {"type": "string"}
    write_json(tmp_path / "news.json", {"$ref": "#/$defs/d0", "$defs": definitions})
    status, stderr = schema_trouble(tmp_path, "news.json")
    assert (status, stderr) == (
        2,
        "frontlint: error: news.json: $ref '#/$defs/d63': references nest deeper than 64 levels (max-nesting-depth)\n",
    )


@pytest.mark.slow
@pytest.mark.parametrize("depth", [65, 100_000])
def test_a_deeply_nested_schema_is_an_error_not_a_recursion_error(tmp_path, depth):
    (tmp_path / "news.json").write_text('{"not": ' * depth + "{}" + "}" * depth, encoding="utf-8")
    assert schema_trouble(tmp_path, "news.json") == (
        2,
        "frontlint: error: news.json: schema nests deeper than 64 levels (max-nesting-depth)\n",
    )


def test_a_recursive_schema_through_the_data_is_fine(tmp_path):
    """A tree (comments with replies) refers to itself through ``items``: each step goes down the data."""
    write_json(
        tmp_path / "news.json",
        {
            "properties": {"comments": {"items": {"$ref": "#/$defs/comment"}}},
            "$defs": {
                "comment": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "replies": {"items": {"$ref": "#/$defs/comment"}},
                    },
                }
            },
        },
    )
    text = "---\ncomments:\n  - text: hi\n    replies:\n      - text: 5\n---\n"
    expected = ["a.md:5:15: error: expected string, got integer 5 [schema/type]"]
    schema = load_schema(tmp_path / "news.json")
    assert lines_of(schema, text) == lines_of(python_only(schema), text) == expected


# --- references: a file beside the schema works, on both validators ----------------------


@pytest.mark.slow
def test_a_reference_to_a_file_beside_the_schema_works_on_the_fast_path(tmp_path):
    url_schemas(tmp_path / "schemas")
    (tmp_path / "a.md").write_text(BAD_URL, encoding="utf-8")
    result = run_limited("--select=schema", "--schema", "schemas/news.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        1,
        BAD_URL_LINES,
        "2 errors, 0 warnings in 1 of 1 file\n",
    )
    schema = load_schema(tmp_path / "schemas" / "news.json")
    assert schema.compiled is not None  # a schema from a file gets the fast validator too
    assert schema.compiled.errors({"webUrl": "http://x"}) is not None  # and its errors are placed


def test_a_reference_to_a_file_beside_the_schema_works_on_the_python_path(tmp_path):
    schema = load_schema(url_schemas(tmp_path))
    assert lines_of(python_only(schema)) == lines_of(schema) == BAD_URL_LINES


def test_a_yaml_schema_can_reference_a_file_in_a_folder_below_it(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "common.yaml").write_text(
        "$defs:\n  url:\n    type: string\n    pattern: ^https://\n", encoding="utf-8"
    )
    (tmp_path / "news.yaml").write_text(
        "type: object\nproperties:\n  webUrl:\n    $ref: parts/common.yaml#/$defs/url\n  n:\n    type: integer\n",
        encoding="utf-8",
    )
    schema = load_schema(tmp_path / "news.yaml")
    assert lines_of(python_only(schema)) == lines_of(schema) == BAD_URL_LINES


def test_a_schema_with_an_id_of_its_own_still_references_files_beside_it(tmp_path):
    write_json(tmp_path / "common.json", {"$defs": {"url": {"type": "string", "pattern": "^https://"}}})
    write_json(
        tmp_path / "news.json",
        {
            "$id": "https://example.com/schemas/news.json",
            "properties": {"webUrl": {"$ref": "common.json#/$defs/url"}, "n": {"type": "integer"}},
        },
    )
    schema = load_schema(tmp_path / "news.json")
    assert lines_of(python_only(schema)) == lines_of(schema) == BAD_URL_LINES


def test_a_schema_file_changed_after_it_was_used_is_loaded_again(tmp_path):
    path = write_json(tmp_path / "news.json", {"properties": {"n": {"type": "integer"}}})
    assert [d.format() for d in lint_text("---\nn: five\n---\n", "a.md", schema=path)] == [
        "a.md:2:4: error: expected integer, got string 'five' [schema/type]",
    ]
    write_json(path, {"properties": {"n": {"type": "string", "minLength": 10}}})
    assert [d.format() for d in lint_text("---\nn: five\n---\n", "a.md", schema=path)] == [
        "a.md:2:4: error: must have at least 10 characters, has 4 [schema/minLength]",
    ]


# --- patterns: bounded time on both validators --------------------------------------------

EVIL = "a" * 40 + "!"
# A backreference: only a backtracking engine can match it; this one gives up at its limit.
BACKTRACKING = r"^(?=a)(a|aa)*(a|aa)*(a|aa)*\1$"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under the hostile limits (a hang fails the test, not the run)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=HOSTILE_SECONDS,
        preexec_fn=limit_resources,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [REPO, REPO / "tests", Path(__file__).parent]))},
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("document", "text", "expected"),
    [
        (
            {"properties": {"a": {"type": "string", "pattern": "^(a+)+$"}}},
            f"---\na: {EVIL}\n---\n",
            f"a.md:2:4: error: '{EVIL}' does not match the pattern '^(a+)+$' [schema/pattern]",
        ),
        (
            {"patternProperties": {"^(a+)+$": {}}, "additionalProperties": False},
            f"---\n{EVIL}: 1\n---\n",
            f"a.md:2:1: error: unknown key '{EVIL}' [schema/additionalProperties]",
        ),
        (
            {"properties": {"a": {"type": "string", "pattern": BACKTRACKING}}},
            f"---\na: {'a' * 30}!\n---\n",
            f"a.md:2:4: error: '{'a' * 30}!' could not be checked against the pattern {BACKTRACKING!r}: "
            "it needs too much backtracking [schema/pattern]",
        ),
    ],
)
def test_a_pattern_that_backtracks_never_hangs_either_validator(tmp_path, document, text, expected):
    write_json(tmp_path / "news.json", document)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    result = run_limited("--select=schema", "--schema", "news.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        expected + "\n",
        "1 error, 0 warnings in 1 of 1 file\n",
    )
    python_path = run_python(
        "from test_untrusted_schemas import lines_of, python_only\n"
        "from frontlint import load_schema\n"
        f"print(lines_of(python_only(load_schema({str(tmp_path / 'news.json')!r})), {text!r}))"
    )
    assert (python_path.returncode, python_path.stdout, python_path.stderr) == (0, f"{[expected]!r}\n", "")


# --- schema files: the front matter limits ------------------------------------------------


@pytest.mark.slow
def test_a_yaml_schema_of_aliases_stops_at_the_alias_limit(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    (tmp_path / "news.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert schema_trouble(tmp_path, "news.yaml") == (
        2,
        (
            "frontlint: error: news.yaml: schema is not valid YAML: line 1, column 50: "
            "aliases expand to more than 100,000 nodes (max-alias-nodes), here at this anchor's node\n"
        ),
    )


@pytest.mark.slow
def test_a_deeply_nested_yaml_schema_stops_at_the_depth_limit(tmp_path):
    (tmp_path / "news.yaml").write_text("a: " + "[" * 100_000 + "\n", encoding="utf-8")
    assert schema_trouble(tmp_path, "news.yaml") == (
        2,
        (
            "frontlint: error: news.yaml: schema is not valid YAML: line 1, column 67: "
            "nesting deeper than 64 levels (max-nesting-depth)\n"
        ),
    )


@pytest.mark.slow
def test_an_invalid_yaml_schema_gives_a_short_error_line(tmp_path):
    (tmp_path / "news.yaml").write_text("a: '" + "x" * 2_000_000 + "\nb: [", encoding="utf-8")
    status, stderr = schema_trouble(tmp_path, "news.yaml")
    assert (status, stderr.count("\n")) == (2, 1)
    assert stderr.startswith("frontlint: error: news.yaml: schema is not valid YAML: line 2, column 5: ")
    assert len(stderr) < 400


@pytest.mark.slow
def test_an_invalid_schema_gives_a_short_error_line(tmp_path):
    write_json(tmp_path / "news.json", {"type": "x" * 1_000_000})
    status, stderr = schema_trouble(tmp_path, "news.json")
    assert (status, stderr.count("\n")) == (2, 1)
    assert stderr.startswith("frontlint: error: news.json: not a valid JSON Schema at type: ")
    assert len(stderr) < 400


@pytest.mark.slow
def test_a_schema_file_larger_than_the_limit_is_refused(tmp_path):
    (tmp_path / "news.json").write_text("{}" + " " * 3_000_000, encoding="utf-8")
    assert schema_trouble(tmp_path, "news.json") == (
        2,
        "frontlint: error: news.json: cannot read schema: larger than 2,097,152 bytes\n",
    )


def test_dev_zero_as_the_schema_is_refused_at_once(tmp_path):
    assert schema_trouble(tmp_path, "/dev/zero") == (
        2,
        "frontlint: error: /dev/zero: cannot read schema: not a regular file\n",
    )


@pytest.mark.slow
def test_a_fifo_as_the_schema_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "news.json")
    assert schema_trouble(tmp_path, "news.json") == (
        2,
        "frontlint: error: news.json: cannot read schema: not a regular file\n",
    )


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"properties": {"a": {"$ref": "http://127.0.0.1:9/x.json"}}},
            f"<schema>: $ref 'http://127.0.0.1:9/x.json' {NOT_ALLOWED}",
        ),
        ({"properties": {"a": {"$ref": "common.json"}}}, f"<schema>: $ref 'common.json' {NOT_ALLOWED}"),
        ({"$ref": "#"}, "<schema>: $ref '#' is a loop: it leads back to itself without checking anything"),
        ({"$ref": "#/$defs/x"}, "<schema>: $ref '#/$defs/x' cannot be resolved: it points to nothing"),
    ],
)
def test_a_schema_given_as_data_has_its_references_checked_too(document, expected):
    from frontlint.schema.contract import schema_from_document

    with pytest.raises(SchemaError) as raised:
        schema_from_document(document)
    assert str(raised.value) == expected


def test_a_schema_given_as_data_may_reference_its_own_resources():
    from frontlint.schema.contract import schema_from_document

    schema = schema_from_document(
        {
            "$id": "https://example.com/news.json",
            "$defs": {"url": {"$id": "https://example.com/url.json", "type": "string", "pattern": "^https://"}},
            "properties": {"webUrl": {"$ref": "url.json"}, "n": {"type": "integer"}},
        }
    )
    assert lines_of(schema) == BAD_URL_LINES


def test_references_nested_at_every_level_of_the_data_are_one_problem_not_a_recursion_error(tmp_path):
    """Each level of the data goes through 60 references: python-jsonschema runs out of stack."""
    definitions = {f"a{i}": {"$ref": f"#/$defs/a{i + 1}"} for i in range(60)}
    definitions["a60"] = {"$ref": "#/$defs/node"}
    definitions["node"] = {"type": "object", "properties": {"c": {"$ref": "#/$defs/a0"}, "v": {"type": "integer"}}}
    schema = load_schema(write_json(tmp_path / "news.json", {"$ref": "#/$defs/node", "$defs": definitions}))
    text = "---\n" + "".join("  " * level + "c:\n" for level in range(40)) + "  " * 40 + "v: x\n---\n"
    assert lines_of(schema, text) == ["a.md:42:84: error: expected integer, got string 'x' [schema/type]"]
    assert lines_of(python_only(schema), text) == [
        "a.md:2:1: error: the schema does not fit this front matter, and its references nest too deeply "
        "(at each level of the data) to say where [schema/$ref]",
    ]


@pytest.mark.slow
def test_a_referenced_file_that_is_not_a_schema_is_named_in_the_error(tmp_path):
    write_json(tmp_path / "parts" / "common.json", {"$defs": {"url": {"type": 5}}})
    write_json(tmp_path / "news.json", {"$ref": "parts/common.json#/$defs/url"})
    assert schema_trouble(tmp_path, "news.json") == (
        2,
        "frontlint: error: parts/common.json: not a valid JSON Schema at $defs/url/type: "
        "5 is not valid under any of the given schemas\n",
    )


UNEVALUATED_CASES = [
    (
        {"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "unevaluatedProperties": False},
        [{"a": 1, "x-b": 2}, {"a": 1, "y": 2}],
    ),
    ({"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False}, [{"a": 1}, {"a": 1, "b": 2}]),
    (
        {"$ref": "#/$defs/base", "$defs": {"base": {"patternProperties": {"^b": {}}}}, "unevaluatedProperties": False},
        [{"bb": 1}, {"bb": 1, "c": 2}],
    ),
    (
        {
            "if": {"properties": {"t": {"const": "x"}}, "required": ["t"]},
            "then": {"properties": {"u": {}}},
            "else": {"properties": {"v": {}}},
            "properties": {"t": {}},
            "unevaluatedProperties": False,
        },
        [{"t": "x", "u": 1}, {"t": "x", "v": 1}, {"t": "y", "v": 1}, {"t": "y", "u": 1}],
    ),
    (
        {"dependentSchemas": {"a": {"properties": {"b": {}}}}, "properties": {"a": {}}, "unevaluatedProperties": False},
        [{"a": 1, "b": 2}, {"b": 2}],
    ),
    (
        {
            "anyOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {}}}],
            "unevaluatedProperties": {"type": "integer"},
        },
        [{"a": 1, "b": 2}, {"a": "s", "c": "x"}, {"c": 3}],
    ),
]


@pytest.mark.parametrize(("document", "instances"), UNEVALUATED_CASES)
def test_unevaluated_properties_with_safe_patterns_judge_as_python_jsonschema_does(document, instances):
    import jsonschema

    from frontlint.schema.contract import schema_from_document

    ours = schema_from_document(document).validator
    theirs = jsonschema.Draft202012Validator(document)
    for instance in instances:
        assert [e.message for e in ours.iter_errors(instance)] == [e.message for e in theirs.iter_errors(instance)], (
            instance
        )


@pytest.mark.slow
def test_unevaluated_properties_with_a_pattern_that_backtracks_never_hang_the_python_path(tmp_path):
    """A failing "not" makes python-jsonschema explain the file; its own unevaluatedProperties would use re."""
    write_json(
        tmp_path / "news.json",
        {
            "patternProperties": {"^(a+)+$": {}},
            "unevaluatedProperties": False,
            "properties": {"b": {"not": {"type": "integer"}}},
        },
    )
    (tmp_path / "a.md").write_text(f"---\n{EVIL}: 1\nb: 1\n---\n", encoding="utf-8")
    result = run_limited("--select=schema", "--schema", "news.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            f"a.md:2:1: error: unknown key '{EVIL}' [schema/unevaluatedProperties]",
            "a.md:3:4: error: 1 should not be valid under {'type': 'integer'} [schema/not]",
        ],
    )


# --- issue 12: a collection's schema references a file beside it ---------------------------

EVENT = (
    "---\n"
    "name: Azure webinar\n"
    "type: webinar\n"
    "startDateTime: 2020-08-11\n"
    "provider:\n"
    "  name: Microsoft\n"
    "  domian: microsoft.com\n"
    "---\n"
)
COMMON = {
    "$defs": {
        "event": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "startDateTime": {"type": "string", "format": "date-time"},
                "provider": {"$ref": "#/$defs/provider"},
            },
            "required": ["name", "startDateTime"],
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": "webinar"}}, "required": ["type"]},
                    "then": {"required": ["website"]},
                }
            ],
        },
        "provider": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "domain": {"type": "string"}},
            "required": ["name", "domain"],
            "additionalProperties": False,
        },
    },
}
EVENT_LINES = [
    "_events/a.md:2:1: error: missing required key 'website' (required when type is 'webinar') [schema/required]",
    "_events/a.md:4:16: error: '2020-08-11' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
    "_events/a.md:6:3: error: missing required key 'domain' [schema/required]",
    "_events/a.md:7:3: error: unknown key 'domian'; did you mean 'domain'? [schema/additionalProperties]",
]


@pytest.mark.slow
def test_a_schema_that_refs_a_sibling_file_explains_every_article_at_its_positions(tmp_path):
    # Before issue 11's offline registry, this was "internal error, please report it" once per article.
    write_json(tmp_path / "schemas" / "common.schema.json", COMMON)
    write_json(tmp_path / "schemas" / "events.schema.json", {"$ref": "common.schema.json#/$defs/event"})
    (tmp_path / "_events").mkdir()
    (tmp_path / "_events" / "a.md").write_text(EVENT, encoding="utf-8")
    (tmp_path / "_events" / "b.md").write_text(
        "---\nname: Fine\nstartDateTime: 2020-08-11T17:00:00Z\n---\n",
        encoding="utf-8",
    )
    result = run_limited("--select=schema", "--schema", "schemas/events.schema.json", "_events", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        1,
        EVENT_LINES,
        "4 errors, 0 warnings in 1 of 2 files\n",
    )


def test_a_sibling_file_may_refer_back_to_the_schema_that_references_it(tmp_path):
    write_json(tmp_path / "common.json", {"$defs": {"url": {"$ref": "news.json#/$defs/https"}}})
    write_json(
        tmp_path / "news.json",
        {
            "properties": {"webUrl": {"$ref": "common.json#/$defs/url"}, "n": {"type": "integer"}},
            "$defs": {"https": {"type": "string", "pattern": "^https://"}},
        },
    )
    schema = load_schema(tmp_path / "news.json")  # jsonschema-rs refused it: the root was not in its registry
    assert schema.compiled is not None
    assert lines_of(schema) == lines_of(python_only(schema)) == BAD_URL_LINES


def test_a_draft_07_schema_whose_root_is_a_reference_to_a_sibling_resolves_it_beside_itself(tmp_path):
    # Draft 7 ignores an "$id" beside "$ref": the file's own URI must still be the base of the reference.
    write_json(
        tmp_path / "common.json",
        {
            "definitions": {
                "news": {
                    "properties": {"webUrl": {"type": "string", "pattern": "^https://"}, "n": {"type": "integer"}},
                }
            }
        },
    )
    write_json(
        tmp_path / "news.json",
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$ref": "common.json#/definitions/news",
        },
    )
    schema = load_schema(tmp_path / "news.json")
    assert lines_of(schema) == lines_of(python_only(schema)) == BAD_URL_LINES
