"""Reading a schema file and the files its references reach: offline, within limits.

A schema can arrive in a pull request, so what it can make frontlint do is bounded here,
once, when it is loaded:

- every file is a regular file of at most the front matter size limit (``read_limited``);
  YAML is read by the front matter reader, with its alias and depth limits, and JSON
  nesting has the same depth limit;
- a ``$ref`` reaches only files beside the schema: a relative URI to a file in the
  schema's folder or below it. A URL (``http:``, ``file:``, ...), an absolute path, or a
  path out of that folder is refused: nothing is ever fetched. The one exception is a
  bundled schema's ``$id`` (``https://frontlint.dev/schemas/article.schema.json``, see
  :mod:`frontlint.schema.bundled`): it is read from the package, offline;
- every reference must lead somewhere (a pointer or anchor that exists), and references
  must not go round in a loop that checks nothing, or nest without end.

Each failure is one :class:`SchemaError` naming the file and, for a reference, the
reference as written.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from frontlint.reading.files import read_limited
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reading.yaml_nodes import parse_front_matter
from frontlint.schema.bundled import bundled_for_uri
from frontlint.schema.fast_validator import nested_ids, pointer_steps
from frontlint.schema.role_marks import unknown_role_mark
from frontlint.text.shortening import bounded, json_literals_first, shown, shown_json

if TYPE_CHECKING:
    from referencing import Registry

# At most this many files, the schema's included, are read for one schema.
MAX_SCHEMA_FILES = 64

# The keywords whose values are data, not subschemas: a "$ref" in them is not a reference.
_DATA_KEYWORDS = frozenset({"const", "enum", "examples", "default"})
# The keywords that apply subschemas to the value itself (not to a part of it).
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_SCHEMAS = ("not", "if", "then", "else")
_REFERENCE_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")


class SchemaError(Exception):
    """A schema could not be read, or is not a valid JSON Schema."""


class SchemaFiles(NamedTuple):
    """A schema read from a file, with every document its references reach.

    ``document`` is the schema with an absolute ``$id`` (the file's URI where it had none),
    so that relative references resolve beside it; ``resources`` are the other files, by
    the URI the references name them by.
    """

    document: Any
    resources: dict[str, Any]


def read_schema_files(path: Path) -> SchemaFiles:
    """Read the schema at ``path`` and every file its references reach; check every reference.

    Raises :class:`SchemaError` for a file that cannot be read or parsed, or a reference
    that is not allowed, leads nowhere, or loops.
    """
    document = read_document(path, str(path))
    if not isinstance(document, Mapping):
        return SchemaFiles(document, {})
    check_against_metaschema(document, str(path))  # its references are only followed in a valid schema
    root_uri = Path(os.path.realpath(path)).as_uri()
    own_id = document.get("$id")
    document = {**document, "$id": urljoin(root_uri, own_id if isinstance(own_id, str) else "")}
    gathering = _Gathering(Path(os.path.realpath(path)).parent)
    gathering.add(document, Path(os.path.realpath(path)), str(path))
    gathering.check_references()
    return SchemaFiles(document, gathering.resources)


def check_document(document: Any, source: str) -> dict[str, Any] | None:
    """Check the references of a schema given as data, as for a file's; the bundled schemas it references, by URI.

    Without a file, no file can be referenced: every reference must stay inside the document,
    or lead to a bundled schema (``None`` when none is referenced).
    """
    if not isinstance(document, Mapping):
        return None
    gathering = _Gathering(None)
    gathering.add(document, None, source)
    gathering.check_references()
    return gathering.resources or None


# The metaschemas jsonschema-rs holds itself: any other "$schema" would be fetched from the network.
_DIALECTS_KNOWN_OFFLINE = frozenset(
    {
        None,
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/schema#",
        "https://json-schema.org/draft/2019-09/schema",
        "https://json-schema.org/draft/2019-09/schema#",
        "http://json-schema.org/draft-07/schema",
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-06/schema",
        "http://json-schema.org/draft-06/schema#",
        "http://json-schema.org/draft-04/schema",
        "http://json-schema.org/draft-04/schema#",
    }
)


def _valid_by_the_compiled_check(document: Any) -> bool:
    """Whether jsonschema-rs finds ``document`` valid against its metaschema (False when it cannot tell).

    Far faster than python-jsonschema on a large schema; python-jsonschema still words the
    error of an invalid one.
    """
    # deferred: jsonschema_rs costs 8.3 ms, needed only once a schema is checked
    import jsonschema_rs

    try:
        return bool(jsonschema_rs.meta.is_valid(document))
    except Exception:  # anything it cannot take: python-jsonschema decides
        return False


def check_against_metaschema(document: Any, shown_as: str) -> None:
    """Raise :class:`SchemaError` unless ``document`` is valid against its metaschema (Draft 2020-12 by default)
    and every ``x-frontlint-role`` mark in it names a role frontlint knows."""
    _check_metaschema(document, shown_as)
    unknown = unknown_role_mark(document)
    if unknown is not None:
        raise SchemaError(f"{shown_as}: {bounded(unknown)}")


def _check_metaschema(document: Any, shown_as: str) -> None:
    dialect = document.get("$schema") if isinstance(document, Mapping) else None
    if dialect is not None and not isinstance(dialect, str):  # validator_for would fail on it
        raise SchemaError(
            f"{shown_as}: not a valid JSON Schema at $schema: {shown_json(dialect)} is not of type 'string'"
        )
    if dialect in _DIALECTS_KNOWN_OFFLINE and _valid_by_the_compiled_check(document):
        return  # the usual case, settled without walking a large schema in Python (or importing python-jsonschema)
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    import jsonschema

    validator_class = jsonschema.validators.validator_for(document, default=jsonschema.Draft202012Validator)
    try:
        validator_class.check_schema(document)
    except jsonschema.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        raise SchemaError(
            f"{shown_as}: not a valid JSON Schema at {bounded(where)}: "
            f"{bounded(json_literals_first(error.message, error.instance))}"
        ) from None


def read_document(path: Path, shown_as: str, cannot_read: str | None = None) -> Any:
    """Parse one schema file (JSON if it ends in ``.json``, YAML otherwise), within the limits.

    ``cannot_read`` begins the error for a file that cannot be read (``"<file>: cannot read schema"`` by default).
    """
    limits = Limits()
    try:
        raw = read_limited(path, limits.max_front_matter_bytes)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror or str(error) if isinstance(error, OSError) else str(error)
        raise SchemaError(f"{cannot_read or shown_as + ': cannot read schema'}: {bounded(reason)}") from None
    if path.suffix == ".json":
        return _json_document(text, shown_as, limits.max_nesting_depth)
    return _yaml_document(text, shown_as, limits)


def _json_document(text: str, shown_as: str, depth_limit: int) -> Any:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise SchemaError(f"{shown_as}: schema is not valid JSON: {bounded(str(error))}") from None
    except RecursionError:
        document = None
    if document is None or _deeper_than(document, depth_limit):
        raise SchemaError(f"{shown_as}: schema nests deeper than {depth_limit} levels (max-nesting-depth)")
    return document


def _yaml_document(text: str, shown_as: str, limits: Limits) -> Any:
    lines = LineIndex(text)
    parsed = parse_front_matter(text, 0, lines, limits)
    if parsed.problems:
        problem = parsed.problems[0]
        where = ""
        if problem.offset is not None:
            line, column = lines.position(problem.offset)
            where = f"line {line}, column {column}: "
        message = problem.message.replace(": the front matter is not checked", "")
        raise SchemaError(f"{shown_as}: schema is not valid YAML: {where}{bounded(message)}")
    return parsed.data


# The most lists, mappings and values a schema given as data may hold: about what the largest
# schema file read (2 MiB of JSON) can, and what a walk of it may visit.
MAX_SCHEMA_NODES = 1_000_000


def check_data_shape(document: Any, source: str) -> None:
    """Refuse a schema given as data that nests deeper, or holds more, than a schema file may.

    A file is refused past ``max-nesting-depth`` as it is read; data comes already built, so
    its depth (100,000 levels crashed the metaschema check with a segmentation fault) and its
    size (mappings shared in a graph can stand for more nodes than memory holds) are measured
    here, by a walk that stops at either limit and never recurses.
    """
    depth_limit = Limits().max_nesting_depth
    stack = [(document, 0)]
    visited = 0
    while stack:
        node, depth = stack.pop()
        visited += 1
        if visited > MAX_SCHEMA_NODES:
            raise SchemaError(f"{source}: schema holds more than {MAX_SCHEMA_NODES:,} values")
        if isinstance(node, (Mapping, list, tuple)):
            if depth > depth_limit:
                raise SchemaError(f"{source}: schema nests deeper than {depth_limit} levels (max-nesting-depth)")
            children = node.values() if isinstance(node, Mapping) else node
            stack.extend((child, depth + 1) for child in children)


def _deeper_than(document: Any, limit: int) -> bool:
    """Whether lists and mappings nest deeper than ``limit`` in ``document`` (without recursing)."""
    stack = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (Mapping, list)):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, Mapping) else node
            stack.extend((child, depth + 1) for child in children)
    return False


class _Reference(NamedTuple):
    holder: Mapping[str, Any]  # the subschema the reference is in
    written: str
    target: str  # absolute
    file: str  # the file it is in, as shown


def _references(document: Any, base: str) -> Iterator[_Reference | tuple[str, str]]:
    """Yield each reference of a document, and ``("$id", uri)`` for each subschema's own URI."""
    stack: list[tuple[Any, str]] = [(document, base)]
    while stack:
        node, node_base = stack.pop()
        if isinstance(node, list):
            stack.extend((item, node_base) for item in node)
            continue
        if not isinstance(node, Mapping):
            continue
        own_id = node.get("$id")
        if isinstance(own_id, str):
            node_base = urljoin(node_base, own_id)
            yield ("$id", urldefrag(node_base).url)
        for key, value in node.items():
            if key in _REFERENCE_KEYWORDS and isinstance(value, str):
                yield _Reference(node, value, urljoin(node_base, value), "")
            elif key not in _DATA_KEYWORDS:
                stack.append((value, node_base))


def _is_relative(reference: str) -> bool:
    """Whether a reference is a relative path (``common.json#/$defs/url``), not a URL or absolute path."""
    parts = urlsplit(reference)
    return not parts.scheme and not parts.netloc and bool(parts.path) and not parts.path.startswith("/")


class _Gathering:
    """The documents of one schema as they are read, and the references found in them."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.resources: dict[str, Any] = {}
        self.known: set[str] = set()  # URIs of the documents and of subschemas with an "$id"
        self.by_file: dict[Path, Any] = {}
        self.references: list[_Reference] = []
        self.documents: list[Any] = []

    def add(self, document: Any, real_path: Path | None, shown_as: str) -> None:
        """Take in one document (from a file, or not) and, in turn, the files its references reach."""
        pending: list[tuple[Any, Path | None, str]] = [(document, real_path, shown_as)]
        while pending:
            document, real_path, shown_as = pending.pop()
            self.documents.append(document)
            found = list(_references(document, real_path.as_uri() if real_path is not None else ""))
            self.known.update(item[1] for item in found if not isinstance(item, _Reference))
            for reference in found:
                if isinstance(reference, _Reference):
                    reference = reference._replace(file=shown_as)
                    self.references.append(reference)
                    pending.extend(self.follow(reference, real_path, shown_as))

    def follow(
        self, reference: _Reference, real_path: Path | None, shown_as: str
    ) -> list[tuple[Any, Path | None, str]]:
        """The file a reference reaches, if it is one not read yet; refuse what is not allowed."""
        uri = urldefrag(reference.target).url
        if reference.written.startswith("#") or uri in self.known:
            return []
        bundled = bundled_for_uri(uri)
        if bundled is not None:  # a bundled schema as a base: read from the package, never fetched
            self.known.add(uri)
            self.resources[uri] = bundled
            return [(bundled, None, f"bundled:{uri}")]
        if real_path is None or self.folder is None or not _is_relative(reference.written):
            raise self.not_allowed(reference)
        relative = unquote(urlsplit(reference.written).path)
        if "\0" in relative:  # no file name holds one (and os.path would raise ValueError)
            raise self.not_allowed(reference)
        target = Path(os.path.realpath(real_path.parent / relative))
        if not target.is_relative_to(self.folder):
            raise self.not_allowed(reference)
        self.known.add(uri)
        if target in self.by_file:
            self.resources[uri] = self.by_file[target]
            return []
        if len(self.by_file) + 1 >= MAX_SCHEMA_FILES:
            raise SchemaError(
                f"{reference.file}: $ref {shown(reference.written)}: more than {MAX_SCHEMA_FILES} schema files"
            )
        target_shown = os.path.join(os.path.dirname(shown_as), relative)
        document = read_document(
            target, target_shown, f"{reference.file}: $ref {shown(reference.written)} cannot be read"
        )
        check_against_metaschema(document, target_shown)
        self.by_file[target] = self.resources[uri] = document
        return [(document, target, target_shown)]

    @staticmethod
    def not_allowed(reference: _Reference) -> SchemaError:
        return SchemaError(
            f"{reference.file}: $ref {shown(reference.written)} is not allowed: "
            "only files beside the schema can be referenced"
        )

    def check_references(self) -> None:
        """Check that every reference leads somewhere, and that none loops or nests without end."""
        registry = offline_registry(self.documents[0], self.resources)
        resolver = registry.resolver()
        targets: dict[int, list[tuple[_Reference, Any]]] = {}
        # deferred: referencing costs 28 ms, needed only for a schema with references
        from referencing.exceptions import Unresolvable

        for reference in self.references:
            try:
                resolved = resolver.lookup(reference.target)
            except Unresolvable:
                raise SchemaError(
                    f"{reference.file}: $ref {shown(reference.written)} cannot be resolved: it points to nothing"
                ) from None
            targets.setdefault(id(reference.holder), []).append((reference, resolved.contents))
        _check_in_place_paths(self.references, targets, Limits().max_nesting_depth)


def offline_registry(document: Any, resources: Mapping[str, Any]) -> Registry:
    """python-jsonschema's registry of a schema and the files it references; it retrieves nothing.

    Without it, python-jsonschema would fetch a ``$ref`` to a URL while validating (every file).
    """
    # deferred: referencing costs 28 ms, needed only for a schema with references
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def refuse(uri: str) -> Resource:
        raise LookupError(f"{uri} is not one of the schema's files")

    own_id = document.get("$id") if isinstance(document, Mapping) else None
    contents = [(own_id if isinstance(own_id, str) else "", document), *resources.items()]
    registry: Registry = Registry(retrieve=refuse).with_resources(  # type: ignore[call-arg]
        (uri, Resource.from_contents(each, default_specification=DRAFT202012)) for uri, each in contents
    )
    return registry.crawl()


def reference_targets(document: Any, resources: Mapping[str, Any]) -> dict[int, list[Any]]:
    """What each reference of a schema and of its files leads to, by the ``id`` of the subschema holding it.

    A reference to a JSON pointer in its own document, where no subschema has an ``$id`` of
    its own (the bundled contract's, most files'), is followed here; any other is looked up in
    :func:`offline_registry`, imported only then. One that leads nowhere is left out: a
    schema's references were checked when it was loaded.
    """
    targets: dict[int, list[Any]] = {}
    lookup: Callable[[str], Any] | None = None
    for each, base in [(document, ""), *((each, uri) for uri, each in resources.items())]:
        plain = not any(nested_ids(each, root=True))
        for reference in _references(each, base):
            if not isinstance(reference, _Reference):
                continue
            found = _pointed_to(each, reference.written) if plain else _NOWHERE
            if found is _NOWHERE:
                lookup = lookup or _looking_up(document, resources)
                found = lookup(reference.target)
            if found is not _NOWHERE:
                targets.setdefault(id(reference.holder), []).append(found)
    return targets


_NOWHERE = object()


def _pointed_to(document: Any, written: str) -> Any:
    """The node a reference written as ``#`` or ``#/a/b`` leads to in its document (``_NOWHERE`` for any other reference)."""
    if written != "#" and not written.startswith("#/"):
        return _NOWHERE
    node = document
    for step in pointer_steps(written[1:]):
        if isinstance(node, Mapping) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return _NOWHERE
    return node


def _looking_up(document: Any, resources: Mapping[str, Any]) -> Callable[[str], Any]:
    """Look up an absolute reference among a schema's documents: the node, or ``_NOWHERE``."""
    # deferred: referencing costs 28 ms, needed only for a schema with references
    from referencing.exceptions import Unresolvable

    resolver = offline_registry(document, resources).resolver()

    def lookup(uri: str) -> Any:
        try:
            return resolver.lookup(uri).contents
        except (Unresolvable, LookupError):
            return _NOWHERE

    return lookup


def schema_locations(document: Any, resources: Mapping[str, Any]) -> Callable[[Any], str]:
    """A function naming a subschema of a schema's documents for a message: ``#/$defs/a``, ``common.json#/$defs/b``."""
    root_id = document.get("$id") if isinstance(document, Mapping) else None
    folder = posixpath.dirname(urlsplit(root_id).path) if isinstance(root_id, str) else ""

    def where(subschema: Any) -> str:
        for uri, each in [("", document), *resources.items()]:
            pointer = _pointer_to(each, subschema)
            if pointer is not None:
                path = unquote(urlsplit(uri).path)
                name = posixpath.relpath(path, folder or "/") if uri.startswith("file:") and folder else uri
                return f"{name}#{pointer}"
        return "#"

    return where


def _pointer_to(document: Any, wanted: Any) -> str | None:
    """The JSON pointer of the node ``wanted`` (the very object) in ``document``, or ``None``."""
    stack: list[tuple[Any, str]] = [(document, "")]
    seen: set[int] = set()
    while stack:
        node, pointer = stack.pop()
        if node is wanted:
            return pointer
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Mapping):
            steps: Any = node.items()
        elif isinstance(node, list):
            steps = enumerate(node)
        else:
            continue
        escaped = [(str(key).replace("~", "~0").replace("/", "~1"), value) for key, value in steps]
        stack.extend((value, f"{pointer}/{key}") for key, value in reversed(escaped))
    return None


def _check_in_place_paths(
    references: list[_Reference], targets: Mapping[int, list[tuple[_Reference, Any]]], depth_limit: int
) -> None:
    """Refuse references that lead back to where they start, or chain deeper than ``depth_limit``.

    Only keywords that apply a subschema to the value itself count (``$ref``, ``allOf``,
    ``not``, ``if``...): going round them checks the same value forever. A reference
    reached through ``properties`` or ``items`` (a tree of comments, say) is fine.
    """

    def edges(node: Mapping[str, Any]) -> Iterator[tuple[_Reference | None, Any]]:
        yield from targets.get(id(node), ())
        for key in _IN_PLACE_LISTS:
            listed = node.get(key)
            if isinstance(listed, list):
                yield from ((None, subschema) for subschema in listed)
        yield from ((None, node.get(key)) for key in _IN_PLACE_SCHEMAS)
        dependent = node.get("dependentSchemas")
        if isinstance(dependent, Mapping):
            yield from ((None, subschema) for subschema in dependent.values())

    heights: dict[int, int] = {}  # of each subschema walked: its longest chain of in-place steps
    for start in references:
        if id(start.holder) in heights:
            continue
        on_path = {id(start.holder)}
        # Each frame: the subschema, its steps still to take, the reference that led there,
        # and the height of its tallest step so far.
        stack: list[tuple[Mapping[str, Any], Iterator[tuple[_Reference | None, Any]], _Reference, list[int]]] = [
            (start.holder, edges(start.holder), start, [0])
        ]
        while stack:
            node, pending, via, tallest = stack[-1]
            step = next(pending, None)
            if step is None:
                stack.pop()
                on_path.discard(id(node))
                heights[id(node)] = tallest[0] + 1
                if stack:
                    stack[-1][3][0] = max(stack[-1][3][0], tallest[0] + 1)
                continue
            reference, child = step
            if not isinstance(child, Mapping):
                continue
            led_by = reference or via
            if id(child) in on_path:
                raise SchemaError(
                    f"{led_by.file}: $ref {shown(led_by.written)} is a loop: it leads back to itself without checking anything"
                )
            height = heights.get(id(child))
            if len(stack) + (height or 1) > depth_limit:
                raise SchemaError(
                    f"{led_by.file}: $ref {shown(led_by.written)}: references nest deeper than {depth_limit} levels "
                    "(max-nesting-depth)"
                )
            if height is not None:
                tallest[0] = max(tallest[0], height)
                continue
            on_path.add(id(child))
            stack.append((child, edges(child), led_by, [0]))
