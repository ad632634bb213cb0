"""Configuration files: discovery, every key, and clear errors for bad ones."""

import pytest

from frontlint.config.loading import ConfigError, config_in_folder, load_config
from helpers import REPO, run_cli

ARTICLE = '---\nwebUrl: "http://a.example/x y"\nquality: -1\n---\n'


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_tool_section_is_found_upward_from_the_linted_files(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.frontlint]\nselect = ["schema/minimum"]\n')
    write(tmp_path / "site" / "_news" / "a.md", ARTICLE)
    result = run_cli("site/_news/a.md", cwd=tmp_path)
    assert (
        result.stdout.decode()
        == "site/_news/a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    )


def test_frontlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.frontlint]\nselect = ["schema"]\n')
    write(tmp_path / "frontlint.toml", 'select = ["url-insecure"]\n')
    assert config_in_folder(tmp_path) == tmp_path / "frontlint.toml"


def test_a_pyproject_without_the_section_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.frontlint]\nselect = ["schema"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert config_in_folder(tmp_path / "sub") is None
    assert config_in_folder(tmp_path) == tmp_path / "pyproject.toml"


def test_every_key_is_read(tmp_path):
    config = write(
        tmp_path / "frontlint.toml",
        """
select = ["schema", "url"]
extend-select = ["text-html"]
ignore = ["schema/required"]
exclude = ["_drafts/*"]
schema = "contract.json"
now = "2024-01-01T00:00:00Z"
[per-file-ignores]
"legacy/*.md" = ["url-insecure"]
[rules.url-insecure]
severity = "error"
[rules.text-html]
severity = "off"
""",
    )
    settings = load_config(config)
    assert settings.select == ("schema", "url")
    assert settings.extend_select == ("text-html",)
    assert settings.ignore == ("schema/required",)
    assert settings.exclude == ("_drafts/*",)
    assert settings.schema == str(tmp_path / "contract.json")
    assert settings.now.isoformat() == "2024-01-01T00:00:00+00:00"
    assert settings.is_selected("url-insecure", str(tmp_path / "news" / "a.md"))
    assert not settings.is_selected("url-insecure", str(tmp_path / "legacy" / "a.md"))
    assert settings.is_selected("url-insecure", "legacy/a.md")  # relative to the working directory: elsewhere
    assert not settings.is_selected("text-html")
    assert not settings.is_selected("schema/required")
    assert settings.is_selected("yaml-syntax")  # always shown


@pytest.mark.slow
def test_severity_and_per_file_ignores_apply_on_the_command_line(tmp_path):
    write(
        tmp_path / "frontlint.toml",
        '[rules.url-insecure]\nseverity = "error"\n[per-file-ignores]\n"old/*" = ["url-insecure"]\n',
    )
    write(tmp_path / "new" / "a.md", ARTICLE)
    write(tmp_path / "old" / "a.md", ARTICLE)
    result = run_cli("--select", "url-insecure", ".", cwd=tmp_path)
    assert (
        result.stdout.decode()
        == "new/a.md:2:9: error: insecure http:// URL: use https:// if the site serves it [url-insecure]\n"
    )
    assert result.returncode == 1


def test_exclude_skips_files_and_a_run_that_finds_none_says_so(tmp_path):
    write(tmp_path / "frontlint.toml", 'exclude = ["_drafts/*"]\nselect = ["schema/minimum"]\n')
    write(tmp_path / "_drafts" / "a.md", ARTICLE)
    result = run_cli(".", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        0,
        b"",
        (
            "frontlint: warning: no Markdown files found (see include, exclude and .gitignore: frontlint --show-settings PATH)\n"
            "no problems found in 0 files\n"
        ),
    )


@pytest.mark.slow
def test_isolated_ignores_the_config_and_config_option_names_one(tmp_path):
    write(tmp_path / "frontlint.toml", 'select = ["url-insecure"]\n')
    write(tmp_path / "other.toml", 'select = ["schema/minimum"]\n')
    write(tmp_path / "a.md", ARTICLE)
    assert run_cli("--config", "other.toml", "a.md", cwd=tmp_path).stdout.decode() == (
        "a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    )
    isolated = run_cli("--isolated", "--select", "schema/minimum,url-insecure", "a.md", cwd=tmp_path).stdout.decode()
    assert isolated.count("\n") == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selekt = []\n", "1: unknown key 'selekt' in the top level (did you mean 'select'?)"),
        ('select = "schema"\n', "1: select must be a list of non-empty strings, not 'schema'"),
        ('select = ["nope"]\n', "1: select: unknown rule or prefix 'nope'"),
        ('[rules.nope]\nseverity = "error"\n', "1: unknown rule 'nope' in rules"),
        (
            '[rules.url-insecure]\nseverity = "fatal"\n',
            "2: rules.url-insecure.severity must be 'error', 'warning' or 'off', not 'fatal'",
        ),
        ("[rules.url-insecure]\ncolour = 1\n", "2: unknown option 'colour' for rule url-insecure"),
        (
            '[rules.date-future]\ntolerance = "soon"\n',
            "2: rules.date-future.tolerance: invalid duration 'soon': expected a duration such as '1d', '36h', '90m' or '0s' (whole numbers with units d, h, m, s) or a non-negative integer of seconds",
        ),
        (
            '[rules.filename-date]\ntimezone = "Mars/Base"\n',
            "2: rules.filename-date.timezone: unknown time zone 'Mars/Base': expected an IANA time zone name such as 'Asia/Shanghai', or 'UTC'",
        ),
        (
            '[rules.image-dimensions]\nmax-pixels = "big"\n',
            "2: rules.image-dimensions.max-pixels must be a positive whole number, not 'big'",
        ),
        (
            '[rules.excerpt-boilerplate]\nextra-phrases = "x"\n',
            "2: rules.excerpt-boilerplate.extra-phrases must be a list of strings, not 'x'",
        ),
        ("max-nesting-depth = 0\n", "1: max-nesting-depth must be a positive whole number, not 0"),
        ('max-front-matter-bytes = "2MB"\n', "1: max-front-matter-bytes must be a positive whole number, not '2MB'"),
        ('now = "soon"\n', "1: now = 'soon' is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z"),
        ("now = 2024-01-01T00:00:00Z\n", "1: now must be a string, not the date 2024-01-01T00:00:00+00:00"),
        ("select = [\n", "2:1: not valid TOML: Invalid value at the end of the file"),
        (
            "\ufeffselect = []\n",
            "1:1: not valid TOML: it begins with a byte order mark (U+FEFF): save it as UTF-8 without one",
        ),
        # A wrong type deep inside: the line of the innermost key written out.
        (
            'select = ["url"]\n\n[per-file-ignores]\n\'_news/\' = ["url", 3]\n',
            "4: per-file-ignores.'_news/' must be a list of non-empty strings, not ['url', 3]",
        ),
        (
            '[rules]\nurl-syntax = { severity = "loud" }\n',
            "2: rules.url-syntax.severity must be 'error', 'warning' or 'off', not 'loud'",
        ),
        (
            "x = 1\n\n[rules.url-syntax]\nseverity = 5\n",
            "1: unknown key 'x' in the top level",
        ),  # the first fault in the file
        (
            "[rules.url-syntax]\nseverity = 5\n[extra]\n",
            "2: rules.url-syntax.severity must be 'error', 'warning' or 'off', not 5",
        ),
        ('exclude = ["a",\n  "",\n]\n', "1: exclude must be a list of non-empty strings, not ['a', '']"),
        ('respect-gitignore = "yes"\n', "1: respect-gitignore must be true or false, not 'yes'"),
        ('[per-file-schemas]\n"_events/" = 3\n', "2: per-file-schemas.'_events/' must be a non-empty string, not 3"),
        # An unknown table written only by a dotted header or a dotted key: the line that writes it.
        ('select = ["url"]\n\n[tool.frontlint]\nselect = ["url"]\n', "3: unknown key 'tool' in the top level"),
        ('select = ["url"]\nextra.x = 1\n', "2: unknown key 'extra' in the top level"),
    ],
)
def test_bad_configuration_is_a_clear_error_naming_the_line(tmp_path, text, message):
    config = write(tmp_path / "frontlint.toml", text)
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == f"{config}:{message}"


def test_a_bad_value_in_a_pyproject_names_its_line(tmp_path):
    config = write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.frontlint.rules.url-syntax]\nseverity = []\n'
    )
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == f"{config}:5: rules.url-syntax.severity must be 'error', 'warning' or 'off', not []"


def test_bad_configuration_exits_2_with_one_line(tmp_path):
    write(tmp_path / "frontlint.toml", "selekt = []\n")
    write(tmp_path / "a.md", ARTICLE)
    result = run_cli("a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"frontlint: error: {tmp_path / 'frontlint.toml'}:1: unknown key 'selekt' in the top level (did you mean 'select'?)\n"
    )


def test_rule_options_reach_the_rule(tmp_path):
    write(tmp_path / "frontlint.toml", '[rules.image-dimensions]\nmax-aspect-ratio = 2\nseverity = "error"\n')
    write(tmp_path / "a.md", '---\nimages:\n  - url: "https://a.example/i.jpg"\n    width: 900\n    height: 300\n---\n')
    result = run_cli("--select", "image-dimensions", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        "a.md:4:12: error: image aspect ratio 3:1 (900x300) is beyond 2:1 (max-aspect-ratio) [image-dimensions]\n"
    )


# --- the configuration's JSON Schema -------------------------------------------------------------


def config_schema_document():
    import json

    return json.loads((REPO / "schemas" / "frontlint-config.schema.json").read_text(encoding="utf-8"))


def test_the_config_schema_is_a_valid_draft_2020_12_schema_and_ships_in_the_package():
    from jsonschema import Draft202012Validator

    from frontlint.config.loading import config_schema

    document = config_schema_document()
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert config_schema() == document


def test_every_key_of_the_config_schema_has_a_description():
    missing = []

    def visit(node, where):
        for name, part in node.get("properties", {}).items():
            if not part.get("description"):
                missing.append(f"{where}.{name}")
            visit(part, f"{where}.{name}")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            if not extra.get("description"):
                missing.append(f"{where}.*")
            visit(extra, f"{where}.*")

    visit(config_schema_document(), "")
    assert missing == []


def test_the_config_schema_is_generated_from_the_keys_and_the_registry(request):
    """The shipped file holds what the keys' table and the registry give; --update-golden rewrites it like the command."""
    import config_schema_file

    path = REPO / "schemas" / "frontlint-config.schema.json"
    expected = config_schema_file.expected_text()
    if request.config.getoption("--update-golden"):
        path.write_text(expected, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected, f"stale config schema: run {config_schema_file.WRITE_COMMAND}"


def test_a_rule_s_table_is_its_summary_severity_and_options_described_by_its_page():
    from config_schema_file import rule_table

    from frontlint.registry import check_for

    assert rule_table(check_for("image-dimensions")) == {
        "description": "An image width or height that is no plausible pixel size. Its severity and options.",
        "type": "object",
        "properties": {
            "severity": {
                "description": "The severity of image-dimensions diagnostics: 'error' (fails the run), 'warning', "
                "or 'off' (not reported). Default: error.",
                "enum": ["error", "warning", "off"],
            },
            "max-pixels": {
                "description": "The largest width or height, in pixels, that passes without a warning. Default: 20000.",
                "type": "integer",
                "minimum": 1,
            },
            "max-aspect-ratio": {
                "description": "The largest ratio of the longer side to the shorter one that passes without a "
                "warning. Default: 10.",
                "type": "number",
                "minimum": 1,
            },
        },
        "additionalProperties": False,
    }
    refused = rule_table(check_for("encoding"))["properties"]["severity"]["description"]
    assert refused == (
        "The severity of encoding diagnostics: 'error' (fails the run), 'warning', or 'off' (not reported) "
        "('off' is refused: the front matter could not be read). Default: error."
    )


def test_an_option_its_rule_page_does_not_describe_stops_the_generation():
    from config_schema_file import option_descriptions, rule_table

    from frontlint.rule_support.base import Check, Option

    page = "Summary.\n\n## Options\n- `a` (default `1`): the first\n  option, over two lines.\n\n## Next\n- `b` (default 2): no\n"
    assert option_descriptions(page) == {"a": "The first option, over two lines."}
    check = Check("x-rule", "warning", page, "file", options={"a": Option(1, "integer"), "b": Option(2, "integer")})
    with pytest.raises(ValueError) as error:
        rule_table(check)
    assert str(error.value) == "x-rule: the rule page's ## Options section does not describe b"


def test_the_schema_file_command_checks_and_writes(tmp_path, monkeypatch, capsys):
    import config_schema_file as schema_file

    path = tmp_path / "frontlint-config.schema.json"
    stale = (
        (REPO / "schemas" / "frontlint-config.schema.json")
        .read_text(encoding="utf-8")
        .replace("Default: 20000.", "Default: 1.")
    )
    path.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(schema_file, "SCHEMA_FILE", path)
    assert schema_file.main(["--check"]) == 1
    assert capsys.readouterr().err == (
        f"{path}: it differs from the configuration keys and the registry: run .venv/bin/python tests/config_schema_file.py --write\n"
    )
    assert schema_file.main(["--write"]) == 0
    assert path.read_text(encoding="utf-8") == (REPO / "schemas" / "frontlint-config.schema.json").read_text(
        encoding="utf-8"
    )
    assert schema_file.main(["--check"]) == 0
    assert schema_file.main([]) == 2


def test_the_config_schema_s_rules_are_the_rules_and_their_options():
    """Each rule's table: severity and exactly the rule's OPTIONS, each default valid or None for not set."""
    import jsonschema_rs

    from frontlint.registry import ALL_CHECKS

    rules = config_schema_document()["properties"]["rules"]
    assert rules["additionalProperties"] is False
    checks = {check.id: check for check in ALL_CHECKS if check.kind != "family"}
    assert sorted(rules["properties"]) == sorted(checks)
    for rule_id, check in checks.items():
        table = rules["properties"][rule_id]
        assert sorted(table["properties"]) == sorted(["severity", *check.options]), rule_id
        assert table["properties"]["severity"]["enum"] == ["error", "warning", "off"]
        for name, option in check.options.items():
            declared = list(option.type) if isinstance(option.type, tuple) else option.type
            assert table["properties"][name]["type"] == declared, (rule_id, name)
            if option.default is None:  # "not set": the rule works it out (filename-date's timezone)
                continue
            assert jsonschema_rs.validator_for(table["properties"][name]).is_valid(option.default), (rule_id, name)


def test_the_config_schema_is_what_validates_a_config(tmp_path, monkeypatch, request):
    """A key the schema does not hold is refused, one it holds is taken: the checks are the schema's."""
    from frontlint.config import loading as config_module

    document = config_schema_document()
    document["properties"]["select"] = {"type": "array", "maxItems": 1, "items": {"type": "string"}, "description": "x"}
    monkeypatch.setattr(config_module, "config_schema", lambda: document)
    config_module.config_validator.cache_clear()  # made again from the schema above, and after the test from the real one
    request.addfinalizer(config_module.config_validator.cache_clear)
    config = write(tmp_path / "frontlint.toml", 'select = ["url", "schema"]\n')
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == f"{config}:1: select must be a list of strings, not ['url', 'schema']"


def test_a_pyproject_named_with_config_but_without_a_frontlint_table_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run_cli("--config", "pyproject.toml", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        2,
        b"",
        "frontlint: error: pyproject.toml: has no [tool.frontlint] table, so it configures nothing\n",
    )


def test_a_configured_severity_applies_to_a_file_that_is_not_utf8_as_to_every_always_on_check(tmp_path):
    # The encoding check alone was placed without the finaliser: it stayed an error.
    (tmp_path / "a.md").write_bytes(b'---\ntitle: "caf\xe9"\n---\n')
    (tmp_path / "b.md").write_bytes(b'---\ntitle: "x"\n')
    (tmp_path / "frontlint.toml").write_text(
        '[rules.encoding]\nseverity = "warning"\n[rules.front-matter-unclosed]\nseverity = "warning"\n',
        encoding="utf-8",
    )
    result = run_cli(".", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        "a.md:2:12: warning: invalid UTF-8 byte 0xe9 at byte offset 15; front matter must be UTF-8 [encoding]",
        "b.md:1:1: warning: front matter is never closed: no '---' line after the opening one [front-matter-unclosed]",
    ]
    assert result.returncode == 0
