"""The one home of the cuts that keep a value or a text on one message line."""

from __future__ import annotations

from frontlint.text.shortening import bounded, short, shown


def test_bounded_keeps_a_text_up_to_the_limit_and_cuts_a_longer_one_at_its_end():
    assert bounded("x" * 200) == "x" * 200
    assert bounded("x" * 201) == "x" * 197 + "..."
    assert bounded("abcdefgh", 5) == "ab..."
    assert bounded("abcde", 5) == "abcde"


def test_short_cuts_a_value_from_an_article_in_the_middle_and_to_four_items():
    assert short("v" * 58) == repr("v" * 58)  # 60 characters with its quotes
    assert short("v" * 200) == "'" + "v" * 27 + "..." + "v" * 28 + "'"
    assert short(list(range(7))) == "[0, 1, 2, 3, ...]"
    assert short({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}) == "{'a': 1, 'b': 2, 'c': 3, 'd': 4, ...}"


def test_shown_cuts_a_value_from_a_schema_at_about_200_characters_and_six_items():
    assert shown("x" * 198) == repr("x" * 198)  # 200 characters with its quotes
    assert shown("x" * 300) == "'" + "x" * 97 + "..." + "x" * 98 + "'"
    assert shown(list(range(100))) == "[0, 1, 2, 3, 4, 5, ...]"
