from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.registry import check_for
from frontlint.rules import related_duplicate
from frontlint.settings.resolved import Settings
from helpers import SEED, front_matter, lint_lines


def test_a_repeated_webUrl_is_reported_at_the_later_entry_naming_the_earlier_line():
    text = front_matter("""
webUrl: "https://example.com/article"
related:
  - title: A
    webUrl: "https://news.example.com/a"
  - title: B
    webUrl: "https://news.example.com/b"
  - title: A again
    webUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == [
        "a.md:9:13: warning: related entry repeats the webUrl of the entry on line 5: remove one of them [related-duplicate]",
    ]


def test_scheme_and_host_case_and_a_trailing_slash_are_ignored():
    text = front_matter("""
related:
  - webUrl: "https://News.Example.com/a/"
  - webUrl: "HTTPS://news.example.COM/a"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == [
        "a.md:4:13: warning: related entry repeats the webUrl of the entry on line 3: remove one of them [related-duplicate]",
    ]


def test_www_and_tracking_parameters_are_ignored():
    text = front_matter("""
related:
  - webUrl: "https://www.news.example.com/a?utm_source=feed&utm_medium=rss"
  - webUrl: "https://news.example.com/a/"
  - webUrl: "https://news.example.com/b?id=1&itm_campaign=x"
  - webUrl: "https://www.news.example.com/b?id=1"
  - webUrl: "https://news.example.com/b?id=2"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == [
        "a.md:4:13: warning: related entry repeats the webUrl of the entry on line 3: remove one of them [related-duplicate]",
        "a.md:6:13: warning: related entry repeats the webUrl of the entry on line 5: remove one of them [related-duplicate]",
    ]


def test_path_case_query_and_scheme_still_tell_pages_apart():
    text = front_matter("""
related:
  - webUrl: "https://news.example.com/a"
  - webUrl: "https://news.example.com/A"
  - webUrl: "https://news.example.com/a?page=2"
  - webUrl: "http://news.example.com/a"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == []


def test_three_copies_give_two_diagnostics_each_naming_the_first():
    text = front_matter("""
related:
  - webUrl: "https://news.example.com/a"
  - webUrl: "https://news.example.com/a"
  - webUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == [
        "a.md:4:13: warning: related entry repeats the webUrl of the entry on line 3: remove one of them [related-duplicate]",
        "a.md:5:13: warning: related entry repeats the webUrl of the entry on line 3: remove one of them [related-duplicate]",
    ]


def test_the_article_own_webUrl_is_not_a_duplicate_of_a_related_entry():
    text = front_matter("""
webUrl: "https://news.example.com/a"
related:
  - webUrl: "https://news.example.com/a"
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == []


def test_crlf_positions_are_exact():
    text = "\r\n".join(
        [
            "---",
            "related:",
            "  - title: A",
            "    webUrl: https://news.example.com/a",
            "  - title: B",
            "    webUrl: https://news.example.com/a/",
            "---",
            "",
        ]
    )
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == [
        "a.md:6:13: warning: related entry repeats the webUrl of the entry on line 4: remove one of them [related-duplicate]",
    ]


def test_wrong_typed_data_does_not_crash():
    text = front_matter("""
related:
  - webUrl: 12
  - webUrl: 12
  - webUrl: ""
  - webUrl: ""
  - "https://news.example.com/a"
  - "https://news.example.com/a"
  - webUrl: [https://news.example.com/a]
  - webUrl: [https://news.example.com/a]
""")
    assert lint_lines(text, rules=[check_for(related_duplicate.ID)]) == []
    assert (
        lint_lines(front_matter("related: https://news.example.com/a"), rules=[check_for(related_duplicate.ID)]) == []
    )
    assert lint_lines(front_matter("- related"), rules=[check_for(related_duplicate.ID)]) == []


def test_without_a_text_the_earlier_entry_is_named_by_its_json_path():
    linter = Linter(load_schema(), Settings(select=(related_duplicate.ID,)), rules=[check_for(related_duplicate.ID)])
    data = {"related": [{"webUrl": "https://a.example/x"}, {"webUrl": "https://a.example/x/"}]}
    assert [d.format() for d in linter.validate_data(data, "d.json")] == [
        "d.json:$.related[1].webUrl: warning: related entry repeats the webUrl of the entry at $.related[0]: remove one of them [related-duplicate]",
    ]


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[check_for(related_duplicate.ID)]) == []
