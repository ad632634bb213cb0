"""``frontlint --show-settings FILE``: the settings resolved for one file, written out for people."""

from __future__ import annotations

import json
import os
from typing import Any

from frontlint.schema.contract import DEFAULT_SCHEMA
from frontlint.settings.keys import KEYS, SECTIONS, Key
from frontlint.settings.path_patterns import gitignores_for, relative_to_common
from frontlint.settings.resolved import Settings


def describe_settings(path: str, absolute: str, settings: Settings, schema: str) -> str:
    """The settings ``path`` (absolute: ``absolute``) is linted with, one ``key = value`` a line.

    Values are written as JSON; ``schema`` is the one this file gets; then every configuration key
    (:data:`~frontlint.settings.keys.KEYS`) by its section. The last line says whether
    the file would be linted when found by walking a folder, and if not, why.
    """
    relative = settings.relative(absolute)
    rows: list[tuple[str, Any]] = [
        ("file", path),
        ("config", settings.source),
        ("folder", settings.folder),
        ("path-in-folder", relative),
        ("schema", schema),
    ]
    for section in SECTIONS:
        for key in KEYS:
            if key.section == section:
                rows += _rows(key, settings, path)
    rows.append(("linted-when-walked", _why_not_walked(absolute, relative, settings) or "yes"))
    width = max(len(name) for name, _ in rows)
    return "".join(f"{name:<{width}} = {_json(value)}\n" for name, value in rows)


def _rows(key: Key, settings: Settings, path: str) -> list[tuple[str, Any]]:
    """How ``--show-settings`` shows ``key``: its name and setting, but for the keys shown otherwise."""
    if key.name == "select":
        return [("select", settings.select if settings.select is not None else ["ALL"])]
    if key.name == "schema":  # the file's own schema is shown above, as "schema"
        return [("default-schema", settings.schema or DEFAULT_SCHEMA)]
    if key.name == "per-file-ignores":
        ignored_here = settings.ignored_in(path) if settings.per_file_ignores else ()
        return [(key.name, dict(settings.per_file_ignores)), ("ignored-in-this-file", ignored_here)]
    if key.name == "rules":
        severities = {
            rule: "off" if level is None else str(level) for rule, level in sorted(settings.severities.items())
        }
        options = {rule: dict(options) for rule, options in sorted(settings.rule_options.items())}
        return [("severities", severities), ("rule-options", options)]
    if key.name == "now":
        return [("now", settings.now.isoformat() if settings.now is not None else None)]
    value: Any = settings
    for step in key.settings_fields[0].split("."):  # limits.max_nesting_depth: a field of Settings.limits
        value = getattr(value, step)
    return [(key.name, dict(value) if key.reading.endswith("-per-pattern") else value)]


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
