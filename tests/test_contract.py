"""The bundled contract: accepts every real variation, rejects what the issue names."""

import json
import re

import jsonschema
import pytest

from frontlint import load_schema, validate_data
from frontlint.schema.format_checkers import iri_to_uri
from helpers import REPO, SEED, lint_lines

SCHEMA_FILE = REPO / "schemas" / "article.schema.json"


def schema_lines(text):
    return lint_lines(text, select=["schema"])


def seed_with(old, new):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_the_contract_is_a_valid_draft_2020_12_schema_with_id_defs_and_descriptions():
    document = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"]
    assert {"provider", "image", "relatedEntry"} <= set(document["$defs"])
    undocumented = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    undocumented.append(f"{where}.{name}")
            for key, value in node.items():
                if key != "if":  # conditions name properties, they do not define them
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(document, "$")
    assert undocumented == []


def test_the_seed_article_meets_the_contract():
    assert schema_lines(SEED.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            'originalUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"\n',
            "",
        ),
        ("quality: 39\n", ""),
        ("heat: -1\n", ""),
        ("published: false\n", ""),
        ("quality: 39\n", "quality: 250\n"),
        ("heat: -1\n", "heat: 1234\n"),
        (
            'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"',
            'webUrl: "https://www.bignewsnetwork.com/news/1/Clients-Live-on-Charles-River’s-Platform-Microsoft®-Azure"',
        ),
        ("publishedDateTime: 2021-07-28T02:44:00Z", "publishedDateTime: 2021-07-28T02:44:00.123+08:00"),
        (
            "  domain: bignewsnetwork.com\n",
            '  domain: bignewsnetwork.com\n  images:\n    - url: "https://logo.example.com/l.png"\n      width: 50\n      height: 50\n',
        ),
        ("    isCached: true\n", '    isCached: true\n    title: "Court"\n'),
    ],
)
def test_real_variations_are_accepted(old, new):
    assert schema_lines(seed_with(old, new)) == []


def seed_without(*removed_lines):
    """The seed article without whole lines (each must be there exactly once)."""
    text = SEED.read_text(encoding="utf-8")
    for line in removed_lines:
        assert text.count(line) == 1, line
        text = text.replace(line, "", 1)
    return text


def seed_lines_between(start, end):
    """The seed's lines from the one starting with ``start`` to the one before the one starting with ``end``."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(index for index, line in enumerate(lines) if line.startswith(start))
    stop = next(index for index, line in enumerate(lines) if index > first and line.startswith(end))
    return "".join(lines[first:stop])


def test_an_article_without_images_or_related_coverage_meets_the_contract():
    # 890 of 1,982 real articles of the sample have no images, 314 no related list.
    images = seed_lines_between("images:", "related:")
    related = seed_lines_between("related:", "secured:")
    assert schema_lines(seed_without(images)) == []
    assert schema_lines(seed_without(related)) == []
    assert schema_lines(seed_without(images, related)) == []


def test_an_article_as_a_site_that_does_not_score_articles_writes_it_meets_the_contract():
    # One real site of the family writes no quality, heat or published flag, in articles or related entries.
    text, removed = re.subn(r"(?m)^ *(quality|heat|published): .*\n", "", SEED.read_text(encoding="utf-8"))
    assert removed == 3 + 9  # the article's three and each related entry's quality
    assert schema_lines(text) == []


def test_keys_a_site_adds_are_not_errors():
    text = seed_with("published: false\n", "published: false\nremoved: true\nlayout: post\npermalink: /news/x/\n")
    assert schema_lines(text) == []


def test_a_misspelt_required_key_is_named_in_the_missing_key_problem():
    text = seed_with("title: ", "Title: ")
    assert schema_lines(text) == [
        "a.md:2:1: error: missing required key 'title'; is 'Title' a misspelling of it? [schema/required]",
    ]
    # An unknown key that is not close to the missing one is not named.
    assert schema_lines(seed_with("title: ", "heading: ")) == [
        "a.md:2:1: error: missing required key 'title' [schema/required]",
    ]


def test_a_misspelt_key_inside_a_related_entry_is_an_unknown_key_and_the_missing_one_is_not_repeated():
    text = seed_with("    quality: 59\n", "    Quality: 59\n")
    assert schema_lines(text) == [
        "a.md:38:5: error: unknown key 'Quality'; did you mean 'quality'? [schema/additionalProperties]",
    ]
    text = seed_with('  - title: "China’s supreme', '  - titel: "China’s supreme')
    assert schema_lines(text) == [
        "a.md:28:5: error: unknown key 'titel'; did you mean 'title'? [schema/additionalProperties]",
        "a.md:28:5: error: missing required key 'title' [schema/required]",
    ]


RELATED_WEB_URL = (
    '    webUrl: "https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"\n'
)


def test_a_related_video_without_a_page_has_an_empty_web_url():
    # The feed's way of saying "no page" on related video entries (277 on three real sites).
    text = seed_with(RELATED_WEB_URL, '    webUrl: ""\n')
    text = text.replace(
        "    type: article\n    provider:\n      name: TechNode",
        "    type: video\n    provider:\n      name: TechNode",
        1,
    )
    assert "type: video" in text
    assert schema_lines(text) == []


@pytest.mark.parametrize(
    ("web_url", "expected"),
    [
        ('""', "a.md:31:13: error: '' is not an absolute http or https URL with a host [schema/pattern]"),
        (
            '"technode.com/x"',
            "a.md:31:13: error: 'technode.com/x' is not an absolute http or https URL with a host [schema/pattern]",
        ),
        ("7", "a.md:31:13: error: expected string, got integer 7 [schema/type]"),
    ],
)
def test_a_related_article_still_needs_a_real_web_url(web_url, expected):
    assert schema_lines(seed_with(RELATED_WEB_URL, f"    webUrl: {web_url}\n")) == [expected]


def test_a_video_item_without_web_url_but_with_its_player_is_accepted():
    text = seed_with(
        "type: article\n",
        'type: video\nfeaturedContent: "<iframe src=\\"https://www.youtube.com/embed/x\\"></iframe>"\n',
    )
    text = text.replace(
        'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"\n',
        "",
        1,
    )
    assert schema_lines(text) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "publishedDateTime: 2021-07-28T02:44:00Z",
            "publishDateTime: 2021-07-28T02:44:00Z",
            [
                "a.md:2:1: error: missing required key 'publishedDateTime'; is 'publishDateTime' a misspelling of it? [schema/required]"
            ],
        ),
        (
            "type: article\n",
            "type: podcast\n",
            ["a.md:8:7: error: 'podcast' is not one of 'article', 'video' [schema/enum]"],
        ),
        (
            "quality: 39\n",
            "quality: -1\n",
            ["a.md:9:10: error: -1 is out of range: must be at least 0 [schema/minimum]"],
        ),
        ("heat: -1\n", "heat: -5\n", ["a.md:10:7: error: -5 is out of range: must be at least -1 [schema/minimum]"]),
        (
            "publishedDateTime: 2021-07-28T02:44:00Z",
            "publishedDateTime: 2021-07-28",
            [
                "a.md:5:20: error: '2021-07-28' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]"
            ],
        ),
        (
            'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"',
            'webUrl: "www.bignewsnetwork.com/news/270478203"',
            [
                "a.md:7:9: error: 'www.bignewsnetwork.com/news/270478203' is not an absolute http or https URL with a host [schema/pattern]"
            ],
        ),
        (
            'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"',
            'webUrl: "https:///news/270478203"',
            [
                "a.md:7:9: error: 'https:///news/270478203' is not an absolute http or https URL with a host [schema/pattern]"
            ],
        ),
        (
            'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"',
            'webUrl: "https://www.bignewsnetwork.com/news/a\\tb"',
            [
                "a.md:7:9: error: 'https://www.bignewsnetwork.com/news/a\\tb' is not a valid absolute URL (IRI) [schema/format]"
            ],
        ),
        (
            "  domain: bignewsnetwork.com\n",
            "  domain: https://bignewsnetwork.com/\n",
            [
                "a.md:15:11: error: 'https://bignewsnetwork.com/' is not a host name such as example.com [schema/pattern]"
            ],
        ),
        (
            "    width: 630\n",
            "    width: 630.5\n",
            ["a.md:23:12: error: expected integer, got number 630.5 [schema/type]"],
        ),
        (
            'secured: "',
            'secured: "!',
            [
                "a.md:159:10: error: '!JMDHUpCSELhu+OFDaVRczuKn0N...w==;veXyQXw68/bMeVgQHLrX2g==' is not in the form <base64 ciphertext>;<base64 IV> [schema/pattern]"
            ],
        ),
    ],
)
def test_defects_are_rejected_at_the_offending_node(old, new, expected):
    assert schema_lines(seed_with(old, new)) == expected


def test_an_error_deep_inside_a_related_image_points_at_the_value():
    text = seed_with("        width: 1050\n", "        width: 0\n")
    assert schema_lines(text) == ["a.md:85:16: error: 0 is out of range: must be at least 1 [schema/minimum]"]
    record = {"images": [{"url": "https://a.example/x.jpg", "width": 0, "height": 1}]}
    assert [(d.rule, d.json_path) for d in validate_data(record) if d.json_path.startswith("$.images")] == [
        ("image-dimensions", "$.images[0].width"),
    ]


def test_several_schema_errors_on_one_value_give_one_diagnostic():
    text = seed_with(
        'webUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"',
        'webUrl: "htps//broken url"',
    )
    assert schema_lines(text) == [
        "a.md:7:9: error: 'htps//broken url' is not an absolute http or https URL with a host [schema/pattern]"
    ]


def test_the_amp_pair_must_come_together():
    text = seed_with(
        '    cdnAmpWebUrl: "https://technode-com.cdn.ampproject.org/c/s/technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"\n',
        "",
    )
    assert schema_lines(text) == [
        "a.md:32:5: error: 'ampWebUrl' requires 'cdnAmpWebUrl' alongside it [schema/dependentRequired]"
    ]


def test_a_video_needs_its_player():
    assert schema_lines(seed_with("type: article\n", "type: video\n")) == [
        "a.md:2:1: error: missing required key 'featuredContent' (required when type is 'video') [schema/required]",
    ]


def test_any_of_reports_the_deepest_useful_error(tmp_path):
    schema = tmp_path / "s.yaml"
    schema.write_text(
        "type: object\n"
        "properties:\n"
        "  media:\n"
        "    anyOf:\n"
        "      - type: string\n"
        "      - type: object\n"
        "        properties: {width: {type: integer}}\n",
        encoding="utf-8",
    )
    text = "---\nmedia:\n  width: wide\n---\n"
    from frontlint import lint_text

    assert [d.format() for d in lint_text(text, path="a.md", schema=str(schema))] == [
        "a.md:3:10: error: expected integer, got string 'wide' [schema/type]",
    ]


def test_iri_to_uri_percent_encodes_only_non_ascii():
    assert iri_to_uri("https://a.example/River’s®?q=é") == "https://a.example/River%E2%80%99s%C2%AE?q=%C3%A9"


def test_formats_are_asserted_not_just_annotated():
    schema = load_schema()
    assert schema.validator.format_checker is not None
    errors = [
        e
        for e in schema.validator.iter_errors({"publishedDateTime": "2021-02-30T00:00:00Z"})
        if e.validator == "format"
    ]
    assert [e.message for e in errors] == ["'2021-02-30T00:00:00Z' is not a 'date-time'"]


from hypothesis import given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_URL_ALPHABET = "abcXYZ019-._~!$&'()*+,;=:@/?#%[] \"<>{}|\\^`é\t"


@pytest.mark.slow
@hypothesis_settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["http://", "https://", "HTTP://", "ftp://", ""]), st.text(_URL_ALPHABET, max_size=40))
def test_the_quick_uri_test_never_accepts_what_rfc3986_rejects(scheme, rest):
    from rfc3986_validator import validate_rfc3986

    # Differential test (private name kept): pins the quick URI pattern, a fast path, to rfc3986-validator.
    from frontlint.schema.format_checkers import _PLAIN_URI

    url = scheme + rest
    if _PLAIN_URI.fullmatch(url):
        assert validate_rfc3986(url, rule="URI")


@pytest.mark.slow
@hypothesis_settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["http://", "https://", "ftp://", ""]), st.text(_URL_ALPHABET, max_size=40))
def test_the_iri_check_is_the_uri_check_of_the_percent_encoded_iri(scheme, rest):
    from frontlint.schema.format_checkers import FORMAT_FUNCTIONS

    url = scheme + rest
    assert FORMAT_FUNCTIONS["iri"](url) == FORMAT_FUNCTIONS["uri"](iri_to_uri(url))


# The quick URI pattern as first written, one alternation per character: the reference the
# faster, unrolled pattern must agree with.
_PCHAR_REFERENCE = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_PLAIN_URI_REFERENCE = (
    rf"https?://[A-Za-z0-9.\-]+(?::[0-9]*)?(?:/(?:{_PCHAR_REFERENCE}|/)*)?"
    rf"(?:\?(?:{_PCHAR_REFERENCE}|[/?])*)?(?:#(?:{_PCHAR_REFERENCE}|[/?])*)?"
)


@pytest.mark.slow
@hypothesis_settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "http://a.b", "https://x:80"]),
    st.text("aZ9-._~!$&'()*+,;=:@/?#%Ff0 é[", max_size=30),
)
def test_the_unrolled_quick_uri_pattern_matches_what_the_reference_matches(scheme, rest):
    import re

    # Differential test (private name kept): pins the unrolled quick URI pattern to the reference pattern above.
    from frontlint.schema.format_checkers import _PLAIN_URI

    url = scheme + rest
    assert bool(_PLAIN_URI.fullmatch(url)) == bool(re.fullmatch(_PLAIN_URI_REFERENCE, url))


def test_a_copy_of_the_contract_loaded_by_path_gets_the_fast_validator_and_the_same_output(tmp_path, monkeypatch):
    from frontlint.checking.engine import Linter
    from frontlint.schema.contract import Schema
    from frontlint.settings.resolved import Settings

    copy = tmp_path / "my-contract.json"
    copy.write_bytes(SCHEMA_FILE.read_bytes())
    bundled, own = load_schema(), load_schema(copy)
    assert own.compiled is not None and own.is_valid is not None
    fixtures = sorted((REPO / "tests" / "fixtures").glob("*/*.md"))
    assert len(fixtures) > 20

    def lines(schema):
        linter = Linter(schema, Settings(select=("schema",)))
        return [
            d.format()
            for path in fixtures
            for d in linter.lint_text(path.read_text(encoding="utf-8", errors="replace"), path.name)
        ]

    expected = lines(bundled)
    assert sum("[schema/" in line for line in expected) >= 20
    # Every file is judged and explained by jsonschema-rs: python-jsonschema is never built.
    monkeypatch.setattr(Schema, "validator", property(lambda self: pytest.fail(f"python-jsonschema used for {self}")))
    assert lines(own) == expected
