from frontlint.rules import empty_value, secured_format

from helpers import front_matter, lint_lines


def test_null_topic_item():
    text = "---\ntopics:\n  - AI\n  -\n---\n"
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:4:4: warning: null item in topics: remove the bare '-' or give it a value [empty-value]",
    ]


def test_empty_blank_and_null_values_anywhere():
    text = front_matter('''
title:
excerpt: ""
category: "   "
topics:
  - ""
  - AI
related:
  - title: "x"
    provider:
      name: ''
    images:
      - url: ~
secured: ""
''')
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:2:7: warning: title is empty (null): give it a value or remove the key [empty-value]",
        "a.md:3:10: warning: excerpt is an empty string: give it a value or remove the key [empty-value]",
        "a.md:4:11: warning: category is blank (only whitespace): give it a value or remove the key [empty-value]",
        "a.md:6:5: warning: topics[0] is an empty string: remove the item or give it a value [empty-value]",
        "a.md:11:13: warning: related[0].provider.name is an empty string: give it a value or remove the key [empty-value]",
        "a.md:13:14: warning: related[0].images[0].url is empty (null): give it a value or remove the key [empty-value]",
        "a.md:14:10: warning: secured is an empty string: give it a value or remove the key [empty-value]",
    ]


def test_empty_topics_is_reported_but_empty_images_and_related_pass():
    text = front_matter('''
topics: []
images: []
related:
  - topics: []
    images: []
''')
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:2:9: warning: topics is an empty list: expected at least one item [empty-value]",
    ]


def test_blank_key_is_reported_at_the_key():
    text = front_matter('"": x\n" ": ""\n')
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:2:1: warning: key '' is blank: name the key or remove it [empty-value]",
        "a.md:3:1: warning: key ' ' is blank: name the key or remove it [empty-value]",
        "a.md:3:6: warning: [' '] is an empty string: give it a value or remove the key [empty-value]",
    ]


def test_null_items_in_nested_and_root_lists():
    text = front_matter('''
related:
  - images:
      -
      - url: x
''')
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:4:8: warning: null item in related[0].images: remove the bare '-' or give it a value [empty-value]",
    ]
    assert lint_lines(front_matter("- a\n- \n"), rules=[empty_value]) == [
        "a.md:3:2: warning: null item in front matter: remove the bare '-' or give it a value [empty-value]",
    ]


def test_walk_stops_100_levels_deep_in_data_from_a_pipeline():
    # Files never get this deep (the reader stops at max-nesting-depth); validate_data can.
    from frontlint import load_schema
    from frontlint.engine import Linter
    from frontlint.settings import Settings

    def nested(levels: int) -> dict:
        value: object = None
        for _ in range(levels):
            value = [value]
        return {"x": value}

    linter = Linter(load_schema(), Settings(select=("empty-value",)), rules=[empty_value])
    assert [d.format() for d in linter.validate_data(nested(99))] == [
        "<data>: warning: null item in x" + "[0]" * 98 + ": remove the bare '-' or give it a value [empty-value]",
    ]
    assert linter.validate_data(nested(100)) == []


def test_crlf_file():
    text = '---\r\ntitle: "t"\r\ntopics:\r\n  - AI\r\n  -\r\nexcerpt: ""\r\n---\r\n'
    assert lint_lines(text, rules=[empty_value]) == [
        "a.md:5:4: warning: null item in topics: remove the bare '-' or give it a value [empty-value]",
        "a.md:6:10: warning: excerpt is an empty string: give it a value or remove the key [empty-value]",
    ]


def test_a_more_specific_rule_on_the_same_value_wins():
    text = front_matter('title: ""\nsecured: ""\n')
    assert lint_lines(text, rules=[empty_value, secured_format]) == [
        "a.md:2:8: warning: title is an empty string: give it a value or remove the key [empty-value]",
        "a.md:3:10: error: secured is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
    ]


def test_filled_and_falsy_non_string_values_pass():
    text = front_matter('''
title: "t"
quality: 0
heat: -1
published: false
ratio: 0.0
topics: [AI]
provider: {}
''')
    assert lint_lines(text, rules=[empty_value]) == []


def test_wrong_types_never_crash():
    for yaml_text in ("", "~", "just text", "''", "12", "[1, [2, {a: [3]}]]", "topics: AI", "topics: {}"):
        assert lint_lines(front_matter(yaml_text), rules=[empty_value]) == [], yaml_text
