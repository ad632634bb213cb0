"""A real site tree: real articles and events in a checkout with what a Jekyll site carries beside them.

The real sample (``../shared/corpus``) is copied into a temporary site with ``_config.yml``,
``vendor/``, ``node_modules/``, ``_site/``, a ``.gitignore`` and two collections with two schemas.
The right files are found, each with its own schema, and the output is the same from the root and
from a subfolder. Skipped where the sample is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO, run_cli

SAMPLE = REPO.parent / "shared" / "corpus" / "azure"
pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the real sample ../shared/corpus is absent")

EVENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "startDateTime", "type"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "type": {"type": "string"},
        "startDateTime": {"type": "string"},
        "endDateTime": {"type": "string"},
        "website": {"type": "string"},
    },
}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    news = sorted((SAMPLE / "_news").glob("*.md"))[:40]
    events = sorted((SAMPLE / "_events").glob("*.md"))[:20]
    for folder, files in (("_news", news), ("_events", events)):
        (root / folder).mkdir()
        for file in files:
            shutil.copyfile(file, root / folder / file.name)
    for copy in ("vendor/bundle/ruby/3.1.0/gems/theme/_posts", "node_modules/theme/docs", "_site/news", ".jekyll-cache/x"):
        (root / copy).mkdir(parents=True)
        shutil.copyfile(news[0], root / copy / news[0].name)
    (root / "_config.yml").write_text("title: A site\ncollections:\n  news: {output: true}\n  events: {output: true}\n")
    (root / "README.md").write_text("# A site\n")
    (root / "notes.md").write_text("scratch\n")
    (root / ".gitignore").write_text("_site/\n.jekyll-cache/\nnotes.md\n")
    (root / "schemas").mkdir()
    (root / "schemas" / "event.schema.json").write_text(json.dumps(EVENT_SCHEMA))
    (root / "frontlint.toml").write_text(
        'extend-exclude = ["/README.md"]\n[per-file-schemas]\n"_events/" = "schemas/event.schema.json"\n'
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True, timeout=60)
    return root


def test_the_right_files_are_found(real_site: Path) -> None:
    result = run_cli("--show-files", cwd=real_site)
    expected = [f"_events/{p.name}" for p in sorted((real_site / "_events").iterdir())]
    expected += [f"_news/{p.name}" for p in sorted((real_site / "_news").iterdir())]
    assert (result.returncode, result.stdout.decode().splitlines(), result.stderr) == (0, expected, b"")


def test_each_collection_gets_its_schema(real_site: Path) -> None:
    result = run_cli("--select", "schema", ".", cwd=real_site)
    lines = result.stdout.decode().splitlines()
    # The event contract requires none of the article's keys, and the article contract none of the event's.
    assert not [line for line in lines if line.startswith("_events/") and "missing required key" in line]
    assert not [line for line in lines if "'startDateTime'" in line]
    events = run_cli("--select", "schema", "--schema", "article", "_events", cwd=real_site)
    assert "missing required key" in events.stdout.decode()  # with the article contract, events would fail


def test_the_output_is_the_same_from_the_root_and_from_a_subfolder(real_site: Path) -> None:
    from_root = run_cli(str(real_site), cwd=real_site)
    from_news = run_cli(str(real_site), cwd=real_site / "_news")
    assert from_root.stdout == from_news.stdout and from_root.returncode == from_news.returncode
    assert from_root.stdout.count(b"\n") > 0
    relative = run_cli(".", cwd=real_site).stdout.decode().splitlines()
    above = run_cli("..", cwd=real_site / "_news").stdout.decode().splitlines()
    assert above == [f"../{line}" for line in relative]
