"""TOML front matter read into data and a node tree: the exact span of every key and value, and what cannot be read."""

from __future__ import annotations

import datetime
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlint.dialects import dialect_for
from frontlint.dialects.toml_dialect import TOML
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.toml_nodes import compose_toml, parse_toml
from frontlint.reading.yaml_nodes import UnreadableFrontMatter
from helpers import lint_lines

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

DOCUMENT = """\
+++
title = "Basic \\"quoted\\""  # a comment
'literal key' = 'C:\\path'
"quoted.key" = 1
a.b.c = 2021-07-28T02:44:00Z
local = 1979-05-27 07:32:00
day = 1979-05-27
clock = 07:32:00.5
float = -1.5e3
hex = 0xff
flag = true
text = \"\"\"
line one
line two\"\"\"
raw = '''it's'''
list = [ 1, [2, 3], { x = "y" }, ]
inline = { p.q = 'r', s = 1 }

[provider]
name = "Big News"

[a.d]
e = 5

[[related]]
title = "one"

[related.provider]
name = "P"

[[related]]
title = "two"
+++
body
"""


def parsed(text: str = DOCUMENT, limits: Limits = Limits()):
    lines = LineIndex(text)
    block, problem = TOML.find_block(lines)
    assert problem is None and block is not None
    return TOML.parse(text[block.start : block.end], block.start, lines, limits), lines


def written(path, *, key: bool = False, text: str = DOCUMENT):
    """The text a node (or its key) spans, and where it starts (line, column)."""
    result, lines = parsed(text)
    node = result.key_node_at(path) if key else result.node_at(path)
    assert node is not None, path
    start, end = result.span(node)
    return text[start:end], tuple(lines.position(start))


def test_the_data_is_what_tomllib_reads_with_date_times_as_written():
    result, _ = parsed()
    assert result.problems == []
    assert result.data == {
        "title": 'Basic "quoted"',
        "literal key": "C:\\path",
        "quoted.key": 1,
        "a": {"b": {"c": "2021-07-28T02:44:00Z"}, "d": {"e": 5}},
        "local": "1979-05-27 07:32:00",
        "day": "1979-05-27",
        "clock": "07:32:00.5",
        "float": -1500.0,
        "hex": 255,
        "flag": True,
        "text": "line one\nline two",
        "raw": "it's",
        "list": [1, [2, 3], {"x": "y"}],
        "inline": {"p": {"q": "r"}, "s": 1},
        "provider": {"name": "Big News"},
        "related": [{"title": "one", "provider": {"name": "P"}}, {"title": "two"}],
    }


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("title",), False, ('"Basic \\"quoted\\""', (2, 9))),
        (("title",), True, ("title", (2, 1))),
        (("literal key",), True, ("'literal key'", (3, 1))),
        (("literal key",), False, ("'C:\\path'", (3, 17))),
        (("quoted.key",), True, ('"quoted.key"', (4, 1))),
        (("a",), True, ("a", (5, 1))),
        (("a", "b"), True, ("b", (5, 3))),
        (("a", "b", "c"), True, ("c", (5, 5))),
        (("a", "b", "c"), False, ("2021-07-28T02:44:00Z", (5, 9))),
        (("a", "b"), False, ("c = 2021-07-28T02:44:00Z", (5, 5))),
        (("local",), False, ("1979-05-27 07:32:00", (6, 9))),
        (("day",), False, ("1979-05-27", (7, 7))),
        (("clock",), False, ("07:32:00.5", (8, 9))),
        (("float",), False, ("-1.5e3", (9, 9))),
        (("hex",), False, ("0xff", (10, 7))),
        (("flag",), False, ("true", (11, 8))),
        (("text",), False, ('"""\nline one\nline two"""', (12, 8))),
        (("raw",), False, ("'''it's'''", (15, 7))),
        (("list",), False, ('[ 1, [2, 3], { x = "y" }, ]', (16, 8))),
        (("list", 1, 1), False, ("3", (16, 17))),
        (("list", 2, "x"), True, ("x", (16, 23))),
        (("list", 2, "x"), False, ('"y"', (16, 27))),
        (("inline",), False, ("{ p.q = 'r', s = 1 }", (17, 10))),
        (("inline", "p", "q"), False, ("'r'", (17, 18))),
        (("inline", "p"), True, ("p", (17, 12))),
        (("provider",), True, ("provider", (19, 2))),
        (("provider",), False, ('name = "Big News"', (20, 1))),
        (("provider", "name"), False, ('"Big News"', (20, 8))),
        (("a", "d"), True, ("d", (22, 4))),
        (("a", "d", "e"), False, ("5", (23, 5))),
        (("related",), True, ("related", (25, 3))),
        (("related", 0), False, ('title = "one"\n\n[related.provider]\nname = "P"', (26, 1))),
        (("related", 0, "provider", "name"), False, ('"P"', (29, 8))),
        (("related", 0, "provider"), True, ("provider", (28, 10))),
        (("related", 1, "title"), False, ('"two"', (32, 9))),
    ],
)
def test_every_key_and_value_has_its_exact_span(path, key, expected):
    assert written(path, key=key) == expected


def test_a_table_spans_its_entries_and_the_tables_inside_it():
    """``a`` is written in a dotted key at line 5 and as the header [a.d] at line 22: its span holds both."""
    text, start = written(("a",))
    assert start == (5, 3)  # its first entry: "b.c = …"
    assert text.endswith("[a.d]\ne = 5")


def test_an_empty_table_is_its_header():
    assert written(("empty",), text="+++\n[empty]\n+++\n") == ("[empty]", (2, 1))


def test_scalars_carry_the_tag_and_style_a_fix_and_the_read_back_need():
    result, _ = parsed()
    kinds = {
        path[-1]: (result.node_at(path).tag.rsplit(":", 1)[-1], result.node_at(path).style)
        for path in [("title",), ("literal key",), ("text",), ("raw",), ("float",), ("hex",), ("flag",), ("day",)]
    }
    assert kinds == {
        "title": ("str", '"'),
        "literal key": ("str", "'"),
        "text": ("str", '"""'),
        "raw": ("str", "'''"),
        "float": ("float", None),
        "hex": ("int", None),
        "flag": ("bool", None),
        "day": ("timestamp", None),
    }


def test_marks_give_lines_and_columns_from_the_block_start():
    result, _ = parsed()
    node = result.node_at(("provider", "name"))
    assert (node.start_mark.line, node.start_mark.column) == (18, 7)  # 0-based, from the line after '+++'


def test_crlf_line_breaks_and_a_bom_keep_positions_exact():
    text = "+++\r\ntitle = 'x'\r\n[p]\r\nname = \"n\"\r\n+++\r\n"
    assert written(("p", "name"), text=text) == ('"n"', (4, 8))


def test_the_dialect_opens_on_plus_fences_only():
    assert dialect_for("+++  \n") is TOML
    assert dialect_for("++++\n") is not TOML
    assert TOML.find_block(LineIndex("+++\na = 1\n+++  \nbody"))[0] == (4, 10, 1, 3)


# --- what cannot be read: one problem, at its place, never a crash ---


def lint(front: str) -> list[str]:
    return lint_lines("+++\n" + front + "+++\n", rules=[])


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            'title = "x"\ntitle = "y"\n',
            "a.md:3:1: error: duplicate key 'title': first defined on line 2; "
            "TOML does not allow a key or table to be defined twice [toml-syntax]",
        ),
        (
            "[p]\na = 1\n[p]\n",
            "a.md:4:2: error: duplicate key 'p': first defined on line 2; "
            "TOML does not allow a key or table to be defined twice [toml-syntax]",
        ),
        ('title = "never closed\n', "a.md:2:9: error: string never closed on its line [toml-syntax]"),
        ("title\n", "a.md:2:6: error: expected '=' after a key in a key/value pair [toml-syntax]"),
        ("d = 2021-02-30\n", "a.md:2:5: error: invalid date or datetime [toml-syntax]"),
        ("n = 9223372036854775808\n", None),
        (
            "s = '''never closed\n",
            "a.md:2:5: error: multi-line string never closed "
            "(a '+++' line ends the front matter, even inside a string) [toml-syntax]",
        ),
    ],
)
def test_invalid_toml_is_one_toml_syntax_error_at_its_place(front, expected):
    found = lint(front)
    if expected is None:
        assert found == [
            "a.md:2:5: error: integer outside TOML's 64-bit range (-2^63 to 2^63-1), "
            "which TOML readers refuse [toml-syntax]"
        ]
    else:
        assert found == [expected]


def test_an_integer_past_pythons_digit_limit_is_reported_at_it():
    found = lint("n = " + "9" * 5000 + "\n")
    assert found == [
        "a.md:2:5: error: integer of 5,000 digits, longer than Python's limit of 4,300: "
        "the front matter is not checked (quote it if it is text) [toml-syntax]"
    ]


@pytest.mark.parametrize(
    ("front", "column"),
    [
        ("a = " + "[" * 100 + "]" * 100 + "\n", 69),  # the 65th bracket
        ("a = " + "{b = " * 100 + "}" * 100 + "\n", 325),
        ("[" + ".".join(["k"] * 100) + "]\n", 130),  # the 65th key of the header
        (".".join(["k"] * 100) + " = 1\n", 129),
    ],
)
def test_nesting_past_the_limit_is_reported_where_it_is_crossed(front, column):
    assert lint(front) == [
        f"a.md:2:{column}: error: nesting deeper than 64 levels (max-nesting-depth): "
        "the front matter is not checked [toml-depth-limit]"
    ]


def test_nesting_deeper_than_pythons_recursion_is_reported_not_raised():
    """With the limit raised past what Python recurses, the reader's RecursionError is a problem too."""
    text = "a = " + "[" * 50_000 + "]" * 50_000 + "\n"
    lines = LineIndex(text)
    result = parse_toml(text, 0, lines, Limits(max_nesting_depth=1_000_000))
    assert result.data is None and [problem.rule for problem in result.problems] == ["toml-depth-limit"]


def test_a_plus_fence_inside_a_multi_line_string_closes_the_block_as_hugo_reads_it():
    found = lint_lines('+++\ntext = """\n+++\n"""\n+++\n', rules=[])
    assert found == [
        "a.md:2:8: error: multi-line string never closed "
        "(a '+++' line ends the front matter, even inside a string) [toml-syntax]"
    ]


def test_an_unclosed_block_is_front_matter_unclosed_at_the_opening_fence():
    assert lint_lines("+++\ntitle = 'x'\n", rules=[]) == [
        "a.md:1:1: error: front matter is never closed: no '+++' line after the opening one [front-matter-unclosed]"
    ]


def test_an_empty_block_is_an_empty_table():
    result, _ = parsed("+++\n+++\n")
    assert (result.data, result.problems) == ({}, [])


def test_compose_refuses_what_parse_reports():
    assert compose_toml("a = 1\n") is not None
    with pytest.raises(UnreadableFrontMatter):
        compose_toml("a = 1\na = 2\n")


# --- hostile and random text: never a crash, and the scan follows whatever the reader reads ---

_PIECES = st.sampled_from(
    [
        "a",
        "b.c",
        '"q k"',
        "'l'",
        " = ",
        "=",
        "1",
        "-0x1f",
        "1e3",
        "inf",
        "true",
        "false",
        "nan",
        "+1_000",
        "0o7",
        "0b1",
        "-3.5",
        "1979-05-27",
        " 07:32:00",
        "T07:32:00Z",
        '"s\\"t"',
        "'lit'",
        '"""\nml\n"""',
        "'''x'''",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        ",",
        ".",
        "\n",
        "\r\n",
        "# c\n",
        " ",
        "\t",
        "[t]\n",
        "[[r]]\n",
        "x = [1, [2], {y = 3}]\n",
        "é",
        "\\",
        "\x00",
        "+++",
    ]
)


_KEYS = st.sampled_from(["a", "b", "c.d", "a.e", '"q k"', "'l'", "1"])
_SCALARS = st.sampled_from(
    ["1", "-0x1f", "+1_000", "0o7", "0b1", "1e3", "-3.5", "inf", "nan", "true", "false", "1979-05-27",
     "1979-05-27 07:32:00", "1979-05-27T07:32:00.5-07:00", "07:32:00", '"s\\"t"', "'lit'", '"""\nml\n"""',
     "''''x''''", '""""q""""', '"\\u00e9"']
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + (",]" if items else "]"))
        | st.lists(st.tuples(_KEYS, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{key} = {value}" for key, value in pairs) + "}"
        )
    ),
    max_leaves=6,
)
_LINES = st.one_of(
    st.tuples(_KEYS, _VALUES).map(lambda pair: f"{pair[0]} = {pair[1]}  # c\n"),
    _KEYS.map(lambda key: f"[{key}]\n"),
    _KEYS.map(lambda key: f"[[ {key} ]]\n"),
    st.sampled_from(["\n", "# c\n"]),
)


def _documents():
    """Random pieces (hardly ever TOML), and lines of TOML's constructs (often TOML)."""
    return st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.lists(_LINES, max_size=10).map("".join))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(_documents())
def test_random_text_never_crashes_and_valid_toml_is_always_placed(text):
    lines = LineIndex(text)
    result = parse_toml(text, 0, lines, Limits(max_nesting_depth=8))
    try:
        expected = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        assert result.data is None and len(result.problems) == 1
        return
    messages = [problem.message for problem in result.problems]
    assert not any("could not follow" in message for message in messages), (text, messages)
    if result.data is not None:
        assert repr(result.data) == repr(_as_written(expected, text, result.root))  # repr: nan equals nan


def _as_written(value, text, node):
    """tomllib's data with each date-time replaced by the text the node tree says it was written as."""
    if isinstance(value, dict):
        return {key.value: _as_written(value[key.value], text, item) for key, item in node.value}
    if isinstance(value, list):
        return [_as_written(element, text, item) for element, item in zip(value, node.value)]
    if isinstance(value, (datetime.date, datetime.time)):
        return text[node.start_mark.index : node.end_mark.index]
    return value


def test_hostile_texts_are_one_problem_each():
    hostile = [
        "a = " + "[" * 200_000,
        "a = " + "{b=" * 100_000,
        "[" + "a." * 100_000 + "a]",
        "a = " + "1" * 100_000,
        "a = 0x" + "f" * 100_000,
        'a = "' + "\\" * 100_001,
        "a = '''" + "'" * 100_000,
        'a = """' + '"' * 100_000,
        "\ud800 = 1",
        "a = 1\r",
        "a.b = 1\na = 2",
        "[[a]]\n[a]",
        "a = [1]\n[[a]]",
        "x = {a = 1}\n[x]",
    ]
    for text in hostile:
        result = parse_toml(text, 0, LineIndex(text), Limits())
        assert result.data is None and len(result.problems) == 1, text[:40]
        assert "could not follow" not in result.problems[0].message, (text[:40], result.problems[0].message)
