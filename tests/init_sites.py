"""Site checkouts for ``frontlint init``: the real sample as its repository lays it out, and small Hugo and Astro sites.

The real sample's site (``build_real_site``) holds all four collections of ``../shared/corpus/azure``
(``_news``, ``_learning``, ``_events``, ``_people``), its own ``_config.yml`` and ``.gitignore``, a
README without front matter, a ``vendor/`` folder of a gem's Markdown and an ignored ``_site/``, in
a git repository (so that ``.gitignore`` applies), and no frontlint configuration.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from site_tree import CORPUS

COLLECTIONS = ("_news", "_learning", "_events", "_people")
BROKEN = "---\ntitle: [unclosed\n---\n"


def build_real_site(root: Path) -> Path:
    """Lay out the real sample as a site checkout in ``root``; the caller skips when the sample is absent."""
    for name in COLLECTIONS:
        shutil.copytree(CORPUS / name, root / name)
    shutil.copy(CORPUS / "_config.yml", root / "_config.yml")
    shutil.copy(CORPUS / ".gitignore", root / ".gitignore")
    write_files(
        root,
        {
            "README.md": "# Azure Every Day\n\nThe site's content.\n",
            "vendor/bundle/ruby/3.1.0/gems/jekyll-4.3.2/README.markdown": BROKEN,
            "_site/news/index.md": BROKEN,
        },
    )
    git_init(root)
    return root


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write each file (relative path → text) below ``root``."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def git_init(root: Path) -> None:
    """Make ``root`` a git repository, so that its ``.gitignore`` applies."""
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)


def _post(number: int, draft: bool, tags: str) -> str:
    return (
        f'---\ntitle: "Post number {number}, on things"\ndate: 2024-0{1 + number % 9}-1{number % 10}\n'
        f"draft: {'true' if draft else 'false'}\ntags: [{tags}]\n"
        f"author:\n  name: Author {number % 3}\n  email: author{number % 3}@example.org\n"
        f"cover: /images/post-{number}.png\n---\nBody.\n"
    )


def _doc(number: int) -> str:
    return (
        f"---\ntitle: Page {number}\nweight: {number}\n"
        f"{'description: null' if number % 2 else 'description: About page ' + str(number)}\n---\nText.\n"
    )


HUGO_FILES: dict[str, str] = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "A Hugo site"\n',
    "content/_index.md": "---\ntitle: Home\n---\n",
    **{f"content/posts/post-{n}.md": _post(n, n % 4 == 0, "go, hugo" if n % 2 else "web") for n in range(24)},
    **{f"content/docs/page-{n}.md": _doc(n) for n in range(6)},
    "README.md": "# A Hugo site\n",
    "CONTRIBUTING.md": "How to help.\n",
    "themes/ananke/README.md": "# A theme\n",
}


def _entry(number: int) -> str:
    return (
        f"---\ntitle: Entry {number}\npubDate: 2023-05-{10 + number}T08:00:00Z\n"
        f"heroImage: https://example.org/hero-{number}.jpg\nkind: {('note', 'essay')[number % 2]}\n---\n"
    )


ASTRO_FILES: dict[str, str] = {
    "astro.config.mjs": "export default {};\n",
    "package.json": '{"name": "an-astro-site"}\n',
    **{f"src/content/blog/entry-{n}.md": _entry(n) for n in range(20)},
    "src/content/authors/ada.md": "---\nname: Ada\nsite: https://ada.example.org/\n---\n",
    "src/content/authors/grace.md": "---\nname: Grace\nsite: null\n---\n",
    "node_modules/some-package/README.md": BROKEN,
    "LICENSE.md": "MIT\n",
}


def _toml_post(number: int, time: str = "T08:00:00Z") -> str:
    tags = '"go", "hugo"' if number % 2 else '"web"'
    return (
        f'+++\ntitle = "Post number {number}, on things"\ndate = 2024-0{1 + number % 9}-1{number % 10}{time}\n'
        f"draft = {'true' if number % 4 == 0 else 'false'}\ntags = [{tags}]\n"
        f'lastmod = 2024-10-0{1 + number % 9}\ncover = "/images/post-{number}.png"\n'
        f'[author]\nname = "Author {number % 3}"\nemail = "author{number % 3}@example.org"\n+++\nBody.\n'
    )


def _json_post(number: int) -> str:
    tags = '"go", "hugo"' if number % 2 else '"web"'
    return (
        f'{{\n  "title": "Post number {number}, on things",\n  "date": "2024-0{1 + number % 9}-1{number % 10}T08:00:00Z",\n'
        f'  "draft": {"true" if number % 4 == 0 else "false"},\n  "tags": [{tags}],\n  "weight": {number},\n'
        f'  "author": {{"name": "Author {number % 3}", "email": "author{number % 3}@example.org"}}\n}}\nBody.\n'
    )


# A Hugo site in TOML front matter (``+++``): its posts hold TOML date-times, local dates and a table.
HUGO_TOML_FILES: dict[str, str] = {
    "hugo.toml": 'baseURL = "https://example.org/"\ntitle = "A Hugo site"\n',
    "content/_index.md": '+++\ntitle = "Home"\n+++\n',
    **{f"content/posts/post-{n}.md": _toml_post(n) for n in range(24)},
    "README.md": "# A Hugo site\n",
}

# The same in JSON front matter (a ``{ … }`` object starting the file).
HUGO_JSON_FILES: dict[str, str] = {
    "hugo.json": '{"baseURL": "https://example.org/"}\n',
    "content/_index.md": '{"title": "Home"}\n',
    **{f"content/posts/post-{n}.md": _json_post(n) for n in range(24)},
}

# One collection of both: even posts in YAML, odd posts in TOML (its dates local dates, as YAML's), with the same keys.
HUGO_MIXED_FILES: dict[str, str] = {
    "hugo.toml": 'baseURL = "https://example.org/"\n',
    **{
        f"content/posts/post-{n}.md": _post(n, n % 4 == 0, "go, hugo" if n % 2 else "web").replace(
            "date: ", "lastmod: 2024-10-01\ndate: "
        )
        if n % 2 == 0
        else _toml_post(n, time="")
        for n in range(24)
    },
}
