"""JSON Lines read as records, one line at a time, and checked at their lines (frontlint.checking.json_lines)."""

from __future__ import annotations

import io
import json

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.checking.json_lines import check_json_lines
from frontlint.reading.json_lines import JsonLine, read_json_lines
from frontlint.reading.limits import Limits
from frontlint.settings.resolved import Settings
from seed_records import insecure_record, json_lines, seed_record

LINTER = Linter(load_schema())


def formatted(data: bytes, linter: Linter = LINTER) -> list[str]:
    return [d.format() for d in check_json_lines(linter, io.BytesIO(data), "feed.jsonl").diagnostics]


def test_each_line_is_a_record_with_its_line_number_blank_lines_and_a_bom_skipped() -> None:
    stream = io.BytesIO(b'\xef\xbb\xbf{"a": 1}\n\n   \n[2]\r\n"x"')
    assert list(read_json_lines(stream)) == [JsonLine(1, '{"a": 1}'), JsonLine(4, "[2]"), JsonLine(5, '"x"')]


def test_a_valid_record_has_no_diagnostic() -> None:
    assert formatted(json_lines(seed_record())) == []


def test_a_diagnostic_is_at_its_records_line_with_the_json_path_in_the_message() -> None:
    related = seed_record()["related"]
    bad = seed_record(related=[{**related[0], "webUrl": "htp:/x"}, *related[1:]])
    assert formatted(json_lines(seed_record(), bad)) == [
        "feed.jsonl:2:1: error: $.related[0].webUrl: URL scheme 'htp' is not http or https: "
        "expected an absolute http:// or https:// URL [url-syntax]"
    ]


def test_a_problem_of_the_whole_record_has_no_path_in_its_message() -> None:
    record = seed_record()
    del record["title"]
    assert formatted(json_lines(record)) == ["feed.jsonl:1:1: error: missing required key 'title' [schema/required]"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            b'{"title": "a",}',
            "feed.jsonl:2:15: error: not JSON: Expecting property name enclosed in double quotes [json-syntax]",
        ),
        (b'{"x": NaN}', "feed.jsonl:2:1: error: not JSON: NaN is not a JSON value [json-syntax]"),
        (b'{"x": -Infinity}', "feed.jsonl:2:1: error: not JSON: -Infinity is not a JSON value [json-syntax]"),
        (
            b'{"a": 1, "a": 2}',
            'feed.jsonl:2:1: error: key "a" appears twice in one object: JSON readers keep only the last [json-duplicate-key]',
        ),
        (b'{"t": "caf\xc3\xa9 \xff"}', "feed.jsonl:2:13: error: invalid UTF-8 byte: the line is not UTF-8 [encoding]"),
        (
            b"[" * 65 + b"]" * 65,
            "feed.jsonl:2:65: error: nesting deeper than 64 levels (max-nesting-depth) [yaml-depth-limit]",
        ),
    ],
)
def test_a_line_that_cannot_be_read_is_its_diagnostic_and_the_next_lines_are_still_checked(
    line: bytes, expected: str
) -> None:
    bad = insecure_record()
    assert formatted(json_lines(seed_record()) + line + b"\n" + json_lines(bad)) == [
        expected,
        "feed.jsonl:3:1: warning: $.webUrl: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    assert formatted(json_lines(seed_record(title="[" * 65 + "{" * 65))) == []


def test_nesting_as_deep_as_the_limit_is_read() -> None:
    depth = 64
    assert formatted(b"[" * depth + b"]" * depth) == [
        "feed.jsonl:1:1: error: expected object, got array [[[[[[[...]]]]]]] [schema/type]"
    ]


def test_a_line_over_the_size_limit_is_reported_and_skipped_without_being_held_whole() -> None:
    linter = Linter(load_schema(), Settings(limits=Limits(max_front_matter_bytes=20_000)))
    long_line = json.dumps(seed_record(excerpt="x" * 50_000)).encode()
    assert formatted(json_lines(seed_record()) + long_line + b"\n" + json_lines(insecure_record()), linter) == [
        "feed.jsonl:2:1: error: record larger than 20,000 bytes (max-front-matter-bytes): not read [front-matter-too-large]",
        "feed.jsonl:3:1: warning: $.webUrl: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]


def test_what_duplicate_article_needs_is_collected_with_each_records_line() -> None:
    report = check_json_lines(
        LINTER, io.BytesIO(json_lines(seed_record(), seed_record(webUrl=""), seed_record())), "f.jsonl"
    )
    web_urls = report.records["duplicate-article"] if report.records else ()
    assert [(web_url.line, web_url.column) for web_url in web_urls] == [(1, None), (3, None)]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_a_record_cut_short_is_reported_at_the_end_of_its_line_not_on_the_next(ending: bytes) -> None:
    assert formatted(b'{"title": "a"' + ending) == [
        "feed.jsonl:1:14: error: not JSON: Expecting ',' delimiter [json-syntax]"
    ]
