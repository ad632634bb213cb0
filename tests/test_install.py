"""frontlint as a user gets it: ``pip install`` (not editable) into a fresh virtualenv.

Tests elsewhere import the source tree; these run the installed ``frontlint`` command from
another directory, so they catch what only packaging can break: a subpackage or the bundled
schema missing from the wheel, the ``frontlint/schemas`` link not followed, a console script
that does not start, a format checker whose optional dependency was not declared (its
format would then pass silently).

pip installs a copy of the working tree (every file git does not ignore), not the tree
itself: building in place would leave ``build/`` in the checkout, and setuptools puts stale
modules from an old ``build/lib`` into new wheels. pip needs the network (or a pip cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

import frontlint
from helpers import REPO, SEED, copy_working_tree, isolated_environment

pytestmark = pytest.mark.slow

TIMEOUT = 600  # seconds: creating the virtualenv and installing the dependencies from PyPI


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=isolated_environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@dataclass(frozen=True)
class Installed:
    """A virtualenv with frontlint pip-installed into it."""

    root: Path

    @property
    def bin(self) -> Path:
        return self.root / ("Scripts" if os.name == "nt" else "bin")

    @property
    def python(self) -> Path:
        return self.bin / ("python.exe" if os.name == "nt" else "python")

    @property
    def frontlint(self) -> Path:
        return self.bin / ("frontlint.exe" if os.name == "nt" else "frontlint")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    source = tmp_path_factory.mktemp("frontlint-source")
    copy_working_tree(source)
    venv = Installed(tmp_path_factory.mktemp("venv"))
    created = run([sys.executable, "-m", "venv", venv.root], source)
    assert created.returncode == 0, created.stdout + created.stderr
    pip = run([venv.python, "-m", "pip", "install", "--disable-pip-version-check", "-q", source], source)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return venv


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """An empty directory away from the source tree, to run the installed command in."""
    return tmp_path


def write_article(workdir: Path, name: str, replace: Mapping[str, str]) -> str:
    """Write a copy of the seed article with each line ``old`` replaced by ``new``; return its name."""
    text = SEED.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert f"\n{old}\n" in text, old
        text = text.replace(f"\n{old}\n", f"\n{new}\n", 1)
    (workdir / name).parent.mkdir(parents=True, exist_ok=True)
    (workdir / name).write_text(text, encoding="utf-8")
    return name


def test_the_seed_article_has_no_errors(installed: Installed, workdir: Path) -> None:
    result = run([installed.frontlint, SEED], workdir)

    assert result.returncode == 0, result.stdout + result.stderr
    # The seed is a valid article; it may carry warnings (its one http:// image), never errors.
    assert [line for line in result.stdout.splitlines() if ": warning: " not in line] == []


def test_a_broken_article_gives_its_line_and_exit_status_1(installed: Installed, workdir: Path) -> None:
    name = write_article(workdir, "_news/2021-07-28-bad.md", {"quality: 39": "quality: -3"})

    result = run([installed.frontlint, name], workdir)

    assert result.returncode == 1, result.stdout + result.stderr
    # line 9 of the seed is "quality: 39"; the value starts after the 9 characters "quality: "
    # (the seed's own warnings come too: only the errors are compared)
    assert [line for line in result.stdout.splitlines() if ": error: " in line] == [
        "_news/2021-07-28-bad.md:9:10: error: -3 is out of range: must be at least 0 [schema/minimum]",
    ]


def test_python_dash_m_prints_the_version(installed: Installed, workdir: Path) -> None:
    result = run([installed.python, "-m", "frontlint", "--version"], workdir)

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"frontlint {frontlint.__version__}\n"
    assert frontlint.__version__ == "0.1.0"


# The format tests select only the schema's checks: the url-syntax and date rules report some
# of the same values in their own words, and the point here is that the schema's format checker
# has its optional dependencies in a fresh install (without them a format passes silently).


def test_date_time_format_is_enforced(installed: Installed, workdir: Path) -> None:
    published = "publishedDateTime: 2021-07-28T02:44:00Z"
    name = write_article(
        workdir, "_news/2021-07-28-bad-date.md", {published: "publishedDateTime: 2021-13-45T25:61:00Z"}
    )

    result = run([installed.frontlint, "--select", "schema", name], workdir)

    assert result.returncode == 1, result.stdout + result.stderr
    # line 5; the value starts after the 19 characters "publishedDateTime: "
    assert result.stdout == (
        "_news/2021-07-28-bad-date.md:5:20: error: '2021-13-45T25:61:00Z' is not a valid RFC 3339"
        " date-time (like 2021-07-28T02:44:00Z) [schema/format]\n"
    )


def test_uri_format_is_enforced(installed: Installed, workdir: Path) -> None:
    original = 'originalUrl: "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"'
    name = write_article(workdir, "_news/2021-07-28-bad-url.md", {original: 'originalUrl: "https://example.com/a b"'})

    result = run([installed.frontlint, "--select", "schema", name], workdir)

    assert result.returncode == 1, result.stdout + result.stderr
    # line 6; the quoted value starts after the 13 characters "originalUrl: "
    assert result.stdout == (
        "_news/2021-07-28-bad-url.md:6:14: error: 'https://example.com/a b' is not a valid absolute URL (IRI)"
        " [schema/format]\n"
    )


def test_the_schema_is_a_file_inside_the_installed_package(installed: Installed, workdir: Path) -> None:
    script = (
        "import json, frontlint\n"
        "from importlib.resources import files\n"
        "schema = files('frontlint') / 'schemas' / 'article.schema.json'\n"
        "print(json.dumps({'package': frontlint.__file__, 'schema': str(schema), 'text': schema.read_text('utf-8')}))\n"
    )
    result = run([installed.python, "-c", script], workdir)

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    package, schema = Path(found["package"]), Path(found["schema"])
    assert package.resolve().is_relative_to(installed.root.resolve()), package  # not the source tree
    assert schema.resolve().is_relative_to(installed.root.resolve()), schema
    assert schema.is_file() and not schema.is_symlink()  # the link was followed, the file copied
    assert found["text"] == (REPO / "schemas" / "article.schema.json").read_text(encoding="utf-8")


def test_uri_and_date_time_formats_are_enforced_for_a_custom_schema(installed: Installed, workdir: Path) -> None:
    (workdir / "schema.json").write_text(
        '{"type": "object", "properties": {"u": {"format": "uri"}, "d": {"format": "date-time"}}}', encoding="utf-8"
    )
    (workdir / "a.md").write_text('---\nu: "not a uri"\nd: 2021-02-30T00:00:00Z\n---\n', encoding="utf-8")

    result = run([installed.frontlint, "--isolated", "--select", "schema", "--schema", "schema.json", "a.md"], workdir)

    assert result.stdout.splitlines() == [
        "a.md:2:4: error: 'not a uri' is not a valid absolute URI [schema/format]",
        "a.md:3:4: error: '2021-02-30T00:00:00Z' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
    ]
