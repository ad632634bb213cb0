"""url_host's direct reading of plain hosts gives what urllib.parse.urlsplit gives."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlint.rule_support.url_host import url_host


def _by_urlsplit(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname or None
    except ValueError:
        return None


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://www.Example.COM/a/b?c#d", "www.example.com"),
        ("  http://a.example  ", "a.example"),
        ("https://a.example?x", "a.example"),
        ("https://user@a.example/", "a.example"),
        ("https://a.example:8080/", "a.example"),
        ("https://[::1]/", "::1"),
        ("https://[::1/", None),
        ("https:///path", None),
        ("htps//broken url", None),
        ("//a.example/x", "a.example"),
        ("https://bücher.example/", "bücher.example"),
        ("1http://a.example/", None),
    ],
)
def test_hosts(url, host):
    assert url_host(url) == host == _by_urlsplit(url)


_URL_PIECES = st.sampled_from(
    [
        "http",
        "https",
        "HTTPS",
        "h+t.t-p",
        "1x",
        ":",
        "://",
        "//",
        "/",
        "?",
        "#",
        "@",
        ":80",
        "[",
        "]",
        "a",
        "B",
        "0",
        ".",
        "-",
        "_",
        "%41",
        " ",
        "\t",
        "\n",
        "é",
        "example",
        ".com",
        "::1",
    ]
)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.lists(_URL_PIECES, max_size=8).map("".join))
def test_the_direct_reading_agrees_with_urlsplit(url):
    assert url_host(url) == _by_urlsplit(url)
