"""Discovery as in ruff: include/exclude patterns, .gitignore, named paths, --show-files and --show-settings.

Every case runs the real command in a subprocess on a site tree made in a temporary folder.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from helpers import run_cli

TYPE_ERROR = "2:8: error: expected string, got integer 1 [schema/type]"
BAD = "---\ntitle: 1\n---\n"
ONLY = ("--select", "schema/type")
NO_FILES = "frontlint: warning: no Markdown files found (see include, exclude and .gitignore: frontlint --show-settings PATH)\n"


def write(path: Path, text: str = BAD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def site(root: Path, names: list[str]) -> Path:
    """A site tree holding an article with a type error at each name."""
    for name in names:
        write(root / name)
    return root


def git_repository(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True, timeout=60)


def shown_files(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, list[str], str]:
    result = run_cli("--show-files", *args, cwd=cwd or root)
    return result.returncode, result.stdout.decode().splitlines(), result.stderr.decode()


CHECKOUT = [
    "_news/2021-07-28-a.md",
    "_events/e.md",
    "README.md",
    "notes.markdown",
    "notes.txt",
    "vendor/bundle/gems/x/README.md",
    "node_modules/pkg/readme.md",
    "_site/news/a.md",
    ".jekyll-cache/x.md",
    ".git/x.md",
    ".sass-cache/x.md",
    ".bundle/x.md",
    ".venv/x.md",
    "venv/lib/x.md",
    "build/x.md",
    "dist/x.md",
    "deep/er/vendor/x.md",
    "deep/er/ok.md",
]


def test_the_default_excludes_leave_out_what_a_site_checkout_carries(tmp_path):
    site(tmp_path, CHECKOUT)
    assert shown_files(tmp_path) == (
        0,
        [
            "README.md",
            "notes.markdown",
            "_events/e.md",
            "_news/2021-07-28-a.md",
            "deep/er/ok.md",
        ],
        "",
    )


def test_the_default_include_takes_markdown_suffixes_in_any_case(tmp_path):
    # As frontlint always has (and as the check that --output-file is not a linted article does).
    site(tmp_path, ["_news/2021-07-28-a.MD", "_news/b.Markdown", "_news/c.md", "_news/d.mdx"])
    assert shown_files(tmp_path) == (0, ["_news/2021-07-28-a.MD", "_news/b.Markdown", "_news/c.md"], "")


def test_exclude_vendor_prunes_it_at_any_depth_and_replaces_the_defaults(tmp_path):
    site(tmp_path, ["a.md", "vendor/x.md", "deep/vendor/y.md", "deep/vendors/z.md", "node_modules/n.md"])
    write(tmp_path / "frontlint.toml", 'exclude = ["vendor"]\n')
    assert shown_files(tmp_path)[1] == ["a.md", "deep/vendors/z.md", "node_modules/n.md"]


@pytest.mark.slow
def test_extend_exclude_adds_to_the_defaults_and_is_relative_to_the_config(tmp_path):
    site(
        tmp_path,
        ["site/_drafts/a.md", "site/_news/_drafts/b.md", "site/_news/c.md", "site/vendor/d.md", "_drafts/e.md"],
    )
    write(tmp_path / "site" / "frontlint.toml", 'extend-exclude = ["/_drafts/"]\n')
    # From the root: the config of site/ applies to site/ only, its anchored pattern to site/_drafts only.
    assert shown_files(tmp_path)[1] == ["_drafts/e.md", "site/_news/c.md", "site/_news/_drafts/b.md"]
    assert shown_files(tmp_path, ".", cwd=tmp_path / "site")[1] == ["_news/c.md", "_news/_drafts/b.md"]


def test_include_and_extend_include_choose_the_files_of_walked_folders(tmp_path):
    site(tmp_path, ["_news/a.md", "_news/b.mdown", "README.md", "_events/2024/e.md", "_events/e.txt"])
    write(tmp_path / "frontlint.toml", 'include = ["/_news/*.md", "/_events/**/*.md"]\nextend-include = ["*.mdown"]\n')
    assert shown_files(tmp_path)[1] == ["_events/2024/e.md", "_news/a.md", "_news/b.mdown"]


@pytest.mark.slow
def test_gitignore_is_respected_with_nested_files_and_negation(tmp_path):
    git_repository(tmp_path)
    site(tmp_path, ["a.md", "drafts/b.md", "news/c.md", "news/keep.md", "news/old/d.md", "news/old/e.md", "info.md"])
    write(tmp_path / ".gitignore", "drafts/\n*.md\n!a.md\n!news/\n")
    write(tmp_path / "news" / ".gitignore", "!*.md\nold/\n")
    write(tmp_path / ".git" / "info" / "exclude", "info.md\n")
    assert shown_files(tmp_path)[1] == ["a.md", "news/c.md", "news/keep.md"]
    # From a subfolder, the .gitignore files above it still apply.
    assert shown_files(tmp_path, ".", cwd=tmp_path / "news")[1] == ["c.md", "keep.md"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("gitignore", "expected"),
    [
        ("*\n", []),
        ("/**\n", []),
        ("*\n!*.md\n", ["top.md"]),
        ("**/\n", ["top.md"]),
        ("d/**\n!d/keep.md\n", ["top.md", "d/keep.md"]),
    ],
)
def test_gitignore_patterns_of_everything_or_of_a_folders_contents_ignore_as_git_does(tmp_path, gitignore, expected):
    """What `git ls-files -o --exclude-standard` lists (pathspec's regexes for these are searched, not matched whole)."""
    git_repository(tmp_path)
    site(tmp_path, ["top.md", "d/a.md", "d/keep.md", "d/e/b.md"])
    write(tmp_path / ".gitignore", gitignore)
    assert shown_files(tmp_path) == (0, expected, "" if expected else NO_FILES)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('include = ["_news/**"]\n', ["_news/a.md", "_news/sub/b.md"]),
        ('include = ["*"]\n', ["a.md", "frontlint.toml", "notes.txt", "_news/a.md", "_news/sub/b.md"]),
        ('extend-exclude = ["**"]\n', []),
        ('extend-exclude = ["*"]\n', []),
        ('extend-exclude = ["**/"]\n', ["a.md"]),
        ('extend-exclude = ["_news/**"]\n', ["a.md"]),
    ],
)
def test_include_and_exclude_patterns_with_stars_alone_or_at_the_end(tmp_path, config, expected):
    site(tmp_path, ["a.md", "notes.txt", "_news/a.md", "_news/sub/b.md"])
    write(tmp_path / "frontlint.toml", config)
    assert shown_files(tmp_path) == (0, expected, "" if expected else NO_FILES)


def test_respect_gitignore_false_reads_no_gitignore(tmp_path):
    git_repository(tmp_path)
    site(tmp_path, ["a.md", "drafts/b.md"])
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "frontlint.toml", "respect-gitignore = false\n")
    assert shown_files(tmp_path)[1] == ["a.md", "drafts/b.md"]


def test_outside_a_git_repository_a_gitignore_is_not_read(tmp_path):
    site(tmp_path, ["a.md", "drafts/b.md"])
    write(tmp_path / ".gitignore", "drafts/\n")
    assert shown_files(tmp_path)[1] == ["a.md", "drafts/b.md"]


@pytest.mark.slow
def test_a_named_excluded_file_is_linted_and_skipped_with_force_exclude(tmp_path):
    git_repository(tmp_path)
    site(tmp_path, ["vendor/x.md", "ignored.md", "a.md"])
    write(tmp_path / ".gitignore", "ignored.md\n")
    named = run_cli(*ONLY, "vendor/x.md", "ignored.md", "a.md", cwd=tmp_path)
    assert named.stdout.decode().splitlines() == [
        f"a.md:{TYPE_ERROR}",
        f"ignored.md:{TYPE_ERROR}",
        f"vendor/x.md:{TYPE_ERROR}",
    ]
    forced = run_cli(*ONLY, "--force-exclude", "vendor/x.md", "ignored.md", "a.md", cwd=tmp_path)
    assert forced.stdout.decode().splitlines() == [f"a.md:{TYPE_ERROR}"]
    # A named folder is walked whatever the excludes, unless --force-exclude.
    assert shown_files(tmp_path, "vendor") == (0, ["vendor/x.md"], "")
    assert shown_files(tmp_path, "--force-exclude", "vendor") == (0, [], NO_FILES)


@pytest.mark.slow
def test_force_exclude_from_a_subfolder_judges_no_folder_above_the_site(tmp_path):
    """Without a configuration, patterns are relative to the working directory: a site below a hidden folder
    (~/.local/src/site) is not left out by '.*/' when its files are named from a subfolder."""
    root = tmp_path / ".hidden" / "site"
    site(root, ["a.md", "vendor/v.md", "sub/b.md"])
    assert shown_files(root, "--force-exclude", "a.md", "vendor/v.md", "sub") == (0, ["a.md", "sub/b.md"], "")
    below = root / "sub"
    assert shown_files(root, "--force-exclude", "../a.md", "../vendor/v.md", ".", cwd=below) == (
        0,
        ["../a.md", "b.md"],
        "",
    )
    assert shown_files(root, "--force-exclude", "..", cwd=below) == (0, ["../a.md", "../sub/b.md"], "")
    assert (
        run_cli("--show-settings", "../a.md", cwd=below).stdout.decode().splitlines()[-1]
        == 'linted-when-walked     = "yes"'
    )


@pytest.mark.slow
def test_stdin_named_into_an_excluded_folder_is_skipped_with_force_exclude_as_ruff_skips_it(tmp_path):
    git_repository(tmp_path)
    write(tmp_path / "frontlint.toml", 'extend-exclude = ["drafts/"]\n')
    write(tmp_path / ".gitignore", "ignored.md\n")
    for name in ("drafts/x.md", "ignored.md"):
        plain = run_cli(*ONLY, "-", "--stdin-filename", name, cwd=tmp_path, stdin=BAD.encode())
        assert plain.stdout.decode().splitlines() == [f"{name}:{TYPE_ERROR}"]
        forced = run_cli(*ONLY, "--force-exclude", "-", "--stdin-filename", name, cwd=tmp_path, stdin=BAD.encode())
        assert (forced.returncode, forced.stdout, forced.stderr.decode()) == (
            0,
            b"",
            NO_FILES + "no problems found in 0 files\n",
        )
    kept = run_cli(*ONLY, "--force-exclude", "-", "--stdin-filename", "a.md", cwd=tmp_path, stdin=BAD.encode())
    assert kept.stdout.decode().splitlines() == [f"a.md:{TYPE_ERROR}"]


def test_a_run_that_finds_no_markdown_file_says_so_and_exits_0(tmp_path):
    write(tmp_path / "notes.txt")
    result = run_cli(".", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        0,
        b"",
        NO_FILES + "no problems found in 0 files\n",
    )


@pytest.mark.slow
def test_show_settings_prints_what_one_file_gets(tmp_path):
    write(
        tmp_path / "frontlint.toml",
        """
select = ["schema", "url"]
extend-exclude = ["_drafts/"]
baseline = "baseline.json"
[per-file-ignores]
"_news/" = ["url-insecure"]
[per-file-schemas]
"_events/" = "event.schema.json"
[rules.url-insecure]
severity = "error"
""",
    )
    write(tmp_path / "event.schema.json", '{"type": "object"}')
    result = run_cli("--show-settings", "_events/e.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = {
        line.split(" = ", 1)[0].strip(): json.loads(line.split(" = ", 1)[1])
        for line in result.stdout.decode().splitlines()
    }
    assert shown["config"] == str(tmp_path / "frontlint.toml")
    assert shown["schema"] == str(tmp_path / "event.schema.json")
    assert shown["select"] == ["schema", "url"]
    assert shown["severities"] == {"url-insecure": "error"}
    assert shown["extend-exclude"] == ["_drafts/"]
    assert shown["baseline"] == str(tmp_path / "baseline.json")
    assert shown["linted-when-walked"] == "yes"
    news = run_cli("--show-settings", "_news/a.md", cwd=tmp_path).stdout.decode()
    assert 'ignored-in-this-file   = ["url-insecure"]' in news.splitlines()
    assert 'schema                 = "article"' in news.splitlines()
    drafts = run_cli("--show-settings", "_drafts/a.md", cwd=tmp_path).stdout.decode()
    assert 'linted-when-walked     = "no: exclude or extend-exclude leaves it out"' in drafts.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("frontlint.toml", 'select = ["url"\n', "{config}:2:1: not valid TOML: Unclosed array at the end of the file"),
        (
            "frontlint.toml",
            '[rules.url-syntax]\nseverity = "error"\n\n[per-file-ignores]\n"old/" = ["url", 5]\n',
            "{config}:5: per-file-ignores.'old/' must be a list of non-empty strings, not ['url', 5]",
        ),
        (
            ".frontlint.toml",
            'extend-exclude = "vendor"\n',
            "{config}:1: extend-exclude must be a list of non-empty strings, not 'vendor'",
        ),
        (
            "pyproject.toml",
            '[tool.frontlint]\nrules = { url-syntax = { severity = "loud" } }\n',
            "{config}:2: rules.url-syntax.severity must be 'error', 'warning' or 'off', not 'loud'",
        ),
    ],
)
def test_a_broken_config_found_while_walking_stops_the_run_naming_file_and_line(tmp_path, name, text, expected):
    site(tmp_path, ["a.md", "_events/e.md"])
    config = write(tmp_path / "_events" / name, text)
    result = run_cli(*ONLY, ".", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        2,
        b"",
        f"frontlint: error: {expected.format(config=config)}\n",
    )


@pytest.mark.parametrize("arguments", [("--show-files",), (".", "-", "--stdin-filename", "_events/x.md")])
def test_a_broken_config_found_while_walking_stops_show_files_and_stdin_without_a_traceback(tmp_path, arguments):
    site(tmp_path, ["a.md", "_events/e.md"])
    config = write(tmp_path / "_events" / "frontlint.toml", 'select = ["url"\n')
    result = run_cli(*arguments, cwd=tmp_path, stdin=BAD.encode())
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        2,
        b"",
        f"frontlint: error: {config}:2:1: not valid TOML: Unclosed array at the end of the file\n",
    )


SIMPLE_PATTERNS = [
    "vendor",
    "vendor/",
    "/vendor",
    "/vendor/",
    ".*/",
    "_site/",
    "*.md",
    "*.markdown",
    "_news/2019-*.md",
    "a/b",
    "/a/b/",
    "?x",
    "x*y?z",
    "!keep.md",
    "!/a/",
    "README.md",
    "a.b-c_d",
    "node_modules/",
    "deep/er/x.md",
    "*-x.md",
]
OTHER_PATTERNS = ["*", "*/", "a/*", "**/c", "a/**", "a/**/b", "[ab].md", "\\!x", "a b", "x//", "/", "!", "a[", "#x\\"]


def test_patterns_match_in_folders_whose_names_hold_a_line_break(tmp_path):
    site(tmp_path, ["ok.md", "a\nb/vendor/x.md", "a\nb/y.md", "a\nb/skip.md", "a\nb/c/d/e.md"])
    write(tmp_path / "frontlint.toml", 'extend-exclude = ["skip.md", "c/**/e.md"]\n')
    assert shown_files(tmp_path) == (0, ["ok.md", '"a\\nb/y.md"', '"a\\nb/c/d/e.md"'], "")
    write(tmp_path / "frontlint.toml", 'extend-exclude = ["skip.md", "**/d/"]\n')
    assert shown_files(tmp_path) == (0, ["ok.md", '"a\\nb/y.md"'], "")


@pytest.mark.slow
def test_show_files_with_a_missing_path_exits_2_like_the_run(tmp_path):
    site(tmp_path, ["a.md"])
    assert shown_files(tmp_path, "nope.md") == (2, [], "frontlint: error: nope.md: No such file or directory\n")
    assert shown_files(tmp_path, "nope.md", "a.md") == (
        2,
        ["a.md"],
        "frontlint: error: nope.md: No such file or directory\n",
    )
    assert run_cli("nope.md", cwd=tmp_path).returncode == 2


PATHS = [
    "vendor",
    "vendor/",
    "x/vendor/",
    "x/vendor/a.md",
    "vendor/a.md",
    ".git/",
    ".gitignore",
    "a/.cache/",
    "_site/",
    "a.md",
    "x/a.md",
    "a.markdown",
    "_news/2019-01-x.md",
    "x/_news/2019-01-x.md",
    "_news/2020-x.md",
    "a/b",
    "a/b/",
    "a/b/c.md",
    "x/a/b",
    "ax",
    "x/bx",
    "xAyBz",
    "x/xyz",
    "keep.md",
    "a/keep.md",
    "a/",
    "README.md",
    "docs/README.md",
    "a.b-c_d",
    "node_modules/",
    "deep/er/x.md",
    "deep/er/x.md/",
    "1-x.md",
    "c",
    "a/c",
    "a b",
    "b.md",
    "!x",
    "",
]


@pytest.mark.parametrize("pattern", SIMPLE_PATTERNS + OTHER_PATTERNS)
def test_patterns_translate_as_pathspec_translates_them(pattern):
    """frontlint translates every pattern itself, exactly as pathspec does; the simple ones are matched by re."""
    import re

    from pathspec import GitIgnoreSpec

    from frontlint.settings.path_patterns import translate

    matcher, include = translate(pattern)
    try:
        (reference,) = GitIgnoreSpec.from_lines([pattern]).patterns
    except ValueError:  # pathspec refuses it, as git: it matches nothing
        reference = None
    if reference is None or reference.regex is None:  # refused, or a pattern of nothing ("/", "a[")
        assert [bool(matcher.match(path)) for path in PATHS] == [False] * len(PATHS)
        return
    assert include == reference.include
    inside_only = reference.regex.pattern.endswith("/")  # "a/**": what is inside a, not a itself (as git)
    for path in PATHS:  # pathspec searches its regular expression in a path; frontlint matches it from the start
        expected = reference.regex.search(path) is not None and not (inside_only and reference.regex.fullmatch(path))
        assert bool(matcher.match(path)) == expected, path
    assert isinstance(matcher, re.Pattern) or pattern not in SIMPLE_PATTERNS
    if reference.regex.pattern.startswith("^") and not reference.regex.pattern.endswith("/"):
        assert isinstance(matcher, re.Pattern)
        assert matcher.pattern == reference.regex.pattern  # matched whole (fullmatch) as pathspec matches it


@pytest.mark.parametrize(
    ("pattern", "itself", "in_a_folder", "neither"),
    [
        ("*", ["a.md", "x/a.md", "a/", "x/a/", "a\nb.md"], [], [""]),
        ("**", ["a.md", "x/a.md", "a/"], [], [""]),
        ("/**", ["a.md", "x/a.md", "a/"], [], [""]),
        ("**/", ["a/", "x/a/"], ["x/a.md"], ["a.md", ""]),
        ("a/**", ["a/b.md", "a/c/", "a/c/d.md"], [], ["a/", "a", "ab/c.md", "x/a/b.md"]),
    ],
)
def test_patterns_of_stars_match_paths_as_git_does(pattern, itself, in_a_folder, neither):
    """fullmatch: the pattern matches the path itself; match: the path or a folder it is in."""
    from frontlint.settings.path_patterns import translate

    regex = translate(pattern)[0]
    paths = itself + in_a_folder + neither
    assert [bool(regex.fullmatch(path)) for path in paths] == [path in itself for path in paths]
    assert [bool(regex.match(path)) for path in paths] == [path not in neither for path in paths]


@pytest.mark.slow
@pytest.mark.parametrize("pattern", ["[z-a]", "x[b-a].md", "[]-!].md"])
def test_a_pattern_re_cannot_compile_matches_nothing_not_a_traceback(tmp_path, pattern):
    # pathspec passes a reversed range on to re, which raises re.error (not a ValueError): in a
    # .gitignore of a repository or a configuration's exclude, it matched nothing in git but crashed the run.
    git_repository(tmp_path)
    site(tmp_path, ["a.md", "sub/b.md"])
    write(tmp_path / ".gitignore", pattern + "\n")
    write(tmp_path / "sub" / "frontlint.toml", f"extend-exclude = [{json.dumps(pattern)}]\n")
    assert shown_files(tmp_path) == (0, ["a.md", "sub/b.md"], "")


def test_a_walk_with_the_default_patterns_does_not_import_pathspec(tmp_path):
    site(tmp_path, ["a.md", "sub/b.md", "vendor/c.md"])
    program = (
        "import sys\nfrom frontlint.cli import main\nmain(['--show-files', '.'])\nprint('pathspec' in sys.modules)\n"
    )
    done = subprocess.run(
        [__import__("sys").executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert done.stdout.splitlines() == ["a.md", "sub/b.md", "False"]


def test_show_settings_of_a_file_that_is_not_there_says_so(tmp_path):
    result = run_cli("--isolated", "--show-settings", "_news/nope.md", cwd=tmp_path)
    assert result.stderr.decode() == (
        "frontlint: warning: _news/nope.md: No such file or directory: the settings a file there would get\n"
    )
    assert (result.returncode, result.stdout.decode().splitlines()[0]) == (
        0,
        'file                   = "_news/nope.md"',
    )


def test_a_gitignore_named_with_a_nul_character_holds_no_pattern(tmp_path):
    # read_limited turns the NUL into an OSError: the one failure read_patterns needs to catch.
    from frontlint.settings.path_patterns import read_patterns

    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert read_patterns(str(tmp_path / ".gitignore")).decide("a.md") is True
    assert not read_patterns(str(tmp_path) + "/\0.gitignore")
