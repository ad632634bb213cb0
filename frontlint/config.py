"""Reading ``[tool.frontlint]`` from ``pyproject.toml`` or a ``frontlint.toml`` file.

The file is found by searching upward from the linted paths; ``--config`` names one. Every
key is checked: an unknown key or a bad value is a :class:`ConfigError` (exit status 2).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .checks import BUILTIN_CHECKS
from .diagnostic import Severity
from .limits import Limits
from .rules import ALL_RULES_BY_ID
from .rules.fields import parse_timestamp
from .settings import Settings, matches

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("frontlint.toml", "pyproject.toml")
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


class ConfigError(Exception):
    """The configuration file cannot be read or holds an unknown key or a bad value."""


def known_ids() -> list[str]:
    """Return every rule id a selector may name (``schema/*`` ids are matched by prefix)."""
    return sorted(ALL_RULES_BY_ID) + [check.ID for check in BUILTIN_CHECKS]


def find_config(start: Path) -> Path | None:
    """Return the nearest ``frontlint.toml``, or ``pyproject.toml`` with ``[tool.frontlint]``."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory, *directory.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "frontlint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def load_config(path: Path) -> Settings:
    """Read and check the configuration in ``path``."""
    document = _read_toml(path)
    table = document.get("tool", {}).get("frontlint", {}) if path.name == "pyproject.toml" else document
    where = "[tool.frontlint]" if path.name == "pyproject.toml" else "the top level"
    return settings_from_mapping(table, base_dir=path.parent, source=f"{path}", where=where)


def settings_from_mapping(
    table: Mapping[str, Any], base_dir: Path, source: str = "<config>", where: str = "the top level"
) -> Settings:
    """Build :class:`Settings` from a configuration table, checking every key and value."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: {where} must be a table")
    for key in table:
        if key not in _TOP_LEVEL_KEYS:
            raise ConfigError(f"{source}: unknown key {key!r} in {where}{_suggest(key, _TOP_LEVEL_KEYS)}")
    check = _Checker(source)
    severities, rule_options = check.rules(table.get("rules", {}))
    schema = table.get("schema")
    if schema is not None:
        schema = str((base_dir / check.string(schema, "schema")).resolve())
    return Settings(
        select=check.selectors(table["select"], "select") if "select" in table else None,
        extend_select=check.selectors(table.get("extend-select", []), "extend-select"),
        ignore=check.selectors(table.get("ignore", []), "ignore"),
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
    return moment


def parse_selectors(text: str, source: str) -> tuple[str, ...]:
    """Parse a comma-separated selector list from the command line and check every entry."""
    return _Checker("").selectors([part.strip() for part in text.split(",") if part.strip()], source)


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

    def positive_int(self, value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(f"{key} must be a positive whole number, not {value!r}")
        return value

    def strings(self, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"{key} must be a list of strings")
        return value

    def selectors(self, value: Any, key: str) -> tuple[str, ...]:
        ids = known_ids()
        for selector in self.strings(value, key):
            known = selector == "ALL" or selector == "schema" or selector.startswith("schema/")
            if not known and not any(matches(selector, rule_id) for rule_id in ids):
                raise self.fail(f"{key}: unknown rule or prefix {selector!r}{_suggest(selector, ids)}")
        return tuple(value)

    def per_file_ignores(self, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(value, Mapping):
            raise self.fail("per-file-ignores must be a table of glob = [rule ids]")
        return tuple((pattern, self.selectors(ids, f"per-file-ignores.{pattern!r}")) for pattern, ids in value.items())

    def rules(self, value: Any) -> tuple[dict[str, Severity | None], dict[str, dict[str, Any]]]:
        if not isinstance(value, Mapping):
            raise self.fail("rules must be a table of [rules.<rule-id>] tables")
        severities: dict[str, Severity | None] = {}
        options: dict[str, dict[str, Any]] = {}
        builtin = {check.ID for check in BUILTIN_CHECKS}
        for rule_id, table in value.items():
            rule = ALL_RULES_BY_ID.get(rule_id)
            if rule is None and rule_id not in builtin:
                raise self.fail(f"unknown rule {rule_id!r} in rules{_suggest(rule_id, known_ids())}")
            if not isinstance(table, Mapping):
                raise self.fail(f"rules.{rule_id} must be a table")
            defaults = dict(getattr(rule, "OPTIONS", {}))
            for key, setting in table.items():
                if key == "severity":
                    if setting not in _SEVERITY_NAMES:
                        raise self.fail(f"rules.{rule_id}.severity must be 'error', 'warning' or 'off', not {setting!r}")
                    severities[rule_id] = _SEVERITY_NAMES[setting]
                elif key in defaults:
                    options.setdefault(rule_id, {})[key] = self.option(rule, rule_id, key, setting, defaults[key])
                else:
                    choices = ["severity", *defaults]
                    raise self.fail(f"unknown option {key!r} for rule {rule_id}{_suggest(key, choices)}")
        return severities, options

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
            raise self.fail(f"rules.{rule_id}.{key} must be {expected.__name__}, not {type(value).__name__}")
        return value
