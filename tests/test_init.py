"""``frontlint init``: the configuration and schemas it writes for a site checkout, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from init_sites import ASTRO_FILES, HUGO_FILES, build_real_site, git_init, write_files

from helpers import run_cli
from site_tree import CORPUS, SKIP_REASON

WRITTEN_HUGO = [
    "frontlint: wrote frontlint.toml",
    "frontlint: wrote schemas/content.schema.json",
    "frontlint: wrote schemas/content-docs.schema.json",
    "frontlint: wrote schemas/content-posts.schema.json",
    "  content: 1 file, YAML: schemas/content.schema.json",
    "  content/docs: 6 files, YAML: schemas/content-docs.schema.json",
    "  content/posts: 24 files, YAML: schemas/content-posts.schema.json",
    "  left out /CONTRIBUTING.md: no front matter, not content",
    "  left out /README.md: no front matter, not content",
    "  left out /themes/ananke/README.md: no front matter, not content",
    "frontlint: first run (frontlint .):",
]


def _init(site: Path, *args: str):
    return run_cli("init", *args, cwd=site)


def _written(site: Path) -> dict[str, str]:
    """The configuration and every schema init wrote, by relative path."""
    names = ["frontlint.toml", *(f"schemas/{path.name}" for path in sorted((site / "schemas").glob("*.json")))]
    return {name: (site / name).read_text(encoding="utf-8") for name in names}


@pytest.mark.parametrize("kind, files", [("hugo", HUGO_FILES), ("astro", ASTRO_FILES)])
def test_init_writes_the_configuration_and_schemas_of_a_site(tmp_path, golden, kind, files) -> None:
    site = write_files(tmp_path / kind, files)
    git_init(site)
    result = _init(site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    for name, text in _written(site).items():
        golden(f"init/{kind}/{name}", text)
    if kind == "hugo":
        assert result.stdout.decode().splitlines()[: len(WRITTEN_HUGO)] == WRITTEN_HUGO


def test_the_first_run_after_init_reports_no_schema_error_and_a_planted_defect_at_its_line(tmp_path) -> None:
    site = write_files(tmp_path / "hugo", HUGO_FILES)
    git_init(site)
    assert _init(site).returncode == 0
    clean = run_cli("--select", "schema", cwd=site)
    assert (clean.returncode, clean.stdout) == (0, b"")
    post = site / "content/posts/post-3.md"
    post.write_text(post.read_text().replace("draft: false", "draft: maybe").replace("cover: /", "cover: "))
    (site / "content/posts/new.md").write_text("---\ntitle: New\n---\n")
    found = run_cli("--select", "schema", cwd=site)
    assert found.stdout.decode().splitlines() == [
        "content/posts/new.md:2:1: error: missing required key 'author' [schema/required]",
        "content/posts/new.md:2:1: error: missing required key 'cover' [schema/required]",
        "content/posts/new.md:2:1: error: missing required key 'date' [schema/required]",
        "content/posts/new.md:2:1: error: missing required key 'draft' [schema/required]",
        "content/posts/new.md:2:1: error: missing required key 'tags' [schema/required]",
        "content/posts/post-3.md:4:8: error: expected boolean, got string 'maybe' [schema/type]",
    ]


def test_init_never_replaces_a_configuration_without_force(tmp_path) -> None:
    site = write_files(tmp_path / "astro", ASTRO_FILES)
    assert _init(site).returncode == 0
    (site / "frontlint.toml").write_text("# mine\n")
    again = _init(site)
    assert again.returncode == 2
    assert again.stderr.decode().splitlines() == [
        "frontlint: error: frontlint.toml, schemas/src-content-authors.schema.json, "
        "schemas/src-content-blog.schema.json: already there: init never replaces a configuration "
        "(--force replaces it)"
    ]
    assert (site / "frontlint.toml").read_text() == "# mine\n"
    forced = _init(site, "--force")
    assert forced.returncode == 0, forced.stderr
    assert (site / "frontlint.toml").read_text().startswith("# frontlint's configuration, written by `frontlint init`")


def test_init_at_a_path_and_a_pyproject_that_configures_frontlint(tmp_path) -> None:
    site = write_files(tmp_path / "astro", {**ASTRO_FILES, "pyproject.toml": "[tool.frontlint]\nselect = []\n"})
    refused = run_cli("init", str(site), cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode().endswith(
        "astro/pyproject.toml: already there: init never replaces a configuration (--force replaces it)\n"
    )
    assert not (site / "frontlint.toml").exists()


@pytest.mark.parametrize("name", ["init", "schema", "rules", "lsp"])
def test_a_subcommand_is_a_command_beside_a_file_of_its_name_and_dash_dash_lints_the_file(tmp_path, name) -> None:
    (tmp_path / name).write_text("---\ntitle: 3\n---\n")
    linted = run_cli("--isolated", "--select", "schema/type", "--", name, cwd=tmp_path)
    assert linted.stdout.decode().splitlines() == [f"{name}:2:8: error: expected string, got integer 3 [schema/type]"]
    if name == "schema":
        assert run_cli(name, cwd=tmp_path).stdout.decode().startswith("article  https://frontlint.dev/schemas/")
    if name == "init":
        command = run_cli(name, cwd=tmp_path)  # the file `init` has no .md suffix: nothing to configure
        assert (command.returncode, command.stderr.decode()) == (
            2,
            "frontlint: error: .: no Markdown file with front matter found: nothing to configure\n",
        )


# --- hostile sites: each is said in one line, never a traceback ---


def _no_traceback(result) -> str:
    text = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "internal error" not in text, text
    return text


def test_init_on_an_empty_site_and_on_a_file(tmp_path) -> None:
    empty = run_cli("init", cwd=tmp_path)
    assert (empty.returncode, _no_traceback(empty)) == (
        2,
        "frontlint: error: .: no Markdown file with front matter found: nothing to configure\n",
    )
    (tmp_path / "a.md").write_text("x\n")
    not_folder = run_cli("init", "a.md", cwd=tmp_path)
    assert (not_folder.returncode, _no_traceback(not_folder)) == (
        2,
        "frontlint: error: a.md: not a folder: run init at a site's root\n",
    )


@pytest.mark.parametrize(
    "config, reason", [("title: [unclosed\n", "not valid YAML"), ("- a list\n", "not a mapping"), ("\xff", "")]
)
def test_init_on_a_config_yml_that_is_not_a_mapping(tmp_path, config, reason) -> None:
    site = write_files(tmp_path, {"_posts/2024-01-01-a.md": "---\ntitle: A\n---\n"})
    (site / "_config.yml").write_bytes(config.encode("latin-1"))
    result = run_cli("init", cwd=site)
    assert result.returncode == 0
    first = _no_traceback(result).splitlines()[0]
    if reason:
        assert first == f"frontlint: warning: _config.yml: {reason}: its collections are found by their folders"
    else:
        assert first.startswith("frontlint: warning: _config.yml: cannot read it (")
    assert '"/_posts/" = "schemas/posts.schema.json"' in (site / "frontlint.toml").read_text()


def test_init_on_a_symlink_loop_and_a_file_that_is_not_utf8(tmp_path) -> None:
    site = write_files(tmp_path, {"_posts/2024-01-01-a.md": "---\ntitle: A\n---\n"})
    (site / "_loop").symlink_to("_loop")
    (site / "_posts" / "latin.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    result = run_cli("init", cwd=site)
    assert result.returncode == 0
    _no_traceback(result)
    assert '"/_posts/" = "schemas/posts.schema.json"' in (site / "frontlint.toml").read_text()
    assert "_loop" not in (site / "frontlint.toml").read_text()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_init_where_it_cannot_write(tmp_path) -> None:
    site = write_files(tmp_path / "site", ASTRO_FILES)
    site.chmod(0o555)
    try:
        result = run_cli("init", cwd=site)
    finally:
        site.chmod(0o755)
    assert result.returncode == 2
    assert _no_traceback(result) == (
        "frontlint: error: cannot write schemas/src-content-authors.schema.json: Permission denied\n"
    )


# --- the done-when measurement, on the real sample ---


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason=SKIP_REASON)
def test_init_on_the_real_sample_leaves_news_as_it_was_and_no_schema_error_elsewhere(tmp_path) -> None:
    site = build_real_site(tmp_path / "site")
    written = _init(site)
    assert written.returncode == 0, written.stderr
    assert written.stdout.decode().splitlines()[:9] == [
        "frontlint: wrote frontlint.toml",
        "frontlint: wrote schemas/events.schema.json",
        "frontlint: wrote schemas/learning.schema.json",
        "frontlint: wrote schemas/people.schema.json",
        "  _events: 72 files, YAML: schemas/events.schema.json",
        "  _learning: 2,050 files, YAML: schemas/learning.schema.json",
        "  _news: 1,982 files, YAML: the bundled article contract",
        "  _people: 5 files, YAML: schemas/people.schema.json",
        "  left out /README.md: no front matter, not content",
    ]
    now = ("--now", "2025-01-01T00:00:00Z")
    whole = run_cli(*now, cwd=site).stdout.decode().splitlines()
    assert [line for line in whole if "[schema/" in line and not line.startswith("_news/")] == []
    # Outside _news, only defects a reader would see: five empty excerpts and one http:// link.
    empty = "3:10: warning: excerpt is an empty string: give it a value [empty-value]"
    assert [line for line in whole if not line.startswith("_news/") and "[" in line] == [
        f"_learning/collections/microsoft-azure-tips-and-tricks.md:{empty}",
        f"_learning/collections/microsoft-one-dev-question-on-azure.md:{empty}",
        f"_learning/videos/microsoft-how-to-deploy-steeltoe-net-apps-to-azure-spring-cloud.md:{empty}",
        f"_learning/videos/microsoft-how-to-run-logic-apps-in-a-docker-container.md:{empty}",
        "_learning/videos/microsoft-how-to-use-azure-container-registry-for-building-and-deploying-net-core-apps.md:"
        + empty,
        "_people/scott-guthrie.md:16:10: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]
    assert not [line for line in whole if line.startswith(("vendor/", "_site/", "README"))]
    news = shutil.copytree(site / "_news", tmp_path / "bare" / "_news")
    before = run_cli("--isolated", *now, "_news", cwd=news.parent).stdout.decode().splitlines()
    assert [line for line in whole if line.startswith("_news/")] == before
    assert len(before) == 1277


def test_init_where_a_file_stands_in_the_schemas_folders_place(tmp_path) -> None:
    site = write_files(tmp_path / "site", {**ASTRO_FILES, "schemas": "not a folder\n"})
    result = run_cli("init", cwd=site)
    assert result.returncode == 2
    assert _no_traceback(result) == "frontlint: error: cannot write schemas: File exists\n"
    assert not (site / "frontlint.toml").exists()
