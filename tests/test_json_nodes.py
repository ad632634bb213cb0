"""The positional JSON parser (frontlint.reading.json_nodes): the spans of every construct, and the data json.loads reads."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.reading.json_nodes import JsonUnreadable, compose_json, load_json
from frontlint.reading.limits import Limits

LIMITS = Limits()


def data_of(node: Node) -> Any:
    """The data a node tree stands for, as a JSON reader builds it (the last of a key twice)."""
    if isinstance(node, MappingNode):
        return {key.value: data_of(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [data_of(item) for item in node.value]
    assert isinstance(node, ScalarNode)
    kind = node.tag.rsplit(":", 1)[-1]
    converters: dict[str, Any] = {
        "str": lambda v: v,
        "int": int,
        "float": float,
        "bool": lambda v: v == "true",
        "null": lambda v: None,
    }
    return converters[kind](node.value)


def spans(text: str) -> list[tuple[str, str]]:
    """Every node's tag name and the text of its span, in document order (a key before its value)."""
    found: list[tuple[str, str]] = []

    def walk(node: Node) -> None:
        found.append((node.tag.rsplit(":", 1)[-1], text[node.start_mark.index : node.end_mark.index]))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                walk(key)
                walk(value)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                walk(item)

    walk(compose_json(text, LIMITS).root)
    return found


def _reject(name: str) -> Any:
    raise ValueError(name)


def loads_strictly(text: str) -> Any:
    """json.loads without NaN and Infinity, which JSON does not have."""
    return json.loads(text, parse_constant=_reject)


def test_every_construct_has_its_exact_span() -> None:
    text = '{ "s": "a\\"}b" ,"i":-12,"f": 1.5e-3, "t":true, "n" : null, "l": [ false, {}, [] ], "o": {"k": "\\u00e9"} }'
    assert spans(text) == [
        ("map", text),
        ("str", '"s"'),
        ("str", '"a\\"}b"'),
        ("str", '"i"'),
        ("int", "-12"),
        ("str", '"f"'),
        ("float", "1.5e-3"),
        ("str", '"t"'),
        ("bool", "true"),
        ("str", '"n"'),
        ("null", "null"),
        ("str", '"l"'),
        ("seq", "[ false, {}, [] ]"),
        ("bool", "false"),
        ("map", "{}"),
        ("seq", "[]"),
        ("str", '"o"'),
        ("map", '{"k": "\\u00e9"}'),
        ("str", '"k"'),
        ("str", '"\\u00e9"'),
    ]


def test_marks_give_lines_and_columns_from_zero() -> None:
    root = compose_json('{\n  "a": [\r\n    1]}', LIMITS).root
    assert isinstance(root, MappingNode)
    key, value = root.value[0]
    item = value.value[0]
    assert [(n.start_mark.line, n.start_mark.column) for n in (root, key, value, item)] == [
        (0, 0),
        (1, 2),
        (1, 7),
        (2, 4),
    ]
    assert (root.end_mark.line, root.end_mark.column) == (2, 7)


def test_a_string_holds_its_decoded_value_and_a_quote_style() -> None:
    root = compose_json('["tab\\there", "\\ud83d\\ude00", "\\ud800"]', LIMITS).root
    assert [(n.value, n.style) for n in root.value] == [("tab\there", '"'), ("\U0001f600", '"'), ("\ud800", '"')]


def test_a_key_twice_is_kept_in_the_tree_and_named() -> None:
    tree = compose_json('{"a": 1, "b": {"a": 2, "a": 3}, "a": 4}', LIMITS)
    assert [(later.start_mark.index, first.start_mark.index) for later, first in tree.duplicates] == [(23, 15), (32, 1)]
    assert data_of(tree.root) == json.loads('{"a": 1, "b": {"a": 2, "a": 3}, "a": 4}')


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ('{"a": 1,}', 8, "not JSON: Expecting property name enclosed in double quotes"),
        ('{"a" 1}', 5, "not JSON: Expecting ':' delimiter"),
        ('{"a": 1 "b": 2}', 8, "not JSON: Expecting ',' delimiter"),
        ("[1, 2", 5, "not JSON: Expecting ',' delimiter"),
        ('{"a": "x', 6, "not JSON: Unterminated string starting at"),
        ('{"a": tru}', 6, "not JSON: Expecting value"),
        ('{"a": 1} x', 9, "not JSON: Extra data"),
        ('{"a": 01}', 7, "not JSON: Expecting ',' delimiter"),
        ('{"a": NaN}', 6, "not JSON: NaN is not a JSON value"),
        ("[-Infinity]", 1, "not JSON: -Infinity is not a JSON value"),
        ('["a\tb"]', 3, "not JSON: Invalid control character at"),
        ("", 0, "not JSON: Expecting value"),
    ],
)
def test_what_json_refuses_is_refused_at_its_offset(text: str, offset: int, message: str) -> None:
    with pytest.raises(JsonUnreadable) as raised:
        compose_json(text, LIMITS)
    assert (raised.value.problem.rule, raised.value.problem.offset, raised.value.problem.message) == (
        "json-syntax",
        offset,
        message,
    )


def test_nesting_past_the_limit_is_refused_at_the_bracket_that_crosses_it_without_recursion() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(JsonUnreadable) as raised:
        compose_json(deep, Limits(max_nesting_depth=64))
    assert (raised.value.problem.rule, raised.value.problem.offset) == ("yaml-depth-limit", 64)
    assert compose_json(deep, Limits(max_nesting_depth=100_000)).root.tag.endswith(":seq")


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="this Python has no digit limit")
def test_an_integer_past_pythons_digit_limit_is_refused_at_its_span() -> None:
    text = '{"n": -' + "9" * 5000 + "}"
    with pytest.raises(JsonUnreadable) as raised:
        compose_json(text, LIMITS)
    problem = raised.value.problem
    assert (problem.rule, problem.offset, problem.end_offset) == ("json-syntax", 6, len(text) - 1)
    assert problem.message == (
        "integer of 5,000 digits, longer than Python's limit of 4,300: the front matter is not checked"
    )
    assert compose_json('{"n": 1' + "0" * 5000 + ".5}", LIMITS).root.value[0][1].tag.endswith(":float")


def test_load_json_reads_as_the_c_parser_and_names_what_it_cannot_place() -> None:
    assert load_json('{"a": [1, 2.5]}', LIMITS, "the record").data == {"a": [1, 2.5]}
    assert load_json('{"a": 1, "a": 2}', LIMITS, "the record").problem.message == (  # type: ignore[union-attr]
        'key "a" appears twice in one object: JSON readers keep only the last'
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_the_tree_holds_exactly_what_json_loads_reads(value: Any, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert data_of(compose_json(text, Limits(max_nesting_depth=1000)).root) == json.loads(text)


_JSONISH = st.text(alphabet='{}[]",:. \n\t\\-+0123456789eEtrufalsnNIyia\u00e9\ud800x/', max_size=30)


@hypothesis_settings(max_examples=3000, deadline=None)
@given(_JSONISH)
def test_the_parser_refuses_exactly_what_json_loads_refuses_and_reads_the_same_data(text: str) -> None:
    try:
        expected = loads_strictly(text)
    except ValueError:
        with pytest.raises(JsonUnreadable):
            compose_json(text, LIMITS)
        return
    assert data_of(compose_json(text, LIMITS).root) == expected
