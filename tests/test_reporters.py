"""The output formats: golden files for each on one set of broken articles, checked against
their official schemas and parsers, and hostile messages for the escaping of each."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import frontlint
from frontlint import Diagnostic, Severity, load_schema
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Edit, Fix
from frontlint.registry import ALL_CHECKS, SCHEMA_FAMILY
from frontlint.reporters import OUTPUT_FORMATS, REPORTERS, ReportContext, output_format, use_color
from frontlint.reporters.github import escape_data, escape_property
from frontlint.reporters.sarif import artifact_location
from frontlint.rule_support.base import Check, summary
from frontlint.run.linting import check_sources
from frontlint.run.sources import sources_for
from frontlint.settings.resolved import Settings
from frontlint.text.terminal_safe import visible
from helpers import FIXED_NOW, FIXTURES, REPO, golden_name

SARIF_SCHEMA = REPO / "tests" / "vendor" / "sarif" / "sarif-schema-2.1.0.json"  # vendored, see its NOTICE.md
JSON_SCHEMA = REPO / "schemas" / "diagnostics.schema.json"
# Golden files name this version, not the package's, so that a release does not rewrite them.
GOLDEN_VERSION = "0.1.0"
FORMAT_NAMES = [output_format.name for output_format in OUTPUT_FORMATS]
SHOWING_SOURCE = [output_format.name for output_format in OUTPUT_FORMATS if output_format.shows_source]


@dataclasses.dataclass
class Run:
    diagnostics: list[Diagnostic]
    files: list[str]

    def report(self, name: str, **options: bool) -> str:
        context = ReportContext(self.files, _read_source, tool_version=GOLDEN_VERSION, **options)
        return REPORTERS[name](self.diagnostics, context)


def _read_source(path: str) -> str | None:
    try:
        raw = (FIXTURES / path).read_bytes()
    except OSError:
        return None
    return raw.decode("utf-8", "replace").removeprefix("\ufeff")


@pytest.fixture(scope="module")
def run() -> Run:
    """Lint tests/fixtures/formats with every rule, named relative to tests/fixtures."""
    linter = Linter(load_schema(), Settings(now=FIXED_NOW))
    trouble: list[tuple[Path, Exception]] = []

    def on_error(path: Path, error: Exception) -> None:
        trouble.append((path, error))

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(FIXTURES)
        result = check_sources(linter, list(sources_for([Path("formats")], linter, on_error)), on_error)
    assert trouble == []
    return Run(result.diagnostics, list(result.files))


def context(files: Sequence[str] = (), **options: bool) -> ReportContext:
    return ReportContext(list(files), lambda path: None, **options)


def hand_made(message: str, path: str = "news/a.md", **changes: object) -> Diagnostic:
    fields: dict[str, object] = {
        "path": path,
        "line": 3,
        "column": 8,
        "end_line": 3,
        "end_column": 12,
        "severity": Severity.ERROR,
        "rule": "url-syntax",
        "message": message,
        "json_path": "$.webUrl",
    }
    fields.update(changes)
    return Diagnostic(**fields)  # type: ignore[arg-type]


HOSTILE_MESSAGE = '100% broken: a,b\r\n::error::forged\x01 <tag> & "quote" naïve ✓'
HOSTILE_PATH = "news/50% off,line=1:x.md"


# --- the fixture set --------------------------------------------------------------------


def test_the_fixture_set_covers_what_the_formats_must_carry(run):
    by_file = {path: [d for d in run.diagnostics if d.path == path] for path in run.files}
    assert by_file["formats/2021-07-28-clean.md"] == []
    assert {d.severity for d in by_file["formats/2021-07-28-warning-only.md"]} == {Severity.WARNING}
    deep = by_file["formats/2021-07-28-deep-image.md"]
    assert any(d.json_path.startswith("$.related[0].images[0]") and d.rule.startswith("schema/") for d in deep)
    assert any(d.fix is not None for d in deep) and any(d.help for d in deep)
    assert any(d.end_line != d.line for d in deep)  # a span over several lines
    hostile = by_file["formats/2021-07-28-50% off, now.md"]
    assert all(char in hostile[0].message for char in "%:,ü") and "\r\n" in hostile[0].json_path


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_format_gives_its_golden_output(run, golden, name):
    report = run.report(name)
    if name == "sarif":  # the log without its rule descriptors: see sarif_results_only
        golden(f"formats/{golden_name(output_format(name), 'results')}", sarif_results_only(report))
    else:
        golden(f"formats/{golden_name(output_format(name))}", report)


@pytest.mark.parametrize("name", SHOWING_SOURCE)
def test_every_format_showing_source_gives_its_golden_output_with_source(run, golden, name):
    golden(f"formats/{golden_name(output_format(name), 'source')}", run.report(name, show_source=True))


@pytest.mark.parametrize("name", SHOWING_SOURCE)
def test_every_format_showing_source_gives_its_golden_output_in_colour(run, golden, name):
    golden(f"formats/{golden_name(output_format(name), 'color')}", run.report(name, show_source=True, color=True))


@pytest.mark.parametrize("name", [name for name in FORMAT_NAMES if name not in SHOWING_SOURCE])
def test_a_format_not_showing_source_ignores_the_source_and_colour(run, name):
    assert run.report(name, show_source=True, color=True) == run.report(name)


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS if not fmt.reads_files])
def test_a_format_not_reading_the_files_gives_the_same_report_without_them(run, name):
    # The command keeps the names of the files linted only for the formats declared reads_files.
    without_files = REPORTERS[name](run.diagnostics, ReportContext([], _read_source, tool_version=GOLDEN_VERSION))
    assert without_files == run.report(name)


def test_every_reporter_module_is_a_registered_format_and_every_format_has_its_reporter():
    package = REPO / "frontlint" / "reporters"
    declared = {}
    for module in sorted(package.glob("*.py")):
        found = re.match(r'"""The ``([a-z0-9-]+)`` format', module.read_text(encoding="utf-8"))
        if found:
            declared[found[1]] = module.stem
    registered = {fmt.name: fmt.module for fmt in OUTPUT_FORMATS}
    unregistered = {name: module for name, module in declared.items() if registered.get(name) != module}
    assert unregistered == {}, (
        f"add an OutputFormat line for {unregistered} to OUTPUT_FORMATS in frontlint/reporters/__init__.py"
    )
    assert declared == registered
    assert list(REPORTERS) == FORMAT_NAMES
    assert all(REPORTERS[name].__doc__ for name in FORMAT_NAMES)


def test_the_command_offers_every_format_and_says_what_each_is_for():
    from frontlint.cli.main import build_parser

    (option,) = [action for action in build_parser()._actions if "--format" in action.option_strings]
    assert option.choices == sorted(FORMAT_NAMES)
    assert option.help is not None
    assert all(f"{fmt.name} for {fmt.audience}" in option.help for fmt in OUTPUT_FORMATS)


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_report_ends_with_a_line_break(run, name):
    assert run.report(name).endswith("\n")


# --- text -------------------------------------------------------------------------------


def test_text_is_the_compiler_style_lines(run):
    assert run.report("text") == "".join(d.format() + "\n" for d in run.diagnostics)


def test_text_without_diagnostics_is_empty():
    assert REPORTERS["text"]([], context(["a.md"])) == ""
    assert REPORTERS["text"]([], context(["a.md"], show_source=True, color=True)) == ""


def _source_report(text: str, diagnostic: Diagnostic) -> str:
    return REPORTERS["text"]([diagnostic], ReportContext([diagnostic.path], lambda path: text, show_source=True))


def test_show_source_puts_carets_under_the_span_and_the_help_below():
    text = "---\nimages:\n  - width: 0\n---\n"
    diagnostic = hand_made("bad", line=3, column=12, end_line=3, end_column=13, help="use a positive integer")
    assert _source_report(text, diagnostic) == (
        "news/a.md:3:12: error: bad [url-syntax]\n"
        "  |\n"
        "3 |   - width: 0\n"
        "  |            ^\n"
        "  = help: use a positive integer\n"
    )


def test_show_source_repeats_tabs_in_the_caret_indent():
    text = "---\ntopics: [a,\t\tb]\n---\n"
    report = _source_report(text, hand_made("bad", line=2, column=14, end_line=2, end_column=15))
    assert report.splitlines()[2:4] == ["2 | topics: [a,\t\tb]", "  | " + " " * 11 + "\t\t^"]


def test_show_source_marks_a_span_over_several_lines_to_the_end_of_its_first_line():
    text = "---\nrelated:\n  - title: x\n    quality: 1\n---\n"
    report = _source_report(text, hand_made("bad", line=3, column=5, end_line=5, end_column=1))
    assert report.splitlines()[3] == "  |     ^^^^^^^^"


def test_show_source_gives_at_least_one_caret_even_past_the_end_of_the_line():
    text = "---\ntitle:\n---\n"
    report = _source_report(text, hand_made("bad", line=2, column=7, end_line=2, end_column=7))
    assert report.splitlines()[2:4] == ["2 | title:", "  |       ^"]


def test_show_source_of_an_empty_line_leaves_no_trailing_space():
    report = _source_report("---\n\n---\n", hand_made("bad", line=2, column=1, end_line=2, end_column=1))
    assert report.splitlines()[2:4] == ["2 |", "  | ^"]


def test_show_source_shows_control_characters_as_escapes_with_the_carets_behind_them():
    text = '---\ntitle: "a\x1b[31mb\u202ec"\n---\n'
    report = _source_report(text, hand_made("bad", line=2, column=18, end_line=2, end_column=19))
    assert report.splitlines()[2:4] == ['2 | title: "a\\x1b[31mb\\u202ec"', "  | " + " " * 25 + "^"]
    assert "\x1b" not in report


def test_show_source_cuts_a_long_line_to_a_window_around_the_span():
    text = '---\ntitle: "' + "x" * 500 + "BAD" + "y" * 500 + '"\n---\n'
    report = _source_report(text, hand_made("bad", line=2, column=509, end_line=2, end_column=512))
    source, carets = report.splitlines()[2:4]
    assert source.startswith("2 | ...x") and source.endswith("y...")
    assert len(source) < 200
    assert source.index("BAD") == carets.index("^^^") and carets.endswith("^^^")


def test_show_source_without_the_source_still_gives_the_help():
    report = REPORTERS["text"]([hand_made("bad", help="do this")], context(show_source=True))
    assert report == "news/a.md:3:8: error: bad [url-syntax]\n  = help: do this\n"


def test_show_source_with_a_line_past_the_end_of_the_text_shows_no_snippet():
    assert _source_report("---\n", hand_made("bad", line=9)) == "news/a.md:9:8: error: bad [url-syntax]\n"


def test_show_source_separates_diagnostics_by_a_blank_line():
    report = REPORTERS["text"]([hand_made("one"), hand_made("two")], context(show_source=True))
    assert report == "news/a.md:3:8: error: one [url-syntax]\n\nnews/a.md:3:8: error: two [url-syntax]\n"


def test_colour_paints_location_severity_rule_gutter_and_carets():
    text = "---\n\n\ntitle:  x\n---\n"
    diagnostics = [
        hand_made("bad", line=4, column=9, end_line=4, end_column=10, help="fix it"),
        hand_made("meh", line=4, column=8, end_line=4, end_column=9, severity=Severity.WARNING, rule="text-whitespace"),
    ]
    report = REPORTERS["text"](
        diagnostics, ReportContext(["news/a.md"], lambda path: text, color=True, show_source=True)
    )
    assert report == (
        "\x1b[1mnews/a.md:4:9\x1b[0m: \x1b[1;31merror\x1b[0m: bad \x1b[2m[url-syntax]\x1b[0m\n"
        "\x1b[1;34m  |\x1b[0m\n"
        "\x1b[1;34m4 |\x1b[0m title:  x\n"
        "\x1b[1;34m  |\x1b[0m         \x1b[1;31m^\x1b[0m\n"
        "\x1b[1;34m  =\x1b[0m \x1b[1mhelp\x1b[0m: fix it\n"
        "\n"
        "\x1b[1mnews/a.md:4:8\x1b[0m: \x1b[1;33mwarning\x1b[0m: meh \x1b[2m[text-whitespace]\x1b[0m\n"
        "\x1b[1;34m  |\x1b[0m\n"
        "\x1b[1;34m4 |\x1b[0m title:  x\n"
        "\x1b[1;34m  |\x1b[0m        \x1b[1;33m^\x1b[0m\n"
    )


def test_colour_without_source_paints_only_the_line():
    report = REPORTERS["text"]([hand_made("bad")], context(color=True))
    assert report == "\x1b[1mnews/a.md:3:8\x1b[0m: \x1b[1;31merror\x1b[0m: bad \x1b[2m[url-syntax]\x1b[0m\n"


def test_no_colour_means_no_escape_sequences(run):
    assert "\x1b" not in run.report("text", show_source=True)


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # set but empty: not set (no-color.org)
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "true"}, False, True),
        ({"FORCE_COLOR": "0"}, False, False),
        ({"FORCE_COLOR": "0"}, True, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),  # NO_COLOR wins
    ],
)
def test_use_color_honours_no_color_force_color_and_the_terminal(environ, tty, expected):
    assert use_color(_Stream(tty), environ) is expected


@pytest.mark.parametrize(
    ("mode", "environ", "tty", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),  # the flag wins over the environment
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),  # auto: as without the flag
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
    ],
)
def test_the_color_flag_wins_over_the_environment(mode, environ, tty, expected):
    assert use_color(_Stream(tty), environ, mode) is expected


def test_use_color_on_a_stream_that_is_no_file_or_is_closed_is_false():
    assert use_color(io.StringIO(), {}) is False
    closed = io.StringIO()
    closed.close()
    assert use_color(closed, {}) is False


def test_tool_version_defaults_to_the_package_version():
    assert ReportContext([], _read_source).tool_version == frontlint.__version__


# --- json -------------------------------------------------------------------------------


def _json_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_json_schema_is_draft_2020_12_with_an_id_and_descriptions():
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    diagnostic = schema["$defs"]["diagnostic"]
    assert all("description" in field for field in diagnostic["properties"].values())


def test_json_schema_ships_in_the_package():
    assert (REPO / "frontlint" / "schemas" / "diagnostics.schema.json").read_bytes() == JSON_SCHEMA.read_bytes()


def test_json_golden_output_passes_its_schema(run):
    document = json.loads(run.report("json"))
    _json_validator().validate(document)
    assert document["files"] == len(run.files) == 4
    assert document["tool"] == {"name": "frontlint", "version": GOLDEN_VERSION}


def test_json_holds_every_field_of_every_diagnostic(run):
    records = json.loads(run.report("json"))["diagnostics"]
    names = list(Diagnostic._fields)
    assert [list(record) for record in records] == [names] * len(run.diagnostics)
    for record, diagnostic in zip(records, run.diagnostics):
        expected = diagnostic._asdict()
        expected["severity"] = str(diagnostic.severity)
        if diagnostic.fix is not None:
            expected["fix"] = {
                "description": diagnostic.fix.description,
                "edits": [edit._asdict() for edit in diagnostic.fix.edits],
            }
        assert record == expected


def test_json_is_safe_whatever_the_message_and_path_hold():
    diagnostic = hand_made(
        HOSTILE_MESSAGE + "\udcff\u2028",
        path="news/\udce9t\u00e9.md",
        line=None,
        column=None,
        end_line=None,
        end_column=None,
    )
    text = REPORTERS["json"]([diagnostic], context(["news/\udce9t\u00e9.md"]))
    text.encode("utf-8")  # no lone surrogate left: any UTF-8 writer can write it
    assert "\\udce9" in text and "naïve ✓" in text  # odd bytes escaped, the rest readable
    document = json.loads(text)
    _json_validator().validate(document)
    assert document["diagnostics"][0]["message"] == diagnostic.message
    assert document["diagnostics"][0]["path"] == diagnostic.path
    assert document["diagnostics"][0]["line"] is None


def test_json_gives_a_hand_made_diagnostic_without_fingerprint_one():
    record = json.loads(REPORTERS["json"]([hand_made("bad")], context()))["diagnostics"][0]
    assert re.fullmatch("[0-9a-f]{32}", record["fingerprint"])


def test_json_without_diagnostics_is_still_a_document():
    assert json.loads(REPORTERS["json"]([], context(["a.md"]))) == {
        "version": 1,
        "tool": {"name": "frontlint", "version": frontlint.__version__},
        "files": 1,
        "diagnostics": [],
    }


# --- sarif ------------------------------------------------------------------------------


def _sarif_validator() -> jsonschema.protocols.Validator:
    """The official SARIF 2.1.0 schema, with the validator its ``$schema`` names; formats checked."""
    assert SARIF_SCHEMA.is_file(), f"the official SARIF schema is missing: {SARIF_SCHEMA}"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def _validate_sarif(text: str) -> dict:
    document = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(document), key=lambda error: list(error.absolute_path))
    assert [f"{list(error.absolute_path)}: {error.message}" for error in errors] == []
    return document


def check_golden_report(golden: Any, folder: str, name: str, out: str) -> None:
    """Compare the report ``out`` in format ``name`` with its golden file in ``tests/golden/<folder>/``.

    A SARIF log is checked against the official schema and compared without its rule descriptors
    (see :func:`sarif_results_only`); JSON and GitLab reports must parse.
    """
    variant = ""
    if name == "sarif":  # the log without its rule descriptors
        _validate_sarif(out)
        out, variant = sarif_results_only(out), "results"
    if name in ("json", "gitlab"):
        json.loads(out)
    golden(f"{folder}/{golden_name(output_format(name), variant)}", out)


def sarif_results_only(text: str) -> str:
    """The SARIF log without its rule descriptors and the results' ``ruleIndex``: what the golden holds.

    The descriptors embed every rule's documentation page, so a docstring edit would rewrite the
    golden; they are compared with the documentation by their own test instead, and each
    result's ``ruleIndex`` is checked to name its rule's descriptor.
    """
    log = json.loads(text)
    for sarif_run in log["runs"]:
        del sarif_run["tool"]["driver"]["rules"]
        for result in sarif_run["results"]:
            del result["ruleIndex"]
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor_from_the_docs(rule_id: str, check: Check) -> dict[str, object]:
    """What SARIF should say of a rule, read from its documentation page (a schema/* id names its keyword)."""
    page, short = check.doc, summary(check)
    if rule_id != check.id:
        short = f"{short.rstrip('.')} (keyword '{rule_id.partition('/')[2]}')."
    return {
        "id": rule_id,
        "name": "".join(word[:1].upper() + word[1:] for word in re.split("[-/_]", rule_id)),
        "shortDescription": {"text": short},
        "fullDescription": {"text": page, "markdown": page},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": "error" if check.severity is Severity.ERROR else "warning"},
    }


def test_sarif_rule_descriptors_are_built_from_the_documentation(run):
    log = _validate_sarif(run.report("sarif"))
    (sarif_run,) = log["runs"]
    schema_ids = sorted({d.rule for d in run.diagnostics if d.rule.startswith(SCHEMA_FAMILY.id + "/")})
    assert len(schema_ids) > 1
    expected = [_descriptor_from_the_docs(check.id, check) for check in ALL_CHECKS if check.kind != "family"]
    expected += [_descriptor_from_the_docs(rule_id, SCHEMA_FAMILY) for rule_id in schema_ids]
    assert sarif_run["tool"]["driver"]["rules"] == expected
    for result in sarif_run["results"]:
        assert expected[result["ruleIndex"]]["id"] == result["ruleId"]


def test_every_golden_sarif_file_passes_the_official_schema():
    golden_files = sorted((Path(__file__).parent / "golden").rglob("*.sarif"))
    assert golden_files
    for path in golden_files:
        _validate_sarif(path.read_text(encoding="utf-8"))


def test_sarif_of_the_fixtures_passes_the_official_schema(run):
    _validate_sarif(run.report("sarif"))


def test_sarif_describes_every_rule_that_occurs_and_every_registered_one(run):
    log = _validate_sarif(run.report("sarif"))
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert {check.id for check in ALL_CHECKS if check.kind != "family"} <= set(ids)
    assert {d.rule for d in run.diagnostics} <= set(ids)
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    width = rules[ids.index("image-dimensions")]
    assert width["shortDescription"]["text"] == "An image ``width`` or ``height`` that is no plausible pixel size."
    assert width["defaultConfiguration"] == {"level": "error"}
    assert width["help"]["markdown"].startswith(width["shortDescription"]["text"])
    assert width["name"] == "ImageDimensions"
    schema_type = rules[ids.index("schema/type")]
    assert schema_type["defaultConfiguration"] == {"level": "error"}
    assert "keyword 'type'" in schema_type["shortDescription"]["text"]
    assert rules[ids.index("url-insecure")]["defaultConfiguration"] == {"level": "warning"}


def test_sarif_results_carry_location_fingerprint_and_fix(run):
    log = _validate_sarif(run.report("sarif"))
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    results = sarif_run["results"]
    assert len(results) == len(run.diagnostics)
    for result, diagnostic in zip(results, run.diagnostics):
        assert result["level"] == str(diagnostic.severity)
        assert result["message"] == {"text": diagnostic.message}
        assert result["partialFingerprints"] == {"frontlint/v1": diagnostic.fingerprint}
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"] == {
            "startLine": diagnostic.line,
            "startColumn": diagnostic.column,
            "endLine": diagnostic.end_line,
            "endColumn": diagnostic.end_column,
        }
        assert ("fixes" in result) == (diagnostic.fix is not None)
    fixed = next(d for d in run.diagnostics if d.rule == "amp-cache-url")
    (fix,) = results[run.diagnostics.index(fixed)]["fixes"]
    assert fix["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 27, "startColumn": 19, "endLine": 27, "endColumn": 82},
            "insertedContent": {"text": fixed.fix.edits[0].content},
        }
    ]
    hostile = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert hostile["uri"] == "formats/2021-07-28-50%25%20off%2C%20now.md"


def test_sarif_fingerprints_ignore_the_line(run):
    """Lines inserted above a problem move it, but code scanning still sees the same alert."""
    original = FIXTURES / "formats" / "2021-07-28-deep-image.md"
    text = original.read_text(encoding="utf-8")
    shifted = text.replace("category: news\n", "category: news\n# a comment\n# another\n", 1)
    linter = Linter(load_schema(), Settings(now=FIXED_NOW))
    before = linter.lint_text(text, "a.md")
    after = linter.lint_text(shifted, "a.md")
    assert [d.line for d in after] != [d.line for d in before]

    def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
        log = json.loads(REPORTERS["sarif"](diagnostics, context(["a.md"])))
        return [result["partialFingerprints"]["frontlint/v1"] for result in log["runs"][0]["results"]]

    assert fingerprints(after) == fingerprints(before)


def test_sarif_of_hostile_and_unusual_diagnostics_passes_the_official_schema():
    diagnostics = [
        hand_made(HOSTILE_MESSAGE, path=HOSTILE_PATH, help='do "this"'),
        hand_made("no position", path="<data>", line=None, column=None, end_line=None, end_column=None),
        hand_made("absolute", path="/srv/news/a b.md"),
        hand_made("odd bytes", path="news/\udce9.md"),
        hand_made("own rule", rule="custom-check", severity=Severity.WARNING),
        hand_made("schema", rule="schema/x-custom"),
        hand_made("fixed", fix=Fix("replace it", (Edit(3, 8, 3, 12, '"x"'), Edit(4, 1, 4, 1, "y: 1\n")))),
    ]
    log = _validate_sarif(REPORTERS["sarif"](diagnostics, context()))
    results = log["runs"][0]["results"]
    locations = [result["locations"][0]["physicalLocation"] for result in results]
    assert locations[0]["artifactLocation"]["uri"] == "news/50%25%20off%2Cline%3D1%3Ax.md"
    assert "region" not in locations[1]
    assert locations[2]["artifactLocation"] == {"uri": "file:///srv/news/a%20b.md"}
    assert locations[3]["artifactLocation"]["uri"] == "news/%E9.md"
    assert results[0]["properties"] == {"help": 'do "this"'}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[4]["ruleIndex"]] == {"id": "custom-check", "name": "CustomCheck"}
    assert rules[results[5]["ruleIndex"]]["id"] == "schema/x-custom"
    assert len(results[6]["fixes"][0]["artifactChanges"][0]["replacements"]) == 2


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("news/a.md", {"uri": "news/a.md", "uriBaseId": "%SRCROOT%"}),
        ("./news/a.md", {"uri": "news/a.md", "uriBaseId": "%SRCROOT%"}),
        ("../other/a.md", {"uri": "../other/a.md", "uriBaseId": "%SRCROOT%"}),
        ("a:b.md", {"uri": "a%3Ab.md", "uriBaseId": "%SRCROOT%"}),
        ("news/#1?.md", {"uri": "news/%231%3F.md", "uriBaseId": "%SRCROOT%"}),
        ("/abs/ü.md", {"uri": "file:///abs/%C3%BC.md"}),
    ],
)
def test_sarif_artifact_locations_are_uri_references(path, location):
    assert artifact_location(path) == location


def test_sarif_without_diagnostics_passes_the_official_schema():
    log = _validate_sarif(REPORTERS["sarif"]([], context(["a.md"])))
    assert log["runs"][0]["results"] == []


# --- github -----------------------------------------------------------------------------


def _runner_unescape(text: str, mappings: Sequence[tuple[str, str]]) -> str:
    """What the Actions runner does (ActionCommand.cs): replace each escape in turn, % last."""
    for token, replacement in mappings:
        text = text.replace(replacement, token)
    return text


RUNNER_DATA = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
RUNNER_PROPERTY = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]


def _runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command as the runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")
    parsed = {}
    for pair in filter(None, properties.split(",")):
        key, _, value = pair.partition("=")
        parsed[key] = _runner_unescape(value, RUNNER_PROPERTY)
    return name, parsed, _runner_unescape(line[end + 2 :], RUNNER_DATA)


def test_github_escapes_hostile_messages_and_paths_exactly():
    diagnostic = hand_made(HOSTILE_MESSAGE, path=HOSTILE_PATH, rule="schema/type", line=3, column=8, end_column=12)
    assert REPORTERS["github"]([diagnostic], context()) == (
        "::error file=news/50%25 off%2Cline=1%3Ax.md,line=3,col=8,endLine=3,endColumn=11,title=schema/type"
        '::100%25 broken: a,b\\r\\n::error::forged\\x01 <tag> & "quote" naïve ✓\n'
    )


def test_github_commands_read_back_as_the_runner_reads_them():
    diagnostics = [
        hand_made(HOSTILE_MESSAGE, path=HOSTILE_PATH),
        hand_made("%0A stays %25 as written\n%", path="a%0A,b::c.md", severity=Severity.WARNING),
    ]
    lines = REPORTERS["github"](diagnostics, context()).splitlines()
    assert len(lines) == 2
    for line, diagnostic in zip(lines, diagnostics):
        name, properties, message = _runner_parse(line)
        assert name == ("error" if diagnostic.severity is Severity.ERROR else "warning")
        assert message == visible(diagnostic.message)  # shown, never obeyed: line breaks as \n
        assert properties == {
            "file": visible(diagnostic.path),
            "line": "3",
            "col": "8",
            "endLine": "3",
            "endColumn": "11",
            "title": diagnostic.rule,
        }


@given(st.text(), st.text(min_size=1))
def test_github_escaping_round_trips_through_the_runner(message, path):
    line = REPORTERS["github"]([hand_made(message, path=path)], context())
    assert line.count("\n") == 1 and "\r" not in line
    _, properties, parsed = _runner_parse(line.removesuffix("\n"))
    assert (parsed, properties["file"]) == (visible(message), visible(path))


def test_github_escape_functions_follow_the_actions_toolkit():
    assert escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"


def test_github_gives_no_columns_for_a_span_over_several_lines(run):
    required = next(d for d in run.diagnostics if d.rule == "schema/required")
    (line,) = REPORTERS["github"]([required], context()).splitlines()
    assert line == (
        f"::error file=formats/2021-07-28-deep-image.md,line={required.line},endLine={required.end_line - 1},"
        "title=schema/required::missing required key 'type'"
    )


def test_github_without_a_position_names_the_file_and_the_json_path_in_the_message():
    diagnostic = hand_made("bad", line=None, column=None, end_line=None, end_column=None, severity=Severity.WARNING)
    assert REPORTERS["github"]([diagnostic], context()) == "::warning file=news/a.md,title=url-syntax::$.webUrl: bad\n"


def test_github_without_diagnostics_is_empty():
    assert REPORTERS["github"]([], context(["a.md"])) == ""


# --- junit ------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file_and_fails_only_files_with_errors(run):
    root = ElementTree.fromstring(run.report("junit"))
    assert root.tag == "testsuites"
    (suite,) = root
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == run.files
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "0")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "0")
    assert list(cases["formats/2021-07-28-clean.md"]) == []
    warned = cases["formats/2021-07-28-warning-only.md"]
    assert [child.tag for child in warned] == ["system-out"]
    assert "[url-insecure]" in warned[0].text
    failure = cases["formats/2021-07-28-deep-image.md"].find("failure")
    deep = [d for d in run.diagnostics if d.path == "formats/2021-07-28-deep-image.md"]
    assert failure.text == "\n".join(d.format() for d in deep)
    assert failure.get("message") == "5 errors, 2 warnings"
    assert (
        failure.get("type") == "schema/required,amp-cache-url,schema/type,image-dimensions,schema/additionalProperties"
    )


def test_junit_stays_well_formed_with_hostile_messages_and_paths():
    message = HOSTILE_MESSAGE + "\x00\x0b\udcff\ufffe]]>\t end"
    diagnostics = [
        hand_made(message, path="news/<&\"'>\x02.md"),
        hand_made("warn\r\nonly", path="news/b.md", severity=Severity.WARNING),
        hand_made("not in files", path="<data>", line=None, column=None, end_line=None, end_column=None),
    ]
    text = REPORTERS["junit"](diagnostics, context(["news/<&\"'>\x02.md", "news/b.md", "news/c.md"]))
    root = ElementTree.fromstring(text.encode("utf-8"))
    cases = list(root.iter("testcase"))
    assert [case.get("name") for case in cases] == ["news/<&\"'>\\x02.md", "news/b.md", "news/c.md", "<data>"]
    failure = cases[0].find("failure")
    visible = '100% broken: a,b\r\n::error::forged\\x01 <tag> & "quote" naïve ✓\\x00\\x0b\\udcff\\ufffe]]>\t end'
    assert failure.text == f"news/<&\"'>\\x02.md:3:8: error: {visible} [url-syntax]"
    assert cases[1].find("system-out").text == "news/b.md:3:8: warning: warn\r\nonly [url-syntax]"
    assert cases[3].find("failure").text == "<data>:$.webUrl: error: not in files [url-syntax]"
    assert (root.get("tests"), root.get("failures")) == ("4", "2")


def test_junit_attributes_keep_line_breaks_and_tabs():
    diagnostic = hand_made("x", rule="a\tb\r\nc")
    failure = ElementTree.fromstring(REPORTERS["junit"]([diagnostic], context(["news/a.md"]))).find(".//failure")
    assert failure.get("type") == "a\tb\r\nc"


def test_junit_without_files_is_an_empty_suite():
    root = ElementTree.fromstring(REPORTERS["junit"]([], context()))
    assert (root.get("tests"), root.get("failures")) == ("0", "0") and list(root.iter("testcase")) == []


# --- gitlab -----------------------------------------------------------------------------


def test_gitlab_issues_have_the_code_quality_fields(run):
    issues = json.loads(run.report("gitlab"))
    assert len(issues) == len(run.diagnostics)
    for issue, diagnostic in zip(issues, run.diagnostics):
        assert issue["description"] == f"[{diagnostic.rule}] {diagnostic.message}"
        assert issue["check_name"] == diagnostic.rule
        assert issue["severity"] == {"error": "major", "warning": "minor"}[str(diagnostic.severity)]
        assert issue["location"]["path"] == diagnostic.path
        assert issue["location"]["lines"]["begin"] == diagnostic.line
        assert re.fullmatch("[0-9a-f]{32}", issue["fingerprint"])
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_are_unique_even_for_identical_diagnostics():
    same = hand_made("twice")
    elsewhere = hand_made("twice", path="news/b.md")
    issues = json.loads(REPORTERS["gitlab"]([same, same, same, elsewhere], context()))
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 4
    again = json.loads(REPORTERS["gitlab"]([same, same, same, elsewhere], context()))
    assert [issue["fingerprint"] for issue in again] == fingerprints  # deterministic


def test_gitlab_fingerprints_ignore_the_line():
    moved = hand_made("x", fingerprint="ab" * 16)._replace(line=40, end_line=40)
    (before,) = json.loads(REPORTERS["gitlab"]([hand_made("x", fingerprint="ab" * 16)], context()))
    (after,) = json.loads(REPORTERS["gitlab"]([moved], context()))
    assert before["fingerprint"] == after["fingerprint"]


def test_gitlab_without_a_position_begins_at_line_one():
    diagnostic = hand_made("x", line=None, column=None, end_line=None, end_column=None)
    (issue,) = json.loads(REPORTERS["gitlab"]([diagnostic], context()))
    assert issue["location"] == {"path": "news/a.md", "lines": {"begin": 1, "end": 1}}


def test_gitlab_without_diagnostics_is_an_empty_list():
    assert REPORTERS["gitlab"]([], context(["a.md"])) == "[]\n"


def test_text_shows_terminal_escapes_in_a_file_name_instead_of_obeying_them():
    from frontlint.diagnostic import Diagnostic, Severity
    from frontlint.reporters import REPORTERS, ReportContext

    diagnostic = Diagnostic("evil\x1b[2J.md", 2, 8, 2, 9, Severity.ERROR, "schema/type", "bad\x07 value")
    for color in (False, True):
        output = REPORTERS["text"]([diagnostic], ReportContext(files=[], read_source=lambda _: None, color=color))
        assert "\x1b[2J" not in output and "\x07" not in output
        assert '"evil\\x1b[2J.md"' in output and "bad\\x07 value" in output
