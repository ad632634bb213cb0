"""Parsing front matter YAML into plain data while keeping where every node was written.

PyYAML's loaders lose positions, silently keep the last of duplicate keys, turn timestamps
into ``datetime`` objects (and raise a bare ``ValueError`` on impossible dates) and construct
arbitrary tagged objects. Here the YAML is only *composed* (libyaml's C parser when present),
and the node tree is turned into JSON-like data by this module, which:

- keeps timestamps as the exact strings written (JSON Schema formats apply to strings);
- reports duplicate keys, non-string keys and non-standard tags instead of hiding them;
- never constructs a tagged object, so no tag can run code;
- bounds how far aliases may expand and how deep nesting may go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostic import DataPath, Problem
from .positions import LineIndex

try:
    _Loader: type = yaml.CSafeLoader
    USING_LIBYAML = True
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    USING_LIBYAML = False

_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = frozenset(
    _TAG + name
    for name in (
        "str", "int", "float", "bool", "null", "timestamp", "binary", "merge",
        "seq", "map", "omap", "pairs", "set", "value",
    )
)
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_NODES = 1_000_000
MAX_DEPTH = 200


@dataclass
class ParsedFrontMatter:
    """The front matter's data and the character span of every node, by data path."""

    data: Any
    value_spans: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    key_spans: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse_front_matter(text: str, base: int, lines: LineIndex) -> ParsedFrontMatter:
    """Parse the YAML ``text`` that starts at character ``base`` of the file.

    Syntax errors become a ``yaml-syntax`` problem at the position the parser reports; the
    data is then ``None``.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return ParsedFrontMatter(None, problems=[_syntax_problem(error, text, base, lines)])
    except yaml.reader.ReaderError as error:
        return ParsedFrontMatter(None, problems=[_reader_problem(error, text, base)])
    finally:
        loader.dispose()
    builder = _Builder(base, lines)
    if node is None:
        parsed = ParsedFrontMatter({})
        parsed.value_spans[()] = (base, base)
        return parsed
    data = builder.build(node, (), 0)
    return ParsedFrontMatter(data, builder.value_spans, builder.key_spans, builder.problems)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, base: int, lines: LineIndex) -> Problem:
    mark = error.problem_mark or error.context_mark
    offset = base + (mark.index if mark is not None else 0)
    message = error.problem or "invalid YAML"
    if error.context:
        context = error.context
        if error.context_mark is not None:
            line = lines.position(base + error.context_mark.index).line
            context += f" that starts on line {line}"
        message += f" ({context})"
    return Problem("yaml-syntax", message, offset=offset, end_offset=offset + 1)


def _reader_problem(error: yaml.reader.ReaderError, text: str, base: int) -> Problem:
    position = error.position
    if USING_LIBYAML:  # libyaml reports a byte offset into the UTF-8 encoding
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    character = error.character
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    message = f"character {code} is not allowed in YAML: use an escape in a double-quoted string"
    return Problem("yaml-syntax", message, offset=base + position, end_offset=base + position + 1)


class _Builder:
    """Turns a composed node tree into data, recording spans and problems on the way."""

    def __init__(self, base: int, lines: LineIndex) -> None:
        self.base = base
        self.lines = lines
        self.value_spans: dict[DataPath, tuple[int, int]] = {}
        self.key_spans: dict[DataPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes_built = 0
        self.limit_reported = False

    def span(self, node: Node) -> tuple[int, int]:
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def build(self, node: Node, path: DataPath, depth: int) -> Any:
        self.nodes_built += 1
        if self.nodes_built > MAX_NODES or depth > MAX_DEPTH:
            self.report_limit(node, depth)
            return None
        self.value_spans[path] = self.span(node)
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(Problem(
                "yaml-tag",
                f"non-standard tag {node.tag!r} is not allowed; the value is read as plain YAML",
                path=path,
            ))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.mapping(node, path, depth)

    def report_limit(self, node: Node, depth: int) -> None:
        if self.limit_reported:
            return
        self.limit_reported = True
        start, end = self.span(node)
        if depth > MAX_DEPTH:
            problem = Problem("yaml-depth-limit", f"nesting deeper than {MAX_DEPTH} levels", offset=start, end_offset=end)
        else:
            problem = Problem(
                "yaml-alias-limit",
                f"aliases expand to more than {MAX_NODES:,} nodes; the rest is not checked",
                offset=start, end_offset=end,
            )
        self.problems.append(problem)

    def scalar(self, node: ScalarNode, path: DataPath) -> Any:
        tag = node.tag
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _SCALAR_CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return _SCALAR_CONSTRUCTOR.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _SCALAR_CONSTRUCTOR.construct_yaml_float(node)
        # str, timestamp (kept exactly as written), binary (kept as its base64 text) and any
        # non-standard tag: the text as written.
        return node.value

    def mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in self.merged_pairs(node):
            key_start, key_end = self.span(key_node)
            key = self.key(key_node, path)
            if key is None:
                continue
            child = path + (key,)
            if key in first_seen:
                first_line = self.lines.position(first_seen[key]).line
                self.problems.append(Problem(
                    "yaml-duplicate-key",
                    f"duplicate key {key!r}: first defined on line {first_line}; "
                    "YAML readers silently keep only the last value",
                    offset=key_start, end_offset=key_end,
                ))
            else:
                first_seen[key] = key_start
            self.key_spans[child] = (key_start, key_end)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def merged_pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """Expand ``<<: *base`` merge keys: merged pairs first, so explicit keys win."""
        merged: list[tuple[Node, Node]] = []
        own: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _TAG + "merge":
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, MappingNode):
                    merged.extend(self.merged_pairs(source))
                else:
                    self.problems.append(Problem(
                        "yaml-syntax", "a merge key '<<' takes a mapping or a list of mappings",
                        offset=self.span(source)[0], end_offset=self.span(source)[1],
                    ))
        if not merged:
            return own
        own_keys = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        return [pair for pair in merged if not (isinstance(pair[0], ScalarNode) and pair[0].value in own_keys)] + own

    def key(self, node: Node, path: DataPath) -> str | None:
        """Return the key's string, or report it and return ``None`` when it is not a string."""
        if isinstance(node, ScalarNode) and node.tag == _TAG + "str":
            return str(node.value)
        start, end = self.span(node)
        if isinstance(node, ScalarNode):
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"key {node.value or '~'!r} is read as {kind}, not a string; quote it if it is meant as text"
        else:
            message = "complex keys (lists or mappings used as keys) are not allowed"
        self.problems.append(Problem("yaml-key-type", message, offset=start, end_offset=end))
        return None
