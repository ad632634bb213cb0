"""key-near-miss: an unknown key one or two edits from a key the schema knows there, reported at the key."""

from __future__ import annotations

from frontlint.checking.engine import Linter
from frontlint.registry import check_for
from frontlint.rule_support.edit_distance import edit_distance
from frontlint.rules import key_near_miss
from frontlint.schema.contract import schema_from_document
from frontlint.settings.resolved import Settings
from helpers import front_matter, lint_lines


def test_a_misspelt_optional_key_is_reported_at_the_key_naming_the_known_one():
    text = front_matter("""
title: "T"
orignalUrl: "https://a.example/1"
tilte: "x"
Quality: 3
layout: post
removed: true
""")
    assert lint_lines(text, rules=[key_near_miss]) == [
        "a.md:3:1: warning: unknown key 'orignalUrl': did you mean 'originalUrl'? [key-near-miss]",
        "a.md:4:1: warning: unknown key 'tilte': did you mean 'title'? [key-near-miss]",
        "a.md:5:1: warning: unknown key 'Quality': did you mean 'quality'? [key-near-miss]",
    ]


def test_short_keys_are_reported_only_for_their_letter_case():
    schema = {"properties": {"tags": {}, "bio": {}, "heat": {}}}
    text = front_matter("tag: x\nBIO: y\neat: 1\nhaet: 2")
    assert _lint(schema, text) == [
        "a.md:3:1: warning: unknown key 'BIO': did you mean 'bio'? [key-near-miss]",
        "a.md:5:1: warning: unknown key 'haet': did you mean 'heat'? [key-near-miss]",
    ]


def test_closed_objects_and_missing_required_keys_are_left_to_the_schema():
    # provider is closed in the contract: its unknown key is schema/additionalProperties, which names the close key.
    text = front_matter("""
category: news
tilte: "T"
provider:
  nmae: "P"
""")
    assert lint_lines(text, rules=[key_near_miss]) == []
    schema_lines = lint_lines(text, rules=[key_near_miss], schema=True)
    assert (
        "a.md:2:1: error: missing required key 'title'; is 'tilte' a misspelling of it? [schema/required]"
        in schema_lines
    )
    assert "a.md:5:3: error: unknown key 'nmae'; did you mean 'name'? [schema/additionalProperties]" in schema_lines


def test_nested_open_objects_and_pattern_keys_are_read_where_they_are():
    schema = {
        "properties": {
            "author": {"properties": {"display_name": {}}},
            "items": {"items": {"properties": {"caption": {}}}},
        },
        "patternProperties": {"^x-": {}},
    }
    text = front_matter("""
author:
  dispaly_name: A
items:
  - captoin: c
x-captoin: 1
""")
    assert _lint(schema, text) == [
        "a.md:3:3: warning: unknown key 'dispaly_name': did you mean 'display_name'? [key-near-miss]",
        "a.md:5:5: warning: unknown key 'captoin': did you mean 'caption'? [key-near-miss]",
    ]


def test_data_given_without_text_names_the_key_by_its_path():
    linter = Linter(schema_from_document({"properties": {"title": {}}}), Settings(select=("key-near-miss",)))
    assert [diagnostic.format() for diagnostic in linter.validate_data({"tilte": "x"}, "r")] == [
        "r:$.tilte: warning: unknown key 'tilte': did you mean 'title'? [key-near-miss]"
    ]


def test_long_and_strange_keys_do_not_slow_it_or_crash_it():
    schema = {"properties": {"a" * 64: {}, "title": {}}}
    text = front_matter(f"{'a' * 63}b: 1\n{'a' * 65}: 2\n'': 3\n'  ': 4")
    assert _lint(schema, text) == [
        f"a.md:2:1: warning: unknown key '{'a' * 27}...{'a' * 27}b': did you mean '{'a' * 27}...{'a' * 28}'? "
        "[key-near-miss]"
    ]


def test_the_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert edit_distance("orignal", "original", 2) == 1
    assert edit_distance("tilte", "title", 1) == 1
    assert edit_distance("kitten", "sitting", 3) == 3
    assert edit_distance("kitten", "sitting", 2) == 3  # past the limit: limit + 1
    assert edit_distance("", "abc", 5) == 3


def _lint(schema, text):
    linter = Linter(
        schema_from_document(schema), Settings(select=("key-near-miss",)), rules=[check_for("key-near-miss")]
    )
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]
