"""Property: ``--fix`` on front matter written in any YAML style keeps the file readable and
changes exactly the values the rules asked for, and a second fix changes nothing.

Front matter is generated with every scalar style (plain, single- and double-quoted,
literal and folded block scalars with every chomping), anchors and aliases, ``!!str`` tags,
comments, blank lines, flow collections and CRLF line endings; the values carry defects that
``text-whitespace``, ``text-html`` and ``url-syntax`` fix. The expected value of each field
after fixing is worked out here independently of the rules (the oracle below).
"""

from __future__ import annotations

import html
import json
import re
from unittest import mock
from urllib.parse import quote

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Fix
from frontlint.dialects.yaml_dialect import YAML
from frontlint.editing.edits import apply_edits
from frontlint.editing.read_back import fixes_hold, safe_fixes
from frontlint.fix.fixer import fix_file
from frontlint.reading.limits import Limits
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW

pytestmark = pytest.mark.slow

# The generated defects are ends and double spaces too (related entries included): fixed when reported.
EVERY_KIND = {
    "text-whitespace": {"check-ends-and-double-spaces": True, "check-related": True},
    "text-html": {"check-related": True},
}
LINTER = Linter(
    load_schema(),
    Settings(
        now=FIXED_NOW,
        select=("text-whitespace", "text-html", "url-syntax"),
        rule_options=EVERY_KIND,
    ),
)
TEXT_KEYS = ("title", "excerpt")
URL_KEYS = ("webUrl",)
WORDS = ("alpha", "Béta", "x&amp;y", "it&#39;s", "&amp;amp;amp;z", "a:b", "c#d", "[e]", "f,g", "{h}", "i-j")
BLOCK_HEADERS = ("|", "|-", "|+", ">", ">-", ">+")
STYLES = ("plain", "single", "double") + BLOCK_HEADERS


def decoded(text: str) -> str:
    """Decode entities until none is left (the vocabulary here holds no markup)."""
    while (once := html.unescape(text)) != text:
        text = once
    return text


def expected_value(key: str, value: object) -> object:
    """What the fixable rules make of a field's value (the oracle)."""
    if not isinstance(value, str) or not value.strip():
        return value
    if key in URL_KEYS:
        return "".join(quote(char) if char.isspace() else char for char in value.strip())
    return decoded(" ".join(value.split()))


def expected_data(data: object, key: str = "") -> object:
    if isinstance(data, dict):
        return {k: expected_data(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [expected_data(item) for item in data]
    return expected_value(key, data) if key in TEXT_KEYS + URL_KEYS else data


# --- writing one scalar ----------------------------------------------------------------------


@st.composite
def text_values(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    separators = [draw(st.sampled_from((" ", " ", "  ", "\t"))) for _ in words[1:]]
    body = words[0] + "".join(separator + word for separator, word in zip(separators, words[1:]))
    return draw(st.sampled_from(("", " ", "  ", "\t"))) + body + draw(st.sampled_from(("", " ", "  ", " \t")))


@st.composite
def url_values(draw) -> str:
    parts = draw(st.lists(st.sampled_from(("news", "a b", "x")), min_size=1, max_size=3))
    return (
        draw(st.sampled_from(("", " "))) + "https://example.com/" + "/".join(parts) + draw(st.sampled_from(("", " ")))
    )


def quoted(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(value: str, header: str, indent: str) -> str:
    """A block scalar holding the words of ``value`` on one or two content lines."""
    words = value.strip().split(" ")
    cut = len(words) // 2 or 1
    lines = [" ".join(words[:cut])] + ([" ".join(words[cut:])] if words[cut:] else [])
    return header + "".join(f"\n{indent}{line}" for line in lines)


def reads_as(source: str, value: str, in_flow: bool) -> bool:
    """Whether ``source`` reads back as the string ``value`` in its context."""
    document = f"k: [{source}]" if in_flow else f"k: {source}"
    try:
        data = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    read = data["k"][0] if in_flow else data["k"]
    return read == value


@st.composite
def scalars(draw, value: str, in_flow: bool, indent: str) -> str:
    """``value`` written in a drawn style, with an optional anchor and tag."""
    styles = STYLES[:3] if in_flow else STYLES
    style = draw(st.sampled_from(styles))
    if style in BLOCK_HEADERS:
        source = block(value, style, indent)
    elif style == "plain" and reads_as(value, value, in_flow):
        source = value
    else:
        source = quoted(value, "single" if style == "single" else "double")
    properties = draw(st.sampled_from(("", "!!str ", "&{anchor} ", "&{anchor} !!str ")))
    return properties + source


# --- writing the front matter ----------------------------------------------------------------


@st.composite
def front_matters(draw) -> str:
    counter = iter(range(1000))
    lines: list[str] = []

    def after_entry() -> None:
        if draw(st.booleans()):
            lines.append(f"# note {next(counter)}")
        if draw(st.booleans()):
            lines.append("")

    def scalar_line(prefix: str, key: str, value: str, indent: str) -> None:
        source = draw(scalars(value, False, indent)).replace("{anchor}", f"a{next(counter)}")
        comment = f"  # c{next(counter)}" if draw(st.booleans()) else ""
        if "\n" in source:  # a block scalar: a comment goes on its header line
            header, _, content = source.partition("\n")
            lines.append(f"{prefix}{key}: {header}{comment}\n{content}")
        else:
            lines.append(f"{prefix}{key}: {source}{comment}")
        after_entry()

    scalar_line("", "title", draw(text_values()), "  ")
    anchor = re.match(r"title: &(a\d+) ", lines[0])
    if anchor is not None and draw(st.booleans()):
        lines.append(f"excerpt: *{anchor.group(1)}")
    else:
        scalar_line("", "excerpt", draw(text_values()), "  ")
    scalar_line("", "webUrl", draw(url_values()), "  ")
    lines.append("category: news")
    after_entry()
    related = draw(st.lists(st.tuples(text_values(), url_values()), max_size=2))
    if related and draw(st.booleans()):  # a flow sequence of flow mappings
        entries = []
        for title, url in related:
            title_source = draw(scalars(title, True, "")).replace("{anchor}", f"a{next(counter)}")
            url_source = draw(scalars(url, True, "")).replace("{anchor}", f"a{next(counter)}")
            entries.append(f"{{title: {title_source}, webUrl: {url_source}}}")
        lines.append("related: [" + ", ".join(entries) + "]")
    elif related:
        lines.append("related:")
        for title, url in related:
            scalar_line("  - ", "title", title, "      ")
            scalar_line("    ", "webUrl", url, "      ")
    text = "---\n" + "\n".join(lines) + "\n---\nbody\n"
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def data_of(text: str) -> object:
    """The front matter's data, read by PyYAML (independently of frontlint's reader)."""
    front = text.replace("\r\n", "\n").split("\n---\n", 1)[0].removeprefix("---\n")
    return yaml.safe_load(front)


def fixed_text(text: str) -> str:
    outcome = fix_file(LINTER, text.encode("utf-8"), "a.md")
    return text if outcome.new_bytes is None else outcome.new_bytes.decode("utf-8")


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters(), st.booleans())
def test_fix_keeps_the_file_readable_and_changes_only_the_fixed_values(text, deep):
    if deep:  # past 64 brackets the pure-Python composer reads the front matter
        text = text.replace("---", "---" + ("\r" if "\r\n" in text else "") + "\n# " + "[" * 70, 1)
    try:
        before = data_of(text)
    except yaml.YAMLError:
        assume(False)
    after_text = fixed_text(text)
    assert data_of(after_text) == expected_data(before)
    comments = re.findall(r"# (?:note|c)\d+", text)
    assert re.findall(r"# (?:note|c)\d+", after_text) == comments
    assert after_text.count("\n\n") + after_text.count("\r\n\r\n") == text.count("\n\n") + text.count("\r\n\r\n")
    assert after_text.endswith("\n---\nbody\n") or after_text.endswith("\r\n---\r\nbody\r\n")
    if "\r\n" in text:
        assert "\n" not in after_text.replace("\r\n", "")
    assert fixed_text(after_text) == after_text


# --- the fixes offered: each one that --fix's read-back keeps, made alone ----------------------


@st.composite
def texts_and_limits(draw) -> tuple[str, int]:
    """Front matter as above; maybe an anchored value also used as a key, and a size limit at most 12 bytes above its size."""
    text = draw(front_matters())
    eol = "\r\n" if "\r\n" in text else "\n"
    anchors = re.findall(r"&(a\d+) ", text)
    if anchors and draw(st.booleans()):
        head, fence = text.rsplit(f"{eol}---{eol}", 1)
        text = f"{head}{eol}m:{eol}  *{draw(st.sampled_from(anchors))} : 1{eol}---{eol}{fence}"
    size = len(text.split(f"{eol}---{eol}", 1)[0].removeprefix(f"---{eol}").encode("utf-8")) + len(eol)
    return text, size + draw(st.integers(0, 12))


def fixes_made_alone(text: str, fixes: list[Fix], limits: Limits) -> set[Fix]:
    """The oracle: each fix made alone in ``text`` and read back as ``--fix`` reads its edits back."""
    return {fix for fix in fixes if fixes_hold(text, apply_edits(text, fix.edits), [fix], limits, YAML)}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(texts_and_limits())
def test_the_fixes_offered_are_exactly_those_that_pass_the_read_back_made_alone(text_and_limit):
    text, limit = text_and_limit
    limits = Limits(max_front_matter_bytes=limit)
    linter = Linter(load_schema(), LINTER.settings._replace(limits=limits))
    with mock.patch("frontlint.checking.engine.with_safe_fixes", lambda text, diagnostics, *_: diagnostics):
        every = linter.lint_text(text, "a.md")  # every fix the rules ask for, none checked
    fixes = list(dict.fromkeys(diagnostic.fix for diagnostic in every if diagnostic.fix is not None))
    alone = fixes_made_alone(text, fixes, limits)
    assert safe_fixes(text, fixes, limits, YAML) == alone
    offered = [diagnostic.fix for diagnostic in linter.lint_text(text, "a.md")]
    assert offered == [diagnostic.fix if diagnostic.fix in alone else None for diagnostic in every]


# --- JSON front matter -----------------------------------------------------------------------

JSON_WORDS = (*WORDS, 'q"uo\\te', "é😀", "\u2028", "\ud800")


@st.composite
def json_text_values(draw) -> str:
    """A text value as above, with quotes, backslashes, astral characters and lone surrogates among its words."""
    words = draw(st.lists(st.sampled_from(JSON_WORDS), min_size=1, max_size=4))
    separators = [draw(st.sampled_from((" ", "  ", "\t", "\n"))) for _ in words[1:]]
    body = words[0] + "".join(separator + word for separator, word in zip(separators, words[1:]))
    return draw(st.sampled_from(("", " ", "\t"))) + body + draw(st.sampled_from(("", " ", " \t")))


@st.composite
def json_front_matters(draw) -> tuple[str, dict[str, object], str]:
    """An article with JSON front matter written in a drawn layout: its text, its data and its body."""
    data: dict[str, object] = {
        "title": draw(json_text_values()),
        "excerpt": draw(json_text_values()),
        "webUrl": draw(url_values()),
        "category": "news",
    }
    related = draw(st.lists(st.tuples(json_text_values(), url_values()), max_size=2))
    if related:
        data["related"] = [{"title": title, "webUrl": url} for title, url in related]
    indent = draw(st.sampled_from((None, 1, 2, "\t")))
    separators = draw(st.sampled_from(((", ", ": "), (",", ":"), (" , ", " : "))))
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=True)
    if draw(st.booleans()):  # written as UTF-8 where it can be: lone surrogates stay escaped
        text = re.sub(r"\\u(?!d[89a-f])[0-9a-f]{4}", lambda m: json.loads(f'"{m.group()}"'), text)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    body = draw(st.sampled_from(("\nbody\n", '\n{ body } "x\n', "", " trailing } text\n")))
    return text + body, data, body


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(json_front_matters())
def test_fix_keeps_json_front_matter_json_and_changes_only_the_fixed_values(article):
    text, data, body = article
    after_text = fixed_text(text)
    after, end = json.JSONDecoder().raw_decode(after_text)
    assert after == expected_data(data)
    assert after_text[end:] == body
    assert fixed_text(after_text) == after_text
