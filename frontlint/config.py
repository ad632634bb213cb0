"""Reading ``[tool.frontlint]`` from ``pyproject.toml`` or a ``frontlint.toml`` file.

The file is found by searching upward from the linted paths; ``--config`` names one. Every
key is checked: an unknown key or a bad value is a :class:`ConfigError` (exit status 2).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .checks import BUILTIN_CHECKS
from .diagnostic import Severity
from .files import read_limited
from .limits import Limits
from .rules import ALL_RULES_BY_ID
from .rules.fields import parse_timestamp
from .settings import ALWAYS_ON, Settings, matches

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("frontlint.toml", "pyproject.toml")
# No configuration file is larger than this (100,000 exclude globs fit); a bigger one, a FIFO or a
# device (/dev/zero) is refused, not read.
MAX_CONFIG_BYTES = 4 * 1024 * 1024
# The keywords a schema violation can be reported under (``schema/<keyword>``): those of
# every JSON Schema draft python-jsonschema knows, and ``false`` for a ``false`` schema.
SCHEMA_KEYWORDS = (
    "$dynamicRef", "$recursiveRef", "$ref", "additionalItems", "additionalProperties", "allOf", "anyOf",
    "const", "contains", "dependencies", "dependentRequired", "dependentSchemas", "disallow", "divisibleBy",
    "enum", "exclusiveMaximum", "exclusiveMinimum", "extends", "false", "format", "if", "items", "maxContains",
    "maxItems", "maxLength", "maxProperties", "maximum", "minContains", "minItems", "minLength",
    "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern", "patternProperties", "prefixItems",
    "properties", "propertyNames", "required", "type", "unevaluatedItems", "unevaluatedProperties", "uniqueItems",
)
_LIMIT_KEYS = {
    "max-front-matter-bytes": "max_front_matter_bytes",
    "max-nesting-depth": "max_nesting_depth",
    "max-alias-nodes": "max_alias_nodes",
}
_TOP_LEVEL_KEYS = (
    "select", "extend-select", "ignore", "per-file-ignores", "exclude", "schema", "now", "rules",
    *_LIMIT_KEYS,
)
_SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}
_ALWAYS_ON_REASON = (
    f"{', '.join(sorted(ALWAYS_ON)[:-1])} and {sorted(ALWAYS_ON)[-1]} mean the front matter could not be read, "
    "so they are always reported"
)


class ConfigError(Exception):
    """The configuration file cannot be read or holds an unknown key or a bad value."""


def known_ids() -> list[str]:
    """Return every rule id a selector may name, ``schema/<keyword>`` ids included."""
    return sorted(ALL_RULES_BY_ID) + [check.ID for check in BUILTIN_CHECKS] + [f"schema/{k}" for k in SCHEMA_KEYWORDS]


def selects_nothing(settings: Settings) -> bool:
    """Whether ``settings`` leave no rule selected (only the always-on checks would report)."""
    return not any(settings.is_selected(rule_id) for rule_id in known_ids() if rule_id not in ALWAYS_ON)


def find_config(start: Path) -> Path | None:
    """Return the nearest ``frontlint.toml``, or ``pyproject.toml`` with ``[tool.frontlint]``.

    A candidate that exists but cannot be read, is not TOML or holds a ``tool`` that is not
    a table is a :class:`ConfigError`: it is never passed over, so that a broken
    configuration cannot make a run silently use the defaults.
    """
    directory = start if _is_directory(start) else start.parent
    for folder in [directory, *directory.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if not _exists(candidate):
                continue
            if name != "pyproject.toml" or "frontlint" in _tool_table(_read_toml(candidate), candidate):
                return candidate
    return None


def _is_directory(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a folder we may not search: not a folder we can use
        return False


def _exists(path: Path) -> bool:
    """Whether anything (a file, a broken link, a FIFO) has this name."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    return True


_TOML_POSITION = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


def _read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, regular and small; every way it can fail is a one-line ConfigError."""
    try:
        raw = read_limited(path, MAX_CONFIG_BYTES)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        raise ConfigError(f"{path}:{line}:{column}: not UTF-8 (byte 0x{byte:02x}): a TOML file must be UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.fullmatch(str(error))
        if position is None:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        message, toml_line, toml_column = position.groups()
        raise ConfigError(f"{path}:{toml_line}:{toml_column}: not valid TOML: {message}") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot be read: arrays or inline tables nested too deeply") from None


def _tool_table(document: dict[str, Any], path: Path) -> Mapping[str, Any]:
    """The ``[tool]`` table of a ``pyproject.toml``; one that is not a table is an error."""
    tool = document.get("tool", {})
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{path}: tool must be a table, not {_short(tool)}")
    return tool


def load_config(path: Path) -> Settings:
    """Read and check the configuration in ``path``."""
    document = _read_toml(path)
    table = _tool_table(document, path).get("frontlint", {}) if path.name == "pyproject.toml" else document
    where = "[tool.frontlint]" if path.name == "pyproject.toml" else "the top level"
    return settings_from_mapping(table, base_dir=path.parent, source=f"{path}", where=where)


def settings_from_mapping(
    table: Mapping[str, Any], base_dir: Path, source: str = "<config>", where: str = "the top level"
) -> Settings:
    """Build :class:`Settings` from a configuration table, checking every key and value."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: {where} must be a table, not {_short(table)}")
    for key in table:
        if key not in _TOP_LEVEL_KEYS:
            raise ConfigError(f"{source}: unknown key {_short(key)} in {where}{_suggest(key, _TOP_LEVEL_KEYS)}")
    check = _Checker(source)
    severities, rule_options = check.rules(table.get("rules", {}))
    schema = table.get("schema")
    if schema is not None:
        schema = str((base_dir / check.file_name(schema, "schema")).resolve())
    return Settings(
        select=check.selectors(table["select"], "select") if "select" in table else None,
        extend_select=check.selectors(table.get("extend-select", []), "extend-select"),
        ignore=check.selectors(table.get("ignore", []), "ignore", ignoring=True),
        per_file_ignores=check.per_file_ignores(table.get("per-file-ignores", {})),
        severities=severities,
        rule_options=rule_options,
        now=parse_now(check.string(table["now"], "now"), source) if "now" in table else None,
        schema=schema,
        exclude=tuple(check.strings(table.get("exclude", []), "exclude")),
        limits=Limits(**{field: check.positive_int(table[key], key) for key, field in _LIMIT_KEYS.items() if key in table}),
    )


def parse_now(value: str, source: str = "--now") -> datetime:
    """Parse an RFC 3339 date-time (``2024-01-01T00:00:00Z``) into an aware datetime."""
    moment = parse_timestamp(value.strip())
    if moment is None:
        raise ConfigError(f"{source}: now = {value!r} is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z")
    try:  # the rules compare and show it in UTC
        moment.astimezone(timezone.utc)
    except OverflowError:
        raise ConfigError(f"{source}: now = {value!r} is out of range: in UTC it is before year 1 or after 9999") from None
    return moment


def parse_selectors(text: str, source: str, *, ignoring: bool = False) -> tuple[str, ...]:
    """Parse a comma-separated selector list from the command line and check every entry.

    ``ignoring``: the list says what not to report (``--ignore``), so an always-on check in it is refused.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return _Checker("").selectors(parts, source, ignoring=ignoring)


def _short(value: Any) -> str:
    """A value as it is shown in an error: its repr, escaped and cut to one short line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _suggest(word: str, choices: Iterable[str]) -> str:
    from difflib import get_close_matches  # here: needed only for a misspelt name

    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    """Checks configuration values, naming the file and key in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {message}" if self.source else message)

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{key} must be a string, not {type(value).__name__}")
        return value

    def file_name(self, value: Any, key: str) -> str:
        """A string that can name a file: not empty, without a NUL character (which no file name holds)."""
        name = self.string(value, key)
        if not name or "\0" in name:
            raise self.fail(f"{key} must be a file name, not {_short(name)}")
        return name

    def positive_int(self, value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(f"{key} must be a positive whole number, not {_short(value)}")
        return value

    def strings(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"{key} must be a list of strings")
        return value

    def selectors(self, value: Any, key: str, *, ignoring: bool = False) -> tuple[str, ...]:
        """Check a list of selectors; ``ignoring``: one naming an always-on check is refused."""
        ids = known_ids()
        for selector in self.strings(value, key):
            if selector != "ALL" and not any(matches(selector, rule_id) for rule_id in ids):
                raise self.fail(f"{key}: unknown rule or prefix {_short(selector)}{_suggest(selector, ids)}")
            if ignoring and selector in ALWAYS_ON:
                raise self.fail(f"{key}: {selector} cannot be ignored: {_ALWAYS_ON_REASON}")
        return tuple(value)

    def per_file_ignores(self, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(value, Mapping):
            raise self.fail("per-file-ignores must be a table of glob = [rule ids]")
        return tuple(
            (pattern, self.selectors(ids, f"per-file-ignores.{_short(pattern)}", ignoring=True))
            for pattern, ids in value.items()
        )

    def rules(self, value: Any) -> tuple[dict[str, Severity | None], dict[str, dict[str, Any]]]:
        if not isinstance(value, Mapping):
            raise self.fail("rules must be a table of [rules.<rule-id>] tables")
        severities: dict[str, Severity | None] = {}
        options: dict[str, dict[str, Any]] = {}
        builtin = {check.ID for check in BUILTIN_CHECKS}
        for rule_id, table in value.items():
            rule = ALL_RULES_BY_ID.get(rule_id)
            if rule is None and rule_id not in builtin:
                raise self.fail(f"unknown rule {_short(rule_id)} in rules{_suggest(rule_id, known_ids())}")
            if not isinstance(table, Mapping):
                raise self.fail(f"rules.{rule_id} must be a table, not {_short(table)}")
            defaults = dict(getattr(rule, "OPTIONS", {}))
            for key, setting in table.items():
                if key == "severity":
                    severities[rule_id] = self.severity(setting, rule_id)
                elif key in defaults:
                    options.setdefault(rule_id, {})[key] = self.option(rule, rule_id, key, setting, defaults[key])
                else:
                    choices = ["severity", *defaults]
                    raise self.fail(f"unknown option {_short(key)} for rule {rule_id}{_suggest(key, choices)}")
        return severities, options

    def severity(self, value: Any, rule_id: str) -> Severity | None:
        """Check a ``severity``: a name of :data:`_SEVERITY_NAMES`; never ``off`` for an always-on check."""
        if not isinstance(value, str) or value not in _SEVERITY_NAMES:
            raise self.fail(f"rules.{rule_id}.severity must be 'error', 'warning' or 'off', not {_short(value)}")
        if value == "off" and rule_id in ALWAYS_ON:
            raise self.fail(f"rules.{rule_id}.severity cannot be 'off': {_ALWAYS_ON_REASON}")
        return _SEVERITY_NAMES[value]

    def option(self, rule: Any, rule_id: str, key: str, value: Any, default: Any) -> Any:
        """Check an option by the rule's own ``validate_option``, or else by its default's type."""
        validate = getattr(rule, "validate_option", None)
        if validate is not None:
            try:
                validate(key, value)
            except ValueError as error:
                raise self.fail(f"rules.{rule_id}.{key}: {error}") from None
            return value
        expected = type(default)
        if expected is list:
            self.strings(value, f"rules.{rule_id}.{key}")
        elif not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool):
            raise self.fail(f"rules.{rule_id}.{key} must be {expected.__name__}, not {_short(value)}")
        return value
