"""The compiled schema check (jsonschema-rs): whether data is valid, and which errors it has.

jsonschema-rs judges a file, and lists the errors of an invalid one, far faster than
python-jsonschema. Its errors are handed to the
explanations in :mod:`frontlint.schema.contract` through :class:`CompiledError`, which offers the
attributes of python-jsonschema's ``ValidationError`` that those read. Where an error cannot
be placed in the schema document for sure (an embedded resource with its own ``$id``, say),
or the data is beyond what jsonschema-rs takes (integers past 64 bits), the file is left to
python-jsonschema: ``errors`` returns ``None``.

Kept because it pays (measured in benchmarks/README.md, "Fast paths and what they save").
Pinned to python-jsonschema, the reference, by
``test_the_compiled_check_and_python_jsonschema_agree_on_every_file`` and
``test_jsonschema_rs_and_python_jsonschema_explain_every_file_alike`` (every file of a corpus
judged and explained alike) and the property tests beside them in
``tests/test_parallel_and_fast_path.py``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from frontlint.schema.format_checkers import FORMAT_FUNCTIONS

# What jsonschema-rs raises for data it cannot take in (an integer past 64 bits, say).
_UNCONVERTIBLE = (ValueError, OverflowError, TypeError)

# Backtracking steps a pattern with lookaround or a backreference may take on one value.
# Any other pattern is matched in linear time (fancy-regex hands it to the regex crate);
# past this, the value is reported as not checked, and the run goes on.
BACKTRACK_LIMIT = 1_000_000

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# The message of a value a pattern could not be checked against within BACKTRACK_LIMIT,
# whichever validator found it.
PATTERN_NOT_CHECKED = "the pattern needs too much backtracking to check this value"


class CompiledError:
    """A jsonschema-rs error with the attributes of python-jsonschema's ``ValidationError``.

    ``validator`` is the keyword, ``schema`` the (sub)schema holding it, ``validator_value``
    its value, ``absolute_schema_path`` where it is in the schema document, ``absolute_path``
    where the value is in the data, ``context`` the errors of each alternative of an
    ``anyOf``/``oneOf``, and ``message`` python-jsonschema's wording for ``required``.
    ``document`` is the schema document ``absolute_schema_path`` leads into: the root
    schema, or a file it references.
    """

    __slots__ = (
        "absolute_path",
        "absolute_schema_path",
        "context",
        "document",
        "instance",
        "message",
        "schema",
        "validator",
        "validator_value",
    )

    def __init__(
        self,
        keyword: str,
        schema: Mapping[str, Any],
        schema_path: Sequence[str | int],
        data_path: Sequence[str | int],
        instance: Any,
        message: str,
        context: list[CompiledError],
        document: Any = None,
    ) -> None:
        self.validator = keyword
        self.schema = schema
        self.validator_value = schema[keyword]
        self.absolute_schema_path = schema_path
        self.absolute_path = data_path
        self.instance = instance
        self.message = message
        self.context = context
        self.document = document


class CompiledSchema:
    """A schema document compiled by jsonschema-rs, with frontlint's format functions."""

    def __init__(self, document: Mapping[str, Any], compiled: Any, resources: Mapping[str, Any] | None = None) -> None:
        self._document = document
        self._compiled = compiled
        # The documents an error may point into, by URI: the root's own "$id" (a schema
        # from a file has one) and each file it references.
        self._documents: dict[str, Any] = dict(resources or {})
        root_id = document.get("$id")
        if isinstance(root_id, str):
            self._documents[urldefrag(root_id).url] = document
        # Errors are placed by JSON pointer into those documents; one with resources of
        # its own (a nested "$id") has pointers into those, which this does not follow.
        self._placeable = not any(any(nested_ids(each, root=True)) for each in (document, *self._documents.values()))

    def is_valid(self, data: Any) -> bool:
        """Whether ``data`` is valid; ``False`` also for data jsonschema-rs cannot take in."""
        try:
            return bool(self._compiled.is_valid(data))
        except _UNCONVERTIBLE:  # python-jsonschema will judge it
            return False

    def errors(self, data: Any) -> list[CompiledError] | None:
        """Every error of ``data``, or ``None`` when python-jsonschema must explain them."""
        if not self._placeable:
            return None
        try:
            found = [self._convert(error, data) for error in self._compiled.iter_errors(data)]
        except _UNCONVERTIBLE:
            return None
        placed = [error for error in found if error is not None]
        # No error at all for data is_valid rejected: it could not take the data in.
        return placed if placed and len(placed) == len(found) else None

    def _convert(self, error: Any, data: Any) -> CompiledError | None:
        """Place one jsonschema-rs error in the schema and in ``data``, or ``None`` where it cannot be.

        The offending value is taken from ``data`` itself, as python-jsonschema gives it:
        jsonschema-rs hands back a converted copy (an infinite float comes back as null).
        """
        found, instance = _value_at(data, error.instance_path)
        if not found:
            return None
        if type(error.kind).__name__ == "FalseSchema":  # a ``false`` subschema: no keyword holds it
            holder = {"false": False}  # stands for the keyword python-jsonschema leaves unnamed
            return CompiledError("false", holder, list(error.schema_path), list(error.instance_path), instance, "", [])
        keyword = error.schema_path[-1] if error.schema_path else None
        if not isinstance(keyword, str):
            return None
        location = error.absolute_keyword_location  # where the keyword is, references followed
        document: Any = self._document
        if location:  # a schema with an "$id"
            if "#" not in location:
                return None
            uri, fragment = urldefrag(location)
            document = self._documents.get(uri)
            pointer = pointer_steps(fragment)
        elif "$ref" in error.schema_path or "$dynamicRef" in error.schema_path:
            return None  # a path through a reference, with nothing to say where it led
        else:
            pointer = [str(part) for part in error.schema_path]
        # The keyword is the last segment naming it: "/dependentRequired/0" points into it.
        if keyword not in pointer:
            return None
        at = len(pointer) - 1 - pointer[::-1].index(keyword)
        walked = _walk(document, pointer[:at])
        if walked is None:
            return None
        schema, schema_path = walked
        if not isinstance(schema, Mapping) or keyword not in schema:
            return None
        kind = error.kind
        context: list[CompiledError] = []
        for branch in getattr(kind, "context", None) or ():
            for inner in branch:
                converted = self._convert(inner, data)
                if converted is None:
                    return None
                context.append(converted)
        if keyword == "required":
            message = f"{kind.property!r} is a required property"
        elif _gave_up(kind):
            message = PATTERN_NOT_CHECKED
        else:
            message = error.message
        return CompiledError(
            keyword, schema, schema_path + [keyword], list(error.instance_path), instance, message, context, document
        )


def _gave_up(kind: Any) -> bool:
    """Whether an error says the regex engine gave up (the backtracking limit, say), not that a value failed."""
    return type(kind).__name__ in ("BacktrackLimitExceeded", "RegexEngineFailure")


def pointer_steps(pointer: str) -> list[str]:
    """The steps of a JSON pointer taken from a URI fragment (``/$defs/a~1b`` gives ``$defs``, ``a/b``)."""
    return [unquote(step).replace("~1", "/").replace("~0", "~") for step in pointer.split("/")[1:]]


def _value_at(data: Any, path: Sequence[str | int]) -> tuple[bool, Any]:
    """The value at a data path, and whether there is one."""
    for part in path:
        if isinstance(data, Mapping) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False, None
    return True, data


def _walk(document: Any, pointer: list[str]) -> tuple[Any, list[str | int]] | None:
    """Follow JSON pointer segments into ``document``; the node and its typed path, or ``None``."""
    node: Any = document
    path: list[str | int] = []
    step: str | int
    for part in pointer:
        if isinstance(node, Mapping) and part in node:
            node, step = node[part], part
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node, step = node[int(part)], int(part)
        else:
            return None
        path.append(step)
    return node, path


def nested_ids(node: Any, root: bool = False) -> Iterator[str]:
    """Yield the ``$id`` of every subschema below the root."""
    if isinstance(node, Mapping):
        if not root and isinstance(node.get("$id"), str):
            yield node["$id"]
        for value in node.values():
            yield from nested_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from nested_ids(item)


def compile_schema(document: Mapping[str, Any], resources: Mapping[str, Any] | None = None) -> CompiledSchema | None:
    """Compile ``document`` with jsonschema-rs, if it is installed; ``None`` otherwise.

    ``resources`` are the documents its references may reach, by URI: jsonschema-rs is
    given them in a registry and told to fetch nothing (``offline``), so a reference to
    anything else fails here. The root is in that registry too, under its ``$id``, for a
    file that refers back to it, and its ``$id`` is the base URI even where the dialect
    ignores an ``$id`` beside a ``$ref`` (drafts 4 to 7). Raises :class:`ValueError` when
    jsonschema-rs rejects the schema.
    """
    try:
        # deferred: jsonschema_rs costs 8.3 ms (and may have no wheel: the except below), needed only once a file is checked
        import jsonschema_rs
    except ImportError:  # no wheel for this platform: python-jsonschema does all the work
        return None
    root_id = document.get("$id")
    base_uri: str | None = None
    if resources and isinstance(root_id, str) and urlsplit(root_id).scheme:
        base_uri = urldefrag(root_id).url
    entries: list[tuple[str, Any]] = list(resources.items()) if resources else []
    if base_uri is not None:
        entries.append((base_uri, document))
    compiled = jsonschema_rs.validator_for(
        dict(document),
        formats=FORMAT_FUNCTIONS,
        validate_formats=True,
        offline=True,
        base_uri=base_uri,
        registry=jsonschema_rs.Registry(entries) if entries else None,
        pattern_options=jsonschema_rs.FancyRegexOptions(backtrack_limit=BACKTRACK_LIMIT),
    )
    return CompiledSchema(document, compiled, resources)


@functools.lru_cache(maxsize=1024)
def pattern_matcher(pattern: str) -> Callable[[str], bool | None]:
    """Whether a string matches ``pattern`` (anywhere, as JSON Schema's ``pattern``), by jsonschema-rs.

    The same engine as the compiled check, with the same limit: linear time unless the
    pattern has lookaround or backreferences, and then at most :data:`BACKTRACK_LIMIT`
    steps. Returns ``None`` for a string the pattern could not be checked against. Without
    jsonschema-rs, Python's ``re`` matches (a backtracking engine with no limit).
    """
    try:
        # deferred: jsonschema_rs costs 8.3 ms (and may have no wheel: the except below), needed only once a file is checked
        import jsonschema_rs
    except ImportError:
        compiled_re = re.compile(pattern)
        return lambda text: compiled_re.search(text) is not None
    validator = jsonschema_rs.validator_for(
        {"pattern": pattern}, pattern_options=jsonschema_rs.FancyRegexOptions(backtrack_limit=BACKTRACK_LIMIT)
    )

    def matches(text: str) -> bool | None:
        try:
            errors = list(validator.iter_errors(text))
        except UnicodeEncodeError:  # a lone surrogate, which UTF-8 cannot carry: matched as U+FFFD
            errors = list(validator.iter_errors(_LONE_SURROGATE.sub("\ufffd", text)))
        return not errors or (None if _gave_up(errors[0].kind) else False)

    return matches
