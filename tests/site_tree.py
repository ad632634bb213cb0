"""A real Jekyll site checkout, built in a temporary folder from the real sample.

The articles of ``../shared/corpus/azure`` (a real site's ``_news`` and ``_events``) are copied
into a site laid out as its repository is: a ``_config.yml``, a ``README.md`` without front
matter, what a checkout carries besides (``vendor/bundle`` with a gem's Markdown files,
``node_modules``, the built ``_site``, a ``.jekyll-cache``), a ``.gitignore`` and the configuration of ``examples/site``
(the README's): a ``frontlint.toml`` giving each collection its own schema, the events schema
``$ref``-ing a sibling file. Every Markdown file outside the two collections has broken front matter, so a
run that lints one of them shows it. One article and one event get a known defect.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO

CORPUS = REPO.parent / "shared" / "corpus" / "azure"
SKIP_REASON = f"needs the real sample, absent on a plain clone: {CORPUS}"
NEWS_COPIED = 120  # of the 1,982: enough for every kind of finding, quick to lint

BROKEN = "---\ntitle: [unclosed\n---\n"
EXAMPLE = REPO / "examples" / "site"  # the configuration and schemas the README shows
EXAMPLE_FILES = ("frontlint.toml", "schemas/event.schema.json", "schemas/common.schema.json")
GITIGNORE = "_site/\n.jekyll-cache/\n.sass-cache/\n/drafts/\n"
CONFIG_YML = "title: Azure news\nurl: https://example.invalid\ncollections:\n  news:\n    output: true\n  events:\n    output: true\n"
OUTSIDE_CONTENT = (
    "README.md",  # no front matter at all
    "vendor/bundle/ruby/3.1.0/gems/jekyll-4.3.2/README.markdown",
    "node_modules/markdown-it/README.md",
    "_site/news/index.md",
    ".jekyll-cache/Jekyll/Cache/x.md",
    "drafts/2021-01-01-draft.md",
    "docs/_news/2021-01-01-old.md",  # a nested copy, outside the include patterns
)


def build_site(root: Path) -> Path:
    """Lay out the site in ``root`` and return it; the caller skips when the sample is absent."""
    news = sorted((CORPUS / "_news").glob("*.md"))[:NEWS_COPIED]
    for source in news:
        _copy(source, root / "_news" / source.name)
    for source in sorted((CORPUS / "_events").glob("*.md")):
        _copy(source, root / "_events" / source.name)
    files = {
        "_config.yml": CONFIG_YML,
        ".gitignore": GITIGNORE,
        **{name: (EXAMPLE / name).read_text(encoding="utf-8") for name in EXAMPLE_FILES},
        **dict.fromkeys(OUTSIDE_CONTENT, BROKEN),
    }
    files["README.md"] = "# The site\n\nBuilt with Jekyll.\n"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _inject_defects(root)
    return root


# One known defect in each collection: (file, text replaced, replacement).
DEFECTS = (
    (
        "_events/2020-08-11-azure-webinar-series-migrate-your-apps-and-sql-server-databases-to-azure.md",
        "startDateTime: 2020-08-11T17:00:00Z",
        'startDateTime: "next Tuesday"',
    ),
    (
        "_news/2019-10-23-start-building-with-azure-cognitive-services-for-free.md",
        "publishedDateTime: 2019-10-23T14:00:15Z",
        'publishedDateTime: "2019-10-23 at 2pm"',
    ),
)


def _inject_defects(root: Path) -> None:
    for name, old, new in DEFECTS:
        text = (root / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        (root / name).write_text(text.replace(old, new), encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def linted_files(root: Path) -> list[str]:
    """The files a run at the root must lint, as it names them: the two collections, sorted."""
    return sorted(f"{folder}/{path.name}" for folder in ("_events", "_news") for path in (root / folder).glob("*.md"))
