"""The library interface, as a data pipeline or an editor plugin would use it."""

import importlib.resources
import inspect
from datetime import datetime, timedelta, timezone

import pytest

import frontlint
from frontlint import Diagnostic, SchemaError, Severity, lint_file, lint_paths, lint_text, load_schema, validate_data
from helpers import SEED


def test_public_api_is_exported_documented_and_typed():
    assert sorted(frontlint.__all__) == [
        "Config",
        "ConfigError",
        "Diagnostic",
        "Linter",
        "RecordResult",
        "Schema",
        "SchemaError",
        "Severity",
        "__version__",
        "lint_file",
        "lint_paths",
        "lint_text",
        "load_schema",
        "validate_data",
        "validate_records",
    ]
    for name in frontlint.__all__:
        value = getattr(frontlint, name)
        if callable(value):
            assert inspect.getdoc(value), name
    assert importlib.resources.files("frontlint").joinpath("py.typed").is_file()


def test_diagnostic_is_an_immutable_named_tuple_with_every_field():
    assert Diagnostic._fields == (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "rule",
        "message",
        "json_path",
        "help",
        "fix",
        "fingerprint",
    )
    diagnostic = lint_text("---\nquality: -1\n---\n", path="x.md")[-1]
    with pytest.raises(AttributeError):
        diagnostic.line = 3  # type: ignore[misc]
    assert diagnostic._asdict()["line"] == 2
    assert diagnostic._replace(line=3).line == 3


def test_lint_text_gives_positions_spans_and_json_path():
    diagnostics = lint_text("---\ncategory: news\nquality: -12\n---\n", path="x.md")
    minimum = [d for d in diagnostics if d.rule == "schema/minimum"]
    assert minimum == [
        Diagnostic(
            path="x.md",
            line=3,
            column=10,
            end_line=3,
            end_column=13,
            severity=Severity.ERROR,
            rule="schema/minimum",
            message="-12 is out of range: must be at least 0",
            json_path="$.quality",
            fingerprint=minimum[0].fingerprint,
        )
    ]
    assert len(minimum[0].fingerprint) == 32


def test_lint_text_accepts_bytes():
    assert [d.rule for d in lint_text(b"\xff\xfe-\x00", path="u.md")] == ["encoding"]


def test_lint_file_and_lint_paths_on_the_seed(tmp_path):
    assert [d for d in lint_file(SEED) if d.severity is Severity.ERROR] == []
    copy = tmp_path / "nested" / "2021-07-28-a.markdown"
    copy.parent.mkdir()
    copy.write_text(SEED.read_text(encoding="utf-8").replace("quality: 39\n", "quality: -1\n", 1), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not markdown", encoding="utf-8")
    found = [d for d in lint_paths([tmp_path]) if d.severity is Severity.ERROR]
    assert [(d.path, d.line, d.column, d.rule) for d in found] == [(str(copy), 9, 10, "schema/minimum")]


def test_lint_paths_raises_or_reports_unreadable_paths(tmp_path):
    missing = tmp_path / "gone.md"
    with pytest.raises(FileNotFoundError):
        lint_paths([missing])
    seen = []
    assert lint_paths([missing], on_error=lambda path, error: seen.append((path, type(error)))) == []
    assert seen == [(missing, FileNotFoundError)]


def test_validate_data_checks_a_parsed_record_and_names_json_paths():
    record = {
        "category": "news",
        "related": [{"title": "t", "images": [{"url": "https://a.example/i.jpg", "width": "9", "height": 1}]}],
    }
    results = [(d.json_path, d.rule, d.line) for d in validate_data(record) if d.json_path.startswith("$.related")]
    assert ("$.related[0].images[0].width", "schema/type", None) in results
    assert ("$.related[0]", "schema/required", None) in results
    assert validate_data(record)[0].format().startswith("<data>:$: error: ")


def test_load_schema_by_name_or_path_and_its_errors(tmp_path):
    assert load_schema("article").source == "bundled:article"
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": 12}', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad.json: not a valid JSON Schema at type: 12 is not valid"):
        load_schema(bad)
    with pytest.raises(SchemaError, match="cannot read schema: No such file or directory"):
        load_schema(tmp_path / "none.json")


def test_a_custom_yaml_schema_checks_another_sites_front_matter(tmp_path):
    schema = tmp_path / "post.schema.yaml"
    schema.write_text("type: object\nrequired: [layout]\nproperties:\n  layout: {enum: [post]}\n", encoding="utf-8")
    assert [d.format() for d in lint_text("---\nlayout: page\n---\n", path="p.md", schema=schema)] == [
        "p.md:2:9: error: 'page' is not one of 'post' [schema/enum]",
    ]


def test_the_package_docstring_example_runs():
    import doctest

    results = doctest.testmod(frontlint, optionflags=doctest.ELLIPSIS)
    assert (results.failed, results.attempted) == (0, 2)


class _SetClock(datetime):
    """A clock that reads what the test has set it to: the library's calls run at the times the test chooses."""

    current = datetime(2026, 1, 1, tzinfo=timezone.utc)

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return cls.current


def test_the_library_judges_date_future_against_the_time_of_each_call_not_of_its_first(monkeypatch):
    # The cached library linter outlives a call: a date just past the default tolerance (1d) is
    # in the future at the first call and not once the clock has passed it. The clock is set by
    # the test (not the machine's, which a slow first call could carry past the date).
    import frontlint.api
    import frontlint.checking.engine

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    monkeypatch.setattr(_SetClock, "current", start)
    monkeypatch.setattr(frontlint.api, "datetime", _SetClock)
    monkeypatch.setattr(frontlint.checking.engine, "datetime", _SetClock)
    value = "2026-01-02T00:00:01.000000Z"  # a second past start plus 1d
    text = f"---\npublishedDateTime: {value}\n---\n"
    assert [d.rule for d in validate_data({"publishedDateTime": value}) if d.rule == "date-future"] == ["date-future"]
    assert [d.format() for d in lint_text(text) if d.rule == "date-future"] == [
        f"<string>:2:20: error: publishedDateTime {value} is in the future: "
        "later than now (2026-01-01T00:00:00Z) plus 1d [date-future]"
    ]
    monkeypatch.setattr(_SetClock, "current", start + timedelta(seconds=2))
    assert [d for d in validate_data({"publishedDateTime": value}) if d.rule == "date-future"] == []
    assert [d for d in lint_text(text) if d.rule == "date-future"] == []


class _FastClock(datetime):
    """A clock an hour further on at every reading: a file read at another reading gets another "now"."""

    readings = 0

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        cls.readings += 1
        return datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(hours=cls.readings)


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_lint_paths_call_judges_every_file_against_one_time(tmp_path, monkeypatch, jobs):
    """The time is read once a call, not once a file: every date-future message of a run names the same "now"."""
    import frontlint.api
    import frontlint.checking.engine

    for number in range(70):  # enough for two worker processes
        (tmp_path / f"a{number:02}.md").write_text(
            "---\npublishedDateTime: 2099-01-01T00:00:00Z\n---\n", encoding="utf-8"
        )
    monkeypatch.setattr(_FastClock, "readings", 0)
    monkeypatch.setattr(frontlint.api, "datetime", _FastClock)
    monkeypatch.setattr(frontlint.checking.engine, "datetime", _FastClock)
    messages = {d.message for d in lint_paths([tmp_path], jobs=jobs) if d.rule == "date-future"}
    assert messages == {
        "publishedDateTime 2099-01-01T00:00:00Z is in the future: later than now (2026-01-01T01:00:00Z) plus 1d"
    }
