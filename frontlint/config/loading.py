"""Reading a ``frontlint.toml``, a ``.frontlint.toml`` or the ``[tool.frontlint]`` table of a ``pyproject.toml``.

Each file linted uses the nearest configuration file in its folder or above (see
:mod:`frontlint.config.project`); ``--config`` names one for every file. A configuration is checked
against its JSON Schema, ``schemas/frontlint-config.schema.json`` (which editors can use too),
then for what a schema cannot say: that a selector names rules, that an option's value makes
sense to its rule. Any fault is a :class:`ConfigError` naming the file and the line (exit 2).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from frontlint.diagnostic import Severity
from frontlint.reading.files import read_limited
from frontlint.reading.limits import digit_limit, digits_past_limit
from frontlint.reading.timestamps import parse_timestamp
from frontlint.registry import ALWAYS_ON, check_for, known_ids
from frontlint.rule_support.base import Check
from frontlint.schema.contract import BUNDLED_SCHEMAS
from frontlint.settings.keys import CHECK_ORDER, Key
from frontlint.settings.resolved import Settings, matches
from frontlint.text.shortening import bounded

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# The names a configuration file may have, the first found in a folder first.
CONFIG_FILES = (".frontlint.toml", "frontlint.toml", "pyproject.toml")
CONFIG_SCHEMA = "frontlint-config.schema.json"
# No configuration file is larger than this (100,000 exclude globs fit); a bigger one, a FIFO or a
# device (/dev/zero) is refused, not read.
MAX_CONFIG_BYTES = 4 * 1024 * 1024
_SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}
_ALWAYS_ON_REASON = (
    f"{', '.join(sorted(ALWAYS_ON)[:-1])} and {sorted(ALWAYS_ON)[-1]} mean the front matter could not be read, "
    "so they are always reported"
)

Location = Sequence["str | int"]


class ConfigError(Exception):
    """The configuration file cannot be read or holds an unknown key or a bad value."""


def selects_nothing(settings: Settings) -> bool:
    """Whether ``settings`` leave no rule selected (only the always-on checks would report)."""
    return not any(settings.is_selected(rule_id) for rule_id in known_ids() if rule_id not in ALWAYS_ON)


def config_in_folder(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself: ``.frontlint.toml``, ``frontlint.toml``, or a
    ``pyproject.toml`` with ``[tool.frontlint]``, the first there is.

    A candidate that exists but cannot be read, is not TOML or holds a ``tool`` that is not
    a table is a :class:`ConfigError`: it is never passed over, so that a broken
    configuration cannot make a run silently use the defaults.
    """
    for name in CONFIG_FILES:
        candidate = folder / name
        if not _exists(candidate):
            continue
        if name != "pyproject.toml":
            return candidate
        read = _read_toml(candidate)
        if "frontlint" in _tool_table(read, candidate):
            _READ[str(candidate)] = read  # load_config takes it, and reads it no more
            return candidate
    return None


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
# A pyproject.toml read to see that it holds [tool.frontlint], until load_config takes it.
_READ: dict[str, tuple[dict[str, Any], str]] = {}


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Read a TOML file, regular and small: its document and its text. Every way it can fail is a one-line ConfigError."""
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
    if text.startswith(
        "\ufeff"
    ):  # an editor's (Notepad's) mark, which TOML does not allow: tomllib says "Invalid statement"
        raise ConfigError(
            f"{path}:1:1: not valid TOML: it begins with a byte order mark (U+FEFF): save it as UTF-8 without one"
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.fullmatch(str(error))
        if str(error).endswith(" (at end of document)"):
            last = text.rsplit("\n", 1)[-1]
            raise ConfigError(
                f"{path}:{text.count(chr(10)) + 1}:{len(last) + 1}: not valid TOML: {str(error)[:-21]} at the end of the file"
            ) from None
        if position is None:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        message, toml_line, toml_column = position.groups()
        raise ConfigError(f"{path}:{toml_line}:{toml_column}: not valid TOML: {message}") from None
    except ValueError:  # tomllib's only other refusal: an integer too long for int()
        raise ConfigError(
            f"{path}: cannot be read: an integer has more than {digit_limit():,} digits, Python's limit"
        ) from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot be read: arrays or inline tables nested too deeply") from None
    return document, text


def _tool_table(read: tuple[dict[str, Any], str], path: Path) -> Mapping[str, Any]:
    """The ``[tool]`` table of a ``pyproject.toml`` (its document and text); one that is not a table is an error at its line."""
    tool = read[0].get("tool", {})
    if not isinstance(tool, Mapping):
        raise _Checker(str(path), read[1]).fail(f"tool must be a table, not {_short(tool)}", ("tool",))
    return tool


def load_config(path: Path) -> Settings:
    """Read and check the configuration in ``path``; its paths and patterns are relative to its folder."""
    document, text = _READ.pop(str(path)) if str(path) in _READ else _read_toml(path)
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        tool = _tool_table((document, text), path)
        if "frontlint" not in tool:  # found by searching, it has one: this one was named (--config)
            raise ConfigError(f"{path}: has no [tool.frontlint] table, so it configures nothing")
        table: Any = tool["frontlint"]
        where, prefix = "[tool.frontlint]", ("tool", "frontlint")
    else:
        table, where = document, "the top level"
    return settings_from_mapping(table, base_dir=path.parent, source=f"{path}", where=where, text=text, prefix=prefix)


def settings_from_mapping(
    table: Mapping[str, Any],
    base_dir: Path,
    source: str = "<config>",
    where: str = "the top level",
    *,
    text: str | None = None,
    prefix: tuple[str, ...] = (),
) -> Settings:
    """Build :class:`Settings` from a configuration table, checking every key and value.

    ``text`` is the file's text, to name the line of a bad value; ``prefix`` the keys of the
    table in it (``("tool", "frontlint")`` in a ``pyproject.toml``).
    """
    check = _Checker(source, text, prefix)
    if not isinstance(table, Mapping):
        raise check.fail(f"{where} must be a table, not {_short(table)}", ())
    check.against_schema(table, where)
    base = os.path.abspath(base_dir)
    fields: dict[str, Any] = {}
    for key in CHECK_ORDER:  # the first value found wrong is the error
        if key.name not in table:
            continue
        value = check.read(key, table[key.name], base)
        for field, part in zip(key.settings_fields, value if len(key.settings_fields) > 1 else (value,)):
            _set_field(fields, field, part)
    return Settings(**fields, base=base, source=source if text is not None else None)


def _set_field(fields: dict[str, Any], field: str, value: Any) -> None:
    """Set a ``Settings`` field in ``fields``; ``limits.max_nesting_depth`` is a field of ``Settings.limits``."""
    whole, _, inner = field.partition(".")
    if inner:
        holder = fields[whole] if whole in fields else Settings._field_defaults[whole]
        value = holder._replace(**{inner: value})
    fields[whole] = value


def key_in_file(source: str, location: Location) -> str:
    """``file:line: key`` for an error about the value of the key at ``location`` in the configuration file ``source``.

    The file is read again (only an error needs it); where the line cannot be told, ``file: key``.
    """
    try:
        text = read_limited(source, MAX_CONFIG_BYTES).decode("utf-8", "replace")
    except OSError:  # a NUL in the name too: read_limited says so with an OSError
        text = None
    prefix = ("tool", "frontlint") if os.path.basename(source) == "pyproject.toml" else ()
    checker = _Checker(source, text, prefix)
    line = checker.line(location)
    return f"{source}{'' if line is None else f':{line}'}: {_dotted(location)}"


def parse_now(value: str, source: str = "--now") -> datetime:
    """Parse an RFC 3339 date-time (``2024-01-01T00:00:00Z``) into an aware datetime.

    A value that is no string (a library caller's date or number) is refused as a configuration's ``now`` would be.
    """
    if not isinstance(value, str):
        raise ConfigError(f"{source}: now must be a string, not {_short(value)}")
    moment = parse_timestamp(value.strip())
    if moment is None:
        raise ConfigError(f"{source}: now = {value!r} is not an RFC 3339 date-time such as 2024-01-01T00:00:00Z")
    try:  # the rules compare and show it in UTC
        moment.astimezone(timezone.utc)
    except OverflowError:
        raise ConfigError(
            f"{source}: now = {value!r} is out of range: in UTC it is before year 1 or after 9999"
        ) from None
    return moment


def parse_selectors(text: str, source: str, *, ignoring: bool = False) -> tuple[str, ...]:
    """Parse a comma-separated selector list from the command line and check every entry.

    ``ignoring``: the list says what not to report (``--ignore``), so an always-on check in it is refused.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return _Checker("").selectors(parts, (), ignoring=ignoring, label=source)


def config_schema() -> dict[str, Any]:
    """The configuration's JSON Schema, as shipped in ``schemas/``."""
    beside = Path(__file__).parent.parent / "schemas" / CONFIG_SCHEMA
    if beside.is_file():
        text = beside.read_text(encoding="utf-8")
    else:  # pragma: no cover - a package inside a zip file
        # deferred: importlib.resources costs 4.6 ms, needed only for a package inside a zip file
        from importlib import resources

        text = resources.files("frontlint").joinpath("schemas", CONFIG_SCHEMA).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@functools.cache
def config_validator() -> Any:
    """The compiled validator of :func:`config_schema`, made once per process (``cache_clear`` to make it again)."""
    # deferred: jsonschema_rs costs 8.3 ms, needed only when a configuration file is read
    import jsonschema_rs

    return jsonschema_rs.validator_for(config_schema())


def _short(value: Any) -> str:
    """A value as it is shown in an error: its repr, escaped and cut to one short line (a TOML date as TOML writes it).

    An integer Python cannot convert to text (a hex one of 4,000 digits, say) is named by its size.
    """
    digits = digits_past_limit(value) if isinstance(value, int) else None
    if digits is not None:
        return f"an integer of {digits:,} digits"
    return bounded(f"the date {value.isoformat()}" if isinstance(value, (datetime, date, time)) else repr(value), 60)


def _suggest(word: str, choices: Iterable[str]) -> str:
    # deferred: difflib costs 1.1 ms, needed only for a misspelt name
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _for_schema(value: Any) -> Any:
    """``value`` as JSON: what is not JSON (a TOML date, an integer past 64 bits) becomes ``None``, which no key takes."""
    if isinstance(value, Mapping):
        return {key: _for_schema(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_for_schema(item) for item in value]
    if isinstance(value, (datetime, date, time)) or (isinstance(value, int) and not -(2**63) <= value < 2**63):
        return None
    return value


def _dotted(location: Location) -> str:
    """A key's name as the messages write it: ``rules.url-syntax.severity``, ``per-file-ignores.'*.md'``."""
    return ".".join(part if isinstance(part, str) and _BARE_KEY.fullmatch(part) else _short(part) for part in location)


def _describe(schema: Mapping[str, Any]) -> str:
    """What a part of the configuration's schema asks for, in words: ``a list of strings``."""
    if "enum" in schema:
        names = [repr(value) for value in schema["enum"]]
        return ", ".join(names[:-1]) + " or " + names[-1]
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return " or ".join(_describe({**schema, "type": kind}) for kind in kinds)
    if kinds == "array":
        return "a list of " + _describe(schema.get("items", {})).removeprefix("a ").removeprefix("an ") + "s"
    if kinds == "integer":
        return "a positive whole number" if schema.get("minimum") == 1 else "a whole number of at least 0"
    if kinds == "number":
        return f"a number of at least {schema['minimum']}" if "minimum" in schema else "a number"
    if kinds == "string":
        return "a non-empty string" if schema.get("minLength") else "a string"
    return {"boolean": "true or false", "object": "a table"}.get(kinds, str(kinds))


def _part_of(schema: Mapping[str, Any], location: Location) -> Mapping[str, Any]:
    """The part of the schema that describes the value at ``location``."""
    for step in location:
        if isinstance(step, int):
            schema = schema.get("items", {})
        else:
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties", {})
            schema = properties.get(step, extra if isinstance(extra, Mapping) else {})
    return schema


def _value_at(table: Any, location: Location) -> Any:
    for step in location:
        table = table[step]
    return table


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED_KEY = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_TABLE_LINE = re.compile(rf"[ \t]*\[\[?[ \t]*({_DOTTED_KEY})[ \t]*\]")
_KEY_LINE = re.compile(rf"[ \t]*({_DOTTED_KEY})[ \t]*=")
_KEY_PART = re.compile(_KEY)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line where each key of a TOML text is first written (tables and ``key =`` lines), by its full name.

    A dotted name (``[tool.frontlint]``, ``a.b = 1``) writes each table on its way too.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.split("\n"), 1):
        header = _TABLE_LINE.match(line)
        if header is not None:
            table = _key_parts(header.group(1))
            for size in range(1, len(table) + 1):
                lines.setdefault(table[:size], number)
            continue
        assignment = _KEY_LINE.match(line)
        if assignment is not None:
            key = table + _key_parts(assignment.group(1))
            for size in range(len(table) + 1, len(key) + 1):
                lines.setdefault(key[:size], number)
    return lines


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in _KEY_PART.findall(dotted):
        if part.startswith('"'):
            try:
                part = json.loads(part)
            except ValueError:  # a TOML escape JSON does not know (\e, \U0001F600): close enough
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


class _Checker:
    """Checks configuration values, naming the file, the line and the key in every error."""

    def __init__(self, source: str, text: str | None = None, prefix: tuple[str, ...] = ()) -> None:
        self.source = source
        self.text = text
        self.prefix = prefix
        self._lines: dict[tuple[str, ...], int] | None = None

    def line(self, location: Location) -> int | None:
        """The line of the key at ``location`` (or of the nearest key above it that is written out)."""
        if self.text is None:
            return None
        if self._lines is None:
            self._lines = key_lines(self.text)
        full = self.prefix + tuple(str(step) for step in location if isinstance(step, str))
        for size in range(len(full), 0, -1):
            line = self._lines.get(full[:size])
            if line is not None:
                return line
        return None

    def fail(self, message: str, location: Location) -> ConfigError:
        """An error about the key at ``location``: ``file:line: message``."""
        if not self.source:
            return ConfigError(message)
        line = self.line(location)
        return ConfigError(f"{self.source}{'' if line is None else f':{line}'}: {message}")

    def against_schema(self, table: Mapping[str, Any], where: str) -> None:
        """Check ``table`` against the configuration's JSON Schema; the first fault in the file is the error."""
        plain = _for_schema(table)
        validator = config_validator()
        if validator.is_valid(plain):
            return
        faults = [self._fault(error, table, where) for error in validator.iter_errors(plain)]
        faults.sort(key=lambda fault: self.line(fault[0]) or 0)
        location, message = faults[0]
        raise self.fail(message, location)

    def _fault(self, error: Any, table: Mapping[str, Any], where: str) -> tuple[Location, str]:
        """Where a schema error lies and what it says, in the words of the configuration."""
        location: list[str | int] = list(error.instance_path)
        unexpected = getattr(error.kind, "unexpected", None)
        if unexpected:
            name = unexpected[0]
            known = list(_part_of(config_schema(), location).get("properties", {}))
            if not location:
                message = f"unknown key {_short(name)} in {where}{_suggest(name, known)}"
            elif location == ["rules"]:
                message = f"unknown rule {_short(name)} in rules{_suggest(name, known_ids())}"
            elif len(location) == 2 and location[0] == "rules":
                choices = [str(location[1]), *known]
                message = f"unknown option {_short(name)} for rule {location[1]}{_suggest(name, choices[1:])}"
            else:
                message = f"unknown key {_short(name)} in {_dotted(location)}{_suggest(name, known)}"
            return [*location, name], message
        while location and isinstance(location[-1], int):  # an item of a list: the list is at fault
            location.pop()
        expected = _describe(_part_of(config_schema(), location))
        return location, f"{_dotted(location)} must be {expected}, not {_short(_value_at(table, location))}"

    def read(self, key: Key, value: Any, base: str) -> Any:
        """The setting of ``key`` from its value (valid by the schema), checked as its ``reading`` says."""
        location = (key.name,)
        if key.reading == "value":
            return tuple(value) if isinstance(value, list) else value
        if key.reading in ("selectors", "ignored"):
            return self.selectors(value, location, ignoring=key.reading == "ignored")
        if key.reading == "ignored-per-pattern":
            return tuple(
                (pattern, self.selectors(ids, (key.name, pattern), ignoring=True)) for pattern, ids in value.items()
            )
        if key.reading == "schema":
            return self.schema(value, base, location)
        if key.reading == "schema-per-pattern":
            return tuple((pattern, self.schema(name, base, (key.name, pattern))) for pattern, name in value.items())
        if key.reading == "file":
            return self.file_in(value, base, location)
        if key.reading == "now":
            return self.now(value)
        return self.rules(value)

    def selectors(
        self, value: list[str], location: Location, *, ignoring: bool = False, label: str | None = None
    ) -> tuple[str, ...]:
        """Check a list of selectors; ``ignoring``: one naming an always-on check is refused."""
        ids = known_ids()
        key = label or _dotted(location)
        for selector in value:
            if selector != "ALL" and not any(matches(selector, rule_id) for rule_id in ids):
                raise self.fail(f"{key}: unknown rule or prefix {_short(selector)}{_suggest(selector, ids)}", location)
            if ignoring and selector in ALWAYS_ON:
                raise self.fail(f"{key}: {selector} cannot be ignored: {_ALWAYS_ON_REASON}", location)
        return tuple(value)

    def now(self, value: str) -> datetime:
        try:
            return parse_now(value, "")
        except ConfigError as error:
            raise self.fail(str(error).removeprefix(": "), ("now",)) from None

    def file_in(self, value: str, base: str, location: Location) -> str:
        """A file named relative to the configuration's folder, as an absolute path."""
        if "\0" in value:
            raise self.fail(f"{_dotted(location)} must be a file name, not {_short(value)}", location)
        return os.path.abspath(os.path.join(base, value))

    def schema(self, value: str, base: str, location: Location) -> str:
        """A bundled schema's name as it is, or a schema file relative to the configuration's folder, absolute."""
        return value if value in BUNDLED_SCHEMAS else self.file_in(value, base, location)

    def rules(self, value: Mapping[str, Any]) -> tuple[dict[str, Severity | None], dict[str, dict[str, Any]]]:
        severities: dict[str, Severity | None] = {}
        options: dict[str, dict[str, Any]] = {}
        for rule_id, table in value.items():
            rule = check_for(rule_id)
            for key, setting in table.items():
                if key == "severity":
                    if setting == "off" and rule_id in ALWAYS_ON:
                        raise self.fail(
                            f"rules.{rule_id}.severity cannot be 'off': {_ALWAYS_ON_REASON}", ("rules", rule_id, key)
                        )
                    severities[rule_id] = _SEVERITY_NAMES[setting]
                else:
                    options.setdefault(rule_id, {})[key] = self.option(rule, rule_id, key, setting)
        return severities, options

    def option(self, rule: Check | None, rule_id: str, key: str, value: Any) -> Any:
        """Check an option by its declared ``validate`` (its type is the schema's)."""
        option = rule.options.get(key) if rule is not None else None
        if option is not None and option.validate is not None:
            try:
                option.validate(value)
            except ValueError as error:
                raise self.fail(f"rules.{rule_id}.{key}: {error}", ("rules", rule_id, key)) from None
        return value
