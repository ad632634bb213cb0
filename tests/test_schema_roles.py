"""Rules that read the schema: they find their fields by the schema's marks (x-frontlint-role) and formats, not by names."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.registry import check_for
from frontlint.settings.resolved import Settings
from helpers import FIXTURES, REPO, front_matter, run_cli

OTHER_SITE = FIXTURES / "other_site"
NOW = "2026-11-30T00:00:00Z"
ARTICLE_SCHEMA = json.loads((REPO / "schemas" / "article.schema.json").read_text(encoding="utf-8"))


def test_another_sites_schema_the_rules_report_only_the_planted_defects():
    # A site of another kind: nullable keys, an enum holding "", a Jekyll date, site-relative
    # URLs, the marks on other field names. The clean post gets nothing, the schema included.
    result = run_cli("--isolated", "--now", NOW, "--schema", "blog.schema.json", "_posts", cwd=OTHER_SITE)
    defects = "_posts/2020-10-03-defects.md"
    assert result.stdout.decode().splitlines() == [
        f"{defects}:2:8: warning: layout is empty (null): give it a value [empty-value]",
        f"{defects}:3:11: warning: headline contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
        f"{defects}:4:7: warning: lede has a run of 3 spaces: expected one line with single spaces and no leading or "
        "trailing whitespace [text-whitespace]",
        f"{defects}:6:7: warning: file name date 2020-10-03 differs from date 2020-10-09 11:00:00 +0000 (2020-10-09 "
        "in UTC): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
        f"{defects}:8:1: warning: unknown key 'transltor': did you mean 'translator'? [key-near-miss]",
        f"{defects}:10:9: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
        f"{defects}:12:8: error: URL contains a space at character 11: percent-encode it as %20 [url-syntax]",
        f"{defects}:13:10: error: image width 0 is not a positive integer number of pixels [image-dimensions]",
        f"{defects}:17:10: warning: image URL repeats the one on line 16 [image-duplicate]",
        f"{defects}:20:11: error: related entry links to the article itself (its href is the article's permalink) "
        "[related-self]",
        f"{defects}:24:11: warning: related entry repeats the href of the entry on line 22: remove one of them "
        "[related-duplicate]",
        "_posts/2031-01-01-future.md:3:7: warning: lede repeats the headline: expected a summary of the article "
        "[excerpt-boilerplate]",
        "_posts/2031-01-01-future.md:4:7: error: date 2031-01-01 is in the future: later than now "
        "(2026-11-30T00:00:00Z) plus 1d [date-future]",
    ]
    assert result.returncode == 1


def test_a_date_time_format_asks_for_rfc_3339_and_the_date_rules_leave_other_forms_to_the_schema(tmp_path):
    schema = {
        "type": "object",
        "properties": {"date": {"type": "string", "format": "date-time", "x-frontlint-role": "published"}},
    }
    text = front_matter("date: 2031-01-01 10:00:00 +0000")
    assert _lint(schema, text, "date-future", tmp_path) == []
    assert _lint(schema, text, "schema", tmp_path) == [
        "a.md:2:7: error: '2031-01-01 10:00:00 +0000' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) "
        "[schema/format]"
    ]
    lenient = {"type": "object", "properties": {"date": {"type": "string", "x-frontlint-role": "published"}}}
    assert _lint(lenient, text, "date-future", tmp_path) == [
        "a.md:2:7: error: date 2031-01-01 10:00:00 +0000 is in the future: later than now (2026-11-30T00:00:00Z) "
        "plus 1d [date-future]"
    ]


# Each role of the bundled contract: the keys renamed (to names of the same length, so that the
# columns stay), a front matter holding a defect only that role's rule finds, and its line.
RENAMES = {
    "title": "label",
    "excerpt": "summary",
    "publishedDateTime": "datePublishedTime",
    "webUrl": "target",
    "originalUrl": "upstreamUrl",
    "ampWebUrl": "mobileUrl",
    "cdnAmpWebUrl": "mobileCached",
    "images": "photos",
    "related": "similar",
    "domain": "origin",
    "secured": "payload",
}
ROLE_CASES = [
    (
        'published',
        'date-future',
        'publishedDateTime: 2031-07-28T02:44:00Z',
        'a.md:2:20: error: publishedDateTime 2031-07-28T02:44:00Z is in the future: later than now (2026-11-30T00:00:00Z) plus 1d [date-future]',
        'a.md:2:20: error: datePublishedTime 2031-07-28T02:44:00Z is in the future: later than now (2026-11-30T00:00:00Z) plus 1d [date-future]',
    ),
    (
        'page-url',
        'related-self',
        'webUrl: https://a.example/1\nrelated:\n  - webUrl: https://a.example/1',
        "a.md:4:13: error: related entry links to the article itself (its webUrl is the article's webUrl) [related-self]",
        "a.md:4:13: error: related entry links to the article itself (its target is the article's target) [related-self]",
    ),
    (
        'source-url',
        'related-self',
        'originalUrl: https://a.example/1\nrelated:\n  - webUrl: https://a.example/1',
        "a.md:4:13: error: related entry links to the article itself (its webUrl is the article's originalUrl) [related-self]",
        "a.md:4:13: error: related entry links to the article itself (its target is the article's upstreamUrl) [related-self]",
    ),
    (
        'amp-url',
        'amp-cache-url',
        'ampWebUrl: https://a.example/amp',
        "a.md:2:12: error: ampWebUrl has no cdnAmpWebUrl beside it: expected cdnAmpWebUrl: 'https://a-example.cdn.ampproject.org/c/s/a.example/amp' [amp-cache-url]",
        "a.md:2:12: error: mobileUrl has no mobileCached beside it: expected mobileCached: 'https://a-example.cdn.ampproject.org/c/s/a.example/amp' [amp-cache-url]",
    ),
    (
        'amp-cache-url',
        'amp-cache-url',
        'cdnAmpWebUrl: https://a-example.cdn.ampproject.org/c/s/a.example/amp',
        'a.md:2:15: error: cdnAmpWebUrl has no ampWebUrl beside it: expected both or neither [amp-cache-url]',
        'a.md:2:15: error: mobileCached has no mobileUrl beside it: expected both or neither [amp-cache-url]',
    ),
    (
        'title',
        'text-html',
        'title: "a &amp; b"',
        "a.md:2:8: warning: title contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
        "a.md:2:8: warning: label contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
    ),
    (
        'summary',
        'text-html',
        'excerpt: "a &amp; b"',
        "a.md:2:10: warning: excerpt contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
        "a.md:2:10: warning: summary contains HTML entity '&amp;' (write the character itself: '&') [text-html]",
    ),
    (
        'image',
        'image-dimensions',
        'images:\n  - url: https://a.example/1.png\n    width: 0\n    height: 1',
        'a.md:4:12: error: image width 0 is not a positive integer number of pixels [image-dimensions]',
        'a.md:4:12: error: image width 0 is not a positive integer number of pixels [image-dimensions]',
    ),
    (
        'related',
        'related-duplicate',
        'related:\n  - webUrl: https://a.example/1\n  - webUrl: https://a.example/1',
        'a.md:4:13: warning: related entry repeats the webUrl of the entry on line 3: remove one of them [related-duplicate]',
        'a.md:4:13: warning: related entry repeats the target of the entry on line 3: remove one of them [related-duplicate]',
    ),
    (
        'provider-domain',
        'provider-domain',
        'webUrl: https://b.example/1\nprovider:\n  domain: a.example',
        "a.md:2:9: warning: host 'b.example' is not 'a.example' or a subdomain of it (provider.domain) [provider-domain]",
        "a.md:2:9: warning: host 'b.example' is not 'a.example' or a subdomain of it (provider.origin) [provider-domain]",
    ),
    (
        'secured',
        'secured-format',
        'secured: "abc"',
        "a.md:2:10: error: secured is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
        "a.md:2:10: error: payload is not '<base64 ciphertext>;<base64 IV>': no ';' found [secured-format]",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "rule", "yaml_text", "line", "renamed_line"), ROLE_CASES, ids=[case[0] for case in ROLE_CASES]
)
def test_each_rule_follows_the_mark_to_a_renamed_field_and_not_the_name(
    role, rule, yaml_text, line, renamed_line, tmp_path
):
    assert _lint(ARTICLE_SCHEMA, front_matter(yaml_text), rule, tmp_path) == [line]
    renamed_schema, renamed_text = _renamed(ARTICLE_SCHEMA), _renamed_text(yaml_text)
    assert renamed_text != yaml_text
    assert _lint(renamed_schema, front_matter(renamed_text), rule, tmp_path) == [renamed_line]
    # The same schema without the mark: the rule no longer finds the field, whatever its name.
    assert _lint(_without_role(renamed_schema, role), front_matter(renamed_text), rule, tmp_path) == []


def test_the_roles_of_the_bundled_contract_are_each_tested_here():
    marked = set()
    _walk(ARTICLE_SCHEMA, lambda node: marked.add(node.get("x-frontlint-role")) if isinstance(node, dict) else None)
    assert marked - {None} == {case[0] for case in ROLE_CASES}


def _lint(schema_document: dict[str, Any], text: str, rule: str, folder: Path) -> list[str]:
    schema_file = folder / "schema.json"
    schema_file.write_text(json.dumps(schema_document), encoding="utf-8")
    now = datetime.fromisoformat(NOW.replace("Z", "+00:00"))
    checks = [check_for(rule)] if check_for(rule) is not None else []
    linter = Linter(load_schema(schema_file), Settings(select=(rule,), now=now), rules=checks)
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]


def _renamed_text(text: str) -> str:
    for old, new in RENAMES.items():
        text = text.replace(old, new)
    return text


def _renamed(document: Any) -> Any:
    """The schema with every key of :data:`RENAMES` renamed where it names a property."""
    if isinstance(document, list):
        return [_renamed(item) for item in document]
    if not isinstance(document, dict):
        return document
    renamed = {}
    for key, value in document.items():
        if key in ("properties", "dependentRequired") and isinstance(value, dict):
            renamed[key] = {RENAMES.get(name, name): _renamed(each) for name, each in value.items()}
        elif key == "required" or (key in RENAMES.values() and isinstance(value, list)):
            renamed[key] = [RENAMES.get(name, name) for name in value]
        else:
            renamed[key] = _renamed(value)
    if "dependentRequired" in renamed:
        renamed["dependentRequired"] = {
            name: [RENAMES.get(each, each) for each in names] for name, names in renamed["dependentRequired"].items()
        }
    return renamed


def _without_role(document: Any, role: str) -> Any:
    document = copy.deepcopy(document)
    _walk(
        document,
        lambda node: (
            node.pop("x-frontlint-role") if isinstance(node, dict) and node.get("x-frontlint-role") == role else None
        ),
    )
    return document


def _walk(node: Any, visit: Any) -> None:
    visit(node)
    for child in node.values() if isinstance(node, dict) else node if isinstance(node, list) else ():
        _walk(child, visit)
