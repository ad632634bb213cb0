from frontlint.rules import text_html
from helpers import SEED, front_matter, lint_lines

PLAIN = "front matter text is plain text"
RELATED_TOO = {"text-html": {"check-related": True}}


def test_a_tag_in_an_excerpt_is_reported_at_the_value_with_the_count_of_the_rest():
    text = front_matter("""
title: Court rules
excerpt: "China's <b>top court</b> specified rules."
""")
    assert lint_lines(text, rules=[text_html]) == [
        f"a.md:3:10: warning: excerpt contains HTML tag '<b>' and 1 more tag or entity: {PLAIN} [text-html]",
    ]


def test_closing_self_closing_and_attribute_tags_are_tags():
    text = front_matter("""
title: "</b>Court rules"
excerpt: "Court rules<br/>More<br />"
related:
  - title: 'Read <a href="https://example.com/?a=1&amp;b=2">this</a>'
    excerpt: "<iframe src='x'></iframe> and <p>text</p>"
""")
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == [
        f"a.md:2:8: warning: title contains HTML tag '</b>': {PLAIN} [text-html]",
        f"a.md:3:10: warning: excerpt contains HTML tag '<br/>' and 1 more tag or entity: {PLAIN} [text-html]",
        "a.md:5:12: warning: title contains HTML tag '<a href=\"https://example.com/?a=1&amp;b=2\">'"
        f" and 1 more tag or entity: {PLAIN} [text-html]",
        f"a.md:6:14: warning: excerpt contains HTML tag \"<iframe src='x'>\" and 3 more tags or entities: {PLAIN} [text-html]",
    ]


def test_entities_are_named_with_the_character_to_write_instead():
    text = front_matter("""
title: "Tom &amp; Jerry"
excerpt: "China&#39;s court &#x27;rules&#x27;"
related:
  - title: "Court&nbsp;rules &lt;2021&gt;"
    excerpt: "Caf&eacute; &frac12; price"
""")
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == [
        "a.md:2:8: warning: title contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
        "a.md:3:10: warning: excerpt contains HTML entity '&#39;' and 2 more tags or entities"
        ' (write the character itself: "\'") [text-html]',
        "a.md:5:12: warning: title contains HTML entity '&nbsp;' and 2 more tags or entities"
        " (write the character itself: '\\xa0') [text-html]",
        "a.md:6:14: warning: excerpt contains HTML entity '&eacute;' and 1 more tag or entity"
        " (write the character itself: 'é') [text-html]",
    ]


def test_the_first_artefact_in_the_text_is_named_whatever_its_kind():
    text = front_matter("""
title: "Tom &amp; <i>Jerry</i>"
""")
    assert lint_lines(text, rules=[text_html]) == [
        "a.md:2:8: warning: title contains HTML entity '&amp;' and 2 more tags or entities"
        " (write the character itself: '&') [text-html]",
    ]


def test_comparisons_hearts_and_unknown_or_unterminated_entities_pass():
    text = front_matter("""
title: "When a < b > c, <3 and 1<2"
excerpt: "AT&T; R&D & more &amp without a semicolon, &ampx; &#; &#xZ;"
related:
  - title: "< b > and < /b > are not tags"
""")
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == []


def test_crlf_positions_are_exact():
    text = "\r\n".join(
        [
            "---",
            "category: news",
            "related:",
            "  - title: Court rules",
            "    excerpt: 'China&#39;s court'",
            "---",
            "",
        ]
    )
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == [
        "a.md:5:14: warning: excerpt contains HTML entity '&#39;' (write the character itself: \"'\") [text-html]",
    ]


def test_wrong_typed_values_and_other_fields_are_skipped():
    text = front_matter("""
title: 12
excerpt: ["<b>a</b>"]
category: "<b>news</b>"
provider:
  name: "Big News &amp; Co"
related:
  - title: null
  - "<b>China's top court</b>"
""")
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == []
    assert lint_lines(front_matter('- title: "<b>a</b>"'), rules=[text_html]) == []


def test_related_entries_are_skipped_unless_check_related_is_on():
    text = front_matter("""
title: "Court rules"
related:
  - title: "Court &amp; rules"
    excerpt: "China's <b>top court</b>"
""")
    assert lint_lines(text, rules=[text_html]) == []
    assert lint_lines(text, rules=[text_html], options=RELATED_TOO) == [
        "a.md:4:12: warning: title contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
        f"a.md:5:14: warning: excerpt contains HTML tag '<b>' and 1 more tag or entity: {PLAIN} [text-html]",
    ]


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[text_html]) == []
