"""The field plan: what a schema says of each place in the data, compiled once, whatever the schema holds."""

from __future__ import annotations

import json

from frontlint import load_schema
from frontlint.rule_support.article_view import ArticleView
from frontlint.schema.contract import schema_from_document
from frontlint.schema.field_plan import EMPTY_PLAN, MAX_PLANS, ROLE_KEYWORD, ROLES, compile_plan
from frontlint.schema.loading import reference_targets
from helpers import REPO, run_cli


def test_roles_and_formats_come_through_references_to_other_files_and_in_place_keywords(tmp_path):
    (tmp_path / "common.json").write_text(
        json.dumps({"$defs": {"link": {"type": "string", "format": "uri-reference", "x-frontlint-role": "page-url"}}})
    )
    (tmp_path / "post.json").write_text(
        json.dumps(
            {
                "type": "object",
                "properties": {
                    "link": {"$ref": "common.json#/$defs/link"},
                    "when": {"anyOf": [{"type": "null"}, {"format": "date", "x-frontlint-role": "published"}]},
                    "extra": {"if": {"x-frontlint-role": "title"}, "then": {"format": "iri"}},
                },
                "patternProperties": {
                    "^see_": {"type": "array", "x-frontlint-role": "related", "items": {"$ref": "#"}}
                },
                "additionalProperties": {"allOf": [{"format": "uri"}]},
            }
        )
    )
    plan = load_schema(tmp_path / "post.json").field_plan
    assert plan.at(["link"]).roles == {"page-url"} and plan.at(["link"]).formats == {"uri-reference"}
    assert plan.at(["when"]).roles == {"published"} and plan.at(["when"]).allows_null
    assert plan.at(["extra"]).roles == set() and plan.at(["extra"]).formats == {"iri"}  # "if" describes no value
    assert plan.at(["see_also", 0, "link"]).roles == {"page-url"}  # the items refer to the root: the same plan
    assert plan.at(["see_also", 0, "see_more", 0]) is plan.at(["see_also", 0])  # made once, not once per level
    assert plan.at(["anything"]).formats == {"uri"}
    view = ArticleView({"link": "/a/", "see_also": [{"link": "/b/"}], "other": "x"}, plan)
    assert [(entry.path, entry.role("page-url")) for entry in view.entries] == [
        ((), (("link",), "/a/")),
        (("see_also", 0), (("see_also", 0, "link"), "/b/")),
    ]
    assert view.url_fields == ((("link",), "/a/"), (("other",), "x"), (("see_also", 0, "link"), "/b/"))
    assert view.reference_paths == {("link",), ("see_also", 0, "link")}


def test_a_schema_that_refers_to_itself_is_walked_as_deep_as_the_data_and_no_deeper():
    schema = schema_from_document(
        {
            "$ref": "#/$defs/node",
            "$defs": {"node": {"properties": {"url": {"format": "uri"}, "child": {"$ref": "#/$defs/node"}}}},
        }
    )
    data: dict = {"url": "u0"}
    node = data
    for depth in range(1, 60):
        node["child"] = node = {"url": f"u{depth}"}
    view = ArticleView(data, schema.field_plan)
    assert [value for _, value in view.url_fields] == [f"u{depth}" for depth in range(60)]


def test_a_huge_or_strange_schema_is_planned_within_its_limits_and_never_raises():
    wide = {
        "properties": {f"k{index}": {"anyOf": [{"format": "uri"}, {"properties": {"x": {}}}]} for index in range(3000)}
    }
    plan = schema_from_document(wide).field_plan
    assert plan.at(["k0"]).formats == {"uri"}
    assert plan.at(["k2999"]) is not None  # past MAX_PLANS places, what is left is planned as empty
    assert len(wide["properties"]) > MAX_PLANS
    strange = {
        "properties": {
            "a": {"x-frontlint-role": 5, "format": "no-such-format", "enum": [None, [], {}]},
            "b": {"x-frontlint-role": "publshed", "items": True, "prefixItems": [True, {"format": "date"}]},
        },
        "additionalProperties": True,
        "allOf": [{"properties": {"a": {"x-frontlint-role": "title"}}}],
    }
    # Loading refuses marks that are not roles (tested below); the planner, given them anyway, ignores them.
    plan = compile_plan(strange, reference_targets(strange, {}), lambda pattern: lambda key: False)
    assert plan.at(["a"]).roles == {"title"} and plan.at(["a"]).formats == {"no-such-format"}
    assert plan.at(["a"]).allows_null
    assert (
        plan.at(["b"]).roles == set() and plan.at(["b", 1]).formats == {"date"} and plan.at(["b", 0]).formats == set()
    )
    for data in (None, 3, "x", [], {"a": {"a": []}}, {"b": [[], {}, None]}):
        assert ArticleView(data, plan).fields is not None


def test_the_vocabulary_meta_schema_lists_every_role_and_checks_a_schema_offline():
    # deferred: python-jsonschema is what an editor's validation stands for here
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    meta = json.loads((REPO / "schemas" / "frontlint-vocabulary.schema.json").read_text(encoding="utf-8"))
    assert meta["properties"][ROLE_KEYWORD]["enum"] == list(ROLES)
    assert len(meta["properties"][ROLE_KEYWORD]["enumDescriptions"]) == len(ROLES)
    standard = [(uri, DRAFT202012.create_resource(each)) for uri, each in _standard_meta_schemas()]
    registry = Registry().with_resources([*standard, (meta["$id"], Resource.from_contents(meta))])
    validator = jsonschema.Draft202012Validator(meta, registry=registry)
    article = json.loads((REPO / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(article)) == []
    misspelt = {"$defs": {"a": {"properties": {"b": {"x-frontlint-role": "publshed"}}}}}
    assert [error.message for error in validator.iter_errors(misspelt)] == [f"'publshed' is not one of {list(ROLES)}"]


def _standard_meta_schemas():
    # deferred: jsonschema_specifications holds the standard meta-schemas, offline
    from jsonschema_specifications import REGISTRY

    return [(uri, REGISTRY.contents(uri)) for uri in REGISTRY if "2020-12" in uri]


def test_the_readme_documents_every_role_in_its_table():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### How rules find their fields") :]
    rows = [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]
    assert rows[: len(ROLES)] == list(ROLES)


def test_a_small_schema_that_refers_to_its_large_part_from_many_places_stops_at_the_step_budget():
    # 3,000 places each refer to a part with 20,000 properties: planned in full, 60 million places.
    large = {f"p{index}": {"type": "string"} for index in range(20000)}
    document = {
        "$defs": {"large": {"properties": large}},
        "properties": {f"k{index}": {"$ref": "#/$defs/large"} for index in range(3000)},
    }
    plan = compile_plan(document, reference_targets(document, {}), lambda pattern: lambda key: False)
    assert plan.at(["k0", "p0"]) is not None
    assert plan.at(["k2999", "p0"]) is None  # past the budget: nothing is said of the last places
    assert plan.at(["k2999"]) is EMPTY_PLAN


def _schema_with(date_schema: dict, **extra: object) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"date": date_schema, **extra},
    }


def test_a_mark_that_is_not_a_role_stops_the_run_naming_it_and_the_nearest_role(tmp_path):
    """A misspelt mark would turn its rules off without a word: the run refuses the schema instead."""
    (tmp_path / "s.json").write_text(json.dumps(_schema_with({"type": "string", ROLE_KEYWORD: "publised"})))
    (tmp_path / "a.md").write_text("---\ndate: 2020-01-01\n---\n")
    result = run_cli("--isolated", "--schema", "s.json", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        2,
        b"",
        "frontlint: error: s.json: properties/date/x-frontlint-role: 'publised' is not a role frontlint knows; "
        "did you mean 'published'?\n",
    )


def test_a_mark_that_is_not_a_string_is_named_with_its_type_and_the_roles_listed():
    from frontlint.schema.role_marks import unknown_role_mark

    assert unknown_role_mark({"items": [{ROLE_KEYWORD: 7}]}) == (
        "items/0/x-frontlint-role: int 7 is not a role frontlint knows; the roles are " + ", ".join(ROLES)
    )


def test_a_property_named_like_the_keyword_and_data_holding_it_are_not_marks():
    from frontlint.schema.role_marks import unknown_role_mark

    schema = _schema_with(
        {"type": "string", ROLE_KEYWORD: "published", "examples": [{ROLE_KEYWORD: "anything"}]},
        **{ROLE_KEYWORD: {"type": "string"}, "kind": {"const": {ROLE_KEYWORD: "x"}, "enum": [{ROLE_KEYWORD: "y"}]}},
    )
    assert unknown_role_mark(schema) is None
    schema_from_document(schema, "s.json")  # a schema given as data is checked the same way: it passes
