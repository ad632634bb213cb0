"""The configuration keys, declared once: every key of a ``frontlint.toml`` (or ``[tool.frontlint]`` table).

Each :class:`Key` says what its value is (a JSON Schema, help text included), what it is by
default, how a file's value is read into :class:`~frontlint.settings.resolved.Settings`, where
``--show-settings`` shows it, and its command-line flag. From this table come the configuration
file's checks (:func:`~frontlint.config.loading.settings_from_mapping`), the keys ``Config(...)``
takes, ``--show-settings``, and ``schemas/frontlint-config.schema.json``
(``.venv/bin/python tests/config_schema_file.py --write``); tests hold ``Settings``, ``Config``, the
command line and the README to it. Every key applies per configuration file: each file gets its
nearest configuration's value (there is no run-wide key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

from frontlint.reading.limits import Limits
from frontlint.settings.path_patterns import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

# How a file's value is checked beyond its schema and turned into a setting (config/loading.py reads by these),
# and the order keys are checked in (by their reading, then in the table's order; the first fault is the error):
# "rules" the rule tables, "selectors" rule ids or prefixes, "ignored" selectors that may not name an always-on
# check, "ignored-per-pattern" a table of those, "now" an RFC 3339 time, "schema" a bundled schema or a file,
# "schema-per-pattern" a table of those, "file" a file name, "value" as it is (a list as a tuple).
Reading = Literal[
    "rules", "selectors", "ignored", "ignored-per-pattern", "now", "schema", "schema-per-pattern", "file", "value"
]
READINGS: tuple[Reading, ...] = get_args(Reading)
# The groups of --show-settings, in its order (a key is shown with its group, in the table's order).
SECTIONS = ("schema", "selection", "files", "baseline", "time", "limits")

# The schema keywords written before a key's description (the others after it).
_BEFORE_DESCRIPTION = ("type", "items", "minLength", "minimum")
_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}}
_NAME = {"type": "string", "minLength": 1}
_BOOLEAN = {"type": "boolean"}
_POSITIVE = {"type": "integer", "minimum": 1}
_SCHEMA_NAME = "A bundled schema's name ('article') or a schema file relative to this configuration's folder."


class Key(NamedTuple):
    """One configuration key: ``name`` as a file writes it, its ``value``'s JSON Schema and ``help``.

    ``fields`` are the :class:`~frontlint.settings.resolved.Settings` fields it sets (``limits.x``: a
    field of ``Settings.limits``; default: the name with ``_`` for ``-``), ``default`` their value
    when it is not set, ``reading`` how its value is read, ``section`` where ``--show-settings`` shows
    it, ``flag`` the command-line option that wins over it, ``library`` whether ``Config(...)`` takes it.
    """

    name: str
    value: Mapping[str, Any]
    help: str
    default: Any
    section: str
    reading: Reading = "value"
    fields: tuple[str, ...] = ()
    flag: str | None = None
    library: bool = True

    @property
    def settings_fields(self) -> tuple[str, ...]:
        """The ``Settings`` fields this key sets."""
        return self.fields or (self.name.replace("-", "_"),)

    @property
    def keyword(self) -> str:
        """The key as a keyword argument of ``Config(...)``: ``extend_select``."""
        return self.name.replace("-", "_")

    def schema(self) -> dict[str, Any]:
        """The key's part of the configuration schema: its value's schema with its help as the description."""
        first = {word: part for word, part in self.value.items() if word in _BEFORE_DESCRIPTION}
        rest = {word: part for word, part in self.value.items() if word not in _BEFORE_DESCRIPTION}
        return {**first, "description": self.help, **rest}


def _limit(name: str, help: str) -> Key:
    field = name.replace("-", "_")
    return Key(name, _POSITIVE, help, getattr(Limits(), field), "limits", fields=(f"limits.{field}",))


def _per_pattern(value: Mapping[str, Any], help: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {**value, "description": help}}


# Every configuration key, in the order the configuration schema and the README list them.
KEYS = (
    Key(
        "select",
        _NAMES,
        "The rule ids or prefixes to check ('schema' selects every schema/* id, 'url' selects url-syntax and "
        "url-insecure, 'ALL' everything). Replaces the default selection, every rule.",
        None,
        "selection",
        "selectors",
        flag="--select",
    ),
    Key(
        "extend-select",
        _NAMES,
        "Rule ids or prefixes to check in addition to select.",
        (),
        "selection",
        "selectors",
        flag="--extend-select",
    ),
    Key(
        "ignore",
        _NAMES,
        "Rule ids or prefixes not to report. The checks that mean the front matter could not be read (encoding, "
        "yaml-syntax, ...) cannot be ignored.",
        (),
        "selection",
        "ignored",
        flag="--ignore",
    ),
    Key(
        "per-file-ignores",
        _per_pattern(_NAMES, "The rule ids or prefixes not reported in the files this pattern matches."),
        'Rule ids or prefixes not to report in the files a pattern matches: { "_legacy/" = ["url-insecure"] }. '
        "A pattern that matches a folder matches every file below it; every matching pattern applies.",
        (),
        "selection",
        "ignored-per-pattern",
    ),
    Key(
        "include",
        _NAMES,
        "The files to lint in the folders walked (files named on the command line are always linted). "
        'Default: ["*.md", "*.markdown"].',
        DEFAULT_INCLUDE,
        "files",
    ),
    Key(
        "extend-include",
        _NAMES,
        'Patterns of files to lint in addition to include, such as "*.mdown".',
        (),
        "files",
    ),
    Key(
        "exclude",
        _NAMES,
        "Files and folders never walked (excluded folders are not entered). Replaces the default: "
        '[".*/", "_site/", "vendor/", "node_modules/", "venv/", "__pycache__/", "build/", "dist/"] (hidden '
        "folders such as .git and .jekyll-cache, the built site, installed gems and packages, build output): "
        "prefer extend-exclude.",
        DEFAULT_EXCLUDE,
        "files",
    ),
    Key(
        "extend-exclude",
        _NAMES,
        'Files and folders never walked, in addition to exclude: ["_drafts/", "README.md"].',
        (),
        "files",
    ),
    Key(
        "respect-gitignore",
        _BOOLEAN,
        "Leave out what git ignores in a repository: the .gitignore files of the folders walked and of their "
        "parents up to the repository's top, and .git/info/exclude. Default: true.",
        True,
        "files",
    ),
    Key(
        "force-exclude",
        _BOOLEAN,
        "Apply exclude, extend-exclude and .gitignore to files named on the command line too (as the pre-commit "
        "hook does with --force-exclude). Default: false.",
        False,
        "files",
        flag="--force-exclude",
    ),
    Key(
        "schema",
        _NAME,
        "The JSON Schema contract of the files no per-file-schemas pattern matches: a bundled schema's name "
        "('article') or a JSON or YAML schema file, relative to this configuration's folder. Default: 'article', "
        "the bundled news article contract.",
        None,
        "schema",
        "schema",
        flag="--schema",
    ),
    Key(
        "per-file-schemas",
        _per_pattern(_NAME, _SCHEMA_NAME),
        'The schema of the files a pattern matches, for a site\'s other collections: { "_events/" = '
        '"schemas/event.schema.json" }. Each value is a bundled schema\'s name or a file relative to this '
        "configuration's folder; the last matching pattern wins; files no pattern matches use schema.",
        (),
        "schema",
        "schema-per-pattern",
    ),
    Key(
        "baseline",
        _NAME,
        "A baseline file (written by --write-baseline), relative to this configuration's folder: the problems it "
        "records are not reported in the files this configuration applies to. --baseline on the command line wins.",
        None,
        "baseline",
        "file",
        flag="--baseline",
        library=False,
    ),
    Key(
        "now",
        {"type": "string"},
        'The current time for date rules, an RFC 3339 date-time such as "2024-01-01T00:00:00Z" (for reproducible '
        "runs). Default: the time of the run.",
        None,
        "time",
        "now",
        flag="--now",
    ),
    _limit(
        "max-front-matter-bytes",
        "The largest front matter read, in bytes; larger front matter is a front-matter-too-large error. "
        "Default: 2097152 (2 MiB).",
    ),
    _limit(
        "max-nesting-depth",
        "The deepest nesting of lists and mappings read; deeper is a yaml-depth-limit error. Default: 64.",
    ),
    _limit(
        "max-alias-nodes",
        "The most nodes YAML aliases may expand to; more is a yaml-alias-limit error. Default: 100000.",
    ),
    Key(
        "rules",
        {"type": "object", "additionalProperties": False},  # each rule's table: from the registry
        'The severity and options of each rule, by id: [rules.url-insecure] severity = "error".',
        ({}, {}),
        "selection",
        "rules",
        fields=("severities", "rule_options"),
    ),
)

# The keys in the order a configuration's values are checked: by reading, then as above.
CHECK_ORDER = tuple(sorted(KEYS, key=lambda key: READINGS.index(key.reading)))
