import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlint.reading.positions import LineIndex, Position


def test_lf_crlf_and_lone_cr_each_end_a_line():
    index = LineIndex("a\nbc\r\nd\re")
    assert [index.position(offset) for offset in (0, 2, 3, 6, 8)] == [
        Position(1, 1),
        Position(2, 1),
        Position(2, 2),
        Position(3, 1),
        Position(4, 1),
    ]


def test_columns_count_code_points_not_bytes():
    index = LineIndex('t: "é€x"\n')
    assert index.position(6) == Position(1, 7)


def test_offsets_past_the_end_are_clamped():
    index = LineIndex("ab\n")
    assert index.position(99) == Position(2, 1)
    assert index.line_text(1) == "ab"
    assert index.line_count() == 2


def _reference_starts(text):
    return [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]


# Texts long enough to span several of the index's scan chunks, with every kind of line break
# (a "\r\n" often falls on a chunk's edge), and questions asked in any order.
_LINES = st.lists(
    st.tuples(st.integers(0, 3000), st.sampled_from(["\n", "\r\n", "\r", "\r\r\n", ""])), max_size=12
).map(lambda parts: "".join("x" * length + end for length, end in parts))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_LINES, st.lists(st.integers(0, 40000), max_size=8), st.lists(st.integers(1, 15), max_size=5))
def test_positions_found_lazily_are_those_of_the_whole_text(text, offsets, lines):
    starts = _reference_starts(text)
    index = LineIndex(text)
    for offset, line in zip(offsets, lines * 8):
        clamped = max(0, min(offset, len(text)))
        number = max(n for n, start in enumerate(starts, 1) if start <= clamped)
        assert index.line_number(offset) == number
        assert index.position(offset) == Position(number, clamped - starts[number - 1] + 1)
        assert index.has_line(line) == (line <= len(starts))
        if line <= len(starts):
            assert index.line_start(line) == starts[line - 1]
            end = starts[line] if line < len(starts) else len(text)
            assert index.line_text(line) == text[starts[line - 1] : end].rstrip("\r\n")
    assert index.line_starts == starts
    assert index.line_count() == len(starts)


def test_a_line_number_is_counted_without_indexing_the_lines_of_a_text_with_line_feeds_only():
    text = "---\ntitle: a\n---\n" + "body line\n" * 100_000
    index = LineIndex(text)
    assert (index.line_number(len(text) - 3), index.line_number(len(text))) == (100_003, 100_004)
    # Differential test of the lazy line index (private _starts kept): the answer without indexing any line.
    assert len(index._starts) == 1  # nothing indexed
    crlf = LineIndex(text.replace("\n", "\r\n"))
    assert (crlf.line_number(len(crlf.text) - 3), crlf.line_number(len(crlf.text))) == (100_003, 100_004)


def test_the_first_lines_are_placed_without_reading_the_whole_text():
    text = "---\ntitle: a\n---\n" + "body line\n" * 100_000
    index = LineIndex(text)
    assert index.position(13) == Position(3, 1)
    # Differential test of the lazy line index (private _starts kept): only the first chunk is scanned.
    assert len(index._starts) < 1000  # only the first chunk was scanned
    assert index.line_count() == 100_004


_FENCE_TEXT = st.lists(
    st.sampled_from(["---", "...", "--- ", "...\t", "----", "x", " ---", "\n", "\r", "\r\n", "a: 1"]), max_size=14
)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(_FENCE_TEXT.map("".join))
def test_the_closing_fence_found_by_str_find_is_the_one_the_pattern_finds(body):
    # Differential test (private names kept): pins the str.find fast path to the reference pattern.
    from frontlint.reading.front_matter import _CLOSING_FENCE, _closing_fence

    text = "---\n" + body
    closing = _CLOSING_FENCE.search(text, 3)
    expected = None if closing is None else closing.start() + len(closing.group(1))
    assert _closing_fence(text, 3) == expected
