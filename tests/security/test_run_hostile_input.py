"""Attacks on a whole run from a hostile contributor or a careless operator (issue 11).

Each test pins one defect found by attacking the merged result: processes and signals,
schemas from strangers, configuration, baselines and output formats.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import HOSTILE_SECONDS, REPO, run_limited

pytestmark = pytest.mark.slow

ARTICLE = "---\ntitle: Hello\nslug: hello\n---\nBody\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_false_subschema_is_reported_under_its_own_rule_id(tmp_path):
    _write(tmp_path / "schema.json", json.dumps({"properties": {"slug": False}}))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "--select", "schema", "a.md", cwd=tmp_path)

    assert result.stdout == "a.md:3:7: error: not allowed: the schema allows no value here [schema/false]\n"
    assert result.stderr == "1 error, 0 warnings in 1 of 1 file\n"
    assert result.returncode == 1


def test_a_false_schema_does_not_repeat_the_whole_front_matter(tmp_path):
    _write(tmp_path / "schema.json", "false")
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "--select", "schema", "a.md", cwd=tmp_path)

    assert result.stdout == "a.md:2:1: error: not allowed: the schema allows no value here [schema/false]\n"
    assert result.returncode == 1


@pytest.mark.parametrize(
    ("schema", "error"),
    [
        ('{"properties": {"title": "x"}}', "at properties/title: 'x' is not of type 'object', 'boolean'"),
        ('{"$defs": {"a": 5}}', "at $defs/a: 5 is not of type 'object', 'boolean'"),
        ('{"items": [1]}', "at items: [1] is not of type 'object', 'boolean'"),
        ('{"$id": 5}', "at $id: 5 is not of type 'string'"),
        ('{"properties": {"title": {"$id": [1]}}}', "at properties/title/$id: [1] is not of type 'string'"),
        ('{"$schema": 5}', "at $schema: 5 is not of type 'string'"),
    ],
)
def test_a_schema_of_the_wrong_shape_is_one_error_line_not_a_traceback(tmp_path, schema, error):
    _write(tmp_path / "schema.json", schema)
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    assert result.stderr == f"frontlint: error: schema.json: not a valid JSON Schema {error}\n"
    assert result.stdout == ""
    assert result.returncode == 2


def test_a_yaml_schema_with_a_binary_tag_where_a_subschema_belongs_is_one_error_line(tmp_path):
    _write(tmp_path / "schema.yaml", "properties:\n  title: !!binary aGVsbG8=\n")
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.yaml", "a.md", cwd=tmp_path)

    assert result.stderr == (
        "frontlint: error: schema.yaml: not a valid JSON Schema at properties/title: "
        "'aGVsbG8=' is not of type 'object', 'boolean'\n"
    )
    assert result.returncode == 2


def test_the_rule_id_of_a_false_subschema_can_be_ignored(tmp_path):
    _write(tmp_path / "schema.json", json.dumps({"properties": {"slug": False}}))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited(
        "--schema", "schema.json", "--select", "schema", "--ignore", "schema/false", "a.md", cwd=tmp_path
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "no problems found in 1 file\n")


def test_the_summary_writes_every_count_with_thousands_separators(tmp_path):
    for number in range(1_000):
        _write(tmp_path / f"a{number}.md", "no front matter\n")

    result = run_limited("--select", "front-matter-missing", "--jobs", "1", ".", cwd=tmp_path, seconds=60)

    assert result.stderr == "1,000 errors, 0 warnings in 1,000 of 1,000 files\n"
    assert result.returncode == 1


@pytest.mark.parametrize("option", ["--schema", "--config", "--output-file", "--baseline", "--write-baseline"])
def test_an_empty_file_name_from_an_unset_variable_is_refused_not_taken_as_the_default(tmp_path, option):
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited(option, "", "a.md", cwd=tmp_path)

    assert result.stderr.splitlines()[-1] == f"frontlint: error: argument {option}: expected a file name, got ''"
    assert result.stderr.startswith("usage: frontlint ")
    assert (result.returncode, result.stdout) == (2, "")


def test_an_empty_path_is_refused_not_taken_as_the_whole_folder(tmp_path):
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("a.md", "", cwd=tmp_path)

    assert result.stderr.splitlines()[-1] == "frontlint: error: argument PATH: expected a file name, got ''"
    assert (result.returncode, result.stdout) == (2, "")


_INTERRUPTED_WHILE_IMPORTING = """
import sys

class InterruptTheImport:
    def find_spec(self, name, path, target=None):
        if name == "frontlint.cli":
            raise KeyboardInterrupt  # as Ctrl-C does while the command is being imported
        return None

sys.meta_path.insert(0, InterruptTheImport())
from frontlint.launch import main
sys.exit(main())
"""


def test_ctrl_c_while_the_command_is_being_imported_ends_it_quietly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_WHILE_IMPORTING, "--isolated", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HOSTILE_SECONDS,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )

    assert (result.returncode, result.stdout, result.stderr) == (130, "", "frontlint: interrupted\n")


def test_importing_the_package_imports_none_of_its_modules_until_a_name_is_used():
    code = (
        "import sys, frontlint\n"
        "before = sorted(name for name in sys.modules if name.startswith('frontlint.') or name == 'typing')\n"
        "print(before, frontlint.lint_text.__module__, frontlint.Severity.ERROR)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )

    assert (result.stdout, result.stderr) == ("[] frontlint.api error\n", "")


def test_a_reference_with_a_percent_encoded_nul_is_refused_not_a_traceback(tmp_path):
    _write(tmp_path / "schema.json", json.dumps({"properties": {"title": {"$ref": "schema.json%00"}}}))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    assert result.stderr == (
        "frontlint: error: schema.json: $ref 'schema.json%00' is not allowed: only files beside the schema can be referenced\n"
    )
    assert (result.returncode, result.stdout) == (2, "")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (r'"a\u0000b.json"', r"a file name, not 'a\x00b.json'"),
        ('""', "a non-empty string, not ''"),
    ],
)
def test_a_configured_schema_that_cannot_name_a_file_is_one_error_line(tmp_path, value, shown):
    config = _write(tmp_path / "pyproject.toml", f"[tool.frontlint]\nschema = {value}\n")
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("a.md", cwd=tmp_path, isolated=False)

    assert result.stderr == f"frontlint: error: {config}:2: schema must be {shown}\n"
    assert (result.returncode, result.stdout) == (2, "")


def test_a_huge_enum_is_not_copied_into_every_message(tmp_path):
    choices = [f"choice-{number}" for number in range(100_000)] + ["x" * 1_000]
    _write(tmp_path / "schema.json", json.dumps({"properties": {"slug": {"enum": choices}}}))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    first_twenty = ", ".join(f"'choice-{number}'" for number in range(20))
    assert result.stdout == f"a.md:3:7: error: 'hello' is not one of {first_twenty} or 99,981 more [schema/enum]\n"
    assert result.returncode == 1


def test_the_values_of_an_enum_are_each_cut_short(tmp_path):
    _write(tmp_path / "schema.json", json.dumps({"properties": {"slug": {"enum": ["y" * 1_000, 7]}}}))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    assert result.stdout == f"a.md:3:7: error: 'hello' is not one of '{'y' * 27}...{'y' * 28}', 7 [schema/enum]\n"


_LONG = "k" * 100_000
_LONG_SHOWN = "'" + "k" * 97 + "..." + "k" * 98 + "'"  # the schema's value as error lines show one


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            {"properties": {"slug": {"const": _LONG}}},
            f"a.md:3:7: error: expected {_LONG_SHOWN}, got 'hello' [schema/const]",
        ),
        (
            {"properties": {"slug": {"pattern": f"^({_LONG})$"}}},
            f"a.md:3:7: error: 'hello' does not match the pattern '^({'k' * 95}...{'k' * 96})$' [schema/pattern]",
        ),
        (
            {"properties": {"slug": {"pattern": "^z", "errorMessage": _LONG}}},
            f"a.md:3:7: error: 'hello' {'k' * 197}... [schema/pattern]",
        ),
        ({"required": [_LONG]}, f"a.md:2:1: error: missing required key '{'k' * 196}... [schema/required]"),
        (
            {"dependentRequired": {"slug": [_LONG]}},
            f"a.md:3:1: error: 'slug' requires {_LONG_SHOWN} alongside it [schema/dependentRequired]",
        ),
    ],
)
def test_a_long_value_from_the_schema_is_cut_short_in_the_message(tmp_path, schema, message):
    _write(tmp_path / "schema.json", json.dumps(schema))
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    assert result.stdout == message + "\n"
    assert result.returncode == 1


def test_a_long_unknown_key_is_cut_short_in_the_message(tmp_path):
    _write(tmp_path / "schema.json", json.dumps({"properties": {"title": {}}, "additionalProperties": False}))
    _write(tmp_path / "a.md", f"---\ntitle: x\n? {'k' * 100_000}\n: 1\n---\n")

    result = run_limited("--schema", "schema.json", "a.md", cwd=tmp_path)

    assert result.stdout == f"a.md:3:3: error: unknown key '{'k' * 27}...{'k' * 28}' [schema/additionalProperties]\n"
    assert result.returncode == 1


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_now_that_has_no_utc_time_is_one_error_line(tmp_path, now):
    _write(tmp_path / "a.md", ARTICLE)

    result = run_limited("--now", now, "a.md", cwd=tmp_path)

    assert (
        result.stderr
        == f"frontlint: error: --now: now = '{now}' is out of range: in UTC it is before year 1 or after 9999\n"
    )
    assert (result.returncode, result.stdout) == (2, "")


def test_a_now_whose_tolerance_reaches_past_year_9999_in_utc_finds_nothing_later(tmp_path):
    _write(tmp_path / "a.md", "---\npublishedDateTime: 2021-07-28T02:44:00Z\n---\n")

    result = run_limited("--now", "9999-12-30T23:30:00-01:00", "--select", "date-future", "a.md", cwd=tmp_path)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "no problems found in 1 file\n")


def test_the_library_reports_a_name_with_a_nul_as_an_os_error_everywhere(tmp_path):
    # Found in review: lint_paths raised ValueError from discovery and lint_file called it an internal error.
    import frontlint

    errors: list[tuple[object, Exception]] = []
    assert frontlint.lint_paths(["a\0b.md"], on_error=lambda path, error: errors.append((path, error))) == []
    [(path, error)] = errors
    assert (str(path), type(error), str(error)) == (
        "a\0b.md",
        OSError,
        "[Errno 22] the file name holds a NUL character: 'a\\x00b.md'",
    )
    with pytest.raises(OSError, match="the file name holds a NUL character"):
        frontlint.lint_file("a\0b.md")
    with pytest.raises(
        frontlint.SchemaError, match=re.escape("a\0b.json: cannot read schema: the file name holds a NUL character")
    ):
        frontlint.load_schema("a\0b.json")
