"""The library on hostile input: every input gives diagnostics, never an exception, in time and memory linear in its size.

``validate_data`` nested thousands of levels deep, integers past Python's digit limit (in a
file too, on the command line), text holding a lone surrogate, values of subclasses of
``str``, ``int`` and ``float``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from frontlint import Config, lint_text, validate_data, validate_records
from helpers import REPO, run_cli


def nested(depth: int) -> dict[str, Any]:
    """A record nested ``depth`` mappings deep below ``tags``, each level with a sibling scalar beside the next one."""
    root: dict[str, Any] = {}
    level = root
    for _ in range(depth):
        inner: dict[str, Any] = {}
        level["a"] = inner
        level["b"] = 1
        level = inner
    return {"tags": root}


def peak_bytes(depth: int) -> int:
    """The most memory ``validate_data`` holds at once, in bytes, on a record nested ``depth`` levels deep."""
    data = nested(depth)
    config = Config(select=["schema"], max_nesting_depth=10 * depth)
    validate_data(data, config=config)  # caches filled: only the check itself is measured below
    tracemalloc.start()
    try:
        validate_data(data, config=config)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_validate_data_takes_memory_linear_in_the_nesting_depth() -> None:
    """Twice as deep takes twice the memory, not four times: no level holds a copy of the path above it.

    Memory, as ``tracemalloc`` counts it, rather than time: the same count on any machine. With
    a copy of the path per level (the quadratic step this pins), 4,000 levels took 15 times
    the memory of 1,000.
    """
    small, large = peak_bytes(1_000), peak_bytes(4_000)
    assert large < 5 * small, (small, large)


# Python converts at most 4,300 digits between text and an int (sys.get_int_max_str_digits).
PAST_LIMIT = "longer than Python's limit of 4,300"


@pytest.mark.parametrize(
    ("value", "digits"),
    [("7" * 5000, "5,000"), ("-" + "7" * 5000, "5,000"), ("0x" + "f" * 4000, "4,817"), ("0" + "7" * 5000, "4,516")],
)
def test_an_integer_past_pythons_digit_limit_in_front_matter_is_a_diagnostic_at_its_position(
    tmp_path: Path, value: str, digits: str
) -> None:
    """In decimal, the reader cannot convert it; in hex or octal it converts, but no message could show it."""
    text = f"---\ntitle: x\nquality: {value}\nwebUrl: http://a.example/\n---\n"
    expected = (
        f"big.md:3:10: error: integer of {digits} digits, {PAST_LIMIT}: the front matter is not checked "
        "(quote it if it is text) [yaml-syntax]"
    )
    assert [d.format() for d in lint_text(text, path="big.md")] == [expected]
    (tmp_path / "big.md").write_text(text, encoding="utf-8")
    (tmp_path / "other.md").write_text("---\ntitle: 1\n---\n", encoding="utf-8")
    result = run_cli("--isolated", "--select", "yaml-syntax,schema/type", "big.md", "other.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode(), result.stderr.decode()) == (
        1,
        f"{expected}\nother.md:2:8: error: expected string, got integer 1 [schema/type]\n",
        "2 errors, 0 warnings in 2 of 2 files\n",
    )


def test_an_integer_past_pythons_digit_limit_in_data_is_a_diagnostic_of_that_record() -> None:
    message = f"integer of 5,001 digits, {PAST_LIMIT}: the record is not checked [yaml-syntax]"
    assert [d.format() for d in validate_data({"title": "x", "quality": 10**5000})] == [
        f"<data>:$.quality: error: {message}"
    ]
    records = [{"title": 1}, {"related": [{"quality": -(10**5000)}]}, {"title": 2}]
    results = validate_records(records, config=Config(select=["schema/type"]))  # yaml-syntax is always on
    assert [[d.format() for d in result.diagnostics] for result in results] == [
        ["<records>[0]:$.title: error: expected string, got integer 1 [schema/type]"],
        [f"<records>[1]:$.related[0].quality: error: {message}"],
        ["<records>[2]:$.title: error: expected string, got integer 2 [schema/type]"],
    ]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("---\ntitle: a\ud800b\n---\n", 2, 9),  # in the front matter
        ("\ufeff---\ntitle: ok\n---\nbody \udc80 x\n", 4, 6),  # in the body, after a byte order mark
        ("\udfff", 1, 1),
    ],
)
def test_text_with_a_lone_surrogate_is_an_encoding_diagnostic_where_its_bytes_give_one(
    text: str, line: int, column: int
) -> None:
    """A str may hold what no UTF-8 bytes can (a lone surrogate): reported as the bytes' bad byte is, at the same place."""
    code = next(f"U+{ord(character):04X}" for character in text if "\ud800" <= character <= "\udfff")
    diagnostics = lint_text(text, path="a.md")
    assert [d.format() for d in diagnostics] == [
        f"a.md:{line}:{column}: error: lone surrogate {code}, which UTF-8 cannot encode; "
        "front matter must be UTF-8 [encoding]"
    ]
    assert (diagnostics[0].end_line, diagnostics[0].end_column) == (line, column + 1)
    as_bytes = lint_text(text.encode("utf-8", "surrogatepass"), path="a.md")
    assert [(d.line, d.column, d.end_line, d.end_column, d.rule) for d in as_bytes] == [
        (line, column, line, column + 1, "encoding")
    ]


def chain(depth: int) -> Any:
    """Lists nested ``depth`` deep, the innermost holding 1."""
    data: Any = [1]
    for _ in range(depth - 1):
        data = [data]
    return data


def test_data_nested_past_max_nesting_depth_is_reported_as_a_file_nested_so_deep_is() -> None:
    """64 levels are checked; 65 are yaml-depth-limit at the list that crosses the limit, as in a file or a JSON Lines record."""
    config = Config(select=["schema/type"])
    assert [d.format() for d in validate_data({"title": 1, "tags": chain(63)}, config=config)] == [
        "<data>:$.title: error: expected string, got integer 1 [schema/type]"
    ]
    assert [d.format() for d in validate_data({"title": 1, "tags": chain(64)}, config=config)] == [
        "<data>:$.tags" + "[0]" * 63 + ": error: nesting deeper than 64 levels (max-nesting-depth): "
        "the record is not checked [yaml-depth-limit]"
    ]
    raised = Config(select=["schema/type"], max_nesting_depth=100)
    assert [d.rule for d in validate_data({"title": 1, "tags": chain(64)}, config=raised)] == ["schema/type"]


_DEEP_UNDER_A_RECURSIVE_SCHEMA = """
import sys
from frontlint import validate_data
data = [1]
for _ in range(100_000):
    data = [data]
for diagnostic in validate_data({"a": data}, schema=sys.argv[1]):
    print(diagnostic.rule)
"""


def test_data_100000_levels_deep_under_a_recursive_schema_does_not_crash_the_process(tmp_path: Path) -> None:
    """jsonschema-rs recursing down such data overflowed the stack: a segmentation fault, no exception to catch."""
    schema = tmp_path / "nested.json"
    schema.write_text(
        '{"type": "object", "properties": {"a": {"$ref": "#/$defs/n"}},'
        ' "$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}}',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-c", _DEEP_UNDER_A_RECURSIVE_SCHEMA, str(schema)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert (run.returncode, run.stdout) == (0, "yaml-depth-limit\n"), run.stderr[-2000:]


class Text(str):
    """A str of the caller's own, as an ORM or an enum of strings gives."""


class Whole(int):
    """An int of the caller's own."""


class Ratio(float):
    """A float of the caller's own."""


def test_subclasses_of_str_int_and_float_are_judged_as_the_values_a_file_holds() -> None:
    """jsonschema-rs takes no subclass (a str one raised ValueError from the pattern check); the edge makes plain values."""
    record = {"title": Whole(1), "webUrl": Text("http://a.example/"), "quality": Ratio(1.5)}
    assert [d.format() for d in validate_data(record, config=Config(select=["schema/type", "url"]))] == [
        "<data>:$.quality: error: expected integer, got number 1.5 [schema/type]",
        "<data>:$.title: error: expected string, got integer 1 [schema/type]",
        "<data>:$.webUrl: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]


def test_a_complex_number_is_a_value_of_the_wrong_type_not_a_type_error() -> None:
    """python-jsonschema took a ``complex`` for a number, then compared it for ``minimum``: ``TypeError``."""
    record = {"title": "A title", "quality": 1j}
    assert [d.format() for d in validate_data(record, config=Config(select=["schema/type", "schema/minimum"]))] == [
        "<data>:$.quality: error: expected integer, got complex 1j [schema/type]",
    ]


_SCHEMA_AS_DATA = """
import sys
from frontlint import SchemaError
from frontlint.schema.contract import schema_from_document

shape = sys.argv[1]
if shape == "deep":  # 100,000 levels of properties: the metaschema check overflowed the stack
    document = {"type": "object"}
    level = document
    for _ in range(100_000):
        level["properties"] = {"a": {}}
        level = level["properties"]["a"]
else:  # 30 levels of allOf, each naming the level below twice: a graph of 2**30 paths
    document = {}
    for _ in range(30):
        document = {"allOf": [document, document]}
try:
    schema_from_document(document)
except SchemaError as error:
    print(error)
"""


@pytest.mark.parametrize(
    ("shape", "said"),
    [
        ("deep", "<schema>: schema nests deeper than 64 levels (max-nesting-depth)\n"),
        ("wide", "<schema>: schema holds more than 1,000,000 values\n"),
    ],
)
def test_a_schema_given_as_data_is_refused_past_what_a_schema_file_may_hold(shape: str, said: str) -> None:
    """A schema file is refused past ``max-nesting-depth`` as it is read; one given as data now is too, and one
    whose shared mappings stand for more values than a file could hold is refused before anything walks them all."""
    run = subprocess.run(
        [sys.executable, "-c", _SCHEMA_AS_DATA, shape],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, said, "")
