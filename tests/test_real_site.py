"""A real site checkout: the real sample's articles and events among what a Jekyll repository carries.

The site is laid out by :mod:`site_tree` (``_config.yml``, ``vendor/``, ``node_modules/``,
``_site/``, ``.jekyll-cache/``, a ``.gitignore``, two collections with two schemas, the events
schema ``$ref``-ing a sibling file). Checked: the right files, the right schema for each, output
byte-identical from the root and from a subfolder, a baseline that holds from anywhere. The
pre-commit runs on the same tree are in ``test_precommit.py``. Skipped where the sample is absent.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import run_cli
from site_tree import CORPUS, SKIP_REASON, build_site, linted_files

pytestmark = [pytest.mark.skipif(not CORPUS.is_dir(), reason=SKIP_REASON), pytest.mark.slow]

EVENT = "_events/2020-08-11-azure-webinar-series-migrate-your-apps-and-sql-server-databases-to-azure.md"
ARTICLE = "_news/2019-10-23-start-building-with-azure-cognitive-services-for-free.md"
# Every schema diagnostic of the site: the two injected defects, each judged by its own
# collection's schema (the event's through the sibling file it $refs), and the sample's one
# genuine URL defect in the first 120 articles. Nothing from vendor/, node_modules/, _site/,
# .jekyll-cache/, the ignored drafts/ or README.md; no event judged by the article contract.
SCHEMA_LINES = [
    f"{EVENT}:7:16: error: 'next Tuesday' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) [schema/format]",
    f"{ARTICLE}:5:20: error: '2019-10-23 at 2pm' is not a valid RFC 3339 date-time (like 2021-07-28T02:44:00Z) "
    "[schema/format]",
    "_news/2020-04-21-microsoft-azure-media-player.md:922:13: error: "
    "'https://apnews.com/PR Newsw...9c039a55f7954e8ee80de8337fba' is not a valid absolute URL (IRI) [schema/format]",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_site(tmp_path_factory.mktemp("site"))
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True, timeout=60)
    return root


def test_the_files_linted_are_the_two_collections(site: Path) -> None:
    result = run_cli("--show-files", cwd=site)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode().splitlines() == linted_files(site)
    assert len(linted_files(site)) == 120 + 72


def test_each_file_is_judged_by_its_collection_s_schema(site: Path) -> None:
    result = run_cli("--select", "schema", cwd=site)
    assert result.stdout.decode().splitlines() == SCHEMA_LINES
    assert result.stderr.decode() == "3 errors, 0 warnings in 3 of 192 files\n"
    assert result.returncode == 1


def test_show_settings_names_the_schema_of_each_collection(site: Path) -> None:
    event = run_cli("--show-settings", f"../{EVENT}", cwd=site / "_news").stdout.decode().splitlines()
    article = run_cli("--show-settings", ARTICLE, cwd=site).stdout.decode().splitlines()
    assert f'schema                 = "{site}/schemas/event.schema.json"' in event
    assert f'config                 = "{site}/frontlint.toml"' in event
    assert 'schema                 = "article"' in article


def test_the_output_is_byte_identical_from_the_root_and_from_a_subfolder(site: Path) -> None:
    from_root = run_cli(str(site), cwd=site)
    from_news = run_cli(str(site), cwd=site / "_news")
    from_schemas = run_cli(str(site), cwd=site / "schemas")
    assert from_root.returncode == 1
    assert from_root.stdout.count(b"\n") > 40
    # per-file-ignores of the events folder hold, from anywhere
    assert b"[url-syntax]" in from_root.stdout and not [
        line
        for line in from_root.stdout.splitlines()
        if b"/_events/" in line and line.endswith((b"[url-syntax]", b"[provider-domain]"))
    ]
    assert (from_news.returncode, from_news.stdout, from_news.stderr) == (1, from_root.stdout, from_root.stderr)
    assert (from_schemas.returncode, from_schemas.stdout, from_schemas.stderr) == (
        1,
        from_root.stdout,
        from_root.stderr,
    )
    # Named relatively, the same problems, each path written from where the command ran.
    here = run_cli(".", cwd=site).stdout.decode().splitlines()
    above = run_cli("..", cwd=site / "_news").stdout.decode().splitlines()
    assert above == [f"../{line}".replace(": _news/", ": ../_news/") for line in here]


def test_a_baseline_hides_the_same_problems_from_the_root_and_from_a_subfolder(site: Path, tmp_path: Path) -> None:
    baseline = site / "frontlint-baseline.json"
    config = site / "frontlint.toml"
    original = config.read_text(encoding="utf-8")
    try:
        written = run_cli("--write-baseline", "frontlint-baseline.json", cwd=site)
        assert written.returncode == 0, written.stderr
        # before [per-file-schemas]: a key after a table header belongs to that table
        config.write_text('baseline = "frontlint-baseline.json"\n' + original, encoding="utf-8")
        for cwd, paths in ((site, []), (site / "_news", []), (site / "_news", [".."]), (tmp_path, [str(site)])):
            result = run_cli(*paths, cwd=cwd)
            assert (result.returncode, result.stdout) == (0, b""), (cwd, paths, result.stderr)
            assert result.stderr.decode().startswith("no problems found in ")
    finally:
        config.write_text(original, encoding="utf-8")
        baseline.unlink(missing_ok=True)
