from frontlint.registry import check_for
from frontlint.rules import empty_value, secured_format
from helpers import front_matter, lint_lines

RELATED_TOO = {"empty-value": {"check-related": True}}
SUMMARY = "write a one- or two-sentence summary of the article"


def test_null_topic_item():
    text = "---\ntopics:\n  - AI\n  -\n---\n"
    assert lint_lines(text, rules=[check_for(empty_value.ID)]) == [
        "a.md:4:4: warning: null item in topics: remove the bare '-' or give it a value [empty-value]",
    ]


def test_empty_blank_and_null_values_anywhere_say_what_to_write():
    text = front_matter("""
title:
excerpt: ""
category: "   "
topics:
  - ""
  - AI
related:
  - title: "x"
    excerpt: " "
    provider:
      name: ''
    images:
      - url: ~
        title: ""
secured: ""
""")
    assert lint_lines(text, rules=[empty_value], options=RELATED_TOO) == [
        "a.md:2:7: warning: title is empty (null): write the headline [empty-value]",
        f"a.md:3:10: warning: excerpt is an empty string: {SUMMARY} [empty-value]",
        "a.md:4:11: warning: category is blank (only whitespace): give it a value [empty-value]",
        "a.md:6:5: warning: topics[0] is an empty string: remove the item or give it a value [empty-value]",
        f"a.md:10:14: warning: related[0].excerpt is blank (only whitespace): {SUMMARY} [empty-value]",
        "a.md:12:13: warning: related[0].provider.name is an empty string: give it a value [empty-value]",
        "a.md:14:14: warning: related[0].images[0].url is empty (null): give it a value [empty-value]",
        "a.md:15:16: warning: related[0].images[0].title is an empty string: give it a value [empty-value]",
        "a.md:16:10: warning: secured is an empty string: give it a value [empty-value]",
    ]


def test_a_null_topics_says_to_list_a_topic():
    assert lint_lines(front_matter("topics:\n"), rules=[check_for(empty_value.ID)]) == [
        "a.md:2:8: warning: topics is empty (null): list at least one topic [empty-value]",
    ]


def test_related_entries_are_skipped_unless_check_related_is_on_but_null_items_are_not():
    text = front_matter("""
excerpt: "x"
related:
  - title: ""
    excerpt: ""
    images:
      -
  -
  - ""
""")
    assert lint_lines(text, rules=[check_for(empty_value.ID)]) == [
        "a.md:8:4: warning: null item in related: remove the bare '-' or give it a value [empty-value]",
        "a.md:9:5: warning: related[2] is an empty string: remove the item or give it a value [empty-value]",
    ]
    assert lint_lines(text, rules=[empty_value], options=RELATED_TOO) == [
        "a.md:4:12: warning: related[0].title is an empty string: write the headline [empty-value]",
        f"a.md:5:14: warning: related[0].excerpt is an empty string: {SUMMARY} [empty-value]",
        "a.md:7:8: warning: null item in related[0].images: remove the bare '-' or give it a value [empty-value]",
        "a.md:8:4: warning: null item in related: remove the bare '-' or give it a value [empty-value]",
        "a.md:9:5: warning: related[2] is an empty string: remove the item or give it a value [empty-value]",
    ]


def test_no_message_asks_to_remove_a_key():
    text = front_matter("""
title: ""
excerpt:
webUrl: ""
images:
  - url: ""
""")
    lines = lint_lines(text, rules=[check_for(empty_value.ID)])
    assert len(lines) == 4 and not any("remove" in line for line in lines)


def test_empty_topics_is_reported_but_empty_images_and_related_pass():
    text = front_matter("""
topics: []
images: []
related:
  - topics: []
    images: []
""")
    assert lint_lines(text, rules=[empty_value], options=RELATED_TOO) == [
        "a.md:2:9: warning: topics is an empty list: expected at least one item [empty-value]",
    ]


def test_blank_key_is_reported_at_the_key():
    text = front_matter('"": x\n" ": ""\n')
    assert lint_lines(text, rules=[check_for(empty_value.ID)]) == [
        "a.md:2:1: warning: key '' is blank: name the key or remove it [empty-value]",
        "a.md:3:1: warning: key ' ' is blank: name the key or remove it [empty-value]",
        "a.md:3:6: warning: [' '] is an empty string: give it a value [empty-value]",
    ]


def test_null_items_in_nested_and_root_lists():
    text = front_matter("""
related:
  - images:
      -
      - url: x
""")
    assert lint_lines(text, rules=[empty_value], options=RELATED_TOO) == [
        "a.md:4:8: warning: null item in related[0].images: remove the bare '-' or give it a value [empty-value]",
    ]
    assert lint_lines(front_matter("- a\n- \n"), rules=[check_for(empty_value.ID)]) == [
        "a.md:3:2: warning: null item in front matter: remove the bare '-' or give it a value [empty-value]",
    ]


def test_walk_stops_100_levels_deep_in_data_from_a_pipeline():
    # Files and data never get this deep unless max-nesting-depth is raised (the reader and
    # validate_data stop at it, 64 by default); raised, validate_data goes as deep as it says.
    from frontlint import load_schema
    from frontlint.checking.engine import Linter
    from frontlint.reading.limits import Limits
    from frontlint.settings.resolved import Settings

    def nested(levels: int) -> dict:
        value: object = None
        for _ in range(levels):
            value = [value]
        return {"x": value}

    settings = Settings(select=("empty-value",), limits=Limits(max_nesting_depth=1000))
    linter = Linter(load_schema(), settings, rules=[check_for(empty_value.ID)])
    assert [d.format() for d in linter.validate_data(nested(99))] == [
        "<data>:$.x"
        + "[0]" * 99
        + ": warning: null item in x"
        + "[0]" * 98
        + ": remove the bare '-' or give it a value [empty-value]",
    ]
    assert linter.validate_data(nested(100)) == []


def test_crlf_file():
    text = '---\r\ntitle: "t"\r\ntopics:\r\n  - AI\r\n  -\r\nexcerpt: ""\r\n---\r\n'
    assert lint_lines(text, rules=[check_for(empty_value.ID)]) == [
        "a.md:5:4: warning: null item in topics: remove the bare '-' or give it a value [empty-value]",
        f"a.md:6:10: warning: excerpt is an empty string: {SUMMARY} [empty-value]",
    ]


def test_an_empty_webUrl_of_a_related_video_is_not_reported_as_url_syntax_does_not():
    # The feed's way of saying the video has no page of its own (see url-syntax).
    text = front_matter("""
excerpt: "x"
related:
  - type: video
    webUrl: ""
    excerpt: ""
  - type: article
    webUrl: ""
""")
    assert lint_lines(text, rules=[empty_value], options=RELATED_TOO) == [
        f"a.md:6:14: warning: related[0].excerpt is an empty string: {SUMMARY} [empty-value]",
        "a.md:8:13: warning: related[1].webUrl is an empty string: give it a value [empty-value]",
    ]


def test_a_more_specific_rule_on_the_same_value_wins():
    text = front_matter('title: ""\nsecured: ""\n')
    assert lint_lines(text, rules=[empty_value, secured_format]) == [
        "a.md:2:8: warning: title is an empty string: write the headline [empty-value]",
        "a.md:3:10: error: secured is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
    ]


def test_filled_and_falsy_non_string_values_pass():
    text = front_matter("""
title: "t"
quality: 0
heat: -1
published: false
ratio: 0.0
topics: [AI]
provider: {}
""")
    assert lint_lines(text, rules=[check_for(empty_value.ID)]) == []


def test_wrong_types_never_crash():
    for yaml_text in ("", "~", "just text", "''", "12", "[1, [2, {a: [3]}]]", "topics: AI", "topics: {}"):
        assert lint_lines(front_matter(yaml_text), rules=[check_for(empty_value.ID)]) == [], yaml_text
