from frontlint.positions import LineIndex, Position


def test_lf_crlf_and_lone_cr_each_end_a_line():
    index = LineIndex("a\nbc\r\nd\re")
    assert [index.position(offset) for offset in (0, 2, 3, 6, 8)] == [
        Position(1, 1), Position(2, 1), Position(2, 2), Position(3, 1), Position(4, 1),
    ]


def test_columns_count_code_points_not_bytes():
    index = LineIndex("t: \"é€x\"\n")
    assert index.position(6) == Position(1, 7)


def test_offsets_past_the_end_are_clamped():
    index = LineIndex("ab\n")
    assert index.position(99) == Position(2, 1)
    assert index.line_text(1) == "ab"
    assert index.line_count() == 2
