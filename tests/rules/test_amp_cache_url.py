from frontlint.rules import amp_cache_url
from helpers import SEED, front_matter, lint_lines


def test_a_wrong_cache_url_is_reported_with_the_expected_one():
    text = front_matter("""
ampWebUrl: "https://www.wwlp.com/news/a/amp/"
cdnAmpWebUrl: "https://www.wwlp.com.cdn.ampproject.org/c/s/www.wwlp.com/news/a/amp/"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/a/amp/' [amp-cache-url]",
    ]


def test_a_cache_url_of_another_page_is_reported():
    text = front_matter("""
ampWebUrl: "https://www.wwlp.com/news/a/amp/"
cdnAmpWebUrl: "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/b/amp/"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/a/amp/' [amp-cache-url]",
    ]


def test_hyphens_in_the_host_are_doubled():
    text = front_matter("""
ampWebUrl: "https://www-wwlp.my-site.com/a"
cdnAmpWebUrl: "https://www-wwlp-my-site-com.cdn.ampproject.org/c/s/www-wwlp.my-site.com/a"
related:
  - ampWebUrl: "https://www-wwlp.my-site.com/a"
    cdnAmpWebUrl: "https://www--wwlp-my--site-com.cdn.ampproject.org/c/s/www-wwlp.my-site.com/a"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://www--wwlp-my--site-com.cdn.ampproject.org/c/s/www-wwlp.my-site.com/a' [amp-cache-url]",
    ]


def test_a_prefix_with_hyphens_at_positions_3_and_4_is_wrapped():
    text = front_matter("""
ampWebUrl: "https://en-us.example.com/a"
cdnAmpWebUrl: "https://en--us-example-com.cdn.ampproject.org/c/s/en-us.example.com/a"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://0-en--us-example-com-0.cdn.ampproject.org/c/s/en-us.example.com/a' [amp-cache-url]",
    ]


def test_an_http_amp_url_uses_c_without_s():
    text = front_matter("""
ampWebUrl: "http://www.wwlp.com/a/amp/"
cdnAmpWebUrl: "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/a/amp/"
related:
  - ampWebUrl: "http://www.wwlp.com/a/amp/"
    cdnAmpWebUrl: "https://www-wwlp-com.cdn.ampproject.org/c/www.wwlp.com/a/amp/"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://www-wwlp-com.cdn.ampproject.org/c/www.wwlp.com/a/amp/' [amp-cache-url]",
    ]


def test_an_idn_host_gets_a_punycode_prefix_and_the_path_keeps_the_host_as_written():
    # The Unicode host is transformed first and encoded last: bücher.example -> bücher-example.
    text = front_matter("""
ampWebUrl: "https://bücher.example/amp"
cdnAmpWebUrl: "https://xn--bcher-kva-example.cdn.ampproject.org/c/s/bücher.example/amp"
related:
  - ampWebUrl: "https://xn--bcher-kva.example/amp"
    cdnAmpWebUrl: "https://xn--bcher-example-wob.cdn.ampproject.org/c/s/xn--bcher-kva.example/amp"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://xn--bcher-example-wob.cdn.ampproject.org/c/s/bücher.example/amp' [amp-cache-url]",
    ]


def test_query_and_fragment_are_kept_and_scheme_and_cache_host_case_is_ignored():
    text = front_matter("""
ampWebUrl: "https://example.com/g?value=Hello%20World#top"
cdnAmpWebUrl: "HTTPS://Example-Com.cdn.ampproject.org/c/s/example.com/g?value=Hello%20World#top"
related:
  - ampWebUrl: "https://example.com/g?value=Hello%20World"
    cdnAmpWebUrl: "https://example-com.cdn.ampproject.org/c/s/example.com/g"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:6:19: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://example-com.cdn.ampproject.org/c/s/example.com/g?value=Hello%20World' [amp-cache-url]",
    ]


def test_half_of_the_pair_missing_is_reported_at_the_present_value():
    text = front_matter("""
ampWebUrl: "https://www.wwlp.com/a/amp/"
related:
  - cdnAmpWebUrl: "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/a/amp/"
  - ampWebUrl: "not a url"
    cdnAmpWebUrl: ""
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:2:12: error: ampWebUrl has no cdnAmpWebUrl beside it:"
        " expected cdnAmpWebUrl: 'https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/a/amp/' [amp-cache-url]",
        "a.md:4:19: error: cdnAmpWebUrl has no ampWebUrl beside it: expected both or neither [amp-cache-url]",
        "a.md:5:16: error: ampWebUrl has no cdnAmpWebUrl beside it: expected both or neither [amp-cache-url]",
    ]


def test_hosts_the_cache_would_hash_are_not_compared():
    long_host = "a" * 60 + ".com"
    text = front_matter(f"""
ampWebUrl: "https://{long_host}/a"
cdnAmpWebUrl: "https://wrong.cdn.ampproject.org/c/s/{long_host}/a"
related:
  - ampWebUrl: "https://intranet/a"
    cdnAmpWebUrl: "https://wrong.cdn.ampproject.org/c/s/intranet/a"
  - ampWebUrl: "https://hello.xn--4gbrim.xn--wgbh1c/a"
    cdnAmpWebUrl: "https://wrong.cdn.ampproject.org/c/s/hello.xn--4gbrim.xn--wgbh1c/a"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == []


def test_a_wholly_right_to_left_host_gets_a_readable_prefix():
    text = front_matter("""
ampWebUrl: "https://xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c/a"
cdnAmpWebUrl: "https://wrong.cdn.ampproject.org/c/s/xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c/a"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:3:15: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://xn-------i5fvcbaopc6fkc0de0d9jybegt6cd.cdn.ampproject.org/c/s/"
        "xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c/a' [amp-cache-url]",
    ]


def test_wrong_typed_values_and_data_of_any_shape_do_not_crash():
    text = front_matter("""
ampWebUrl: 12
cdnAmpWebUrl: "https://x-com.cdn.ampproject.org/c/s/x.com/"
related:
  - ampWebUrl: "https://x.com/"
    cdnAmpWebUrl: [a]
  - "https://x.com/"
  - ampWebUrl: "https://xn---.com/"
    cdnAmpWebUrl: "https://x.cdn.ampproject.org/c/s/xn---.com/"
""")
    assert lint_lines(text, rules=[amp_cache_url]) == []
    assert lint_lines(front_matter("- a"), rules=[amp_cache_url]) == []


def test_positions_are_exact_in_a_crlf_file():
    text = (
        "---\r\ntitle: A\r\nrelated:\r\n  - title: B\r\n"
        '    ampWebUrl: "https://technode.com/a/"\r\n'
        '    cdnAmpWebUrl: "https://technode.cdn.ampproject.org/c/s/technode.com/a/"\r\n---\r\n'
    )
    assert lint_lines(text, rules=[amp_cache_url]) == [
        "a.md:6:19: error: cdnAmpWebUrl is not the AMP Cache URL of ampWebUrl:"
        " expected 'https://technode-com.cdn.ampproject.org/c/s/technode.com/a/' [amp-cache-url]",
    ]


def test_the_seed_article_and_its_related_entries_pass():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[amp_cache_url]) == []


def test_no_ascii_character_is_written_right_to_left():
    # The rule skips looking up the direction of ASCII host names on the strength of this.
    import unicodedata

    # Differential test (private names kept): pins the ASCII shortcut of _mixes_directions to unicodedata's directions.
    from frontlint.rules.amp_cache_url import _RIGHT_TO_LEFT, _mixes_directions

    assert not any(unicodedata.bidirectional(chr(code)) in _RIGHT_TO_LEFT for code in range(128))
    assert _mixes_directions("example.xn--mgbh0fb.عربي") and not _mixes_directions("example.com")
