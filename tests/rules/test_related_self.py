from frontlint.rules import related_self
from helpers import SEED, front_matter, lint_lines


def test_a_related_entry_with_the_article_webUrl_is_reported():
    text = front_matter("""
webUrl: "https://news.example.com/a"
originalUrl: "https://source.example.com/a"
related:
  - title: Other
    webUrl: "https://news.example.com/b"
  - title: Itself
    webUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:8:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
    ]


def test_a_related_entry_with_the_article_originalUrl_is_reported():
    text = front_matter("""
webUrl: "https://news.example.com/a"
originalUrl: "https://source.example.com/a"
related:
  - webUrl: "https://source.example.com/a"
""")
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:5:13: error: related entry links to the article itself (its webUrl is the article's originalUrl) [related-self]",
    ]


def test_urls_are_compared_normalised():
    text = front_matter("""
webUrl: "https://News.Example.com/a/"
related:
  - webUrl: "HTTPS://news.example.com/a"
  - webUrl: "https://news.example.com/A"
""")
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:4:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
    ]


def test_www_and_tracking_parameters_are_ignored():
    text = front_matter("""
webUrl: "https://www.example.com/a?utm_source=rss"
originalUrl: "https://publisher.example.org/story"
related:
  - webUrl: "https://example.com/a/?_mc=x&cid=y"
  - webUrl: "https://www.publisher.example.org/story?amp=1&elqTrackId=3"
  - webUrl: "https://example.com/a?id=2"
""")
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:5:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
        "a.md:6:13: error: related entry links to the article itself (its webUrl is the article's originalUrl) [related-self]",
    ]


def test_when_webUrl_and_originalUrl_are_equal_webUrl_is_named():
    text = front_matter("""
webUrl: "https://news.example.com/a"
originalUrl: "https://news.example.com/a"
related:
  - webUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:5:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
    ]


def test_other_url_fields_of_a_related_entry_are_not_compared():
    text = front_matter("""
webUrl: "https://news.example.com/a"
related:
  - webUrl: "https://other.example.com/a"
    ampWebUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[related_self]) == []


def test_crlf_positions_are_exact():
    text = "\r\n".join(
        [
            "---",
            "webUrl: https://news.example.com/a",
            "related:",
            "  - title: Itself",
            "    webUrl: https://news.example.com/a",
            "---",
            "",
        ]
    )
    assert lint_lines(text, rules=[related_self]) == [
        "a.md:5:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
    ]


def test_wrong_typed_data_does_not_crash():
    text = front_matter("""
webUrl: 12
originalUrl: ""
related:
  - webUrl: 12
  - webUrl: ""
  - "https://news.example.com/a"
  - webUrl: [https://news.example.com/a]
""")
    assert lint_lines(text, rules=[related_self]) == []
    assert lint_lines(front_matter('webUrl: "x"\nrelated: {webUrl: "x"}'), rules=[related_self]) == []
    assert lint_lines(front_matter("- webUrl"), rules=[related_self]) == []


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[related_self]) == []
