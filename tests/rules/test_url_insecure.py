from frontlint.rules import url_insecure
from helpers import front_matter, lint_lines


def test_http_image_url_is_reported_at_the_value():
    text = front_matter("""
images:
  - url: "http://img.example.com/a.jpg"
    width: 10
    height: 10
""")
    assert lint_lines(text, rules=[url_insecure]) == [
        "a.md:3:10: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]


def test_http_urls_in_related_entries_and_provider_logos_are_reported():
    text = front_matter("""
related:
  - webUrl: http://news.example.com/a
    provider:
      images:
        - url: "HTTP://logo.example.com/l.png"
""")
    assert lint_lines(text, rules=[url_insecure]) == [
        "a.md:3:13: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
        "a.md:6:16: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]


def test_https_and_non_string_values_pass():
    text = front_matter("""
webUrl: "https://example.com/a"
originalUrl: 12
""")
    assert lint_lines(text, rules=[url_insecure]) == []
