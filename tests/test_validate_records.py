"""validate_records: a stream of records, each result with its position and id, duplicate-article across them."""

from __future__ import annotations

import itertools
import tracemalloc
from collections.abc import Iterator
from typing import Any

import frontmatter
import pytest

from frontlint import Config, RecordResult, validate_data, validate_records
from helpers import SEED
from seed_records import insecure_record, seed_record


def formatted(results: Iterator[RecordResult]) -> list[tuple[int, object, list[str]]]:
    return [(result.position, result.id, [d.format() for d in result.diagnostics]) for result in results]


def test_each_record_gets_its_result_in_order_named_by_its_position() -> None:
    untitled = seed_record(webUrl="https://bignewsnetwork.com/untitled")
    del untitled["title"]
    assert formatted(validate_records([seed_record(), untitled, insecure_record()])) == [
        (0, None, []),
        (1, None, ["<records>[1]:$: error: missing required key 'title' [schema/required]"]),
        (
            2,
            None,
            [
                "<records>[2]:$.webUrl: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
            ],
        ),
    ]


def test_the_id_is_a_key_of_the_record_or_what_a_function_gives() -> None:
    records = [seed_record(slug="a"), seed_record(webUrl="https://bignewsnetwork.com/b")]
    assert [r.id for r in validate_records(records, id_of="slug")] == ["a", None]
    assert [r.id for r in validate_records(records, id_of=lambda record: record["webUrl"][-1])] == ["n", "b"]


def test_a_later_record_with_an_earlier_ones_web_url_is_a_duplicate_article_naming_it() -> None:
    first = seed_record()
    again = seed_record(webUrl=first["webUrl"].replace("https://www.", "https://WWW.") + "/?utm_source=rss")
    other = seed_record(webUrl="https://bignewsnetwork.com/other")
    results = formatted(validate_records([first, other, again], path="feed"))
    assert results[2] == (
        2,
        None,
        [
            "feed[2]:$.webUrl: warning: another article has the same webUrl: feed[0]; keep one of the two records "
            "[duplicate-article]"
        ],
    )
    assert results[0][2] == results[1][2] == []


def test_records_in_any_form_a_pipeline_holds_them() -> None:
    post = frontmatter.load(str(SEED))
    results = list(validate_records([post, post.metadata, dict(post.metadata)]))
    expected = [d.rule for d in validate_data(post)]
    assert [[d.rule for d in r.diagnostics if d.rule != "duplicate-article"] for r in results] == [expected] * 3
    assert [d.rule for r in results for d in r.diagnostics].count("duplicate-article") == 2


def test_configuration_selects_and_sets_now_for_the_whole_stream() -> None:
    config = Config(select=["url-insecure", "duplicate-article"], now="2030-01-01T00:00:00Z")
    untitled = seed_record()
    del untitled["title"]
    assert formatted(validate_records([untitled, insecure_record()], config=config)) == [
        (0, None, []),
        (
            1,
            None,
            ["<records>[1]:$.webUrl: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]"],
        ),
    ]


def test_a_stream_is_read_as_the_results_are_taken() -> None:
    taken: list[int] = []

    def stream() -> Iterator[dict[str, Any]]:
        for number in itertools.count():
            taken.append(number)
            yield seed_record(webUrl=f"https://bignewsnetwork.com/{number}")

    results = validate_records(stream())
    assert [next(results).position for _ in range(3)] == [0, 1, 2]
    assert taken == [0, 1, 2]


@pytest.mark.slow
def test_memory_does_not_grow_with_the_stream_beyond_what_duplicate_article_keeps() -> None:
    record = seed_record()

    def stream(count: int) -> Iterator[dict[str, Any]]:
        for number in range(count):
            yield {**record, "webUrl": f"https://bignewsnetwork.com/{number}"}

    def peak(count: int, config: Config | None = None) -> int:
        tracemalloc.start()
        for _ in validate_records(stream(count), config=config):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    without = Config(ignore=["duplicate-article"])
    for _ in validate_records(stream(2500), config=without):  # warm: schemas compiled, bounded caches filled
        pass
    small, large = peak(500, without), peak(2500, without)
    assert large - small < 20_000, (small, large)  # flat: nothing is kept of a record (measured: ~0)
    small, large = peak(500), peak(2500)
    # duplicate-article keeps a 16-byte digest and a name of each record (measured: ~140 bytes each).
    assert large - small < 2000 * 300, (small, large)


def test_the_readme_streams_example_prints_what_the_readme_says(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import REPO

    section = (REPO / "README.md").read_text(encoding="utf-8").split("### Streams of records: `validate_records`", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == shown
