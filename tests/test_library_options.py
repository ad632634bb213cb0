"""The library's options: ``Config`` (keyword arguments or a file), ``config=`` on every api function,
a reusable picklable linter, and how a data diagnostic (no line) is written."""

import json
import pickle
from datetime import datetime, timezone

import pytest

from frontlint import Config, ConfigError, SchemaError, lint_file, lint_paths, lint_text, validate_data
from frontlint.reporters import REPORTERS, ReportContext

TEXT = "---\ntitle: A\nrelated:\n  - webUrl: http://example.com/a\n---\n"
RECORD = {"title": "A", "related": [{"webUrl": "ht tp://x"}]}


def lines(diagnostics):
    return [diagnostic.format() for diagnostic in diagnostics]


def test_config_selects_and_sets_severities_like_a_file():
    config = Config(select=["url"], rules={"url-insecure": {"severity": "error"}})
    assert lines(lint_text(TEXT, "a.md", config=config)) == [
        "a.md:4:13: error: insecure http:// URL: use https:// if the site serves it [url-insecure]"
    ]


def test_ignore_and_per_file_ignores():
    config = Config(select=["url"], per_file_ignores={"old/*.md": ["url-insecure"]})
    assert lint_text(TEXT, "old/a.md", config=config) == []
    assert [d.rule for d in lint_text(TEXT, "new/a.md", config=config)] == ["url-insecure"]
    assert lint_text(TEXT, "a.md", config=Config(select=["url"], ignore=["url-insecure"])) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"select": ["urll"]}, "Config: select: unknown rule or prefix 'urll'"),
        ({"extend_select": "url"}, "Config: extend-select must be a list of non-empty strings, not 'url'"),
        ({"now": "yesterday"}, "Config: now = 'yesterday' is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z"),
        (
            {"now": datetime(2024, 1, 1)},  # naive: no time zone, as --now refuses 2024-01-01T00:00:00
            "Config: now = '2024-01-01T00:00:00' is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z",
        ),
        (
            {"rules": {"url-insecure": {"severity": "fatal"}}},
            "Config: rules.url-insecure.severity must be 'error', 'warning' or 'off', not 'fatal'",
        ),
        ({"rules": {"nope": {}}}, "Config: unknown rule 'nope' in rules"),
        ({"max_nesting_depth": 0}, "Config: max-nesting-depth must be a positive whole number, not 0"),
    ],
)
def test_bad_arguments_get_a_configuration_files_message(arguments, message):
    with pytest.raises(ConfigError) as raised:
        Config(**arguments)
    assert str(raised.value) == message


def test_from_file_reads_as_the_command_does(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.frontlint]\nselect = ["url-insecure"]\n', encoding="utf-8")
    config = Config.from_file(tmp_path / "pyproject.toml")
    assert [d.rule for d in lint_text(TEXT, "a.md", config=config)] == ["url-insecure"]
    (tmp_path / "frontlint.toml").write_text('select = ["urll"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        Config.from_file(tmp_path / "frontlint.toml")
    assert str(raised.value) == f"{tmp_path / 'frontlint.toml'}:1: select: unknown rule or prefix 'urll'"


def test_a_config_files_path_works_too(tmp_path):
    (tmp_path / "frontlint.toml").write_text('select = ["url-insecure"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    by_path = lint_paths([tmp_path], config=tmp_path / "frontlint.toml")
    by_value = lint_paths([tmp_path], config=Config.from_file(tmp_path / "frontlint.toml"))
    assert by_path == by_value == lint_file(tmp_path / "a.md", config=str(tmp_path / "frontlint.toml"))
    assert [d.rule for d in by_value] == ["url-insecure"]


def test_now_accepts_a_datetime_and_a_string():
    future = "---\npublishedDateTime: 2030-01-01T00:00:00Z\n---\n"
    assert lint_text(future, config=Config(select=["date-future"], now="2024-01-01T00:00:00Z"))
    late = Config(select=["date-future"], now=datetime(2031, 1, 1, tzinfo=timezone.utc))
    assert lint_text(future, config=late) == []


def test_validate_data_takes_config_and_names_the_json_path():
    assert lines(validate_data(RECORD, config=Config(select=["url-syntax"]))) == [
        "<data>:$.related[0].webUrl: error: URL has no scheme: expected an absolute http:// or https:// URL [url-syntax]"
    ]


def test_linter_and_config_are_picklable_and_reusable():
    config = Config(select=["url"], now="2024-01-01T00:00:00Z")
    linter = config.linter("a.md")
    again = pickle.loads(pickle.dumps(linter))
    assert again.lint_text(TEXT, "a.md") == linter.lint_text(TEXT, "a.md") == lint_text(TEXT, "a.md", config=config)
    copy = pickle.loads(pickle.dumps(config))
    assert copy.settings == config.settings
    with pytest.raises(AttributeError):
        config.settings = None


def test_reporters_place_a_data_diagnostic_by_its_json_path():
    diagnostics = validate_data(RECORD, config=Config(select=["url-syntax"]))
    context = ReportContext(["<data>"], lambda path: None)
    assert REPORTERS["text"](diagnostics, context).startswith("<data>:$.related[0].webUrl: error: URL has no scheme")
    assert REPORTERS["github"](diagnostics, context) == (
        "::error file=<data>,title=url-syntax::$.related[0].webUrl: URL has no scheme: "
        "expected an absolute http:// or https:// URL\n"
    )
    gitlab = json.loads(REPORTERS["gitlab"](diagnostics, context))
    assert gitlab[0]["location"] == {"path": "<data>", "lines": {"begin": 1, "end": 1}}
    assert json.loads(REPORTERS["json"](diagnostics, context))["diagnostics"][0]["json_path"] == "$.related[0].webUrl"
    assert (
        '<failure message="1 error" type="url-syntax">&lt;data&gt;:$.related[0].webUrl: error: URL has no scheme'
        in REPORTERS["junit"](diagnostics, context)
    )


@pytest.mark.slow
def test_sarif_places_a_data_diagnostic_by_its_json_path_and_passes_the_official_schema():
    from test_reporters import _validate_sarif

    diagnostics = validate_data(RECORD, config=Config(select=["url-syntax"]))
    sarif = _validate_sarif(REPORTERS["sarif"](diagnostics, ReportContext(["<data>"], lambda path: None)))
    location = sarif["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "%3Cdata%3E", "uriBaseId": "%SRCROOT%"}}
    assert location["logicalLocations"] == [{"fullyQualifiedName": "$.related[0].webUrl"}]


def test_one_linter_is_shared_by_threads():
    from concurrent.futures import ThreadPoolExecutor

    linter = Config(select=["url"]).linter("a.md")
    expected = linter.lint_text(TEXT, "a.md")
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: linter.lint_text(TEXT, "a.md"), range(64)))
    assert results == [expected] * 64


@pytest.mark.slow
def test_one_linter_crosses_to_spawned_processes():
    import multiprocessing

    linter = Config(select=["url"], rules={"url-insecure": {"severity": "error"}}).linter("a.md")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.starmap(linter.lint_text, [(TEXT, "a.md")] * 4)
    assert [lines(result) for result in results] == [
        ["a.md:4:13: error: insecure http:// URL: use https:// if the site serves it [url-insecure]"]
    ] * 4


def test_the_readme_options_example_prints_what_the_readme_says(capsys):
    from helpers import REPO

    section = (REPO / "README.md").read_text(encoding="utf-8").split("### Options: `Config`", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == shown


def test_schema_given_with_config_wins_and_a_missing_schema_is_named_at_its_line(tmp_path):
    (tmp_path / "only-title.json").write_text('{"type": "object", "required": ["title", "x"]}', encoding="utf-8")
    config = Config(select=["schema"], schema="article")
    assert lines(lint_text("---\ntitle: A\n---\n", "a.md", schema=tmp_path / "only-title.json", config=config)) == [
        "a.md:2:1: error: missing required key 'x' [schema/required]"
    ]
    (tmp_path / "frontlint.toml").write_text('select = ["url"]\nschema = "missing.json"\n', encoding="utf-8")
    with pytest.raises(SchemaError) as raised:
        Config.from_file(tmp_path / "frontlint.toml")
    assert str(raised.value).startswith(f"{tmp_path / 'frontlint.toml'}:2: schema: ")


def test_lint_paths_walks_with_the_configs_exclude_relative_to_its_base(tmp_path):
    for name in ("keep/a.md", "drafts/b.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    config = Config(select=["url-insecure"], extend_exclude=["drafts/"], base=tmp_path)
    assert [d.path for d in lint_paths([tmp_path], config=config)] == [str(tmp_path / "keep" / "a.md")]


def test_an_integer_past_pythons_digit_limit_is_a_config_error_naming_its_size():
    with pytest.raises(ConfigError) as raised:
        Config(max_nesting_depth=10**5000)
    assert (
        str(raised.value) == "Config: max-nesting-depth must be a positive whole number, not an integer of 5,001 digits"
    )
