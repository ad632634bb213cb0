"""What ``frontlint init`` writes for a site: each collection's schema, the inferred schemas, what is left out.

Nothing is written here: :func:`plan_site` reads the site and decides, and the command writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from frontlint.init.article_fit import FITTING_SHARE, share_of_right_shape
from frontlint.init.collections import Group, find_site
from frontlint.init.config_text import Decision, config_text, file_pattern, files, folder_patterns, writable
from frontlint.init.front_matter import FrontMatter, read_front_matter
from frontlint.init.inference import infer_schema
from frontlint.reading.limits import Limits
from frontlint.schema.bundled import DEFAULT_SCHEMA
from frontlint.schema.contract import load_schema

SCHEMA_FOLDER = "schemas"
# Files that document the repository, not the site: left out when they have no front matter.
NOT_CONTENT = frozenset(
    {
        "README", "CONTRIBUTING", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "HISTORY",
        "CODE_OF_CONDUCT", "SECURITY", "SUPPORT", "AUTHORS", "CONTRIBUTORS", "NOTICE", "MAINTAINERS",
        "PULL_REQUEST_TEMPLATE", "ISSUE_TEMPLATE", "GOVERNANCE", "CODEOWNERS",
    }
)  # fmt: skip
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Plan(NamedTuple):
    """The configuration's text, the schema files to write beside it (relative path → document), and warnings."""

    config: str
    schemas: dict[str, dict[str, Any]]
    decisions: list[Decision]
    excluded: list[tuple[str, str]]
    warnings: list[str]


def plan_site(root: Path, on_error: Callable[[Path, Exception], None]) -> Plan | None:
    """Decide the configuration for the site at ``root``; ``None`` when it holds no Markdown file to lint."""
    site = find_site(root, on_error)
    limits = Limits()
    excluded: list[tuple[str, str]] = []
    decisions: list[tuple[Decision, list[str]]] = []
    schemas: dict[str, dict[str, Any]] = {}
    for group, members in site.groups:
        read = {relative: read_front_matter(str(root / relative), limits) for relative in members}
        content = [relative for relative in members if not _left_out(relative, read[relative])]
        excluded += [(file_pattern(each), "no front matter, not content") for each in members if each not in content]
        if not content:
            continue
        if all(read[each].dialect is None for each in content):
            excluded.append((folder_patterns(group, _suffixes(content))[0], "no file here has front matter"))
            continue
        decision, schema = _decide(group, {each: read[each] for each in content}, set(schemas))
        if schema is not None:
            schemas[decision.schema] = schema
        decisions.append((decision, folder_patterns(group, _suffixes(content))))
    if not decisions:
        return None
    largest = max(decisions, key=lambda item: item[0].files)[0].schema
    excluded.sort()
    text = config_text(site.generator, largest, decisions, excluded)
    return Plan(text, schemas, [decision for decision, _ in decisions], excluded, site.warnings)


def _left_out(relative: str, front_matter: FrontMatter) -> bool:
    """Whether a file is one of the repository's documents (a README, a licence), without front matter."""
    stem = PurePosixPath(relative).name.split(".", 1)[0].upper()
    return front_matter.dialect is None and stem in NOT_CONTENT


def _suffixes(files: list[str]) -> list[str]:
    """The Markdown suffixes of ``files``, in order first seen (``.md``, ``.markdown``)."""
    return list(dict.fromkeys(PurePosixPath(each).suffix for each in files))


def _decide(group: Group, read: dict[str, FrontMatter], taken: set[str]) -> tuple[Decision, dict[str, Any] | None]:
    """The schema of one collection: the bundled contract where it fits, else one inferred from its files."""
    dialects = tuple(sorted({each.dialect for each in read.values() if each.dialect is not None}))
    documents = [each.data for each in read.values() if each.data is not None]
    unread = tuple((relative, each.not_read or "") for relative, each in read.items() if each.data is None)
    share = share_of_right_shape(load_schema(DEFAULT_SCHEMA), documents)
    if documents and share >= FITTING_SHARE:
        why = f"{share:.0%} of its files have the shape of the bundled article contract"
        return Decision(group, len(read), dialects, DEFAULT_SCHEMA, why, unread), None
    name = _schema_name(group, taken)
    why = f"a schema inferred from its {files(len(documents))}"
    if unread:
        why += f" ({files(len(unread))} not read, below)"
    shown = writable(group.name)  # a schema is UTF-8: a name that is not is written with escapes
    description = (
        f"The front matter of {shown} ({group.kind}), inferred by `frontlint init` from {files(len(documents))}: "
        "the keys all of them have are required, each value has the types, formats and closed sets of values seen. "
        "Edit it to tighten or widen it."
    )
    schema = infer_schema(documents, f"{shown} front matter", description)
    return Decision(group, len(read), dialects, name, why, unread), schema


def _schema_name(group: Group, taken: set[str]) -> str:
    """A schema file name for a collection, beside the configuration: ``schemas/<collection>.schema.json``.

    Unlike every name taken in letter case too: on a file system that ignores case (macOS, Windows)
    ``A-B.schema.json`` and ``a-b.schema.json`` are one file.
    """
    slug = _SLUG_UNSAFE.sub("-", group.folder.replace("/", "-")).strip("-_.") or "pages"
    name, number = f"{SCHEMA_FOLDER}/{slug}.schema.json", 2
    folded = {each.casefold() for each in taken}
    while name.casefold() in folded:
        name, number = f"{SCHEMA_FOLDER}/{slug}-{number}.schema.json", number + 1
    return name


def schema_text(schema: dict[str, Any]) -> str:
    """A schema document as written: JSON, two spaces of indent, a line break at the end."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
