"""Baselines: record a run's problems, hide them later, report new ones and stale entries."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from frontlint import load_schema
from frontlint.baseline.store import (
    Baseline,
    BaselineEntry,
    BaselineError,
    load_baseline,
    normalize_path,
    write_baseline,
)
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Diagnostic, Severity
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, front_matter

ARTICLE = front_matter("""
title: "A title\\u200b"
webUrl: "http://example.com/a"
originalUrl: "http://example.com/original"
""")


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder, where its baselines are: their paths are relative to it."""
    monkeypatch.chdir(tmp_path)


def lint(text: str, path: str = "a.md") -> list[Diagnostic]:
    return Linter(load_schema(), Settings(now=FIXED_NOW)).lint_text(text, path)


def by_rule(diagnostics: list[Diagnostic], rule: str) -> list[Diagnostic]:
    return [diagnostic for diagnostic in diagnostics if diagnostic.rule == rule]


def round_trip(tmp_path: Path, diagnostics: list[Diagnostic]) -> Baseline:
    file = tmp_path / "baseline.json"
    write_baseline(file, diagnostics)
    return load_baseline(file)


def test_write_then_load_round_trips(tmp_path: Path) -> None:
    diagnostics = lint(ARTICLE)
    file = tmp_path / "baseline.json"
    assert write_baseline(file, diagnostics) == len(diagnostics) > 3
    baseline = load_baseline(file)
    expected = sorted(
        ((d.path, d.rule, d.json_path, d.fingerprint, d.message) for d in diagnostics),
    )
    assert [(e.path, e.rule, e.json_path, e.fingerprint, e.message) for e in baseline.entries] == expected
    result = baseline.filter(diagnostics, ["a.md"])
    assert (result.diagnostics, result.stale, result.hidden) == ([], [], len(diagnostics))


def test_file_format(tmp_path: Path) -> None:
    diagnostics = by_rule(lint(ARTICLE), "url-insecure")
    file = tmp_path / "baseline.json"
    write_baseline(file, diagnostics)
    text = file.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    assert json.loads(text)["tool"] == "frontlint"
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "version": 1,', '  "tool": "frontlint",']
    assert lines[3] == '  "entries": ['
    # One entry per line, keys in a fixed order.
    assert lines[4].startswith(
        '    {"path": "a.md", "rule": "url-insecure", "json_path": "$.originalUrl", "fingerprint": '
    )
    assert lines[5].startswith('    {"path": "a.md", "rule": "url-insecure", "json_path": "$.webUrl", "fingerprint": ')
    assert lines[6:] == ["  ]", "}"]
    assert text.endswith("}\n")


def test_empty_baseline_file(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    assert write_baseline(file, []) == 0
    assert file.read_text(encoding="utf-8") == '{\n  "version": 1,\n  "tool": "frontlint",\n  "entries": []\n}\n'
    assert load_baseline(file) == Baseline((), str(tmp_path))


def test_a_problem_on_another_line_stays_hidden(tmp_path: Path) -> None:
    before = lint(ARTICLE)
    # Lines inserted above, and the two URLs swapped: every problem is on another line.
    moved_text = front_matter("""
# a comment

# another
title: "A title\\u200b"
originalUrl: "http://example.com/original"
webUrl: "http://example.com/a"
""")
    after = lint(moved_text)
    insecure_before = by_rule(before, "url-insecure")
    insecure_after = by_rule(after, "url-insecure")
    # The problems moved: other lines...
    assert {d.json_path: d.line for d in insecure_before} == {"$.webUrl": 3, "$.originalUrl": 4}
    assert {d.json_path: d.line for d in insecure_after} == {"$.webUrl": 7, "$.originalUrl": 6}
    # ...the same fingerprints.
    assert {d.json_path: d.fingerprint for d in insecure_before} == {d.json_path: d.fingerprint for d in insecure_after}
    assert sorted(d.fingerprint for d in before) == sorted(d.fingerprint for d in after)

    result = round_trip(tmp_path, before).filter(after, ["a.md"])
    assert (result.diagnostics, result.stale, result.hidden) == ([], [], len(after))


def test_a_changed_value_is_new_and_its_old_entry_stale(tmp_path: Path) -> None:
    baseline = round_trip(tmp_path, lint(ARTICLE))
    changed = lint(ARTICLE.replace("http://example.com/a", "http://example.com/b"))
    result = baseline.filter(changed, ["a.md"])
    assert [(d.rule, d.json_path) for d in result.diagnostics] == [("url-insecure", "$.webUrl")]
    assert [(e.rule, e.json_path) for e in result.stale] == [("url-insecure", "$.webUrl")]
    assert result.hidden == len(changed) - 1


def test_a_fixed_problem_becomes_stale(tmp_path: Path) -> None:
    baseline = round_trip(tmp_path, lint(ARTICLE))
    fixed = lint(ARTICLE.replace('"A title\\u200b"', '"A title"'))
    result = baseline.filter(fixed, ["a.md"])
    assert result.diagnostics == []
    assert [(e.path, e.rule, e.json_path) for e in result.stale] == [("a.md", "text-whitespace", "$.title")]
    assert result.stale[0].message  # kept for the humans who read the report
    assert result.hidden == len(fixed)


def test_warnings_and_errors_are_both_hidden(tmp_path: Path) -> None:
    diagnostics = lint(ARTICLE)
    assert {d.severity for d in diagnostics} == {Severity.ERROR, Severity.WARNING}
    result = round_trip(tmp_path, diagnostics).filter(diagnostics, ["a.md"])
    assert result.diagnostics == []


def test_counts_matter(tmp_path: Path) -> None:
    diagnostic = by_rule(lint(ARTICLE), "url-insecure")[0]
    baseline = round_trip(tmp_path, [diagnostic, diagnostic])
    assert len(baseline.entries) == 2

    three = [diagnostic, diagnostic._replace(line=20), diagnostic._replace(line=30)]
    result = baseline.filter(three, ["a.md"])
    assert (result.diagnostics, result.stale, result.hidden) == ([three[2]], [], 2)

    result = baseline.filter([diagnostic], ["a.md"])
    assert (result.diagnostics, result.hidden) == ([], 1)
    assert result.stale == [baseline.entries[1]]


def test_new_diagnostics_keep_their_order(tmp_path: Path) -> None:
    diagnostics = lint(ARTICLE)
    baseline = round_trip(tmp_path, diagnostics[1::2])
    result = baseline.filter(diagnostics, ["a.md"])
    assert result.diagnostics == diagnostics[0::2]


def test_a_diagnostic_without_a_line_is_matched_the_same_way(tmp_path: Path) -> None:
    diagnostic = by_rule(lint(ARTICLE), "url-insecure")[0]
    unplaced = diagnostic._replace(line=None, column=None, end_line=None, end_column=None)
    result = round_trip(tmp_path, [unplaced]).filter([diagnostic, unplaced], ["a.md"])
    assert (result.diagnostics, result.hidden) == ([unplaced], 1)


def test_a_diagnostic_without_fingerprint_is_keyed_by_its_message(tmp_path: Path) -> None:
    diagnostic = Diagnostic("a.md", 3, 1, 3, 9, Severity.WARNING, "unused-ignore", "unused suppression: x")
    baseline = round_trip(tmp_path, [diagnostic])
    assert len(baseline.entries[0].fingerprint) == 32
    moved = diagnostic._replace(line=9)
    other = diagnostic._replace(message="unused suppression: y")
    result = baseline.filter([moved, other], ["a.md"])
    assert (result.diagnostics, result.hidden) == ([other], 1)


@pytest.mark.parametrize(
    ("written", "linted"),
    [("./a.md", "a.md"), ("a.md", "./a.md"), ("news/../a.md", "a.md"), ("news//b/./a.md", "news/b/a.md")],
)
def test_paths_are_compared_normalised(tmp_path: Path, written: str, linted: str) -> None:
    baseline = round_trip(tmp_path, lint(ARTICLE, written))
    assert {entry.path for entry in baseline.entries} == {normalize_path(written)}
    assert "./" not in "".join(entry.path for entry in baseline.entries)
    result = baseline.filter(lint(ARTICLE, linted), [linted])
    assert (result.diagnostics, result.stale) == ([], [])
    fixed = lint(ARTICLE.replace('"A title\\u200b"', '"A title"'), linted)
    assert len(baseline.filter(fixed, [f"./{linted}"]).stale) == 1


def test_paths_are_stored_as_posix(tmp_path: Path) -> None:
    native = os.path.join("news", "a.md")
    baseline = round_trip(tmp_path, lint(ARTICLE, native))
    assert {entry.path for entry in baseline.entries} == {"news/a.md"}
    assert '"path": "news/a.md"' in (tmp_path / "baseline.json").read_text(encoding="utf-8")


def test_entries_of_files_not_linted_are_not_stale(tmp_path: Path) -> None:
    baseline = round_trip(tmp_path, lint(ARTICLE, "a.md") + lint(ARTICLE, "b.md"))
    fixed = front_matter('title: "A"')
    # Only b.md is linted (as pre-commit passes the changed files): a.md's entries are not stale.
    result = baseline.filter(lint(ARTICLE, "b.md"), ["b.md"])
    assert (result.diagnostics, result.stale) == ([], [])
    # b.md fixed: only its entries are stale.
    result = baseline.filter(lint(fixed, "b.md"), ["b.md"])
    assert result.stale and {entry.path for entry in result.stale} == {"b.md"}
    # A file that was linted and came back clean has all its entries stale.
    result = baseline.filter([], ["b.md"])
    assert len(result.stale) == len(lint(ARTICLE, "b.md"))
    # Nothing linted: nothing stale.
    assert baseline.filter([], []).stale == []


def test_entries_outside_carry_over_into_a_partial_write(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    write_baseline(file, lint(ARTICLE, "a.md") + lint(ARTICLE, "b.md"))
    full = file.read_bytes()
    baseline = load_baseline(file)
    kept = baseline.entries_outside(["./b.md"])
    assert {entry.path for entry in kept} == {"a.md"}
    write_baseline(file, lint(ARTICLE, "b.md"), keep=kept)
    assert file.read_bytes() == full


def test_writing_twice_gives_identical_sorted_bytes(tmp_path: Path) -> None:
    diagnostics = lint(ARTICLE, "b.md") + lint(ARTICLE, "a.md")
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(first, diagnostics)
    write_baseline(second, list(reversed(diagnostics)))
    assert first.read_bytes() == second.read_bytes()
    entries = json.loads(first.read_text(encoding="utf-8"))["entries"]
    keys = [(e["path"], e["rule"], e["json_path"], e["fingerprint"], e["message"]) for e in entries]
    assert keys == sorted(keys)
    # Loading and writing again changes nothing either.
    write_baseline(second, diagnostics)
    assert first.read_bytes() == second.read_bytes()


def test_non_ascii_and_undecodable_names_round_trip(tmp_path: Path) -> None:
    diagnostic = by_rule(lint(ARTICLE), "url-insecure")[0]
    names = ["新闻/文章.md", "bad-\udcff.md"]  # the second: a non-UTF-8 file name (surrogateescape)
    diagnostics = [diagnostic._replace(path=name) for name in names]
    file = tmp_path / "baseline.json"
    write_baseline(file, diagnostics)
    text = file.read_bytes().decode("utf-8")  # valid UTF-8
    assert "新闻/文章.md" in text and "\\udcff" in text
    result = load_baseline(file).filter(diagnostics, names)
    assert (result.diagnostics, result.stale, result.hidden) == ([], [], 2)


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    file.write_text("old", encoding="utf-8")
    write_baseline(file, lint(ARTICLE))
    write_baseline(file, lint(ARTICLE))
    assert [path.name for path in tmp_path.iterdir()] == ["baseline.json"]
    load_baseline(file)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "baseline.json"
    write_baseline(file, lint(ARTICLE))
    old = file.read_bytes()

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(BaselineError) as raised:
        write_baseline(file, [])
    assert str(raised.value) == f"{file}: cannot write baseline: No space left on device"
    assert file.read_bytes() == old
    assert [path.name for path in tmp_path.iterdir()] == ["baseline.json"]


def test_writing_into_a_missing_directory_is_a_baseline_error(tmp_path: Path) -> None:
    file = tmp_path / "missing" / "baseline.json"
    with pytest.raises(BaselineError) as raised:
        write_baseline(file, [])
    assert str(raised.value) == f"{file}: cannot write baseline: No such file or directory"


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_written_file_is_readable_by_others_as_any_new_file(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    write_baseline(file, [])
    umask = os.umask(0)
    os.umask(umask)
    assert file.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_linked_baseline_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    link = tmp_path / "baseline.json"
    write_baseline(real, [])
    link.symlink_to(real.name)
    write_baseline(link, lint(ARTICLE))
    assert link.is_symlink()
    assert len(load_baseline(real).entries) == len(lint(ARTICLE))


VALID = {"version": 1, "tool": "frontlint", "entries": []}
ENTRY = {"path": "a.md", "rule": "url-insecure", "json_path": "$.webUrl", "fingerprint": "f" * 32, "message": "m"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "baseline is not valid JSON: Expecting value: line 1 column 1 (char 0)"),
        (b'{"version": 1,\n "entries": [\n', "baseline is not valid JSON: "),
        (b"\xff\xfe{}", "baseline is not UTF-8: "),
        (b"[]", "not a valid frontlint baseline: expected a JSON object, not a list"),
        (b'{"tool": "frontlint", "entries": []}', "not a valid frontlint baseline: no 'version'"),
        (
            json.dumps({**VALID, "version": 2}).encode(),
            "unsupported baseline version 2 (this frontlint reads version 1)",
        ),
        (
            json.dumps({**VALID, "version": "1"}).encode(),
            'unsupported baseline version "1" (this frontlint reads version 1)',
        ),
        (
            json.dumps({**VALID, "version": True}).encode(),
            "unsupported baseline version true (this frontlint reads version 1)",
        ),
        (
            json.dumps({**VALID, "tool": "ruff"}).encode(),
            "not a valid frontlint baseline: 'tool' is \"ruff\", not 'frontlint'",
        ),
        (
            json.dumps({"version": 1, "tool": "frontlint"}).encode(),
            "not a valid frontlint baseline: 'entries' must be a list, not null",
        ),
        (
            json.dumps({**VALID, "entries": [ENTRY, 3]}).encode(),
            "not a valid frontlint baseline: entry 1 must be an object, not a number",
        ),
        (
            json.dumps({**VALID, "entries": [{**ENTRY, "fingerprint": ""}]}).encode(),
            "not a valid frontlint baseline: entry 0: 'fingerprint' must be a non-empty string",
        ),
        (
            json.dumps({**VALID, "entries": [{k: v for k, v in ENTRY.items() if k != "rule"}]}).encode(),
            "not a valid frontlint baseline: entry 0: 'rule' must be a non-empty string",
        ),
        (
            json.dumps({**VALID, "entries": [{**ENTRY, "message": None}]}).encode(),
            "not a valid frontlint baseline: entry 0: 'message' must be a string",
        ),
        (
            b'{"version": 1, "version": 1, "tool": "frontlint", "entries": []}',
            "baseline is not valid JSON: duplicate key 'version'",
        ),
        (b"[" * 100_000, "baseline is not valid JSON: "),
    ],
)
def test_an_invalid_file_is_a_one_line_error_naming_it(tmp_path: Path, content: bytes, reason: str) -> None:
    file = tmp_path / "baseline.json"
    file.write_bytes(content)
    with pytest.raises(BaselineError) as raised:
        load_baseline(file)
    message = str(raised.value)
    assert message.startswith(f"{file}: {reason}")
    assert "\n" not in message


def test_a_missing_file_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    file = tmp_path / "nothing.json"
    with pytest.raises(BaselineError) as raised:
        load_baseline(file)
    assert str(raised.value) == f"{file}: cannot read baseline: No such file or directory"


def test_a_directory_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BaselineError) as raised:
        load_baseline(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path}: cannot read baseline: ")


def test_a_file_name_with_a_line_break_still_gives_one_line(tmp_path: Path) -> None:
    file = tmp_path / "two\nlines.json"
    with pytest.raises(BaselineError) as raised:
        load_baseline(file)
    assert "\n" not in str(raised.value) and "two\\nlines.json" in str(raised.value)


def test_a_byte_order_mark_and_unknown_keys_are_accepted(tmp_path: Path) -> None:
    file = tmp_path / "baseline.json"
    document = {**VALID, "comment": "x", "entries": [{**ENTRY, "note": "y"}]}
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode())
    assert load_baseline(file).entries == (BaselineEntry("a.md", "url-insecure", "$.webUrl", "f" * 32, "m"),)


def test_the_message_is_not_part_of_the_key() -> None:
    entry = BaselineEntry("a.md", "r", "$", "f" * 32, "one")
    assert entry == replace(entry, message="two")
    assert entry != replace(entry, path="b.md")
