"""Finding a site checkout's collections: the folders of Markdown files that share one shape of front matter.

- **Jekyll** (a ``_config.yml``): each collection ``_config.yml`` names (below its
  ``collections_dir``), ``_posts`` and ``_drafts``, and any other ``_name`` folder holding
  Markdown (Jekyll's own ``_layouts``, ``_includes``, ``_sass``, ``_data`` and ``_plugins`` aside);
- **Hugo** (a ``content/`` folder beside a Hugo configuration, or ``archetypes/``): each section, a
  folder of ``content/``;
- **Astro** (``src/content/``): each collection, a folder of ``src/content/``;
- anything else: each top-level folder of Markdown, and the pages at the root (or directly in
  ``content/``, ``src/content/``) as one group.

Files are found as a run finds them (:func:`frontlint.run.discovery.walk_files`, default settings:
``.gitignore``, hidden folders, ``vendor/``, ``node_modules/``, the built site left out).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from frontlint.config.project import Overrides, Project
from frontlint.reading.files import read_limited
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import parse_front_matter
from frontlint.run.discovery import walk_files

JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "archetypes")
# Jekyll's folders that hold no collection's documents.
_JEKYLL_OWN = frozenset({"_layouts", "_includes", "_sass", "_data", "_plugins", "_site"})
_MAX_CONFIG_BYTES = 1024 * 1024


class Group(NamedTuple):
    """A collection (or a folder taken as one): its name, kind, folder, and whether files below its subfolders belong to it."""

    name: str
    kind: str
    folder: str  # relative to the site's root, with "/"; "" for the root
    recursive: bool


class Site(NamedTuple):
    """What was found at a site's root: the generator, its collections with their files, and warnings."""

    generator: str
    groups: list[tuple[Group, list[str]]]
    warnings: list[str]


def find_site(root: Path, on_error: Callable[[Path, Exception], None]) -> Site:
    """The collections below ``root`` and the Markdown files of each (relative paths, with "/"), in order."""
    warnings: list[str] = []
    generator, candidates = _candidates(root, warnings)
    files = sorted(_markdown_files(root, on_error))
    groups: dict[Group, list[str]] = {}
    for relative in files:
        groups.setdefault(_group_of(relative, candidates, generator), []).append(relative)
    ordered = sorted(groups.items(), key=lambda item: (item[0].folder == "", item[0].folder))
    return Site(generator, ordered, warnings)


def _markdown_files(root: Path, on_error: Callable[[Path, Exception], None]) -> Iterable[str]:
    """Every file a run at ``root`` would lint with the default settings, relative to ``root``."""
    project = Project(Overrides(), isolated=True)
    for found in walk_files([root], project, on_error):
        yield PurePosixPath(Path(os.path.relpath(found.path, root))).as_posix()


def _candidates(root: Path, warnings: list[str]) -> tuple[str, list[Group]]:
    """The site's generator and the collection folders its layout names."""
    if any((root / name).is_file() for name in JEKYLL_CONFIGS):
        return "Jekyll", _jekyll_collections(root, warnings)
    if (root / "content").is_dir() and any((root / name).exists() for name in HUGO_CONFIGS):
        return "Hugo", _subfolders(root, "content", "Hugo section")
    if (root / "src" / "content").is_dir():
        return "Astro", _subfolders(root, "src/content", "Astro collection")
    return "plain", []


def _subfolders(root: Path, parent: str, kind: str) -> list[Group]:
    """Each folder of ``parent`` as a collection, and the files directly in ``parent`` as one group."""
    groups = [Group(parent, f"{kind.split()[0]} pages", parent, False)]
    for entry in _folders(root / parent):
        groups.append(Group(f"{parent}/{entry}", kind, f"{parent}/{entry}", True))
    return groups


def _folders(folder: Path) -> list[str]:
    """The names of the real folders (not links) in ``folder``, sorted; none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False))
    except OSError:
        return []


def _jekyll_collections(root: Path, warnings: list[str]) -> list[Group]:
    """Jekyll's collections: those ``_config.yml`` names, ``_posts``, ``_drafts`` and the other ``_name`` folders."""
    config = _jekyll_config(root, warnings)
    base = config.get("collections_dir")
    base = base.strip("/") if isinstance(base, str) and ".." not in base.split("/") else ""
    named = config.get("collections")
    names = list(named) if isinstance(named, (dict, list)) else []
    groups = {}
    for name in ["posts", "drafts", *(str(each) for each in names if isinstance(each, (str, int)))]:
        folder = f"{base}/_{name}" if base else f"_{name}"
        groups[folder] = Group(f"_{name}", "Jekyll collection (_config.yml)", folder, True)
    for name in _folders(root / base if base else root):
        folder = f"{base}/{name}" if base else name
        if name.startswith("_") and name not in _JEKYLL_OWN and folder not in groups:
            groups[folder] = Group(name, "Jekyll collection (folder)", folder, True)
    return list(groups.values())


def _jekyll_config(root: Path, warnings: list[str]) -> dict[str, Any]:
    """``_config.yml`` as a mapping; ``{}`` (and a warning) when it cannot be read or is not one."""
    name = next(each for each in JEKYLL_CONFIGS if (root / each).is_file())
    try:
        text = read_limited(root / name, _MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        warnings.append(f"{name}: cannot read it ({reason}): its collections are found by their folders")
        return {}
    parsed = parse_front_matter(text, 0, LineIndex(text), Limits())
    if parsed.problems or not isinstance(parsed.data, dict):
        reason = "not valid YAML" if parsed.problems else "not a mapping"
        warnings.append(f"{name}: {reason}: its collections are found by their folders")
        return {}
    return parsed.data


def _group_of(relative: str, candidates: list[Group], generator: str) -> Group:
    """The collection a file belongs to: the deepest candidate holding it, else its top-level folder, else the root's pages."""
    parent = relative.rsplit("/", 1)[0] if "/" in relative else ""
    for group in sorted(candidates, key=lambda each: -each.folder.count("/")):
        if group.recursive and relative.startswith(group.folder + "/"):
            return group
        if not group.recursive and parent == group.folder:
            return group
    if parent:
        top = parent.split("/", 1)[0]
        return Group(top, "folder of Markdown", top, True)
    return Group("pages", f"{generator} pages at the root" if generator != "plain" else "pages at the root", "", False)
