"""``frontlint schema [NAME]``, and a schema of one's own that uses the bundled contract as a base by its ``$id``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlint.schema.contract import load_schema, schema_from_document
from helpers import REPO, run_cli

ARTICLE_ID = "https://frontlint.dev/schemas/article.schema.json"


def test_schema_lists_the_bundled_schemas_and_prints_one_as_shipped() -> None:
    listing = run_cli("schema")
    assert listing.stdout.decode().splitlines() == [f"article  {ARTICLE_ID}  News article front matter"]
    printed = run_cli("schema", "article")
    assert (printed.returncode, printed.stdout) == (0, (REPO / "schemas" / "article.schema.json").read_bytes())
    unknown = run_cli("schema", "event")
    assert (unknown.returncode, unknown.stderr.decode()) == (
        2,
        "frontlint: error: no bundled schema named 'event' (bundled: article)\n",
    )
    assert (
        run_cli("schema", "a", "b").stderr.decode()
        == "usage: frontlint schema [NAME] (without NAME: the bundled schemas)\n"
    )


# Extending: every key of the contract, and a layout of the site's own, shorter titles.
EXTENDED = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "allOf": [{"$ref": ARTICLE_ID}],
    "properties": {"layout": {"enum": ["post"]}, "title": {"maxLength": 20}},
    "required": ["layout"],
}
# Relaxing: the contract's own definitions, picked by JSON pointer, none of its required keys.
RELAXED = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "title": {"$ref": f"{ARTICLE_ID}#/properties/title"},
        "publishedDateTime": {"$ref": f"{ARTICLE_ID}#/$defs/dateTime"},
        "provider": {"$ref": f"{ARTICLE_ID}#/$defs/provider"},
    },
    "required": ["title"],
}
PARTIAL = '---\ntitle: "A title far longer than twenty"\npublishedDateTime: "tuesday"\nprovider:\n  name: 3\n---\n'


def _site(tmp_path: Path) -> Path:
    (tmp_path / "extended.schema.json").write_text(json.dumps(EXTENDED))
    (tmp_path / "relaxed.schema.json").write_text(json.dumps(RELAXED))
    (tmp_path / "a.md").write_text(PARTIAL)
    return tmp_path


def test_a_schema_extends_the_bundled_contract_by_its_id_offline(tmp_path) -> None:
    site = _site(tmp_path)
    result = run_cli("--isolated", "--select", "schema", "--schema", "extended.schema.json", "a.md", cwd=site)
    assert result.stdout.decode().splitlines() == [
        "a.md:2:1: error: missing required key 'category' [schema/required]",
        "a.md:2:1: error: missing required key 'excerpt' [schema/required]",
        "a.md:2:1: error: missing required key 'layout' [schema/required]",
        "a.md:2:1: error: missing required key 'secured' [schema/required]",
        "a.md:2:1: error: missing required key 'topics' [schema/required]",
        "a.md:2:1: error: missing required key 'type' [schema/required]",
        "a.md:2:8: error: must have at most 20 characters, has 30 [schema/maxLength]",
        "a.md:3:20: error: 'tuesday' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
        "a.md:5:3: error: missing required key 'domain' [schema/required]",
        "a.md:5:9: error: expected string, got integer 3 [schema/type]",
    ]


def test_a_schema_relaxes_the_bundled_contract_by_referencing_its_parts(tmp_path) -> None:
    site = _site(tmp_path)
    result = run_cli("--isolated", "--select", "schema", "--schema", "relaxed.schema.json", "a.md", cwd=site)
    assert result.stdout.decode().splitlines() == [
        "a.md:3:20: error: 'tuesday' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
        "a.md:5:3: error: missing required key 'domain' [schema/required]",
        "a.md:5:9: error: expected string, got integer 3 [schema/type]",
    ]


@pytest.mark.parametrize("document", [EXTENDED, RELAXED])
def test_the_compiled_check_resolves_the_bundled_id_offline_and_agrees_with_python_jsonschema(
    tmp_path, document
) -> None:
    path = tmp_path / "own.schema.json"
    path.write_text(json.dumps(document))
    for schema in (load_schema(path), schema_from_document(document)):
        assert schema.compiled is not None and list(schema.resources or {}) == [ARTICLE_ID]
        data = {"title": "x" * 30, "publishedDateTime": "tuesday", "provider": {"name": 3}}
        compiled = schema.compiled.errors(data)
        assert compiled is not None  # placed by the fast path, not handed to python-jsonschema
        expected = sorted((error.validator, list(error.absolute_path)) for error in schema.validator.iter_errors(data))
        assert sorted((error.validator, list(error.absolute_path)) for error in compiled) == expected


def test_a_reference_to_another_url_is_still_refused(tmp_path) -> None:
    path = tmp_path / "own.schema.json"
    path.write_text(json.dumps({"$ref": "https://frontlint.dev/schemas/event.schema.json"}))
    (tmp_path / "a.md").write_text(PARTIAL)
    result = run_cli("--isolated", "--schema", str(path), str(tmp_path / "a.md"))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"frontlint: error: {path}: $ref 'https://frontlint.dev/schemas/event.schema.json' is not allowed: "
        "only files beside the schema can be referenced\n"
    )
