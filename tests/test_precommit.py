"""The pre-commit hook, run by the real pre-commit the way another repository would use it.

A user's repository names frontlint in its ``.pre-commit-config.yaml``; pre-commit clones
frontlint at that revision, builds a virtualenv, ``pip install``\\s it there and runs the hook
of ``.pre-commit-hooks.yaml`` on the user's Markdown files. These tests do exactly that,
against a snapshot of this working tree.

Why a snapshot rather than this checkout itself: ``pre-commit try-repo <this repo>`` adds
staged and modified tracked files to its temporary commit but not untracked ones (a new rule
module, or ``.pre-commit-hooks.yaml`` before its first commit). A commit of every file git
does not ignore tests the tree as it is. One test runs ``try-repo`` on that snapshot, as a
hook author does; the other names it in a ``.pre-commit-config.yaml`` and runs
``pre-commit run``, as a user's repository does.

pre-commit is in the ``test`` extra: when it is missing these tests fail, they do not skip.
pip needs the network (or a pip cache) to install the hook's dependencies.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

import site_tree
from helpers import REPO, SEED, copy_working_tree, isolated_environment

pytestmark = pytest.mark.slow

TIMEOUT = 600  # seconds: the first run builds the hook's virtualenv and pip-installs it
HOOK_ID = "frontlint"


def run(command: list[str], cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` (never signing commits); return its stdout, fail loudly."""
    command = ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    result = run(command, cwd, isolated_environment())
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def commit_all(repo: Path) -> str:
    """Make ``repo`` a git repository with every file committed; return the commit id."""
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "frontlint tests")
    git(repo, "config", "user.email", "tests@frontlint.invalid")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "snapshot")
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for pre-commit: a store of its own, shared by this session's runs."""
    env = isolated_environment(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))
    version = run([sys.executable, "-m", "pre_commit", "--version"], REPO, env)
    assert version.returncode == 0, (
        "pre-commit is not installed: install the test extra, pip install '.[test]'\n" + version.stderr
    )
    return env


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this working tree in one commit: (path, commit id)."""
    snapshot = tmp_path_factory.mktemp("frontlint-snapshot")
    copy_working_tree(snapshot)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    return snapshot, commit_all(snapshot)


def run_hook(
    articles: Mapping[str, str],
    workdir: Path,
    hook_repo: tuple[Path, str],
    env: Mapping[str, str],
    files: tuple[str, ...] = (),
    hook_options: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Commit ``articles`` (name → text) and a config naming the hook (with ``hook_options``) in a
    new repository, and run ``pre-commit run frontlint --all-files`` there (``--files FILES`` if given)."""
    repo_path, commit = hook_repo
    for name, text in articles.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    hook = {"id": HOOK_ID, **(hook_options or {})}
    config = {"repos": [{"repo": str(repo_path), "rev": commit, "hooks": [hook]}]}
    (workdir / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    if not (workdir / ".git").exists():
        commit_all(workdir)
    selection = ["--files", *files] if files else ["--all-files"]
    command = [sys.executable, "-m", "pre_commit", "run", HOOK_ID, *selection, "--color=never"]
    return run(command, workdir, env)


def try_repo(
    articles: Mapping[str, str], workdir: Path, hook_repo: tuple[Path, str], env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """Commit ``articles`` in a new repository and run ``pre-commit try-repo <snapshot> frontlint``."""
    for name, text in articles.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    commit_all(workdir)
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(hook_repo[0]),
        HOOK_ID,
        "--all-files",
        "--color=never",
    ]
    return run(command, workdir, env)


def test_try_repo_fails_on_a_broken_article_with_a_compiler_style_line(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert seed.splitlines()[8] == "quality: 39"  # line 9, where the broken copy differs
    broken = seed.replace("\nquality: 39\n", "\nquality: -3\n", 1)

    result = try_repo({"_news/2021-07-28-bad.md": broken}, tmp_path, hook_repo, pre_commit_env)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # "quality: " is 9 characters, so the value starts in column 10; the path is the one
    # pre-commit passes, relative to the repository's top.
    expected = "_news/2021-07-28-bad.md:9:10: error: -3 is out of range: must be at least 0 [schema/minimum]"
    assert expected in result.stdout.splitlines(), output
    assert "- exit code: 1" in result.stdout.splitlines(), output


def test_hook_passes_on_the_seed_article(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    articles = {f"_news/{SEED.name}": SEED.read_text(encoding="utf-8")}

    result = run_hook(articles, tmp_path, hook_repo, pre_commit_env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert any(line.startswith("frontlint") and line.endswith("Passed") for line in result.stdout.splitlines()), output


def test_hook_fails_on_a_broken_toml_article_at_the_value(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    """A Hugo-style article with TOML front matter (the seed in tests/fixtures/toml), one value broken."""
    seed = (REPO / "tests" / "fixtures" / "toml" / SEED.name).read_text(encoding="utf-8")
    assert seed.splitlines()[8] == "quality = 39"  # line 9, where the broken copy differs
    broken = seed.replace("\nquality = 39\n", "\nquality = -3\n", 1)

    result = run_hook({"content/posts/2021-07-28-bad.md": broken}, tmp_path, hook_repo, pre_commit_env)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # "quality = " is 10 characters, so the value starts in column 11.
    expected = "content/posts/2021-07-28-bad.md:9:11: error: -3 is out of range: must be at least 0 [schema/minimum]"
    assert expected in result.stdout.splitlines(), output


def test_hook_leaves_out_excluded_files_and_judges_each_file_by_its_own_config(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    """--force-exclude: a broken vendor/ copy is not checked; _events/frontlint.toml does not change _news."""
    seed = SEED.read_text(encoding="utf-8")
    broken = seed.replace("\nquality: 39\n", "\nquality: -3\n", 1)
    articles = {
        f"_news/{SEED.name}": broken,
        "vendor/bundle/gems/theme/_news/2021-07-28-copy.md": broken,
        "_events/frontlint.toml": 'select = ["url-insecure"]\n',
        "_events/2021-07-28-event.md": broken,
    }
    expected = f"_news/{SEED.name}:9:10: error: -3 is out of range: must be at least 0 [schema/minimum]"

    every = run_hook(articles, tmp_path, hook_repo, pre_commit_env)
    some = run_hook(
        articles,
        tmp_path,
        hook_repo,
        pre_commit_env,
        files=(f"_news/{SEED.name}", "vendor/bundle/gems/theme/_news/2021-07-28-copy.md"),
    )

    reported = []
    for result in (every, some):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        lines = [line for line in result.stdout.splitlines() if ": error: " in line or ": warning: " in line]
        assert expected in lines and not [line for line in lines if line.startswith("vendor/")], output
        assert all(line.endswith("[url-insecure]") for line in lines if line.startswith("_events/")), output
        reported.append([line for line in lines if line.startswith("_news/")])
    assert reported[0] == reported[1]


@pytest.mark.skipif(not site_tree.CORPUS.is_dir(), reason=site_tree.SKIP_REASON)
def test_hook_on_a_real_site_agrees_with_itself_and_with_the_command(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    """The real site of test_real_site.py, hook limited to its collections with ``files:``, as the README shows."""
    site = site_tree.build_site(tmp_path)
    options = {"files": "^(_news|_events)/"}
    every = run_hook({}, site, hook_repo, pre_commit_env, hook_options=options)
    named = (
        site_tree.DEFECTS[0][0],
        site_tree.DEFECTS[1][0],
        "vendor/bundle/ruby/3.1.0/gems/jekyll-4.3.2/README.markdown",
    )
    some = run_hook({}, site, hook_repo, pre_commit_env, files=named, hook_options=options)
    command = subprocess.run(
        [sys.executable, "-m", "frontlint"], cwd=site, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )

    def problems(output: str, prefixes: tuple[str, ...] = ("_news/", "_events/")) -> list[str]:
        return [line for line in output.splitlines() if line.startswith(prefixes)]

    assert (every.returncode, some.returncode, command.returncode) == (1, 1, 1), every.stdout + some.stdout
    assert problems(every.stdout) == problems(command.stdout)
    assert len(problems(command.stdout)) > 40
    assert problems(some.stdout) == problems(command.stdout, named[:2])
    assert "vendor/" not in every.stdout + some.stdout


def test_hook_reports_json_front_matter_at_each_values_own_line(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_env: dict[str, str]
) -> None:
    seed = (REPO / "tests" / "fixtures" / "json" / SEED.name).read_text(encoding="utf-8")
    assert seed.splitlines()[8] == '  "quality": 39,'  # line 9, where the broken copy differs
    articles = {
        f"_news/{SEED.name}": seed,
        "_news/2021-07-28-bad.md": seed.replace('\n  "quality": 39,\n', '\n  "quality": -3,\n', 1),
    }

    result = run_hook(articles, tmp_path, hook_repo, pre_commit_env)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    expected = "_news/2021-07-28-bad.md:9:14: error: -3 is out of range: must be at least 0 [schema/minimum]"
    assert expected in result.stdout.splitlines(), output
    insecure = "146:18: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]"
    assert [line for line in result.stdout.splitlines() if line.startswith("_news/")] == [
        expected,
        f"_news/2021-07-28-bad.md:{insecure}",
        f"_news/{SEED.name}:7:13: warning: another article has the same webUrl: _news/2021-07-28-bad.md:7; "
        "keep one of the two files [duplicate-article]",
        f"_news/{SEED.name}:{insecure}",
    ], output
