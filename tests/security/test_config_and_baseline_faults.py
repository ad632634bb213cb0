"""Issue 11, configuration and baselines: every fault is one line and exit 2, never a traceback,
never a hang, never silently skipped; a selection of nothing is said; globs are prepared once;
``validate_data`` reports keys that are not strings instead of raising.

Every command runs the real ``frontlint`` under the hostile-input limits (500 MB; a timeout only against a hang).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from frontlint import Config, cli, validate_data
from frontlint.config.loading import ConfigError, settings_from_mapping
from frontlint.settings.path_patterns import PatternSet
from frontlint.settings.resolved import Settings
from helpers import WITHOUT_ROOT_OVERRIDES, run_limited

CLEAN = "---\ntitle: x\n---\n"
ARTICLE = '---\nwebUrl: "http://a.example/x"\n---\n'
ALWAYS_ON_REASON = (
    "encoding, front-matter-too-large, front-matter-unclosed, json-syntax, toml-depth-limit, toml-syntax, yaml-alias-limit, yaml-depth-limit and yaml-syntax "
    "mean the front matter could not be read, so they are always reported"
)
NOTHING_SELECTED = (
    "frontlint: warning: select, extend-select and ignore leave no rule selected: "
    "only front matter that cannot be read is reported\n"
)
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def project(tmp_path: Path, config_name: str, config: str | bytes) -> Path:
    """A project in ``tmp_path/project`` holding a config file and ``site/a.md``."""
    write(tmp_path / "project" / config_name, config)
    write(tmp_path / "project" / "site" / "a.md", CLEAN)
    return tmp_path / "project"


def trouble(result: Any) -> tuple[int, str, str]:
    return result.returncode, result.stdout, result.stderr


# --- configuration files: every fault is exit 2 naming the file ----------------------------


@pytest.mark.slow
def test_tool_that_is_not_a_table_in_a_pyproject_up_the_tree(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "# build settings\n\ntool = 5\n\n[project]\nname = 'x'\n")
    write(tmp_path / "project" / "a.md", CLEAN)
    result = run_limited("project/a.md", cwd=tmp_path, isolated=False)
    assert trouble(result) == (2, "", f"frontlint: error: {tmp_path}/pyproject.toml:3: tool must be a table, not 5\n")


@pytest.mark.slow
def test_tool_frontlint_that_is_not_a_table(tmp_path: Path) -> None:
    root = project(tmp_path, "pyproject.toml", "[tool]\nfrontlint = [1]\n")
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/pyproject.toml:2: [tool.frontlint] must be a table, not [1]\n",
    )


@pytest.mark.slow
def test_a_config_that_is_not_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", b'exclude = []\nselect = ["\xff"]\n')
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/frontlint.toml:2:12: not UTF-8 (byte 0xff): a TOML file must be UTF-8\n",
    )


@pytest.mark.slow
def test_deeply_nested_toml_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/frontlint.toml: cannot be read: arrays or inline tables nested too deeply\n",
    )


@pytest.mark.slow
def test_a_severity_of_the_wrong_type_names_file_and_key(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", '[rules.url-syntax]\nseverity = ["off"]\n')
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/frontlint.toml:2: rules.url-syntax.severity must be 'error', 'warning' or 'off', "
        "not ['off']\n",
    )


@pytest.mark.slow
def test_broken_toml_names_the_line(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", 'select = ["url"]\n\nignore = [url]\n')
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (2, "", f"frontlint: error: {root}/frontlint.toml:3:11: not valid TOML: Invalid value\n")


@pytest.mark.slow
def test_a_broken_pyproject_up_the_tree_is_not_skipped(tmp_path: Path) -> None:
    """It may or may not hold [tool.frontlint]: that cannot be known, so the run stops."""
    root = project(tmp_path, "pyproject.toml", "[tool.frontlint\nselect = []\n")
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/pyproject.toml:1:16: not valid TOML: Expected ']' at the end of a table declaration\n",
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_named_like_a_config_is_not_skipped_and_not_waited_for(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root / "a.md", CLEAN)
    os.mkfifo(root / "frontlint.toml")
    result = run_limited("a.md", cwd=root, isolated=False)
    assert trouble(result) == (2, "", f"frontlint: error: {root}/frontlint.toml: cannot read: not a regular file\n")


@pytest.mark.slow
def test_a_config_link_loop_is_not_skipped(tmp_path: Path) -> None:
    root = tmp_path / "project"
    write(root / "a.md", CLEAN)
    (root / "frontlint.toml").symlink_to("frontlint.toml")
    result = run_limited("a.md", cwd=root, isolated=False)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: {root}/frontlint.toml: cannot read: Too many levels of symbolic links\n",
    )


@pytest.mark.slow
def test_an_unreadable_config_is_not_skipped(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", 'select = ["url"]\n')
    (root / "frontlint.toml").chmod(0)
    result = run_limited("site/a.md", cwd=root, isolated=False, prefix=WITHOUT_ROOT_OVERRIDES)
    assert trouble(result) == (2, "", f"frontlint: error: {root}/frontlint.toml: cannot read: Permission denied\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("/dev/zero", None),
        ("fifo", "fifo"),
        ("big.toml", "big"),
    ],
)
def test_config_option_reads_a_regular_file_within_the_limit(tmp_path: Path, name: str, make: str | None) -> None:
    write(tmp_path / "a.md", CLEAN)
    if make == "fifo":
        os.mkfifo(tmp_path / name)
    elif make == "big":
        with open(tmp_path / name, "wb") as handle:
            handle.truncate(5 * 1024 * 1024)
    reason = "larger than 4,194,304 bytes" if make == "big" else "not a regular file"
    result = run_limited("--config", name, "a.md", cwd=tmp_path, isolated=False)
    assert trouble(result) == (2, "", f"frontlint: error: {name}: cannot read: {reason}\n")


# Every key, given every kind of TOML value: a ConfigError or settings, never another exception.
VALUES: list[Any] = [
    5,
    -1,
    0,
    1.5,
    float("inf"),
    float("nan"),
    True,
    "x",
    "",
    "off",
    [],
    ["off"],
    [1],
    [[]],
    [{}],
    {},
    {"a": 1},
    {"severity": ["off"]},
    __import__("datetime").datetime(2024, 1, 1),
    __import__("datetime").date(2024, 1, 1),
    "9" * 5000,
]
KEYS: list[tuple[str, ...]] = [
    ("select",),
    ("extend-select",),
    ("ignore",),
    ("exclude",),
    ("schema",),
    ("now",),
    ("per-file-ignores",),
    ("per-file-ignores", "*.md"),
    ("rules",),
    ("rules", "url-syntax"),
    ("rules", "url-syntax", "severity"),
    ("rules", "yaml-syntax", "severity"),
    ("rules", "date-future", "tolerance"),
    ("rules", "filename-date", "timezone"),
    ("rules", "image-dimensions", "max-pixels"),
    ("rules", "image-dimensions", "max-aspect-ratio"),
    ("rules", "excerpt-boilerplate", "extra-phrases"),
    ("max-front-matter-bytes",),
    ("max-nesting-depth",),
    ("max-alias-nodes",),
]


@pytest.mark.slow
@pytest.mark.parametrize("keys", KEYS, ids=".".join)
def test_any_value_at_any_key_is_settings_or_a_config_error(tmp_path: Path, keys: tuple[str, ...]) -> None:
    for value in VALUES:
        table: dict[str, Any] = {}
        node = table
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        try:
            settings_from_mapping(table, base_dir=tmp_path, source="f.toml")
        except ConfigError as error:
            assert str(error).startswith("f.toml: ") and "\n" not in str(error)


def test_the_errors_of_wrong_types_name_the_key() -> None:
    def error_of(table: dict[str, Any]) -> str:
        with pytest.raises(ConfigError) as raised:
            settings_from_mapping(table, base_dir=Path("."), source="f.toml")
        return str(raised.value)

    assert error_of({"rules": {"url-syntax": 5}}) == "f.toml: rules.url-syntax must be a table, not 5"
    assert error_of({"rules": {"text-html": {"severity": 1}}}) == (
        "f.toml: rules.text-html.severity must be 'error', 'warning' or 'off', not 1"
    )
    assert (
        error_of({"per-file-ignores": {"*.md": "url"}})
        == "f.toml: per-file-ignores.'*.md' must be a list of non-empty strings, not 'url'"
    )
    assert error_of({"select": ["x" * 200]}) == (
        "f.toml: select: unknown rule or prefix '" + "x" * 56 + "..."  # cut to 60 characters
    )


# --- selections: nothing selected is said, an unknown selector or an always-on check is refused ---


@pytest.mark.slow
def test_an_empty_select_in_the_config_warns(tmp_path: Path) -> None:
    root = project(tmp_path, "frontlint.toml", "select = []\n")
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (0, "", NOTHING_SELECTED + "no problems found in 1 file\n")


@pytest.mark.slow
@pytest.mark.parametrize("arguments", [["--ignore=ALL"], ["--select=yaml-syntax"], ["--select=url", "--ignore=url"]])
def test_a_command_line_selecting_nothing_warns(tmp_path: Path, arguments: list[str]) -> None:
    write(tmp_path / "a.md", ARTICLE)
    result = run_limited(*arguments, "a.md", cwd=tmp_path)
    assert trouble(result) == (0, "", NOTHING_SELECTED + "no problems found in 1 file\n")


@pytest.mark.slow
def test_a_selection_of_one_schema_keyword_does_not_warn(tmp_path: Path) -> None:
    write(tmp_path / "a.md", CLEAN)
    result = run_limited("--select=schema/type", "a.md", cwd=tmp_path)
    assert trouble(result) == (0, "", "no problems found in 1 file\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--select=schema/typo", "--select: unknown rule or prefix 'schema/typo' (did you mean 'schema/type'?)"),
        (
            "--extend-select=schema/requird",
            "--extend-select: unknown rule or prefix 'schema/requird' (did you mean 'schema/required'?)",
        ),
        ("--ignore=url-sintax", "--ignore: unknown rule or prefix 'url-sintax' (did you mean 'url-syntax'?)"),
        ("--ignore=encoding", f"--ignore: encoding cannot be ignored: {ALWAYS_ON_REASON}"),
    ],
)
def test_an_unknown_selector_on_the_command_line_is_an_error(tmp_path: Path, option: str, message: str) -> None:
    write(tmp_path / "a.md", CLEAN)
    result = run_limited(option, "a.md", cwd=tmp_path)
    assert trouble(result) == (2, "", f"frontlint: error: {message}\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[rules.yaml-syntax]\nseverity = "off"\n', f"rules.yaml-syntax.severity cannot be 'off': {ALWAYS_ON_REASON}"),
        (
            'ignore = ["front-matter-unclosed"]\n',
            f"ignore: front-matter-unclosed cannot be ignored: {ALWAYS_ON_REASON}",
        ),
        (
            '[per-file-ignores]\n"old/*" = ["encoding"]\n',
            f"per-file-ignores.'old/*': encoding cannot be ignored: {ALWAYS_ON_REASON}",
        ),
        ('select = ["schema/typo"]\n', "select: unknown rule or prefix 'schema/typo' (did you mean 'schema/type'?)"),
    ],
)
def test_switching_off_an_always_on_check_is_refused(tmp_path: Path, config: str, message: str) -> None:
    root = project(tmp_path, "frontlint.toml", config)
    result = run_limited("site/a.md", cwd=root, isolated=False)
    assert trouble(result) == (2, "", f"frontlint: error: {root}/frontlint.toml:{config.count(chr(10))}: {message}\n")


def test_an_always_on_check_may_still_be_selected_and_given_a_severity(tmp_path: Path) -> None:
    settings = settings_from_mapping(
        {"select": ["yaml-syntax"], "rules": {"yaml-syntax": {"severity": "error"}}},
        base_dir=tmp_path,
    )
    assert settings.is_selected("yaml-syntax") and not settings.is_selected("url-syntax")


# --- baselines ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("missing/baseline.json", "No such file or directory"),
        ("a.md/baseline.json", "Not a directory"),
        ("folder", "Is a directory"),
        ("n" * 300 + ".json", "File name too long"),
    ],
)
def test_write_baseline_that_cannot_be_written_fails_before_the_run(tmp_path: Path, target: str, reason: str) -> None:
    write(tmp_path / "a.md", ARTICLE)
    (tmp_path / "folder").mkdir()
    result = run_limited("--write-baseline", target, "a.md", cwd=tmp_path)
    assert trouble(result) == (2, "", f"frontlint: error: {target}: cannot write baseline: {reason}\n")


@pytest.mark.slow
def test_write_baseline_into_a_read_only_folder_fails_before_the_run(tmp_path: Path) -> None:
    write(tmp_path / "a.md", ARTICLE)
    (tmp_path / "locked").mkdir(mode=0o555)
    result = run_limited("--write-baseline", "locked/b.json", "a.md", cwd=tmp_path, prefix=WITHOUT_ROOT_OVERRIDES)
    assert trouble(result) == (2, "", "frontlint: error: locked/b.json: cannot write baseline: Permission denied\n")


def test_a_write_that_fails_after_the_run_keeps_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder was fine before the run; the disk filled up during it."""
    write(tmp_path / "a.md", ARTICLE)
    monkeypatch.chdir(tmp_path)

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("frontlint.baseline.store.write_atomically", disk_full)
    status = cli.main(["--isolated", "--select=url-insecure", "--write-baseline", "b.json", "a.md"])
    captured = capsys.readouterr()
    assert (status, captured.out, captured.err) == (
        2,
        "a.md:2:9: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]\n",
        "frontlint: error: b.json: cannot write baseline: No space left on device\n0 errors, 1 warning in 1 of 1 file\n",
    )
    assert not (tmp_path / "b.json").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b"{not json",
            "baseline is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        (
            b'{"version": 2, "tool": "frontlint", "entries": []}',
            "unsupported baseline version 2 (this frontlint reads version 1)",
        ),
        (b"", "baseline is not valid JSON: Expecting value: line 1 column 1 (char 0)"),
    ],
)
def test_write_baseline_over_a_baseline_it_cannot_read_leaves_it_as_is(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / "b.json", content)
    result = run_limited("--write-baseline", "b.json", "a.md", cwd=tmp_path)
    assert trouble(result) == (
        2,
        "",
        f"frontlint: error: b.json: the existing baseline could not be read, so it was left as is: {reason}\n",
    )
    assert (tmp_path / "b.json").read_bytes() == content


@pytest.mark.slow
def test_write_baseline_over_a_readable_baseline_keeps_other_files_entries(tmp_path: Path) -> None:
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / "b.md", ARTICLE)
    first = run_limited("--select=url-insecure", "--write-baseline", "b.json", "a.md", "b.md", cwd=tmp_path)
    assert first.returncode == 0
    again = run_limited("--select=url-insecure", "--write-baseline", "b.json", "a.md", cwd=tmp_path)
    assert (again.returncode, again.stderr.splitlines()[0]) == (0, "frontlint: wrote 2 entries to b.json")
    assert [entry["path"] for entry in json.loads((tmp_path / "b.json").read_text())["entries"]] == ["a.md", "b.md"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("/dev/zero", None, "not a regular file"),
        ("fifo", "fifo", "not a regular file"),
        ("huge.json", "huge", "larger than 67,108,864 bytes"),
    ],
)
def test_baseline_reads_a_regular_file_within_the_limit(
    tmp_path: Path, name: str, make: str | None, reason: str
) -> None:
    write(tmp_path / "a.md", CLEAN)
    if make == "fifo":
        os.mkfifo(tmp_path / name)
    elif make == "huge":
        with open(tmp_path / name, "wb") as handle:
            handle.truncate(65 * 1024 * 1024)
    for option in ("--baseline", "--write-baseline"):
        result = run_limited(option, name, "a.md", cwd=tmp_path)
        prefix = "" if option == "--baseline" else "the existing baseline could not be read, so it was left as is: "
        expected = f"frontlint: error: {name}: {prefix}cannot read baseline: {reason}\n"
        if option == "--write-baseline" and make is None:
            expected = f"frontlint: error: {name}: cannot write baseline: Permission denied\n" if not ROOT else expected
        assert trouble(result) == (2, "", expected), option


# --- exclude and per-file-ignores globs: prepared once -----------------------------------------


@pytest.mark.slow
def test_a_hundred_thousand_exclude_globs_and_a_thousand_files(tmp_path: Path) -> None:
    count = 25_000
    globs = (
        [f"d{i}/*" for i in range(count)]
        + [f"*-{i}.md" for i in range(count)]
        + [f"n/{i}.md" for i in range(count)]
        + [f"*x{i}?*" for i in range(count)]
    )
    write(tmp_path / "frontlint.toml", f'select = ["url-insecure"]\nexclude = {json.dumps(globs)}\n')
    for i in range(1_000):
        write(tmp_path / "news" / f"a{i}.md", ARTICLE)
    # Four excluded, one by each kind of glob (gitignore-style: "d7/*" is anchored to the config's folder).
    for name in ("d7/a.md", "news/b-12.md", "n/13.md", "news/ax14y.md"):
        write(tmp_path / name, ARTICLE)
    result = run_limited("-j1", "-q", ".", cwd=tmp_path, isolated=False)
    assert (result.returncode, result.stderr, len(result.stdout.splitlines())) == (0, "", 1_000)


def reference_match(file_path: str, patterns: list[str]) -> bool:
    """The gitignore semantics as pathspec implements them: a pattern matches the path or a folder of it."""
    import warnings

    from pathspec import GitIgnoreSpec

    with warnings.catch_warnings():  # re's "possible nested set" of "[[]b]": pathspec compiles it as written
        warnings.simplefilter("ignore", FutureWarning)
        return GitIgnoreSpec.from_lines(patterns).match_file(file_path)


PATHS = [
    "a/b.md",
    "a/b/c.md",
    "b",
    "_drafts/x/y.md",
    "a.md",
    "x",
    "a/[b]/c",
    "news/2021-07-28-x.md",
    "a/]!/[b",
    "vendor/bundle/x.md",
    "site/vendor/a.md",
    "x/node_modules/",
    "README.md",
    ".git/",
    "deep/a/b/c/d.md",
]
GLOBS = [
    "*",
    "*.md",
    "b",
    "a/*",
    "_drafts/",
    "*/y.md",
    "[ab]/*",
    "[!a]*",
    "a/[[]b]/c",
    "*x*",
    "?",
    "??",
    "news/2021-*-x.md",
    "*-x.md",
    "[]]",
    "a/]!/[b",
    "/x",
    "x/a.md",
    "*[b]",
    "d?afts/*",
    "*/[b]/*",
    "vendor",
    "vendor/",
    "node_modules/",
    ".*/",
    "**/c",
    "deep/**/d.md",
    "/README.md",
    "a/**",
]


@pytest.mark.parametrize("glob", GLOBS)
def test_a_prepared_pattern_matches_as_pathspec_does(glob: str) -> None:
    prepared = PatternSet([glob])
    assert [prepared.decide(path, whole=False) is True for path in PATHS] == [
        reference_match(path, [glob]) for path in PATHS
    ]


def test_a_prepared_set_of_many_patterns_matches_as_any_of_them() -> None:
    patterns = GLOBS[1:] * 2  # without "*", which matches everything; past the size where patterns are indexed by text
    prepared = PatternSet(patterns)
    assert [prepared.decide(path, whole=False) is True for path in PATHS] == [
        reference_match(path, patterns) for path in PATHS
    ]


def test_settings_prepare_their_patterns_once_and_replace_prepares_them_again() -> None:
    settings = Settings(extend_exclude=("_drafts/",), per_file_ignores=(("old/", ("url",)),), base=str(Path.cwd()))
    assert settings.excludes("site/_drafts/a.md", whole=False) and not settings.excludes("site/a.md")
    assert not settings.is_selected("url-syntax", "old/a.md") and settings.is_selected("url-syntax", "new/a.md")
    changed = settings._replace(extend_exclude=("*.md",))
    assert changed.excludes("site/a.md") and changed.per_file_ignores == settings.per_file_ignores


# --- validate_data: keys that are not strings are diagnostics ------------------------------------

KEY_MESSAGE = "key {} is {}, not a string: keys must be strings, as in JSON and YAML front matter"


@pytest.mark.parametrize(
    ("record", "json_path", "shown", "kind"),
    [
        ({None: 1}, "$", "None", "NoneType"),
        ({1: "x"}, "$", "1", "int"),
        ({(1, 2): "x"}, "$", "(1, 2)", "tuple"),
        ({True: "x"}, "$", "True", "bool"),
        ({"related": [{"webUrl": "https://a.example/", 2.5: "x"}]}, "$.related[0]", "2.5", "float"),
        ({"images": [{"url": "https://a.example/i.jpg", "size": {None: 1}}]}, "$.images[0].size", "None", "NoneType"),
        ({"a": ({1: 2},)}, "$.a[0]", "1", "int"),
        ({"a b": {b"k": 1}}, "$['a b']", "b'k'", "bytes"),
        ({(1,) * 30: "x"}, "$", "(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ...", "tuple"),  # cut to 40 characters
    ],
)
def test_a_key_that_is_not_a_string_is_a_diagnostic_at_its_mapping(
    record: dict[Any, Any], json_path: str, shown: str, kind: str
) -> None:
    found = [
        (d.rule, d.json_path, d.message, str(d.severity), d.line)
        for d in validate_data(record)
        if d.rule == "yaml-key-type"
    ]
    assert found == [("yaml-key-type", json_path, KEY_MESSAGE.format(shown, kind), "error", None)]


def test_the_rest_of_the_record_is_still_checked_and_the_record_is_not_changed() -> None:
    record = {"title": "t", 1: "x", "webUrl": "http://a.example/", "related": [{None: 1}]}
    before = repr(record)
    rules = sorted({d.rule for d in validate_data(record)})
    assert "url-insecure" in rules and "yaml-key-type" in rules and "schema/required" in rules
    assert repr(record) == before


@pytest.mark.slow
def test_a_record_with_a_cycle_a_shared_part_and_deep_nesting_does_not_raise() -> None:
    shared = {7: "x"}
    record: dict[Any, Any] = {"title": "t", "a": [shared, shared]}
    record["self"] = record
    deep = node = {}
    for _ in range(5_000):
        node["n"] = {}
        node = node["n"]
    node[None] = 1
    record["deep"] = deep
    # max-nesting-depth applies to data as to a file (64 by default): raised here to reach the deep key
    found = [
        (d.json_path, d.message)
        for d in validate_data(record, config=Config(max_nesting_depth=10_000))
        if d.rule == "yaml-key-type"
    ]
    assert found == [
        ("$.a[0]", KEY_MESSAGE.format("7", "int")),
        ("$.deep" + ".n" * 5_000, KEY_MESSAGE.format("None", "NoneType")),
    ]


def test_a_key_whose_repr_fails_still_gives_its_diagnostic() -> None:
    class Odd:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    found = [d.message for d in validate_data({Odd(): 1}) if d.rule == "yaml-key-type"]
    assert found == [KEY_MESSAGE.format("<Odd object>", "Odd")]


def test_a_key_in_a_configuration_named_with_a_nul_character_is_told_without_a_line(tmp_path: Path) -> None:
    # read_limited turns the NUL into an OSError: the one failure key_in_file needs to catch.
    from frontlint.config.loading import key_in_file

    config = tmp_path / "frontlint.toml"
    config.write_text('title = 1\nbaseline = "b.json"\n', encoding="utf-8")
    assert key_in_file(str(config), ("baseline",)) == f"{config}:2: baseline"
    assert key_in_file(f"{config}\0", ("baseline",)) == f"{config}\0: baseline"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("7" * 5000, "cannot be read: an integer has more than 4,300 digits, Python's limit"),
        ("0x" + "f" * 4000, "max-nesting-depth must be a positive whole number, not an integer of 4,817 digits"),
    ],
)
def test_an_integer_past_pythons_digit_limit_in_a_config_is_an_error_not_a_traceback(
    tmp_path: Path, value: str, message: str
) -> None:
    """tomllib refuses the decimal one; the hex one it reads, and the error names it without converting it to text."""
    root = project(tmp_path, "frontlint.toml", f"exclude = []\nmax-nesting-depth = {value}\n")
    result = run_limited("site/a.md", cwd=root, isolated=False)
    line = "" if value.isdigit() else ":2"
    assert trouble(result) == (2, "", f"frontlint: error: {root}/frontlint.toml{line}: {message}\n")
