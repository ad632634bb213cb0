"""Reading files: fences, encodings, and the YAML reader's own diagnostics."""

import os

from frontlint import lint_text
from helpers import FIXED_NOW, lint_lines

CORE = ["schema", "yaml", "front-matter", "encoding"]


def lines(text, **kwargs):
    return lint_lines(text, select=CORE, **kwargs)


def test_timestamps_stay_the_strings_written_and_impossible_dates_are_diagnostics():
    text = "---\npublishedDateTime: 2021-13-45T25:61:00Z\n---\n"
    assert lint_lines(text, select=["schema/format"]) == [
        "a.md:2:20: error: '2021-13-45T25:61:00Z' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
    ]


def test_closing_fence_may_be_dots_and_fences_may_have_trailing_blanks():
    text = "---  \ntitle: 1\n...\t\nbody\n"
    assert lint_lines(text, select=["schema/type"]) == ["a.md:2:8: error: expected string, got integer 1 [schema/type]"]


def test_a_fence_must_be_the_first_line():
    assert lines("\n---\ntitle: x\n---\n") == [
        "a.md:1:1: error: no front matter: the file must start with '---' (YAML), '+++' (TOML) or '{' (JSON) [front-matter-missing]",
    ]


def test_unclosed_front_matter_is_reported_at_the_opening_fence():
    assert lines("---\ntitle: x\n") == [
        "a.md:1:1: error: front matter is never closed: no '---' line after the opening one [front-matter-unclosed]",
    ]


def test_invalid_utf8_is_reported_at_the_bad_byte():
    diagnostics = lint_text(b'---\ntitle: ok\nexcerpt: "na\xefve"\n---\n', path="b.md")
    assert [d.format() for d in diagnostics] == [
        "b.md:3:13: error: invalid UTF-8 byte 0xef at byte offset 26; front matter must be UTF-8 [encoding]",
    ]


def test_utf8_bom_is_accepted_and_positions_ignore_it():
    text = "\ufeff---\ntitle: 5\n---\n"
    assert lint_lines(text, select=["schema/type"]) == ["a.md:2:8: error: expected string, got integer 5 [schema/type]"]


def test_duplicate_key_is_reported_at_the_second_occurrence():
    text = "---\nprovider:\n  name: A\n  domain: a.com\n  name: B\n---\n"
    assert lint_lines(text, select=["yaml-duplicate-key"]) == [
        "a.md:5:3: error: duplicate key 'name': first defined on line 3; "
        "YAML readers silently keep only the last value [yaml-duplicate-key]"
    ]


def test_keys_that_are_not_strings_are_reported():
    text = "---\nyes: 1\n2.5: x\n~: y\n---\n"
    assert lint_lines(text, select=["yaml-key-type"]) == [
        "a.md:2:1: error: key 'yes' is read as bool, not a string; quote it if it is meant as text [yaml-key-type]",
        "a.md:3:1: error: key '2.5' is read as float, not a string; quote it if it is meant as text [yaml-key-type]",
        "a.md:4:1: error: key '~' is read as null, not a string; quote it if it is meant as text [yaml-key-type]",
    ]


def test_syntax_error_is_at_the_parser_position():
    text = '---\ntitle: "x"\n  bad: indent\n---\n'
    assert lines(text) == [
        "a.md:3:3: error: did not find expected key (while parsing a block mapping that starts on line 2) [yaml-syntax]",
    ]


def test_control_character_is_a_syntax_error_at_its_column():
    text = '---\ntitle: "é\x07"\n---\n'
    assert lines(text) == [
        "a.md:2:10: error: character U+0007 is not allowed in YAML: use an escape in a double-quoted string [yaml-syntax]",
    ]


def test_python_tags_are_reported_and_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n'
    assert lint_lines(text, select=["yaml-tag"]) == [
        "a.md:2:8: error: non-standard tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
        "the value is read as plain YAML [yaml-tag]",
    ]
    assert not os.path.exists(marker)


def test_merge_keys_are_expanded_and_explicit_keys_win():
    text = "---\nbase: &b {name: A, domain: 5}\nprovider:\n  <<: *b\n  domain: a.com\n---\n"
    assert lint_lines(text, select=["schema/type", "yaml"]) == []


def test_several_documents_are_a_syntax_error_but_a_fence_ends_the_front_matter():
    assert lint_lines("---\ntitle: a\n--- !x\ntitle: b\n---\n", select=["yaml-syntax"]) == [
        "a.md:3:1: error: expected a single document in the stream (line 2), but found another document [yaml-syntax]",
    ]
    text = "---\ntitle: a\n--- \nbody\n---\nmore\n"
    assert lint_lines(text, select=["yaml-syntax"]) == []


def test_crlf_positions_are_exact():
    text = "---\r\ncategory: news\r\nquality: -1\r\n---\r\n"
    assert lint_lines(text, select=["schema/minimum"]) == [
        "a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]",
    ]


def test_lone_cr_line_endings_keep_positions_exact():
    text = "---\rcategory: news\rquality: -1\r---\r"
    assert lint_lines(text, select=["schema/minimum"]) == [
        "a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]",
    ]


def test_fixed_now_is_timezone_aware():
    assert FIXED_NOW.tzinfo is not None


def test_a_lone_opening_fence_is_unclosed():
    for text in ("---", "---\n", "---\r\n", "---\r"):
        assert lint_lines(text, select=["front-matter"]) == [
            "a.md:1:1: error: front matter is never closed: no '---' line after the opening one [front-matter-unclosed]",
        ], repr(text)


def test_an_empty_front_matter_closes_on_the_second_line():
    for text in ("---\n---\n", "---\r\n---\r\n", "---\r---\r", "---\n...\n"):
        assert lint_lines(text, select=["front-matter", "yaml"]) == [], repr(text)
