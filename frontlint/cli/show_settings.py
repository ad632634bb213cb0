"""``frontlint --show-settings FILE``: the settings resolved for one file, written out for people."""

from __future__ import annotations

import json
import os
from typing import Any

from frontlint.settings.path_patterns import gitignores_for, relative_to_common
from frontlint.settings.resolved import Settings


def describe_settings(path: str, absolute: str, settings: Settings, schema: str) -> str:
    """The settings ``path`` (absolute: ``absolute``) is linted with, one ``key = value`` a line.

    Values are written as JSON; ``schema`` is the one this file gets. The last lines say whether
    the file would be linted when found by walking a folder, and if not, why.
    """
    relative = settings.relative(absolute)
    ignored_here = settings.ignored_in(path) if settings.per_file_ignores else ()
    rows: list[tuple[str, Any]] = [
        ("file", path),
        ("config", settings.source),
        ("folder", settings.folder),
        ("path-in-folder", relative),
        ("schema", schema),
        ("default-schema", settings.schema or "article"),
        ("per-file-schemas", dict(settings.per_file_schemas)),
        ("select", settings.select if settings.select is not None else ["ALL"]),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
        ("per-file-ignores", dict(settings.per_file_ignores)),
        ("ignored-in-this-file", ignored_here),
        (
            "severities",
            {rule: "off" if level is None else str(level) for rule, level in sorted(settings.severities.items())},
        ),
        ("rule-options", {rule: dict(options) for rule, options in sorted(settings.rule_options.items())}),
        ("include", settings.include),
        ("extend-include", settings.extend_include),
        ("exclude", settings.exclude),
        ("extend-exclude", settings.extend_exclude),
        ("respect-gitignore", settings.respect_gitignore),
        ("force-exclude", settings.force_exclude),
        ("baseline", settings.baseline),
        ("now", settings.now.isoformat() if settings.now is not None else None),
        ("max-front-matter-bytes", settings.limits.max_front_matter_bytes),
        ("max-nesting-depth", settings.limits.max_nesting_depth),
        ("max-alias-nodes", settings.limits.max_alias_nodes),
        ("linted-when-walked", _why_not_walked(absolute, relative, settings) or "yes"),
    ]
    width = max(len(name) for name, _ in rows)
    return "".join(f"{name:<{width}} = {_json(value)}\n" for name, value in rows)


def _why_not_walked(absolute: str, relative: str, settings: Settings) -> str:
    """Why a folder walk would leave the file out (``""``: it would not)."""
    folders = relative_to_common(settings.folder, absolute)  # the folders above the site are not judged
    if os.path.isdir(absolute):
        folders += "/"
    elif not settings.includes(relative):
        return "no: include and extend-include do not take it"
    if settings.excludes(folders, whole=False):
        return "no: exclude or extend-exclude leaves it out"
    if settings.respect_gitignore:
        ignores = gitignores_for(os.path.dirname(absolute))
        if ignores is not None and ignores.ignores(absolute, is_dir=folders.endswith("/"), whole=False):
            return "no: git ignores it (.gitignore)"
    return ""


def _json(value: Any) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
