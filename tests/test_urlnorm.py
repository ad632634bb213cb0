"""The one URL normalisation that duplicate rules share: what it ignores, and what it keeps."""

import pytest

from frontlint.rule_support.url_normalisation import normalize_url


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://News.Example.COM/a/", "https://news.example.com/a"),
        ("HTTPS://news.example.com/a", "https://news.example.com/a"),
        ("https://www.example.com/a", "https://example.com/a"),
        ("https://WWW.example.com/a", "https://example.com/a"),
        ("https://example.com/a?utm_source=feed&utm_medium=rss", "https://example.com/a"),
        ("https://example.com/a/?UTM_Campaign=x", "https://example.com/a"),
        ("https://example.com/a?id=7&utm_source=feed", "https://example.com/a?id=7"),
        ("https://example.com/a?utm_source=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?_mc=x&cid=y&elq_cid=1&elqTrackId=2&itm_source=s&amp", "https://example.com/a"),
        ("https://example.com/a?amp=1", "https://example.com/a"),
        ("https://example.com/a?utm_source=x#part", "https://example.com/a#part"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("https://example.com/a?&utm_source=feed", "https://example.com/a"),
        ("https://example.com/a/?", "https://example.com/a"),
        ("https://example.com/a?id=7&&utm_source=feed&", "https://example.com/a?id=7"),
        ("https://example.com/a?id=7&amp;utm_source=feed&#038;utm_medium=rss", "https://example.com/a?id=7"),
        ("https://example.com/a?utm_source=feed&AMP;id=7&#x26;p=2", "https://example.com/a?id=7&p=2"),
    ],
)
def test_case_www_tracking_parameters_and_a_trailing_slash_are_ignored(url, normal):
    assert normalize_url(url) == normal


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/A",
        "https://example.com/a?page=2",
        "http://example.com/a",
        "https://www2.example.com/a",
        "https://example.com/a?camp=1",
        "https://example.com/a#frag",
        "https://wwwexample.com/a",
        "https://www./a",
        "https://www.com/a",
        "not a url at all/",
    ],
)
def test_what_tells_pages_apart_is_kept(url):
    assert normalize_url(url) == url.rstrip("/")


def test_a_url_already_normal_is_returned_itself():
    url = "https://example.com/news/a"
    assert normalize_url(url) is url


def test_www_and_tracking_parameters_make_two_urls_one():
    assert normalize_url("https://www.example.com/a/?utm_source=rss") == normalize_url("https://example.com/a")
