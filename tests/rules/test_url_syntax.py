import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlint.rules import url_syntax
from frontlint.schema.format_checkers import INVISIBLE
from helpers import SEED, front_matter, lint_lines, run_cli


def test_an_unencoded_space_is_reported_with_its_position_and_encoding():
    text = front_matter("""
webUrl: "https://a.com/new law"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL contains a space at character 18: percent-encode it as %20 [url-syntax]",
    ]


def test_leading_and_trailing_whitespace_is_to_be_removed():
    text = front_matter("""
webUrl: " https://a.com/a"
originalUrl: "https://a.com/a "
ampWebUrl: "https://a.com/amp\\n"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL starts with a space: remove it [url-syntax]",
        "a.md:3:14: error: URL ends with a space: remove it [url-syntax]",
        "a.md:4:12: error: URL ends with control character U+000A: remove it [url-syntax]",
    ]


def test_control_characters_and_other_whitespace_are_named_by_code_point():
    text = front_matter("""
webUrl: "https://a.com/a\\tb"
originalUrl: "https://a.com/a\\u00a0b"
ampWebUrl: "https://a.com/a\\x07b"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL contains control character U+0009 at character 16: percent-encode it as %09 [url-syntax]",
        "a.md:3:14: error: URL contains whitespace U+00A0 at character 16: write what it stands for instead, such as '-' or %20 [url-syntax]",
        "a.md:4:12: error: URL contains control character U+0007 at character 16: percent-encode it as %07 [url-syntax]",
    ]


def test_empty_and_blank_urls_are_reported():
    text = front_matter("""
webUrl: ""
originalUrl: "   "
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: empty URL: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:3:14: error: empty URL: expected an absolute http:// or https:// URL [url-syntax]",
    ]


def test_relative_scheme_less_and_other_scheme_urls_are_reported():
    text = front_matter("""
webUrl: "www.wwlp.com/news/a"
originalUrl: "//www.wwlp.com/news/a"
ampWebUrl: "wwlp.com:8080/a"
cdnAmpWebUrl: "ftp://wwlp.com/a"
images:
  - url: "/images/a.jpg"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:3:14: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:4:12: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:5:15: error: URL scheme 'ftp' is not http or https: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:7:10: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
    ]


def test_missing_slashes_and_missing_host_are_reported():
    text = front_matter("""
webUrl: "https:wwlp.com/a"
originalUrl: "https:///a"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL has no '//' after 'https:': expected 'https://' and a host [url-syntax]",
        "a.md:3:14: error: URL has no host: expected 'https://' followed by a host name [url-syntax]",
    ]


def test_invalid_hosts_and_ports_are_reported():
    text = front_matter("""
related:
  - webUrl: "https://www..wwlp.com/a"
  - webUrl: "https://-wwlp.com/a"
  - webUrl: "https://wwlp-.com/a"
  - webUrl: "https://ww_lp.com/a"
  - webUrl: "https://wwlp.com:80a/a"
  - webUrl: "https://[::zz]/a"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:3:13: error: URL host 'www..wwlp.com' has an empty label: expected names separated by single dots [url-syntax]",
        "a.md:4:13: error: URL host '-wwlp.com' has a label starting or ending with '-': expected a letter or digit there [url-syntax]",
        "a.md:5:13: error: URL host 'wwlp-.com' has a label starting or ending with '-': expected a letter or digit there [url-syntax]",
        "a.md:6:13: error: URL host 'ww_lp.com' contains '_': expected letters, digits, '-' and '.' [url-syntax]",
        "a.md:7:13: error: URL port '80a' is not a number: expected digits after ':' [url-syntax]",
        "a.md:8:13: error: URL host '[::zz]' is not a valid IPv6 address: expected [hex:hex:...] [url-syntax]",
    ]


def test_iris_ports_ip_addresses_user_info_and_queries_pass():
    text = front_matter("""
webUrl: "https://bücher.example/straße?q=ä#teil"
originalUrl: "https://क्षत्रिय.भारत/"
ampWebUrl: "http://192.168.0.1:8080/a"
cdnAmpWebUrl: "https://[2001:db8::1]:443/a"
images:
  - url: "https://user@www.wwlp.com./a.jpg?w=1280"
""")
    assert lint_lines(text, rules=[url_syntax]) == []


def test_every_url_field_is_checked_in_related_entries_and_provider_logos():
    text = front_matter("""
related:
  - webUrl: "https://a.com/x"
    originalUrl: "a.com"
    ampWebUrl: "a.com"
    cdnAmpWebUrl: "a.com"
    images:
      - url: "a.jpg"
    provider:
      images:
        - url: "logo.png"
""")
    # originalUrl is no key of a related entry in the contract (the schema reports it): not a URL field there.
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:5:16: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:6:19: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:8:14: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:11:16: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
    ]


def test_values_that_are_not_strings_and_data_of_any_shape_do_not_crash():
    assert (
        lint_lines(
            front_matter("""
webUrl: 12
originalUrl: [a b]
ampWebUrl: null
images: "x y"
related: {webUrl: "a b"}
"""),
            rules=[url_syntax],
        )
        == []
    )
    assert lint_lines(front_matter("- a b"), rules=[url_syntax]) == []


def test_positions_are_exact_in_a_crlf_file():
    text = '---\r\ntitle: A\r\nrelated:\r\n  - webUrl: "https://a.com/a b"\r\n---\r\n'
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:4:13: error: URL contains a space at character 16: percent-encode it as %20 [url-syntax]",
    ]


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[url_syntax]) == []


def test_a_missing_scheme_is_reported_before_a_space_further_on():
    text = front_matter('webUrl: "htps//broken url"')
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]",
    ]


# The plainly-valid pattern as first written, one class for the rest of the URL: the
# reference the faster, unrolled pattern must agree with.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_PLAINLY_VALID_REFERENCE = (
    rf"https?://(?:{_LABEL}\.)*{_LABEL}\.?(?::[0-9]+)?(?:[/?#][^\s\x00-\x1f\x7f-\x9f{INVISIBLE}]*)?"
)
_URL_CHARACTERS = "aZ9-._~:/?#%@ é\t\n\x00\x1f\x7f\x85\x9f\xa0\xad\u200b\u2028\u202f\u3000\ufeff[]"


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(["http://", "https://", "https://a.b", "http://x-1.y:8"]), st.text(_URL_CHARACTERS, max_size=30))
def test_the_unrolled_plainly_valid_pattern_matches_what_the_reference_matches(scheme, rest):
    # Differential test (private name kept): pins the unrolled plainly-valid pattern to the reference above.
    url = scheme + rest
    assert bool(url_syntax._PLAINLY_VALID.fullmatch(url)) == bool(re.fullmatch(_PLAINLY_VALID_REFERENCE, url))


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["http://", "https://", "https://a.b", ""]), st.text(_URL_CHARACTERS, max_size=30))
def test_a_plainly_valid_url_has_no_defect(scheme, rest):
    # Differential test (private name kept): what the plainly-valid fast path passes, the full check passes.
    url = scheme + rest
    if url_syntax._PLAINLY_VALID.fullmatch(url):
        assert url_syntax.url_defect(url) is None


def test_invisible_separators_and_format_characters_are_to_be_deleted():
    text = front_matter("""
webUrl: "https://a.com/centers\\u2028/"
originalUrl: "https://a.com/a\\u200bb"
ampWebUrl: "https://a.com/a\\u2029"
cdnAmpWebUrl: "\\ufeffhttps://a.com/a"
images:
  - url: "https://a.com/a\\u00adb.jpg"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL contains invisible character U+2028 at character 22: delete it [url-syntax]",
        "a.md:3:14: error: URL contains invisible character U+200B at character 16: delete it [url-syntax]",
        "a.md:4:12: error: URL ends with invisible character U+2029: remove it [url-syntax]",
        "a.md:5:15: error: URL starts with invisible character U+FEFF: remove it [url-syntax]",
        "a.md:7:10: error: URL contains invisible character U+00AD at character 16: delete it [url-syntax]",
    ]


def test_an_html_character_reference_in_a_url_is_reported():
    text = front_matter("""
webUrl: "https://a.com/a?w=1200&#038;strip=all"
originalUrl: "https://a.com/a?w=1&amp;h=2"
ampWebUrl: "https://a.com/a?w=1&#x26;h=2"
cdnAmpWebUrl: "https://a.com/it&#8217;s"
images:
  - url: "https://a.com/a.jpg?w=1&h=2&copy=1&nosuchname;#x;y"
""")
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:2:9: error: URL contains the HTML character reference '&#038;' at character 23: write '&' instead [url-syntax]",
        "a.md:3:14: error: URL contains the HTML character reference '&amp;' at character 20: write '&' instead [url-syntax]",
        "a.md:4:12: error: URL contains the HTML character reference '&#x26;' at character 20: write '&' instead [url-syntax]",
        "a.md:5:15: error: URL contains the HTML character reference '&#8217;' at character 17: "
        "write the character it stands for [url-syntax]",
    ]


def test_every_reference_to_an_ampersand_is_fixed_escaped_again_or_in_capitals(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        front_matter("""
webUrl: "https://a.com/a?w=1&AMP;h=2"
originalUrl: "https://a.com/a?w=1&amp;amp;h=2&#0038;q=3"
ampWebUrl: "https://a.com/a?w=1&amp;#038;h=2&Amp;q=3"
"""),
        encoding="utf-8",
    )
    assert lint_lines(article.read_text(encoding="utf-8"), rules=[url_syntax]) == [
        "a.md:2:9: error: URL contains the HTML character reference '&AMP;' at character 20: write '&' instead [url-syntax]",
        "a.md:3:14: error: URL contains the HTML character reference '&amp;' at character 20: write '&' instead [url-syntax]",
        "a.md:4:12: error: URL contains the HTML character reference '&amp;' at character 20: write '&' instead [url-syntax]",
    ]
    result = run_cli("--fix", "--select", "url-syntax", "a.md", cwd=tmp_path)
    assert (result.stdout, result.returncode) == (b"", 0)
    assert article.read_text(encoding="utf-8") == front_matter("""
webUrl: "https://a.com/a?w=1&h=2"
originalUrl: "https://a.com/a?w=1&h=2&q=3"
ampWebUrl: "https://a.com/a?w=1&h=2&Amp;q=3"
""")


def test_an_empty_webUrl_of_a_related_video_is_the_feed_saying_no_page():
    text = front_matter("""
type: video
webUrl: ""
related:
  - type: video
    webUrl: ""
  - type: video
    webUrl: "   "
    originalUrl: ""
  - type: article
    webUrl: ""
  - webUrl: ""
""")
    # originalUrl (line 9) is no key of a related entry in the contract: the schema reports it.
    assert lint_lines(text, rules=[url_syntax]) == [
        "a.md:3:9: error: empty URL: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:11:13: error: empty URL: expected an absolute http:// or https:// URL [url-syntax]",
        "a.md:12:13: error: empty URL: expected an absolute http:// or https:// URL [url-syntax]",
    ]


@pytest.mark.slow
def test_the_invisible_class_is_the_format_and_separator_characters_outside_ascii():
    # Exactly those of this Python's Unicode database, plus ones a later version assigned
    # (Unicode 15's Egyptian format controls are unassigned in Python 3.11's).
    invisible = re.compile(f"[{INVISIBLE}]")
    for code in range(0x80, sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Zl", "Zp"):
            assert invisible.match(chr(code)), hex(code)
        elif invisible.match(chr(code)):
            assert category == "Cn", hex(code)


def test_fix_deletes_invisible_characters_and_writes_ampersands_but_leaves_a_no_break_space(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        front_matter("""
webUrl: "https://a.com/centers\\u2028/"
originalUrl: "https://a.com/a?w=1&#038;h=2&amp;q=a b"
ampWebUrl: "https://a.com/amd\\u202fepyc"
images:
  - url: " https://a.com/\\u200bx.jpg?w=1200&#038;strip=all"
"""),
        encoding="utf-8",
    )
    result = run_cli("--fix", "--select", "url-syntax", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        "a.md:4:12: error: URL contains whitespace U+202F at character 18: "
        "write what it stands for instead, such as '-' or %20 [url-syntax]\n"
    )
    assert article.read_text(encoding="utf-8") == front_matter("""
webUrl: "https://a.com/centers/"
originalUrl: "https://a.com/a?w=1&h=2&q=a%20b"
ampWebUrl: "https://a.com/amd\\u202fepyc"
images:
  - url: "https://a.com/x.jpg?w=1200&strip=all"
""")
