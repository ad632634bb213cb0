"""Issue 21: every fix offered passes the check ``--fix`` makes before it writes one.

A diagnostic's fix (the ``fix`` of JSON output, SARIF ``fixes``, "fixable with --fix" in the
summary, the editor's quick fix) is offered only when the read-back of ``--fix``
(:func:`frontlint.editing.read_back.fixes_hold`) keeps it: a fix that would rename a mapping key
(an anchored value also used as a key through an alias) or grow the front matter past
``max-front-matter-bytes`` is reported without one. The safe cases next to them keep their fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Edit, Fix
from frontlint.reading.limits import Limits
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, run_cli

TRIM = "trim the ends and make every run of whitespace a single space"
TRAILING = "title has trailing whitespace: expected one line with single spaces and no leading or trailing whitespace"
WHITESPACE_CONFIG = "select = ['text-whitespace']\n[rules.text-whitespace]\ncheck-ends-and-double-spaces = true\n"
# The anchored title is also a key of ``m`` through an alias: fixing it would rename that key to "Foo",
# which ``m`` already holds (a duplicate key: one value lost), or rename it alone (a key changed).
KEY_MADE_DUPLICATE = '---\ntitle: &t "Foo "\nm:\n  *t : x\n  Foo: y\n---\n'
KEY_RENAMED = '---\ntitle: &t "Foo "\nm:\n  *t : x\n---\n'
# The same anchored title used as a value only: its one fix, at the anchor, is safe.
ALIAS_AS_VALUE = '---\ntitle: &t "Foo "\nm:\n  x: *t\n---\n'
TITLE_FINGERPRINT = "e45f6e12bedec98249df17547366e927"

# 32 bytes of front matter; percent-encoding its 3 spaces makes it 38.
URL_TEXT = "---\nwebUrl: 'https://a.com/a b c d'\n---\nbody\n"
URL_FIXED = "'https://a.com/a%20b%20c%20d'"
URL_HELP = (
    "the fix trims the URL, deletes invisible characters, percent-encodes spaces and control characters, "
    "and writes '&' for an HTML reference to it"
)
URL_MESSAGE = "URL contains a space at character 16: percent-encode it as %20"
URL_FINGERPRINT = "8de16034bf080b4ab687b96dffb9c8cc"


def lint(tmp_path: Path, text: str, config: str, *options: str) -> tuple[str, str]:
    """Run the real command on a file ``a.md`` holding ``text`` under ``config``: its stdout and stderr."""
    (tmp_path / "a.md").write_bytes(text.encode("utf-8"))
    (tmp_path / "frontlint.toml").write_text(config, encoding="utf-8")
    result = run_cli(*options, "a.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def fixed_by_the_command(tmp_path: Path, text: str, config: str) -> tuple[str, str]:
    """What ``--fix`` writes into ``a.md`` holding ``text``, and its summary."""
    _, stderr = lint(tmp_path, text, config, "--fix")
    return (tmp_path / "a.md").read_text(encoding="utf-8"), stderr


def json_document(diagnostic: dict[str, Any]) -> dict[str, Any]:
    """The whole JSON output of one file with one diagnostic."""
    return {"version": 1, "tool": {"name": "frontlint", "version": "0.1.0"}, "files": 1, "diagnostics": [diagnostic]}


def title_diagnostic(fix: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON record of the title's trailing space, with ``fix``."""
    return {
        "path": "a.md",
        "line": 2,
        "column": 8,
        "end_line": 2,
        "end_column": 17,
        "severity": "warning",
        "rule": "text-whitespace",
        "message": TRAILING,
        "json_path": "$.title",
        "help": TRIM,
        "fix": fix,
        "fingerprint": TITLE_FINGERPRINT,
    }


TITLE_FIX = {
    "description": TRIM,
    "edits": [{"line": 2, "column": 11, "end_line": 2, "end_column": 17, "content": '"Foo"'}],
}


@pytest.mark.parametrize("text", [KEY_MADE_DUPLICATE, KEY_RENAMED], ids=["duplicate", "renamed"])
def test_a_fix_that_would_change_a_key_through_an_alias_is_not_offered(tmp_path, text):
    stdout, stderr = lint(tmp_path, text, WHITESPACE_CONFIG, "--format", "json")
    assert json.loads(stdout) == json_document(title_diagnostic(None))
    assert stderr == "0 errors, 1 warning in 1 of 1 file\n"  # not "1 fixable with --fix"
    assert fixed_by_the_command(tmp_path, text, WHITESPACE_CONFIG) == (
        text,
        "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n",
    )


def test_the_same_anchored_value_used_as_a_value_keeps_its_fix(tmp_path):
    stdout, stderr = lint(tmp_path, ALIAS_AS_VALUE, WHITESPACE_CONFIG, "--format", "json")
    assert json.loads(stdout) == json_document(title_diagnostic(TITLE_FIX))
    assert stderr == "0 errors, 1 warning in 1 of 1 file; 1 fixable with --fix\n"
    assert fixed_by_the_command(tmp_path, ALIAS_AS_VALUE, WHITESPACE_CONFIG) == (
        '---\ntitle: &t "Foo"\nm:\n  x: *t\n---\n',
        "fixed 1 problem in 1 file; no problems found in 1 file\n",
    )


def url_diagnostic(fix: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON record of the URL's spaces, with ``fix``."""
    return {
        "path": "a.md",
        "line": 2,
        "column": 9,
        "end_line": 2,
        "end_column": 32,
        "severity": "error",
        "rule": "url-syntax",
        "message": URL_MESSAGE,
        "json_path": "$.webUrl",
        "help": URL_HELP,
        "fix": fix,
        "fingerprint": URL_FINGERPRINT,
    }


URL_FIX = {
    "description": URL_HELP,
    "edits": [{"line": 2, "column": 9, "end_line": 2, "end_column": 32, "content": URL_FIXED}],
}


def size_config(limit: int) -> str:
    """Only ``url-syntax``, with front matter of at most ``limit`` bytes."""
    return f"max-front-matter-bytes = {limit}\nselect = ['url-syntax']\n"


def test_a_fix_that_would_grow_the_front_matter_past_the_limit_is_not_offered(tmp_path):
    stdout, stderr = lint(tmp_path, URL_TEXT, size_config(37), "--format", "json")
    assert json.loads(stdout) == json_document(url_diagnostic(None))
    assert stderr == "1 error, 0 warnings in 1 of 1 file\n"
    assert fixed_by_the_command(tmp_path, URL_TEXT, size_config(37)) == (
        URL_TEXT,
        "fixed 0 problems; 1 error, 0 warnings in 1 of 1 file\n",
    )


def test_a_fix_that_reaches_the_limit_exactly_is_offered(tmp_path):
    stdout, stderr = lint(tmp_path, URL_TEXT, size_config(38), "--format", "json")
    assert json.loads(stdout) == json_document(url_diagnostic(URL_FIX))
    assert stderr == "1 error, 0 warnings in 1 of 1 file; 1 fixable with --fix\n"
    assert fixed_by_the_command(tmp_path, URL_TEXT, size_config(38)) == (
        URL_TEXT.replace("'https://a.com/a b c d'", URL_FIXED),
        "fixed 1 problem in 1 file; no problems found in 1 file\n",
    )


def sarif_results(tmp_path: Path, text: str, config: str) -> dict[str, Any]:
    """The SARIF run of ``a.md`` holding ``text``, all but the tool's rule metadata."""
    stdout, _ = lint(tmp_path, text, config, "--format", "sarif")
    run = json.loads(stdout)["runs"][0]
    return {key: value for key, value in run.items() if key != "tool"}


def sarif_result(rule: str, index: int, level: str, message: str, region: dict[str, int], path: str) -> dict[str, Any]:
    """One SARIF result in ``a.md``, without fixes."""
    return {
        "ruleId": rule,
        "ruleIndex": index,
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "a.md", "uriBaseId": "%SRCROOT%"},
                    "region": region,
                },
                "logicalLocations": [{"fullyQualifiedName": path}],
            }
        ],
        "partialFingerprints": {"frontlint/v1": TITLE_FINGERPRINT if rule == "text-whitespace" else URL_FINGERPRINT},
    }


def sarif_fix(description: str, region: dict[str, int], content: str) -> list[dict[str, Any]]:
    """A SARIF ``fixes`` list of one replacement in ``a.md``."""
    change = {
        "artifactLocation": {"uri": "a.md", "uriBaseId": "%SRCROOT%"},
        "replacements": [{"deletedRegion": region, "insertedContent": {"text": content}}],
    }
    return [{"description": {"text": description}, "artifactChanges": [change]}]


TITLE_REGION = {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 17}
URL_REGION = {"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 32}


def test_sarif_has_no_fixes_for_a_fix_that_would_change_a_key(tmp_path):
    title = sarif_result("text-whitespace", 10, "warning", TRAILING, TITLE_REGION, "$.title")
    assert sarif_results(tmp_path, KEY_MADE_DUPLICATE, WHITESPACE_CONFIG) == {
        "columnKind": "unicodeCodePoints",
        "results": [{**title, "properties": {"help": TRIM}}],
    }
    fix = sarif_fix(TRIM, {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 17}, '"Foo"')
    assert sarif_results(tmp_path, ALIAS_AS_VALUE, WHITESPACE_CONFIG) == {
        "columnKind": "unicodeCodePoints",
        "results": [{**title, "fixes": fix, "properties": {"help": TRIM}}],
    }


def test_sarif_has_no_fixes_for_a_fix_past_the_size_limit(tmp_path):
    url = sarif_result("url-syntax", 0, "error", URL_MESSAGE, URL_REGION, "$.webUrl")
    assert sarif_results(tmp_path, URL_TEXT, size_config(37)) == {
        "columnKind": "unicodeCodePoints",
        "results": [{**url, "properties": {"help": URL_HELP}}],
    }
    assert sarif_results(tmp_path, URL_TEXT, size_config(38)) == {
        "columnKind": "unicodeCodePoints",
        "results": [{**url, "fixes": sarif_fix(URL_HELP, URL_REGION, URL_FIXED), "properties": {"help": URL_HELP}}],
    }


# --- the library: the same diagnostics, without the command ----------------------------------


def library_linter(select: str, limit: int = Limits().max_front_matter_bytes) -> Linter:
    """A linter of only ``select``, text-whitespace checking ends, front matter of at most ``limit`` bytes."""
    options = {"text-whitespace": {"check-ends-and-double-spaces": True}}
    settings = Settings(
        select=(select,), rule_options=options, now=FIXED_NOW, limits=Limits(max_front_matter_bytes=limit)
    )
    return Linter(load_schema(), settings)


@pytest.mark.parametrize(
    ("text", "select", "limit", "fix"),
    [
        (KEY_MADE_DUPLICATE, "text-whitespace", 65536, None),
        (KEY_RENAMED, "text-whitespace", 65536, None),
        (ALIAS_AS_VALUE, "text-whitespace", 65536, Fix(TRIM, (Edit(2, 11, 2, 17, '"Foo"'),), "Foo")),
        (URL_TEXT, "url-syntax", 37, None),
        (URL_TEXT, "url-syntax", 38, Fix(URL_HELP, (Edit(2, 9, 2, 32, URL_FIXED),), "https://a.com/a%20b%20c%20d")),
    ],
    ids=["duplicate", "renamed", "alias-as-value", "past-the-limit", "at-the-limit"],
)
def test_lint_text_attaches_a_fix_only_where_fix_would_make_it(text, select, limit, fix):
    diagnostics = library_linter(select, limit).lint_text(text, "a.md")
    assert [(diagnostic.rule, diagnostic.fix) for diagnostic in diagnostics] == [(select, fix)]
