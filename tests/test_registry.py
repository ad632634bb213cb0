"""The registry of checks is the one list of every id a diagnostic can carry."""

import pkgutil

import frontlint.rules
from frontlint.diagnostic import Severity
from frontlint.registry import (
    ALL_CHECKS,
    ALWAYS_ON,
    FILE_RULES,
    RUN_RULES,
    SCHEMA_KEYWORDS,
    check_for,
    known_ids,
)
from frontlint.rule_support.base import Check
from frontlint.settings.resolved import Settings
from helpers import front_matter, lint_lines


def test_rules_holds_only_rule_modules_each_in_the_registry_once():
    modules = {info.name for info in pkgutil.iter_modules(frontlint.rules.__path__)}
    registered = [check.id.replace("-", "_") for check in (*FILE_RULES, *RUN_RULES)]
    unnamed = sorted(modules - set(registered))
    assert unnamed == [], f"add _file_rule(NAME) (or _run_rule) for {unnamed} to frontlint/registry.py"
    assert sorted(registered) == sorted(modules)


def test_ids_are_unique_and_every_kind_is_known():
    ids = [check.id for check in ALL_CHECKS]
    assert len(ids) == len(set(ids))
    assert {check.kind for check in ALL_CHECKS} == {"file", "run", "reader", "family"}
    assert all(check.check is not None for check in FILE_RULES)
    assert all(check.check is None for check in ALL_CHECKS if check.kind != "file")


def test_always_on_ids_are_the_checks_whose_page_says_always_shown():
    assert {check.id for check in ALL_CHECKS if "Always shown" in check.doc} == ALWAYS_ON
    assert {
        "encoding",
        "yaml-syntax",
        "front-matter-unclosed",
        "front-matter-too-large",
        "yaml-depth-limit",
        "yaml-alias-limit",
        "json-syntax",
        "toml-syntax",
        "toml-depth-limit",
    } == ALWAYS_ON
    assert all(Settings(select=("url-syntax",), ignore=("ALL",)).is_selected(rule_id) for rule_id in ALWAYS_ON)


def test_lookup_gives_the_family_for_a_schema_keyword_and_none_for_an_unknown_id():
    assert check_for("schema/enum") is check_for("schema") is ALL_CHECKS[-1]
    assert check_for("url-syntax").kind == "file"
    assert check_for("duplicate-article").kind == "run"
    assert check_for("yaml-tag").kind == "reader"
    assert check_for("url") is None and check_for("schemas/enum") is None


def test_known_ids_name_every_check_and_every_schema_keyword():
    ids = known_ids()
    assert len(ids) == len(set(ids))
    assert set(ids) == {c.id for c in ALL_CHECKS if c.kind != "family"} | {f"schema/{k}" for k in SCHEMA_KEYWORDS}


def test_every_id_the_engine_emits_is_known():
    texts = [
        "no front matter\n",
        "---\ntitle: a\n",
        "---\ntitle: [\n---\n",
        b"---\ntitle: \xff\n---\n".decode("latin-1"),
        front_matter("title: a\ntitle: b\n1: x\nv: !tag x\nwebUrl: http://x  # frontlint: ignore[url-syntax]"),
        front_matter("title: x  # frontlint: ignroe"),
    ]
    emitted = {line.rpartition("[")[2].rstrip("]") for text in texts for line in lint_lines(text, select=["ALL"])}
    assert {
        "front-matter-missing",
        "front-matter-unclosed",
        "yaml-syntax",
        "yaml-duplicate-key",
        "yaml-key-type",
        "yaml-tag",
        "unused-ignore",
        "invalid-ignore",
        "url-insecure",
        "schema/required",
    } <= emitted
    assert all(check_for(rule_id) is not None for rule_id in emitted)


def test_a_generic_rule_is_declared_in_its_registry_line():
    assert [check.id for check in FILE_RULES if check.generic] == ["empty-value"]


def test_a_check_s_defaults_are_its_declared_options():
    assert check_for("image-dimensions").defaults() == {"max-pixels": 20000, "max-aspect-ratio": 10}
    assert Check("x", check_for("url-syntax").severity, "X.", "reader").defaults() == {}


def test_a_diagnostic_s_default_severity_is_the_registry_s(monkeypatch):
    """Reader checks, the schema family and the suppression checks take their severity from their records."""
    import frontlint.registry as registry
    from frontlint import lint_text

    by_id = dict(registry._BY_ID)  # the registry's own table, changed for this test only
    by_id["yaml-duplicate-key"] = by_id["yaml-duplicate-key"]._replace(severity=Severity.WARNING)
    by_id["unused-ignore"] = by_id["unused-ignore"]._replace(severity=Severity.ERROR)
    monkeypatch.setattr(registry, "_BY_ID", by_id)
    monkeypatch.setattr(registry, "SCHEMA_FAMILY", registry.SCHEMA_FAMILY._replace(severity=Severity.WARNING))
    text = "---\ntitle: a\ntitle: b\nquality: x  # frontlint: ignore[url-syntax]\n---\n"
    lines = [d.format() for d in lint_text(text, path="a.md", schema="article") if d.rule != "schema/required"]
    assert lines == [
        "a.md:3:1: warning: duplicate key 'title': first defined on line 2; YAML readers silently keep only the last value"
        " [yaml-duplicate-key]",
        "a.md:4:10: warning: expected integer, got string 'x' [schema/type]",
        "a.md:4:13: error: unused suppression: no 'url-syntax' diagnostic on this line to silence [unused-ignore]",
    ]
