from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from frontlint.reading.timestamps import parse_timestamp
from frontlint.rule_support.article_view import ArticleView
from frontlint.rule_support.base import RuleContext
from frontlint.rules import date_future
from frontlint.rules.date_future import parse_duration
from helpers import SEED, front_matter, lint_lines


def test_future_article_date_is_reported_at_the_value():
    text = front_matter("""
title: "A"
publishedDateTime: 2030-01-01T00:00:00Z
""")
    assert lint_lines(text, rules=[date_future]) == [
        "a.md:3:20: error: publishedDateTime 2030-01-01T00:00:00Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
    ]


def test_default_tolerance_is_one_day_and_offsets_are_honoured():
    # now is 2024-01-01T00:00:00Z: the limit is 2024-01-02T00:00:00Z, itself allowed.
    text = front_matter("""
publishedDateTime: 2024-01-02T00:00:00Z
related:
  - publishedDateTime: 2024-01-02T00:00:01Z
  - publishedDateTime: 2024-01-02T08:00:00+08:00
  - publishedDateTime: 2024-01-01T20:00:01-04:00
  - publishedDateTime: 2024-01-02T08:00:01+08:00
""")
    assert lint_lines(text, rules=[date_future]) == [
        "a.md:4:24: error: publishedDateTime 2024-01-02T00:00:01Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
        "a.md:6:24: error: publishedDateTime 2024-01-01T20:00:01-04:00 is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
        "a.md:7:24: error: publishedDateTime 2024-01-02T08:00:01+08:00 is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
    ]


def test_tolerance_option_as_a_duration_string():
    text = front_matter("""
publishedDateTime: 2024-01-02T12:00:00Z
related:
  - publishedDateTime: 2024-01-02T12:00:00.5Z
""")
    assert lint_lines(text, rules=[date_future], options={"date-future": {"tolerance": "36h"}}) == [
        "a.md:4:24: error: publishedDateTime 2024-01-02T12:00:00.5Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 36h [date-future]",
    ]


def test_zero_tolerance_reports_anything_after_now():
    text = front_matter("""
publishedDateTime: 2024-01-01T00:00:00Z
related:
  - publishedDateTime: 2024-01-01T00:00:01Z
""")
    assert lint_lines(text, rules=[date_future], options={"date-future": {"tolerance": "0s"}}) == [
        "a.md:4:24: error: publishedDateTime 2024-01-01T00:00:01Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 0s [date-future]",
    ]


def test_tolerance_option_as_seconds():
    text = front_matter("""
publishedDateTime: 2024-01-01T01:00:00Z
related:
  - publishedDateTime: 2024-01-01T01:00:01Z
""")
    assert lint_lines(text, rules=[date_future], options={"date-future": {"tolerance": 3600}}) == [
        "a.md:4:24: error: publishedDateTime 2024-01-01T01:00:01Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 3600s [date-future]",
    ]


def test_a_tolerance_past_the_last_date_reports_nothing():
    text = front_matter("publishedDateTime: 9999-12-31T23:59:59Z")
    assert lint_lines(text, rules=[date_future], options={"date-future": {"tolerance": "3000000d"}}) == []


def test_now_is_shown_in_utc_whatever_its_offset():
    now = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    text = front_matter("publishedDateTime: 2030-01-01T00:00:00Z")
    assert lint_lines(text, rules=[date_future], now=now) == [
        "a.md:2:20: error: publishedDateTime 2030-01-01T00:00:00Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
    ]


def test_lower_case_separators_and_long_fractions_are_read():
    text = front_matter('publishedDateTime: "2030-01-01t00:00:00.123456789z"')
    assert lint_lines(text, rules=[date_future]) == [
        "a.md:2:20: error: publishedDateTime 2030-01-01t00:00:00.123456789z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
    ]


def test_values_that_are_no_rfc3339_date_time_are_left_to_the_schema():
    text = front_matter("""
publishedDateTime: 2030-13-45T00:00:00Z
related:
  - publishedDateTime: 2030-01-01T00:00:00
  - publishedDateTime: 2030-01-01
  - publishedDateTime: 2030-02-30T00:00:00Z
  - publishedDateTime: "20300101T000000Z"
  - publishedDateTime: 2030-12-31T23:59:60Z
  - publishedDateTime: 2030-01-01T24:00:00Z
  - publishedDateTime: 2030-01-01T00:00:00+24:00
  - publishedDateTime: "2030-01-01 00:00:00Z"
  - publishedDateTime: "next year"
  - publishedDateTime: 5
  - publishedDateTime:
""")
    assert lint_lines(text, rules=[date_future]) == []


@pytest.mark.parametrize(
    "yaml_text",
    [
        "- 2030-01-01T00:00:00Z",
        "publishedDateTime: [2030-01-01T00:00:00Z]",
        "related: 2030-01-01T00:00:00Z",
        'related: [5, "x", [2030-01-01T00:00:00Z]]',
    ],
)
def test_wrong_shapes_give_no_crash_and_no_diagnostic(yaml_text):
    assert lint_lines(front_matter(yaml_text), rules=[date_future]) == []


def test_crlf_text_positions_are_exact():
    text = "---\r\ntitle: A\r\nrelated:\r\n  - title: B\r\n    publishedDateTime: 2031-07-28T02:44:00Z\r\n---\r\n"
    assert lint_lines(text, rules=[date_future]) == [
        "a.md:5:24: error: publishedDateTime 2031-07-28T02:44:00Z is in the future: "
        "later than now (2024-01-01T00:00:00Z) plus 1d [date-future]",
    ]


def test_seed_article_passes():
    text = SEED.read_text(encoding="utf-8")
    assert lint_lines(text, rules=[date_future], path=SEED.name) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1d", timedelta(days=1)),
        ("36h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
        ("0s", timedelta(0)),
        (" 1d12h30m5s ", timedelta(days=1, hours=12, minutes=30, seconds=5)),
        (3600, timedelta(hours=1)),
        (0, timedelta(0)),
    ],
)
def test_parse_duration_reads_strings_and_seconds(value, expected):
    assert parse_duration(value) == expected


@pytest.mark.parametrize("value", ["", "1", "d", "1.5h", "-1h", "1 d", "1D", "1w", "1d-", True, -5, 1.5, None, ["1d"]])
def test_parse_duration_rejects_anything_else(value):
    with pytest.raises(
        ValueError, match=r"^invalid duration .*: expected a duration such as '1d', '36h', '90m' or '0s'"
    ):
        parse_duration(value)


def test_parse_duration_rejects_a_duration_too_long_to_represent():
    with pytest.raises(ValueError, match=r"^duration '9999999999d' is too long: expected a duration"):
        parse_duration("9999999999d")


def test_parse_timestamp_returns_an_aware_moment():
    assert parse_timestamp("2021-07-28T02:44:00Z") == datetime(2021, 7, 28, 2, 44, tzinfo=timezone.utc)
    assert parse_timestamp("2021-07-28T10:44:00.1+08:00") == datetime(
        2021, 7, 28, 2, 44, 0, 100000, tzinfo=timezone.utc
    )
    assert parse_timestamp("2021-07-28T02:44:00.1234567891z") == datetime(
        2021, 7, 28, 2, 44, 0, 123456, tzinfo=timezone.utc
    )


@pytest.mark.parametrize(
    "value",
    [
        "2021-07-28T02:44:00",
        "2021-07-28",
        "2021-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2021-07-28T02:44Z",
        "2021-07-28T02:44:00+0800",
        "2021-07-28T02:44:00.Z",
        "２０２１-07-28T02:44:00Z",
        20210728,
        None,
    ],
)
def test_parse_timestamp_returns_none_for_anything_else(value):
    assert parse_timestamp(value) is None


@pytest.mark.slow
@hypothesis_settings(max_examples=1500, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 30)),
    st.integers(min_value=-200_000, max_value=200_000),
    st.sampled_from(["0s", "1d", "36h", 1]),
    st.sampled_from(["{}Z", "{}z", "{}.000001Z", "{}+00:00", "{}-00:01", "{}.5Z"]),
)
def test_the_rule_agrees_with_comparing_the_parsed_moments(now, offset_seconds, tolerance, form):
    now = now.replace(tzinfo=timezone.utc)
    try:
        moment = now + timedelta(seconds=offset_seconds)
    except OverflowError:
        return
    value = form.format(moment.strftime("%Y-%m-%dT%H:%M:%S").zfill(19))
    data = {"publishedDateTime": value}
    context = RuleContext(data, "a.md", {"tolerance": tolerance}, now, lambda path: None, ArticleView(data))
    try:
        latest = now + parse_duration(tolerance)
    except OverflowError:
        return
    published = parse_timestamp(value)
    expected = published is not None and published > latest
    assert bool(list(date_future.check(context))) is expected


def test_an_impossible_future_date_is_left_to_the_schema():
    text = front_matter("""
publishedDateTime: 2099-02-30T00:00:00Z
related:
  - publishedDateTime: 2099-13-01T00:00:00Z
  - publishedDateTime: 2023-12-31T23:59:59Z
""")
    assert lint_lines(text, rules=[date_future]) == []
