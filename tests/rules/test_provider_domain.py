from frontlint.rules import provider_domain
from helpers import SEED, front_matter, lint_lines


def test_a_host_outside_the_provider_domain_is_reported():
    text = front_matter("""
webUrl: "https://technode.com/2021/07/29/a/"
originalUrl: "https://www.wwlp.com/news/a/"
provider:
  name: WWLP
  domain: wwlp.com
""")
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:2:9: warning: host 'technode.com' is not 'wwlp.com' or a subdomain of it (provider.domain) [provider-domain]",
    ]


def test_the_domain_itself_and_its_subdomains_match():
    text = front_matter("""
webUrl: "https://www.wwlp.com/news/a/"
originalUrl: "https://wwlp.com/news/a/"
related:
  - webUrl: "https://news.eu.wwlp.com/a/"
    provider:
      domain: wwlp.com
""")
    assert lint_lines(text, rules=[provider_domain]) == []


def test_a_host_that_merely_ends_with_the_domain_string_does_not_match():
    text = front_matter("""
webUrl: "https://notwwlp.com/news/a/"
originalUrl: "https://www-wwlp.com/news/a/"
provider:
  domain: wwlp.com
""")
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:2:9: warning: host 'notwwlp.com' is not 'wwlp.com' or a subdomain of it (provider.domain) [provider-domain]",
        "a.md:3:14: warning: host 'www-wwlp.com' is not 'wwlp.com' or a subdomain of it (provider.domain) [provider-domain]",
    ]


def test_case_a_trailing_dot_and_a_port_are_ignored():
    text = front_matter("""
webUrl: "https://WWW.WWLP.COM./news/a/"
originalUrl: "https://www.wwlp.com:443/news/a/"
provider:
  domain: "Wwlp.Com."
""")
    assert lint_lines(text, rules=[provider_domain]) == []


def test_an_internationalised_host_matches_its_punycode_domain_and_back():
    text = front_matter("""
webUrl: "https://www.bücher.example/a"
provider:
  domain: xn--bcher-kva.example
related:
  - webUrl: "https://xn--bcher-kva.example/a"
    provider:
      domain: bücher.example
  - webUrl: "https://bucher.example/a"
    provider:
      domain: bücher.example
""")
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:9:13: warning: host 'bucher.example' is not 'bücher.example' or a subdomain of it (provider.domain) [provider-domain]",
    ]


def test_each_related_entry_is_compared_with_its_own_provider():
    text = front_matter("""
webUrl: "https://www.bignewsnetwork.com/a"
provider:
  domain: bignewsnetwork.com
related:
  - webUrl: "https://technode.com/a/"
    originalUrl: "https://www.bignewsnetwork.com/a"
    provider:
      domain: technode.com
  - webUrl: "https://technode.com/b/"
    provider:
      domain: wwlp.com
""")
    # A related entry has no originalUrl in the contract (the schema reports the key): the rule
    # reads only what the schema marks as an entry's page or source URL.
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:10:13: warning: host 'technode.com' is not 'wwlp.com' or a subdomain of it (provider.domain) [provider-domain]",
    ]


def test_other_url_fields_are_not_compared():
    text = front_matter("""
ampWebUrl: "https://other.example/amp"
cdnAmpWebUrl: "https://other-example.cdn.ampproject.org/c/s/other.example/amp"
images:
  - url: "https://cdn.other.example/a.jpg"
provider:
  domain: wwlp.com
""")
    assert lint_lines(text, rules=[provider_domain]) == []


def test_missing_or_wrong_typed_hosts_and_domains_are_skipped():
    text = front_matter("""
webUrl: "https://technode.com/a"
related:
  - webUrl: "https://technode.com/a"
    provider:
      domain: ""
  - webUrl: "https://technode.com/a"
    provider:
      domain: [wwlp.com]
  - webUrl: "https://technode.com/a"
    provider: wwlp.com
  - webUrl: "technode.com/a"
    originalUrl: 12
    provider:
      domain: wwlp.com
  - "https://technode.com/a"
""")
    assert lint_lines(text, rules=[provider_domain]) == []
    assert lint_lines(front_matter("- a"), rules=[provider_domain]) == []


def test_positions_are_exact_in_a_crlf_file():
    text = '---\r\nrelated:\r\n  - title: A\r\n    webUrl: "https://example.org/a"\r\n    provider:\r\n      domain: wwlp.com\r\n---\r\n'
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:4:13: warning: host 'example.org' is not 'wwlp.com' or a subdomain of it (provider.domain) [provider-domain]",
    ]


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[provider_domain]) == []


def test_video_items_and_urls_on_video_hosts_are_not_compared():
    text = front_matter("""
type: video
originalUrl: "https://youtube.com/watch?v=jCfJWYocz1M"
provider:
  domain: microsoft.com
related:
  - type: video
    webUrl: "https://channel9.example.net/shows/azure-friday"
    provider:
      domain: microsoft.com
  - type: article
    webUrl: "https://www.youtube.com/watch?v=jCfJWYocz1M"
    originalUrl: "https://youtu.be/jCfJWYocz1M"
    provider:
      domain: microsoft.com
  - type: article
    webUrl: "https://m.youtube.com.evil.example/watch"
    provider:
      domain: microsoft.com
""")
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:17:13: warning: host 'm.youtube.com.evil.example' is not 'microsoft.com' or a subdomain of it "
        "(provider.domain) [provider-domain]",
    ]


def test_a_video_host_that_is_the_providers_own_domain_is_still_fine():
    text = front_matter("""
webUrl: "https://www.technode.com/a"
provider:
  domain: youtube.com
""")
    assert lint_lines(text, rules=[provider_domain]) == [
        "a.md:2:9: warning: host 'www.technode.com' is not 'youtube.com' or a subdomain of it (provider.domain) [provider-domain]",
    ]
