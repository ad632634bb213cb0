"""Issue 21, paths: a file a thousand folders deep, and path patterns of any shape.

A file named on the command line however deep its folder is linted as any other (the lookup of
its configuration climbs the folders without recursion); where the system's limit on a name's
length is hit, that file is one line and the others are still reported.

A pattern (``.gitignore``, ``include``/``exclude``, ``per-file-*``) is read exactly as pathspec's
``GitIgnoreSpec`` reads it (hypothesis compares the two) and matched in bounded time whatever its
shape: ``a/**/a/**/.../b`` against a folder forty deep took ``re`` past a minute.

The command runs in a subprocess; its timeout there is only so that a hang cannot hold the suite.
Work is counted, not timed.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from deep_paths import FORTY, ONE_ERROR, PATHOLOGICAL, make_deep, remove_deep
from frontlint.settings import globs
from frontlint.settings.globs import Steps, compile_glob, parse
from frontlint.settings.path_patterns import PatternSet, translate
from helpers import run_limited

ALWAYS = "--select=yaml,front-matter,encoding,schema/type"
TYPE_ERROR = "2:8: error: expected string, got integer 1 [schema/type]"
GENEROUS = 60  # seconds: only so that a hang fails the test instead of holding the suite


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """``tmp_path`` and a list where a test notes the depth it made: removed afterwards (pytest's clean-up recurses)."""
    made: list[int] = []
    yield tmp_path, made
    for depth in made:
        remove_deep(tmp_path, depth)


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command (configurations looked up, not ``--isolated``) under the memory limit, with a generous timeout."""
    return run_limited(*args, cwd=cwd, stdin=stdin, seconds=GENEROUS, isolated=False)


def article(path: Path, text: str = ONE_ERROR) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- a file a thousand folders deep -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("how", ["named", "forced", "walked"])
def test_a_file_a_thousand_folders_deep_is_linted_as_any_other(deep, how):
    # Its configuration was looked up climbing the folders recursively: a RecursionError traceback, every result lost.
    root, made = deep
    name = make_deep(root, 1000)
    made.append(1000)
    article(root / "ok.md")
    arguments = {"named": [name, "ok.md"], "forced": ["--force-exclude", name, "ok.md"], "walked": ["."]}[how]
    result = run(ALWAYS, *arguments, cwd=root)
    assert (result.returncode, result.stderr) == (1, "2 errors, 0 warnings in 2 of 2 files\n")
    assert result.stdout == f"{name}:{TYPE_ERROR}\nok.md:{TYPE_ERROR}\n"


@pytest.mark.slow
def test_a_file_a_thousand_folders_deep_from_stdin_and_its_settings(deep):
    root, made = deep
    name = make_deep(root, 1000)
    made.append(1000)
    read = run(ALWAYS, "-", "--stdin-filename", name, cwd=root, stdin=ONE_ERROR)
    assert (read.returncode, read.stdout, read.stderr) == (
        1,
        f"{name}:{TYPE_ERROR}\n",
        "1 error, 0 warnings in 1 of 1 file\n",
    )
    shown = run("--show-settings", name, cwd=root)
    assert (shown.returncode, shown.stderr, shown.stdout.splitlines()[:4]) == (
        0,
        "",
        [
            f'file                   = "{name}"',
            "config                 = null",
            f'folder                 = "{root}"',
            f'path-in-folder         = "{name}"',
        ],
    )


def _path_max() -> int:
    try:
        return os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError):  # pragma: no cover - a system without a limit to hit
        return 0


@pytest.mark.slow
@pytest.mark.skipif(not 0 < _path_max() <= 8192, reason="a system whose names have no small limit")
def test_a_file_whose_folder_is_too_long_to_name_is_one_line_and_the_others_are_reported(deep):
    # Named from the working directory its name fits, but not its folder's whole name, where its
    # configuration would be: that lookup failed as a broken configuration, and the run stopped there.
    root, made = deep
    depth = (_path_max() - 16) // 2  # "d/" * depth + "x.md" fits; with the root in front it does not
    name = make_deep(root, depth)
    made.append(depth)
    assert len(str(root)) + 1 + len(name) > _path_max()
    article(root / "ok.md")
    result = run(ALWAYS, name, "ok.md", cwd=root)
    assert result.stdout == f"ok.md:{TYPE_ERROR}\n"
    assert result.stderr.splitlines() == [
        f"frontlint: error: {name}: {os.strerror(errno.ENAMETOOLONG)}",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


# --- path patterns of any shape: translated as pathspec translates them, matched in bounded time ---

# The characters patterns and paths are made of: every one gitignore gives a meaning, and a few plain ones.
PATTERN_PIECES = ["a", "b", "/", "*", "**", "?", "[", "]", "!", "^", "\\", "-", ".", " ", "\t", "\n", "#", "z", "0"]
NAME_PIECES = ["a", "b", "z", "ab", ".a", "a b", "[", "]", "!", "-", "\\", "\n", "+", "0", "é"]
patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=10).map("".join)
names = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=3).map("".join)
# Paths as the walk writes them (names joined with "/", a folder's ending in "/"), and any string at all.
walked_paths = st.builds(
    lambda parts, folder: "/".join(parts) + ("/" if folder else ""),
    st.lists(names, min_size=1, max_size=5),
    st.booleans(),
)
any_paths = st.lists(st.sampled_from([*NAME_PIECES, "/", "//"]), max_size=8).map("".join)
paths = st.one_of(walked_paths, any_paths)


def pathspec_pattern(pattern: str) -> Any:
    """pathspec's compiled pattern (``None``: one it refuses, as git does)."""
    from pathspec import GitIgnoreSpec

    with warnings.catch_warnings():  # re's "possible nested set" of "[[]": pathspec compiles it as written
        warnings.simplefilter("ignore", FutureWarning)
        try:
            (compiled,) = GitIgnoreSpec.from_lines([pattern]).patterns
        except (ValueError, re.error):
            return None
    return compiled if compiled.regex is not None else None


def pathspec_from_the_start(regex: str) -> str:
    """pathspec's regular expression, which it *searches* in a path, as frontlint matches it from the path's start
    (the reading frontlint made of it before it translated patterns itself)."""
    if regex == ".":
        return ".+"
    regex = regex if regex.startswith("^") else "^.*?" + regex
    return regex + ".+" if regex.endswith("/") else regex


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(pattern=patterns)
def test_a_pattern_is_translated_as_pathspec_translates_it(pattern):
    compiled, glob = pathspec_pattern(pattern), parse(pattern)
    if compiled is None:
        assert glob is None
        return
    assert glob is not None
    assert (glob.regex, glob.include) == (pathspec_from_the_start(compiled.regex.pattern), compiled.include)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(pattern=patterns, path=paths)
def test_the_steps_of_a_pattern_match_a_path_as_its_regular_expression_does(pattern, path):
    glob = parse(pattern)
    assume(glob is not None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        regex = re.compile(glob.regex, re.DOTALL)
    steps, used = Steps(glob.steps), compile_glob(glob)
    expected = (regex.fullmatch(path) is not None, regex.match(path) is not None)
    assert (steps.fullmatch(path), steps.match(path)) == expected
    assert (bool(used.fullmatch(path)), bool(used.match(path))) == expected


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(pattern=patterns, path=paths)
def test_a_pattern_decides_about_a_path_as_pathspec_does(pattern, path):
    """As a pattern of an ``exclude`` (``whole=False``): pathspec's ``GitIgnoreSpec`` searches its expression in the
    path; a pattern ending in ``/**`` matches what is inside a folder, not the folder itself (as git), and a name
    may hold a line break (``.`` is any character: pathspec's ``.`` stops at one)."""
    compiled = pathspec_pattern(pattern)
    decided = PatternSet([pattern]).decide(path, whole=False)
    if compiled is None:
        assert decided is None
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        regex = re.compile(compiled.regex.pattern, re.DOTALL)
    inside_only = regex.pattern.endswith("/") and regex.fullmatch(path) is not None
    matched = regex.search(path) is not None and not inside_only
    assert decided == (compiled.include if matched else None)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(chosen=st.lists(patterns, min_size=25, max_size=30), path=paths)
def test_many_patterns_decide_as_the_last_one_that_matches(chosen, path):
    # Past 24 patterns, a path is compared only with those whose plain text it holds: never with one fewer.
    expected = None
    for pattern in chosen:
        matcher, include = translate(pattern)
        if matcher.match(path):
            expected = include
    assert PatternSet(chosen).decide(path, whole=False) == expected


def forty_deep(root: Path) -> None:
    """``top.md``, ``FORTY/x.md`` and ``FORTY/b/z.md`` (in a folder ``PATHOLOGICAL`` matches), each with one error."""
    for name in ("top.md", f"{FORTY}/x.md", f"{FORTY}/b/z.md"):
        article(root / name)


WALKED = ["top.md", f"{FORTY}/x.md", f"{FORTY}/b/z.md"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("gitignore", WALKED[:2]),
        ("exclude", WALKED[:2]),
        ("include", ["top.md", WALKED[2]]),
    ],
)
def test_a_walk_with_a_pathological_pattern_ends_and_lists_what_git_would(tmp_path, where, shown):
    # Each folder of the walk was matched against a/**/a/**/.../b by re: past 60 s for a folder forty deep.
    forty_deep(tmp_path)
    if where == "gitignore":
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, capture_output=True, timeout=GENEROUS)
        (tmp_path / ".gitignore").write_text(PATHOLOGICAL + "\n", encoding="utf-8")
    elif where == "exclude":
        (tmp_path / "frontlint.toml").write_text(f'extend-exclude = ["{PATHOLOGICAL}"]\n', encoding="utf-8")
    else:
        (tmp_path / "frontlint.toml").write_text(f'include = ["top.md", "{PATHOLOGICAL}/z.md"]\n', encoding="utf-8")
    result = run("--show-files", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (0, shown, "")


@pytest.mark.slow
def test_per_file_tables_with_a_pathological_pattern_apply_as_to_any_file(tmp_path):
    # per-file-ignores and per-file-schemas: every file linted was matched against each pattern by re.
    forty_deep(tmp_path)
    article(tmp_path / FORTY / "c" / "z.md")
    (tmp_path / "any.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    (tmp_path / "frontlint.toml").write_text(
        f'[per-file-ignores]\n"{PATHOLOGICAL}/z.md" = ["schema"]\n'  # FORTY/b/z.md: its error ignored
        f'[per-file-schemas]\n"{PATHOLOGICAL[:-1]}c/" = "any.schema.json"\n',  # FORTY/c/z.md: a schema without it
        encoding="utf-8",
    )
    result = run(ALWAYS, ".", cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        1,
        [f"{FORTY}/x.md:{TYPE_ERROR}", f"top.md:{TYPE_ERROR}"],
        "2 errors, 0 warnings in 2 of 4 files\n",
    )


DEEP = "/".join(["a"] * 400)  # a path four hundred folders deep


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        (PATHOLOGICAL, DEEP + "/x.md", (False, False)),
        (PATHOLOGICAL, DEEP + "/b", (True, True)),
        (PATHOLOGICAL, DEEP + "/b/x.md", (False, True)),
        ("/".join(["**"] * 3 + ["a", "**"] * 20) + "/", DEEP + "/x.md", (False, True)),  # a folder 20 "a" deep
        ("*a" * 20 + "*b", DEEP + "/x.md", (False, False)),
        ("[!x]*" * 12 + "y", DEEP + "/x.md", (False, False)),  # pathspec's [!x] takes a "/" too
    ],
)
def test_a_pathological_pattern_reads_a_deep_path_once(pattern, path, expected, monkeypatch):
    # Work counted, not timed: the steps read each character of the path once, making at most one move of
    # a few operations on integers of as many bits as the pattern has steps (fewer: moves made are remembered).
    glob = parse(pattern)
    assert glob is not None
    matcher = compile_glob(glob)
    assert isinstance(matcher, Steps)  # re would try its ways one after another
    made: list[str] = []
    next_state = Steps._next
    monkeypatch.setattr(Steps, "_next", lambda self, state, char: made.append(char) or next_state(self, state, char))
    assert (matcher.fullmatch(path), matcher.match(path)) == expected
    assert len(made) <= 2 * len(path)
    assert len(made) <= 100  # a path of "a/" repeated: the same few moves, remembered
    monkeypatch.setattr(globs, "_REMEMBERED_BITS", 0)  # none remembered: the same answers, a move for each character
    made.clear()
    forgetful = Steps(glob.steps)
    assert (forgetful.fullmatch(path), forgetful.match(path)) == expected
    assert len(made) <= 2 * len(path)


class _CountedLookUps(dict[str, list[int]]):
    """A dictionary that counts the look-ups made with ``get``."""

    looked_up = 0

    def get(self, key: str, default: Any = None) -> Any:
        self.looked_up += 1
        return super().get(key, default)


def test_many_patterns_look_up_the_names_of_a_deep_path_not_every_stretch_of_it():
    # Past 24 patterns a path is compared only with those whose text it holds, found by looking up its stretches
    # of each length a text has: every stretch of a path 1,000 folders deep (40 s for a walk there), where a text
    # (never a "/") can only lie in one of its names, each looked at once.
    prepared = PatternSet([f"n{'q' * i}.md" for i in range(100)])
    counted = prepared._by_text = _CountedLookUps(prepared._by_text)  # private: the work is what is pinned
    path = "d/" * 1000 + "x.md"
    assert prepared.decide(path, whole=False) is None
    assert prepared.decide("d/" * 1000 + "nqq.md", whole=False) is True
    assert counted.looked_up <= 2 * len("nqq.md") ** 2
