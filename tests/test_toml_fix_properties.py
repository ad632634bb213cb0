"""Property: ``--fix`` on TOML front matter, written with every kind of string, keeps the file TOML
and changes exactly the values the rules asked for, and a second fix changes nothing.

The TOML counterpart of :mod:`test_fix_properties` (whose values, defects and oracle it uses):
values in basic, literal, multi-line basic (with and without a first line break, which TOML
trims) and multi-line literal strings, comments after values and on their own lines, blank
lines, related entries as an array of tables or as inline tables, CRLF line endings. The data
before and after is read by Python's TOML reader, independently of frontlint's scan.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fix_properties import LINTER, expected_data, text_values, url_values

from frontlint.fix.fixer import fix_file

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

pytestmark = pytest.mark.slow

KINDS = ("basic", "literal", "multi-line basic", "multi-line basic, first line break", "multi-line literal")


def basic(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


@st.composite
def strings(draw, value: str, inline: bool) -> str:
    """``value`` written as a TOML string of a drawn kind (one a literal string can hold, where it is literal)."""
    kinds = KINDS[:2] if inline else KINDS
    kind = draw(st.sampled_from(kinds))
    if "literal" in kind and "'" in value:
        kind = "basic"
    if kind == "basic":
        return f'"{basic(value)}"'
    if kind == "literal":
        return f"'{value}'"
    if kind == "multi-line literal":
        return f"'''{value}'''"
    return '"""' + ("\n" if kind.endswith("break") else "") + basic(value) + '"""'


@st.composite
def front_matters(draw) -> str:
    counter = iter(range(1000))
    lines: list[str] = []

    def entry(key: str, value: str) -> None:
        comment = f"  # c{next(counter)}" if draw(st.booleans()) else ""
        lines.append(f"{key} = {draw(strings(value, False))}{comment}")
        if draw(st.booleans()):
            lines.append(f"# note {next(counter)}")
        if draw(st.booleans()):
            lines.append("")

    entry("title", draw(text_values()))
    entry("excerpt", draw(text_values()))
    entry("webUrl", draw(url_values()))
    lines.append('category = "news"')
    related = draw(st.lists(st.tuples(text_values(), url_values()), max_size=2))
    if related and draw(st.booleans()):  # an array of inline tables
        entries = [
            f"{{ title = {draw(strings(title, True))}, webUrl = {draw(strings(url, True))} }}" for title, url in related
        ]
        lines.append("related = [\n  " + ",\n  ".join(entries) + ",\n]")
    else:
        for title, url in related:
            lines.append("")
            lines.append("[[related]]")
            entry("title", title)
            entry("webUrl", url)
    text = "+++\n" + "\n".join(lines) + "\n+++\nbody\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def data_of(text: str) -> object:
    """The front matter's data, read by Python's TOML reader."""
    front = text.replace("\r\n", "\n").split("\n+++\n", 1)[0].removeprefix("+++\n")
    return tomllib.loads(front)


def fixed_text(text: str) -> str:
    outcome = fix_file(LINTER, text.encode("utf-8"), "a.md")
    return text if outcome.new_bytes is None else outcome.new_bytes.decode("utf-8")


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters())
def test_fix_keeps_a_toml_file_toml_and_changes_only_the_fixed_values(text):
    before = data_of(text)
    after_text = fixed_text(text)
    assert data_of(after_text) == expected_data(before)
    assert re.findall(r"# (?:note|c)\d+", after_text) == re.findall(r"# (?:note|c)\d+", text)
    assert after_text.endswith(("\n+++\nbody\n", "\r\n+++\r\nbody\r\n"))
    if "\r\n" in text:
        assert "\n" not in after_text.replace("\r\n", "")
    assert fixed_text(after_text) == after_text
