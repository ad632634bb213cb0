"""Configuration per file, as in ruff: each file is judged by its nearest config, paths in a config
are relative to its folder, so results never depend on the working directory or the order of files.

Every case runs the real command in a subprocess on a site tree in a temporary folder.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from frontlint.config.loading import ConfigError
from frontlint.config.project import Project
from frontlint.reading.files import read_start
from frontlint.run.linting import source_outcomes
from frontlint.run.sources import Source
from helpers import run_cli

NEWS = '---\ntitle: 1\nwebUrl: "http://a.example/news"\n---\n'
EVENT = '---\nname: Build\nwebUrl: "http://a.example/event"\n---\n'
EVENT_SCHEMA = json.dumps(
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["name", "date"],
        # webUrl is a URL (its format says so) for the URL rules, as in the article contract.
        "properties": {
            "name": {"type": "string"},
            "date": {"type": "string"},
            "webUrl": {"type": "string", "format": "uri"},
        },
    }
)
INSECURE = "warning: insecure http:// URL: use https:// if the site serves it [url-insecure]"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def two_collections(root: Path) -> Path:
    """A site whose _events folder has a config of its own (its own schema, url-insecure an error)."""
    write(root / "_news" / "2021-07-28-a.md", NEWS)
    write(root / "_events" / "e.md", EVENT)
    write(root / "frontlint.toml", 'select = ["schema/type", "url-insecure"]\n')
    write(root / "_events" / "event.schema.json", EVENT_SCHEMA)
    write(
        root / "_events" / "frontlint.toml",
        (
            'schema = "event.schema.json"\nselect = ["schema/required", "url-insecure"]\n'
            '[rules.url-insecure]\nseverity = "error"\n'
        ),
    )
    return root


def lines(result) -> list[str]:
    return result.stdout.decode().splitlines()


@pytest.mark.slow
def test_each_file_is_judged_by_its_own_config_whatever_the_order(tmp_path):
    root = two_collections(tmp_path)
    expected = [
        "_events/e.md:2:1: error: missing required key 'date' [schema/required]",
        "_events/e.md:3:9: error: insecure http:// URL: use https:// if the site serves it [url-insecure]",
        "_news/2021-07-28-a.md:2:8: error: expected string, got integer 1 [schema/type]",
        f"_news/2021-07-28-a.md:3:9: {INSECURE}",
    ]
    # pre-commit's --all-files and --files orders, and a walk of the whole site.
    for arguments in (["_news/2021-07-28-a.md", "_events/e.md"], ["_events/e.md", "_news/2021-07-28-a.md"], ["."]):
        result = run_cli(*arguments, cwd=root)
        assert (lines(result), result.returncode) == (expected, 1), arguments
    assert lines(run_cli("_events/e.md", cwd=root)) == expected[:2]
    assert lines(run_cli("_news/2021-07-28-a.md", cwd=root)) == expected[2:]


@pytest.mark.slow
def test_config_option_gives_every_file_one_config_and_isolated_none(tmp_path):
    root = two_collections(tmp_path)
    one = run_cli("--config", "frontlint.toml", ".", cwd=root)
    assert lines(one) == [
        f"_events/e.md:3:9: {INSECURE}",
        "_news/2021-07-28-a.md:2:8: error: expected string, got integer 1 [schema/type]",
        f"_news/2021-07-28-a.md:3:9: {INSECURE}",
    ]
    isolated = run_cli("--isolated", "--select", "url-insecure", ".", cwd=root)
    assert lines(isolated) == [f"_events/e.md:3:9: {INSECURE}", f"_news/2021-07-28-a.md:3:9: {INSECURE}"]


def test_the_command_line_wins_over_every_config(tmp_path):
    root = two_collections(tmp_path)
    result = run_cli("--select", "url-insecure", ".", cwd=root)
    assert lines(result) == [
        "_events/e.md:3:9: error: insecure http:// URL: use https:// if the site serves it [url-insecure]",
        f"_news/2021-07-28-a.md:3:9: {INSECURE}",
    ]


@pytest.mark.slow
def test_per_file_schemas_with_a_bundled_name_and_a_path(tmp_path):
    write(tmp_path / "_news" / "2021-07-28-a.md", NEWS)
    write(tmp_path / "_events" / "e.md", EVENT)
    write(tmp_path / "_people" / "p.md", "---\nname: x\n---\n")
    write(tmp_path / "schemas" / "event.schema.json", EVENT_SCHEMA)
    write(
        tmp_path / "frontlint.toml",
        (
            'select = ["schema/required"]\nschema = "schemas/event.schema.json"\n'
            '[per-file-schemas]\n"_news/" = "article"\n"_events/**/*.md" = "schemas/event.schema.json"\n'
        ),
    )
    result = run_cli(".", cwd=tmp_path)
    assert [line for line in lines(result) if not line.startswith("_news")] == [
        "_events/e.md:2:1: error: missing required key 'date' [schema/required]",
        "_people/p.md:2:1: error: missing required key 'date' [schema/required]",
    ]
    news = [line for line in lines(result) if line.startswith("_news")]
    assert news and all("missing required key" in line and "'date'" not in line for line in news)
    # The same from a subfolder: the patterns are the config's, not the working directory's.
    below = run_cli(".", cwd=tmp_path / "_events")
    assert lines(below) == ["e.md:2:1: error: missing required key 'date' [schema/required]"]


def test_a_missing_schema_in_per_file_schemas_is_one_error_line(tmp_path):
    write(tmp_path / "a.md", NEWS)
    write(
        tmp_path / "frontlint.toml",
        'select = ["url"]\n\n[per-file-schemas]\n"_news/" = "article"\n"_events/" = "nope.json"\n',
    )
    result = run_cli("a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"frontlint: error: {tmp_path / 'frontlint.toml'}:5: per-file-schemas.'_events/': {tmp_path / 'nope.json'}: "
        "cannot read schema: No such file or directory\n"
    )


def test_a_bad_schema_named_in_pyproject_is_an_error_at_its_line(tmp_path):
    write(tmp_path / "a.md", NEWS)
    write(tmp_path / "bad.json", '{"type": 5}')
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.frontlint]\nschema = "bad.json"\n')
    result = run_cli("a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        (
            f"frontlint: error: {tmp_path / 'pyproject.toml'}:5: schema: {tmp_path / 'bad.json'}: not a valid JSON Schema at type: "
            "5 is not valid under any of the given schemas\n"
        ),
    )


@pytest.mark.slow
def test_a_missing_baseline_named_in_a_configuration_is_an_error_at_its_line(tmp_path):
    write(tmp_path / "_news" / "a.md", NEWS)
    write(tmp_path / "frontlint.toml", 'select = ["url"]\nbaseline = "nope.json"\n')
    for cwd, path in ((tmp_path, "_news"), (tmp_path / "_news", "a.md")):
        result = run_cli(path, cwd=cwd)
        assert (result.returncode, result.stdout, result.stderr.decode()) == (
            2,
            b"",
            (
                f"frontlint: error: {tmp_path / 'frontlint.toml'}:2: baseline: {tmp_path / 'nope.json'}: cannot read baseline: "
                "No such file or directory\n"
            ),
        )


def test_a_negated_per_file_pattern_applies_to_the_files_it_does_not_match_as_in_ruff(tmp_path):
    write(tmp_path / "_news" / "a.md", NEWS)
    write(tmp_path / "_events" / "e.md", EVENT)
    write(tmp_path / "event.schema.json", EVENT_SCHEMA)
    write(
        tmp_path / "frontlint.toml",
        (
            'select = ["schema/required", "url-insecure"]\n'
            '[per-file-ignores]\n"!_events/" = ["url-insecure"]\n[per-file-schemas]\n"!_news/" = "event.schema.json"\n'
        ),
    )
    found = lines(run_cli(".", cwd=tmp_path))
    assert [line for line in found if line.startswith("_events/")] == [
        "_events/e.md:2:1: error: missing required key 'date' [schema/required]",
        f"_events/e.md:3:9: {INSECURE}",
    ]
    news = [line for line in found if line.startswith("_news/")]  # the article contract's keys; url-insecure ignored
    assert news and all("missing required key" in line and "'date'" not in line for line in news)


def site_with_legacy(root: Path) -> Path:
    write(root / "_news" / "a.md", NEWS)
    write(root / "_news" / "legacy" / "b.md", NEWS)
    write(
        root / "frontlint.toml", 'select = ["url-insecure"]\n[per-file-ignores]\n"_news/legacy/" = ["url-insecure"]\n'
    )
    return root


@pytest.mark.slow
def test_per_file_ignores_do_not_depend_on_the_working_directory(tmp_path):
    root = site_with_legacy(tmp_path / "site")
    from_root = run_cli(str(root), cwd=root)
    from_news = run_cli(str(root), cwd=root / "_news")
    assert from_root.stdout == from_news.stdout == f"{root}/_news/a.md:3:9: {INSECURE}\n".encode()
    assert lines(run_cli(".", cwd=root)) == [f"_news/a.md:3:9: {INSECURE}"]
    assert lines(run_cli("..", cwd=root / "_news")) == [f"../_news/a.md:3:9: {INSECURE}"]
    assert lines(run_cli(".", cwd=root / "_news")) == [f"a.md:3:9: {INSECURE}"]


@pytest.mark.slow
def test_a_baseline_hides_the_same_problems_from_any_folder(tmp_path):
    root = tmp_path / "site"
    write(root / "_news" / "a.md", NEWS)
    write(root / "_news" / "b.md", NEWS.replace("news", "other"))
    write(root / "frontlint.toml", 'select = ["url-insecure"]\nbaseline = "frontlint-baseline.json"\n')
    written = run_cli("--write-baseline", "frontlint-baseline.json", "_news/a.md", cwd=root)
    assert written.returncode == 0, written.stderr
    entries = json.loads((root / "frontlint-baseline.json").read_text())["entries"]
    assert [entry["path"] for entry in entries] == ["_news/a.md"]
    expected_b = f"b.md:3:9: {INSECURE}"
    for cwd, argument, prefix in [
        (root, ".", "_news/"),
        (root / "_news", "..", "../_news/"),
        (root / "_news", ".", ""),
    ]:
        result = run_cli(argument, cwd=cwd)
        assert (lines(result), result.returncode) == ([prefix + expected_b], 0), (cwd, argument)
    from_root = run_cli(str(root), cwd=root)
    from_news = run_cli(str(root), cwd=root / "_news")
    assert from_root.stdout == from_news.stdout == f"{root}/_news/{expected_b}\n".encode()
    # --baseline on the command line wins: an empty one hides nothing.
    (root / "empty.json").write_text('{"version": 1, "tool": "frontlint", "entries": []}\n')
    assert len(lines(run_cli("--baseline", "empty.json", ".", cwd=root))) == 2


@pytest.mark.slow
def test_a_baseline_written_from_a_subfolder_is_relative_to_its_own_folder(tmp_path):
    root = tmp_path / "site"
    write(root / "_news" / "a.md", NEWS)
    result = run_cli("--select", "url-insecure", "--write-baseline", "../b.json", ".", cwd=root / "_news")
    assert result.returncode == 0, result.stderr
    assert [entry["path"] for entry in json.loads((root / "b.json").read_text())["entries"]] == ["_news/a.md"]
    again = run_cli("--select", "url-insecure", "--baseline", "b.json", ".", cwd=root)
    assert (again.stdout, again.returncode) == (b"", 0)


@pytest.mark.slow
def test_an_old_baseline_written_from_its_folder_still_reads(tmp_path):
    root = tmp_path / "site"
    write(root / "_news" / "a.md", NEWS)
    first = run_cli("--select", "url-insecure", "--write-baseline", "b.json", "./_news/a.md", cwd=root)
    assert first.returncode == 0
    document = json.loads((root / "b.json").read_text())
    document["entries"][0]["path"] = "./_news/a.md"  # as an older frontlint wrote the path typed
    (root / "b.json").write_text(json.dumps(document))
    result = run_cli("--select", "url-insecure", "--baseline", "../b.json", "a.md", cwd=root / "_news")
    assert (result.stdout, result.returncode) == (b"", 0)


def test_a_worker_builds_the_linter_of_a_config_it_has_not_read(tmp_path, monkeypatch):
    """Workers are forked after the first sources are read: a config found later is read in the worker."""
    monkeypatch.chdir(tmp_path)
    config = write(
        tmp_path / "late" / "frontlint.toml", 'select = ["url-insecure"]\n[rules.url-insecure]\nseverity = "error"\n'
    )
    broken = write(tmp_path / "broken" / "frontlint.toml", "select = 5\n")
    project = Project()
    sources = []
    for index in range(100):
        folder, key = ("late", (str(config), "article")) if index % 2 else ("broken", (str(broken), "article"))
        path = write(tmp_path / folder / f"{index:03d}.md", NEWS)
        sources.append(Source(str(path), functools.partial(read_start, path), key=key))
    outcomes = list(source_outcomes(project, sources, None, False, 2))
    assert len(outcomes) == 100
    late = [outcome for outcome in outcomes if "/late/" in outcome.name]
    assert {(d.rule, str(d.severity)) for outcome in late for d in outcome.report.diagnostics} == {
        ("url-insecure", "error")
    }
    errors = {str(outcome.error) for outcome in outcomes if "/broken/" in outcome.name}
    assert errors == {f"{broken}:1: select must be a list of non-empty strings, not 5"}
    assert all(isinstance(outcome.error, ConfigError) for outcome in outcomes if "/broken/" in outcome.name)


def test_duplicate_article_follows_each_file_s_own_settings(tmp_path):
    write(tmp_path / "_news" / "a.md", NEWS)
    write(tmp_path / "_news" / "b.md", NEWS)
    write(tmp_path / "_events" / "a.md", NEWS)
    write(
        tmp_path / "_events" / "frontlint.toml",
        'select = ["duplicate-article"]\n[rules.duplicate-article]\nseverity = "error"\n',
    )
    write(tmp_path / "frontlint.toml", 'select = ["duplicate-article"]\n')
    result = run_cli(".", cwd=tmp_path)
    assert [line.split(": another")[0] for line in lines(result)] == [
        "_news/a.md:3:9: warning",
        "_news/b.md:3:9: warning",
    ]


def test_the_library_lints_paths_with_one_config_and_walks_as_the_command(tmp_path):
    from frontlint import lint_paths

    root = two_collections(tmp_path)
    write(root / "vendor" / "x.md", NEWS)
    found = lint_paths([root], config=root / "frontlint.toml")
    assert [(Path(d.path).relative_to(root).as_posix(), d.rule, str(d.severity)) for d in found] == [
        ("_events/e.md", "url-insecure", "warning"),
        ("_news/2021-07-28-a.md", "schema/type", "error"),
        ("_news/2021-07-28-a.md", "url-insecure", "warning"),
    ]
