from frontlint.rules import empty_value, excerpt_boilerplate, secured_format
from helpers import SEED, front_matter, lint_lines

LEGAL = "excerpt is a legal notice ({}), not a summary of the article [excerpt-boilerplate]"
REPEATS = "excerpt repeats the title: expected a summary of the article [excerpt-boilerplate]"
RELATED = {"excerpt-boilerplate": {"check-related": True}}


def test_seed_article_china_daily_entry_is_the_only_finding_of_these_rules():
    text = SEED.read_text(encoding="utf-8")
    rules = [excerpt_boilerplate, empty_value, secured_format]
    # The finding is in a related entry, a copy of China Daily's article: reported only on request.
    assert lint_lines(text, rules=rules, path="seed.md") == []
    assert lint_lines(text, rules=rules, path="seed.md", options=RELATED) == [
        "seed.md:103:14: warning: " + LEGAL.format("'All rights reserved'"),
    ]


def test_the_article_s_excerpt_is_checked_and_related_ones_with_check_related():
    text = front_matter("""
title: "Court rules on face scans"
excerpt: "We use cookies to improve your experience."
related:
  - title: "Paywalled"
    excerpt: "Subscribe to read the full story."
  - title: "No script"
    excerpt: Please enable JavaScript to view this page.
""")
    cookies = "a.md:3:10: warning: excerpt is a cookie notice ('We use cookies'), not a summary of the article [excerpt-boilerplate]"
    assert lint_lines(text, rules=[excerpt_boilerplate]) == [cookies]  # related entries are copies of other articles
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        cookies,
        "a.md:6:14: warning: excerpt is a paywall notice ('Subscribe to read'), not a summary of the article [excerpt-boilerplate]",
        "a.md:8:14: warning: excerpt is a browser notice ('enable JavaScript'), not a summary of the article [excerpt-boilerplate]",
    ]


def test_phrases_match_ignoring_case_and_whitespace_runs_and_the_earliest_is_named():
    text = front_matter("""
excerpt: "This material may not be published. Copyright  ©\\t2021 ALL\\nRIGHTS   reserved."
""")
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:2:10: warning: " + LEGAL.format("'This material may not be published'"),
    ]
    text = front_matter('excerpt: "(c) 2021 Example Media. ALL\\nRIGHTS   reserved."\n')
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:2:10: warning: " + LEGAL.format("'ALL RIGHTS reserved'"),
    ]


def test_long_phrases_are_shortened_in_the_message():
    text = front_matter('excerpt: "This may not be published, broadcast, rewritten or redistributed."\n')
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:2:10: warning: " + LEGAL.format("'may not be published, broad..., rewritten or redistributed'"),
    ]


def test_excerpt_equal_to_title_ignoring_case_and_whitespace():
    text = front_matter("""
title: "China's top court  specifies rules"
excerpt: "  china's TOP court specifies\\nrules "
related:
  - title: "Same"
    excerpt: "Same."
  - title: "Windows Server containers in AKS is now available."
    excerpt: "Windows Server containers in AKS is now available. "
  - title: "Same words"
    excerpt: "Same words, more."
  - title: "Ellipsis"
    excerpt: "Ellipsis.."
""")
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:3:10: warning: " + REPEATS,
        "a.md:6:14: warning: " + REPEATS,
        "a.md:8:14: warning: " + REPEATS,
    ]


def test_video_calls_to_action_and_blog_feed_footers_are_boilerplate():
    text = front_matter("""
excerpt: "Learn Azure in ten minutes. Don't forget to LIKE and\\nsubscribe!"
related:
  - excerpt: "Key takeaways from our webinar. The post Microsoft Azure Checklist: Expert Advice on Security appeared first on Sonrai Security."
  - excerpt: "New episodes weekly: subscribe to our channel."
  - excerpt: "The post office appeared in the news first on Monday."
""")
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:2:10: warning: excerpt is a video channel's call to action ('LIKE and subscribe'), not a summary of the article"
        " [excerpt-boilerplate]",
        "a.md:4:14: warning: excerpt is a blog feed footer ('The post Microsoft Azure Ch...n Security appeared first on'),"
        " not a summary of the article [excerpt-boilerplate]",
        "a.md:5:14: warning: excerpt is a video channel's call to action ('subscribe to our channel'), not a summary of the"
        " article [excerpt-boilerplate]",
    ]


def test_a_gap_in_an_extra_phrase_stands_for_any_text_and_a_phrase_of_gaps_alone_is_ignored():
    text = front_matter("""
excerpt: "This story was first published by Example News on Monday."
related:
  - excerpt: "Any text at all."
""")
    options = {excerpt_boilerplate.ID: {"extra-phrases": ["first published by … on", "…", " … … "]}}
    assert lint_lines(text, rules=[excerpt_boilerplate], options=options) == [
        "a.md:2:10: warning: excerpt is boilerplate ('first published by Example News on'), not a summary of the article"
        " [excerpt-boilerplate]",
    ]


def test_extra_phrases_extend_the_built_in_list():
    text = front_matter("""
excerpt: "Sign up for our newsletter to get the latest."
related:
  - excerpt: "All rights reserved."
""")
    options = {
        excerpt_boilerplate.ID: {"extra-phrases": ["sign up  for our NEWSLETTER", 7, "", None], "check-related": True}
    }
    assert lint_lines(text, rules=[excerpt_boilerplate], options=options) == [
        "a.md:2:10: warning: excerpt is boilerplate ('Sign up for our newsletter'), not a summary of the article [excerpt-boilerplate]",
        "a.md:4:14: warning: " + LEGAL.format("'All rights reserved'"),
    ]


def test_wrongly_typed_extra_phrases_are_ignored():
    text = front_matter('excerpt: "Sign up for our newsletter."\n')
    options = {excerpt_boilerplate.ID: {"extra-phrases": "Sign up"}}
    assert lint_lines(text, rules=[excerpt_boilerplate], options=options) == []


def test_crlf_file():
    text = '---\r\ntitle: "t"\r\n\r\nrelated:\r\n  - title: "Same title"\r\n    excerpt: "same   TITLE"\r\n---\r\n'
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == [
        "a.md:6:14: warning: " + REPEATS,
    ]


def test_real_summaries_pass():
    text = front_matter("""
title: "Reserved seats"
excerpt: "The court reserved its rights to review the rules; copyright law is not affected."
related:
  - title: "Cookies"
    excerpt: "Bakers use cookies as a test of new ovens."
""")
    assert lint_lines(text, rules=[excerpt_boilerplate], options=RELATED) == []


def test_wrong_types_never_crash():
    for yaml_text in (
        "- excerpt: All rights reserved",
        "All rights reserved",
        "excerpt: 12\ntitle: 12",
        "excerpt: [All rights reserved]",
        "excerpt: ''\ntitle: ''",
        "excerpt: 12\ntitle: '12'",
        "related: {excerpt: All rights reserved}",
        "related:\n  - All rights reserved\n  - ~\n  - [excerpt]",
        "related:\n  - title: [x]\n    excerpt: x",
    ):
        assert lint_lines(front_matter(yaml_text), rules=[excerpt_boilerplate]) == [], yaml_text
