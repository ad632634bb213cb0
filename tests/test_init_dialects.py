"""``frontlint init`` on sites in each front-matter dialect: YAML, TOML (``+++``), JSON (``{``) and a collection of two.

Each site is run as a user runs it (the real CLI in a subprocess); the schemas init writes are
golden files, and the first run after init is held to whole lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from init_sites import HUGO_JSON_FILES, HUGO_MIXED_FILES, HUGO_TOML_FILES, git_init, write_files

from helpers import run_cli

SITES = {"hugo-toml": HUGO_TOML_FILES, "hugo-json": HUGO_JSON_FILES, "hugo-mixed": HUGO_MIXED_FILES}


def _site(tmp_path: Path, kind: str, extra: dict[str, str] | None = None) -> Path:
    site = write_files(tmp_path / kind, {**SITES[kind], **(extra or {})})
    git_init(site)
    return site


def _written(site: Path) -> dict[str, str]:
    """The configuration and every schema init wrote, by relative path."""
    names = ["frontlint.toml", *(f"schemas/{path.name}" for path in sorted((site / "schemas").glob("*.json")))]
    return {name: (site / name).read_text(encoding="utf-8") for name in names}


def _edit(site: Path, name: str, old: str, new: str) -> None:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    "kind, summary",
    [
        (
            "hugo-toml",
            [
                "  content: 1 file, TOML: schemas/content.schema.json",
                "  content/posts: 24 files, TOML: schemas/content-posts.schema.json",
                "  left out /README.md: no front matter, not content",
            ],
        ),
        (
            "hugo-json",
            [
                "  content: 1 file, JSON: schemas/content.schema.json",
                "  content/posts: 24 files, JSON: schemas/content-posts.schema.json",
            ],
        ),
        ("hugo-mixed", ["  content/posts: 24 files, TOML, YAML: schemas/content-posts.schema.json"]),
    ],
)
def test_init_infers_each_collections_schema_in_its_dialect(tmp_path, golden, kind, summary) -> None:
    site = _site(tmp_path, kind)
    result = run_cli("init", cwd=site)
    assert (result.returncode, result.stderr) == (0, b"")
    for name, text in _written(site).items():
        golden(f"init/{kind}/{name}", text)
    said = result.stdout.decode().splitlines()
    assert [line for line in said if line.startswith("  ")] == summary
    assert said[-1] == f"no problems found in {sum(name.startswith('content/') for name in SITES[kind])} files"


# Each site's planted defects (file, old text, new text) and the whole lines the first run reports for them.
PLANTED = {
    "hugo-toml": (
        [
            ("content/posts/post-3.md", "draft = false", 'draft = "maybe"'),
            ("content/posts/post-3.md", "date = 2024-04-13T08:00:00Z", 'date = "13 April 2024"'),
        ],
        [
            "content/posts/post-3.md:3:8: error: '13 April 2024' is not a valid RFC 3339 date-time "
            "(like 2021-07-28T02:44:00Z) [schema/format]",
            "content/posts/post-3.md:4:9: error: expected boolean, got string 'maybe' [schema/type]",
        ],
    ),
    "hugo-json": (
        [
            ("content/posts/post-3.md", '"draft": false', '"draft": "maybe"'),
            ("content/posts/post-3.md", '"weight": 3,', '"weight": 3.5,'),
        ],
        [
            "content/posts/post-3.md:4:12: error: expected boolean, got string 'maybe' [schema/type]",
            "content/posts/post-3.md:6:13: error: expected integer, got number 3.5 [schema/type]",
        ],
    ),
    "hugo-mixed": (
        [
            ("content/posts/post-2.md", "draft: false", "draft: maybe"),
            ("content/posts/post-3.md", "draft = false", 'draft = "maybe"'),
            ("content/posts/post-5.md", "lastmod = 2024-10-06", 'lastmod = "6 October"'),
        ],
        [
            "content/posts/post-2.md:5:8: error: expected boolean, got string 'maybe' [schema/type]",
            "content/posts/post-3.md:4:9: error: expected boolean, got string 'maybe' [schema/type]",
            "content/posts/post-5.md:6:11: error: '6 October' is not a valid RFC 3339 date (like 2021-07-28) "
            "[schema/format]",
        ],
    ),
}


@pytest.mark.parametrize("kind", list(PLANTED))
def test_the_first_run_after_init_reports_no_schema_error_and_each_planted_defect_at_its_line(tmp_path, kind) -> None:
    site = _site(tmp_path, kind)
    assert run_cli("init", cwd=site).returncode == 0
    clean = run_cli("--select", "schema", cwd=site)
    assert (clean.returncode, clean.stdout) == (0, b"")
    edits, expected = PLANTED[kind]
    for name, old, new in edits:
        _edit(site, name, old, new)
    found = run_cli("--select", "schema", cwd=site)
    assert found.stdout.decode().splitlines() == expected


# --- hostile collections: files init cannot read are named, never a traceback ---

HOSTILE = {
    "content/posts/broken.md": '+++\ntitle = "never closed\ndraft = false\n+++\nBody.\n',
    "content/posts/open.md": '+++\ntitle = "a fence never closed"\n',
    **{f"content/posts/video-{n}.md": "{{< youtube abc >}}\n\nA video.\n" for n in range(5)},
}


def test_init_names_the_files_of_a_collection_it_cannot_read_and_infers_from_the_others(tmp_path) -> None:
    site = _site(tmp_path, "hugo-toml", HOSTILE)
    result = run_cli("init", cwd=site)
    assert result.returncode == 0
    assert result.stderr == b""
    said = result.stdout.decode().splitlines()
    assert said[3:10] == [
        "  content: 1 file, TOML: schemas/content.schema.json",
        "  content/posts: 31 files, TOML: schemas/content-posts.schema.json",
        "    not read: content/posts/broken.md: TOML front matter that cannot be read (toml-syntax, line 2)",
        "    not read: content/posts/open.md: TOML front matter never closed",
        "    not read: content/posts/video-0.md: no front matter",
        "    not read: content/posts/video-1.md: no front matter",
        "    not read: content/posts/video-2.md: no front matter",
    ]
    assert said[10:12] == ["    not read: 2 files more", "  left out /README.md: no front matter, not content"]
    config = (site / "frontlint.toml").read_text(encoding="utf-8").splitlines()
    entry = config.index('"/content/posts/" = "schemas/content-posts.schema.json"')
    assert config[entry - 7 : entry] == [
        "# content/posts: Hugo section, 31 files, TOML front matter; a schema inferred from its 24 files "
        "(7 files not read, below).",
        "#   not read: content/posts/broken.md: TOML front matter that cannot be read (toml-syntax, line 2)",
        "#   not read: content/posts/open.md: TOML front matter never closed",
        "#   not read: content/posts/video-0.md: no front matter",
        "#   not read: content/posts/video-1.md: no front matter",
        "#   not read: content/posts/video-2.md: no front matter",
        "#   not read: 2 files more",
    ]
    assert _written(site)["schemas/content-posts.schema.json"] == (
        Path(__file__).parent / "golden/init/hugo-toml/schemas/content-posts.schema.json"
    ).read_text(encoding="utf-8")
    run = run_cli(cwd=site)
    lines = run.stdout.decode().splitlines()
    assert [line for line in lines if "[schema/" in line] == []
    assert "content/posts/broken.md:2:9: error: string never closed on its line [toml-syntax]" in lines
