"""Parsing front matter YAML into plain data while keeping where every node was written.

PyYAML's loaders lose positions, silently keep the last of duplicate keys, turn timestamps
into ``datetime`` objects (and raise a bare ``ValueError`` on impossible dates) and construct
arbitrary tagged objects. Here the YAML is only *composed* (libyaml's C parser when present),
and the node tree is turned into JSON-like data by this module, which:

- keeps timestamps as the exact strings written (JSON Schema formats apply to strings);
- reports duplicate keys, non-string keys and non-standard tags instead of hiding them;
- never constructs a tagged object, so no tag can run code;
- bounds how far aliases may expand and how deep nesting may go.

Two fast paths, kept because they pay (measured in benchmarks/README.md, "Fast paths and
what they save"):

- the lean resolver (:class:`_Loader`) resolves a plain scalar's tag by its first character,
  with a cache of the tags already seen, instead of PyYAML's own resolver. Pinned to PyYAML's ``SafeLoader`` tags on every corpus file by
  ``test_the_lean_resolver_gives_pyyamls_tags``.
- the plain build (:func:`_plain_data`) turns a tree with nothing to report into data without
  paths, depth counts or alias bookkeeping, instead of the full :class:`_Builder`. Pinned to the builder's data by
  ``test_the_plain_build_gives_the_builders_data_or_leaves_the_file_to_it`` (and the
  integer tests beside it, in ``tests/test_parallel_and_fast_path.py``).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from frontlint.diagnostic import DataPath, Problem
from frontlint.reading.limits import Limits, digits_past_limit, long_integer_message, nesting_crossing, surely_shallow
from frontlint.reading.positions import LineIndex

# libyaml's C parser where PyYAML was built with it; the pure-Python one otherwise.
_LibyamlLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The implicit tag resolvers of the safe loader (YAML 1.1 ints, floats, bools, nulls,
# timestamps...), by the first character of a plain scalar. Copied, never changed: changing
# them on SafeLoader would change every other user of PyYAML in the process.
_RESOLVERS_BY_FIRST_CHARACTER = {
    first: tuple(resolvers) for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


class _Loader(_LibyamlLoader):  # type: ignore[misc]
    """The safe loader with a leaner tag resolver, called once for every node of every file.

    It gives exactly the tags PyYAML's resolver gives a safe loader (no path resolvers, no
    wildcard resolvers exist there); the tests compare the two on a corpus.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:  # a plain scalar: keys, numbers, unquoted text
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = _plain_tag(value)
                    if len(value) <= 64 and len(_PLAIN_TAGS) < 1024:
                        _PLAIN_TAGS[value] = tag
                return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    # PyYAML's path resolvers, which the safe loader has none of, are asked at every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# The tags of plain scalars already resolved: the same keys and small values recur in every file.
_PLAIN_TAGS: dict[str, str] = {}


def _plain_tag(value: str) -> str:
    for tag, pattern in _RESOLVERS_BY_FIRST_CHARACTER.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return _STR


_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = frozenset(
    _TAG + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "binary",
        "merge",
        "seq",
        "map",
        "omap",
        "pairs",
        "set",
        "value",
    )
)
_STR = _TAG + "str"
_SEQ = _TAG + "seq"
_MAP = _TAG + "map"
_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class ParsedFrontMatter:
    """The front matter's data, and its node tree to find where any value was written.

    Positions are looked up only for the few nodes that diagnostics concern, by walking the
    node tree along a data path (:meth:`node_at`): nothing is recorded per node while the
    data is built. Spans are character offsets into the whole file's text. ``merged`` holds
    the pairs of each mapping with merge keys (``<<``) resolved, by the mapping node's id.
    """

    __slots__ = ("base", "data", "merged", "problems", "root")

    def __init__(
        self,
        data: Any,
        problems: list[Problem] | None = None,
        root: Node | None = None,
        base: int = 0,
        merged: dict[int, list[tuple[Node, Node]]] | None = None,
    ) -> None:
        self.data = data
        self.problems: list[Problem] = problems if problems is not None else []
        self.root = root
        self.base = base
        self.merged: dict[int, list[tuple[Node, Node]]] = merged if merged is not None else {}

    def node_at(self, path: DataPath) -> Node | None:
        """Return the node the data at ``path`` was built from, or ``None`` if there is none."""
        return self._walk(path)[0]

    def key_node_at(self, path: DataPath) -> Node | None:
        """Return the key node of the mapping entry at ``path`` (the last one, as the data keeps)."""
        if not path or not isinstance(path[-1], str):
            return None
        parent = self.node_at(path[:-1])
        if not isinstance(parent, MappingNode):
            return None
        found = [key for key, _ in self._pairs(parent) if _is_key(key, path[-1])]
        return found[-1] if found else None

    def span(self, node: Node) -> tuple[int, int]:
        """The character span of ``node`` in the file's text."""
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def scalar_at(self, path: DataPath) -> tuple[ScalarNode | None, bool]:
        """The scalar node at ``path`` (``None`` if it holds none), and whether it sits in a flow collection."""
        node, in_flow = self._walk(path)
        return (node, in_flow) if isinstance(node, ScalarNode) else (None, False)

    def _walk(self, path: DataPath) -> tuple[Node | None, bool]:
        """The node at ``path`` (``None`` if there is none), and whether a collection above it is in flow style."""
        node, in_flow = self.root, False
        for element in path:
            in_flow = in_flow or bool(getattr(node, "flow_style", False))
            if isinstance(node, SequenceNode) and isinstance(element, int) and 0 <= element < len(node.value):
                node = node.value[element]
            elif isinstance(node, MappingNode) and isinstance(element, str):
                node = self._value_node(node, element)
            else:
                return None, False
        return node, in_flow

    def _pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        pairs: list[tuple[Node, Node]] = self.merged.get(id(node)) or node.value
        return pairs

    def _value_node(self, node: MappingNode, key: str) -> Node | None:
        found = [value for key_node, value in self._pairs(node) if _is_key(key_node, key)]
        return found[-1] if found else None


def _is_key(node: Node, key: str) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STR and node.value == key


def parse_front_matter(text: str, base: int, lines: LineIndex, limits: Limits = Limits()) -> ParsedFrontMatter:
    """Parse the YAML ``text`` that starts at character ``base`` of the file.

    A syntax error, or a limit crossed, becomes a problem at its position and the data is
    then ``None``: nothing else is checked.
    """
    depth_limit = limits.max_nesting_depth
    loader_class, crossing = _composer_for(text, depth_limit)
    if crossing is not None:
        return ParsedFrontMatter(None, problems=[_depth_problem(base + crossing, depth_limit)])
    shallow = loader_class is _Loader
    try:
        node = _compose(loader_class, text)
    except yaml.MarkedYAMLError as error:
        return ParsedFrontMatter(None, problems=[_syntax_problem(error, base, lines)])
    except yaml.reader.ReaderError as error:
        return ParsedFrontMatter(None, problems=[_reader_problem(error, text, base, _is_libyaml(loader_class))])
    except RecursionError:
        return ParsedFrontMatter(None, problems=[_depth_problem(base, depth_limit)])
    if node is None:  # only comments, or nothing at all
        return ParsedFrontMatter({}, base=base)
    has_anchors, may_merge = "&" in text, "<<" in text
    if shallow and not has_anchors and not may_merge:
        try:
            return ParsedFrontMatter(_plain_data(node), [], node, base)
        except _NeedsFullBuild:
            pass  # the builder below reports what the plain build cannot do
        except _LongInteger as integer:
            return ParsedFrontMatter(None, problems=[_long_integer_problem(integer, base)])
    builder = _Builder(base, lines, limits, has_anchors, may_merge)
    try:
        data = builder.build(node, (), 0, in_alias=False)
    except _LimitReached as limit:
        return ParsedFrontMatter(None, problems=builder.problems + [limit.problem])
    except _LongInteger as integer:
        return ParsedFrontMatter(None, problems=builder.problems + [_long_integer_problem(integer, base)])
    return ParsedFrontMatter(data, builder.problems, node, base, builder.merged)


class UnreadableFrontMatter(Exception):
    """The front matter does not compose: a syntax error, a bad character or a limit crossed."""


def compose_front_matter(text: str, limits: Limits = Limits()) -> Node | None:
    """Compose the YAML ``text`` into its node tree only, with the composer and depth limit
    :func:`parse_front_matter` uses; no data is built (``None``: no node at all).

    Raises :class:`UnreadableFrontMatter` where that function would report a reading problem.
    """
    loader_class, crossing = _composer_for(text, limits.max_nesting_depth)
    if crossing is not None:
        raise UnreadableFrontMatter("nesting too deep")
    try:
        return _compose(loader_class, text)
    except (yaml.YAMLError, RecursionError) as error:
        raise UnreadableFrontMatter(str(error)) from None


def _composer_for(text: str, depth_limit: int) -> tuple[type, int | None]:
    """The loader class to compose ``text`` with, and the offset where it nests past ``depth_limit`` (else ``None``).

    Text that surely nests no deeper than the limit goes to the lean libyaml loader; text that
    might nest deeply goes to the pure-Python composer, whose recursion ends in a
    RecursionError rather than in a crash of the whole process.
    """
    if surely_shallow(text, depth_limit):
        return _Loader, None
    return yaml.SafeLoader, nesting_crossing(text, depth_limit)


def _is_libyaml(loader_class: type) -> bool:
    """Whether a loader parses with libyaml (whose reader errors give byte offsets)."""
    try:
        # deferred: a probe: PyYAML built without libyaml has no yaml._yaml (yaml has imported it already when it has)
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return False
    return issubclass(loader_class, CParser)


def _compose(loader_class: type, text: str) -> Node | None:
    """Compose the single YAML document in ``text`` (the pure-Python reader checks characters
    as soon as it is built, so building it is inside the caller's error handling too)."""
    loader = loader_class(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _depth_problem(offset: int, limit: int) -> Problem:
    return Problem(
        "yaml-depth-limit",
        f"nesting deeper than {limit} levels (max-nesting-depth): the front matter is not checked",
        offset=offset,
        end_offset=offset + 1,
    )


def _long_integer_problem(integer: _LongInteger, base: int) -> Problem:
    """A ``yaml-syntax`` problem over an integer Python cannot convert: YAML readers in Python refuse it too."""
    message = long_integer_message(integer.digits, "the front matter") + " (quote it if it is text)"
    start, end = base + integer.node.start_mark.index, base + integer.node.end_mark.index
    return Problem("yaml-syntax", message, offset=start, end_offset=end)


class _LimitReached(Exception):
    """Building stopped at a limit; ``problem`` says which, and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _syntax_problem(error: yaml.MarkedYAMLError, base: int, lines: LineIndex) -> Problem:
    mark = error.problem_mark or error.context_mark
    offset = base + (mark.index if mark is not None else 0)
    message = error.problem or "invalid YAML"
    context = error.context
    if context:
        if error.context_mark is not None:
            line = lines.position(base + error.context_mark.index).line
            context += f" that starts on line {line}" if context.startswith("while") else f" (line {line})"
        # "while parsing X" explains the problem; anything else ("expected a single
        # document") is the first half of the sentence the problem ends.
        message = f"{message} ({context})" if context.startswith("while") else f"{context}, {message}"
    return Problem("yaml-syntax", message, offset=offset, end_offset=offset + 1)


def _reader_problem(error: yaml.reader.ReaderError, text: str, base: int, by_libyaml: bool) -> Problem:
    position = error.position
    if by_libyaml:  # libyaml reports a byte offset into the UTF-8 encoding
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    character = error.character
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    message = f"character {code} is not allowed in YAML: use an escape in a double-quoted string"
    return Problem("yaml-syntax", message, offset=base + position, end_offset=base + position + 1)


class _NeedsFullBuild(Exception):
    """The plain build met something only :class:`_Builder` handles (and reports)."""


def _plain_data(node: Node) -> Any:
    """Build the data of a tree that holds nothing to report, or raise :class:`_NeedsFullBuild`.

    Nearly every article is such a tree: string keys, standard tags, no anchors, aliases or
    merge keys (the caller checks the text has no ``&`` or ``<<``), and nesting the limit
    allows (the caller checks the text is surely shallow). This is :class:`_Builder` without
    the data paths, depth count and alias bookkeeping that only a problem needs, and gives
    the same data; at the first thing it cannot build plainly, the builder starts over.
    """
    if node.__class__ is ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag not in _STANDARD_TAGS:
            raise _NeedsFullBuild
        return _scalar(node)
    if node.__class__ is MappingNode and node.tag == _MAP:
        result: dict[str, Any] = {}
        pairs = node.value
        for key_node, value_node in pairs:
            if key_node.__class__ is not ScalarNode or key_node.tag != _STR:
                raise _NeedsFullBuild
            if value_node.__class__ is ScalarNode and value_node.tag == _STR:  # most values
                result[key_node.value] = value_node.value
            else:
                result[key_node.value] = _plain_data(value_node)
        if len(result) != len(pairs):  # a duplicate key
            raise _NeedsFullBuild
        return result
    if node.__class__ is SequenceNode and node.tag == _SEQ:
        return [_plain_data(item) for item in node.value]
    raise _NeedsFullBuild


def _scalar(node: ScalarNode) -> Any:
    """The value of a scalar with a standard tag other than ``str``."""
    tag = node.tag
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return _SCALAR_CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _TAG + "int":
        return _integer(node)
    if tag == _TAG + "float":
        return _SCALAR_CONSTRUCTOR.construct_yaml_float(node)
    # timestamp (kept exactly as written), binary (kept as its base64 text) and any other
    # tag: the text as written.
    return node.value


def _integer(node: ScalarNode) -> int:
    """The value of an integer scalar; :class:`_LongInteger` past Python's digit limit, in decimal or not."""
    value = node.value
    try:
        if value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
            number = int(value)  # plain decimal digits; YAML 1.1 reads a leading 0 as octal
        else:
            number = _SCALAR_CONSTRUCTOR.construct_yaml_int(node)
    except ValueError:  # the resolver's pattern holds only digits: too many of them to convert
        raise _LongInteger(node, sum(character.isdigit() for character in value)) from None
    digits = digits_past_limit(number)  # a hex or octal integer converts, but would not convert to text
    if digits is not None:
        raise _LongInteger(node, digits)
    return number


class _LongInteger(Exception):
    """An integer past Python's digit limit (:func:`frontlint.reading.limits.digit_limit`): ``node`` has ``digits`` digits."""

    def __init__(self, node: ScalarNode, digits: int) -> None:
        super().__init__(node.value[:20])
        self.node = node
        self.digits = digits


class _Builder:
    """Turns a composed node tree into data, recording problems on the way.

    This runs on every node of every file, so it does only what the text needs: alias
    bookkeeping only where the text has an anchor, merge expansion only where it has ``<<``.
    """

    def __init__(self, base: int, lines: LineIndex, limits: Limits, has_anchors: bool, may_merge: bool) -> None:
        self.base = base
        self.lines = lines
        self.limits = limits
        self.has_anchors = has_anchors
        self.may_merge = may_merge
        self.problems: list[Problem] = []
        self.built: set[int] = set()  # ids of nodes built once: building one again expands an alias
        self.open: set[int] = set()  # ids of the collections being built: the current path
        self.merged: dict[int, list[tuple[Node, Node]]] = {}  # each mapping's pairs, merges expanded
        self.alias_nodes = 0

    def span(self, node: Node) -> tuple[int, int]:
        return self.base + node.start_mark.index, self.base + node.end_mark.index

    def problem_at(self, node: Node, rule: str, message: str) -> Problem:
        """A problem of ``rule`` over the whole of ``node``."""
        start, end = self.span(node)
        return Problem(rule, message, offset=start, end_offset=end)

    def build(self, node: Node, path: DataPath, depth: int, in_alias: bool) -> Any:
        if depth > self.limits.max_nesting_depth:
            raise _LimitReached(_depth_problem(self.span(node)[0], self.limits.max_nesting_depth))
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            self.problems.append(
                Problem(
                    "yaml-tag",
                    f"non-standard tag {tag!r} is not allowed; the value is read as plain YAML",
                    path=path,
                )
            )
        if self.has_anchors:
            in_alias = in_alias or id(node) in self.built
            if in_alias:
                self.count_expansion(node, 1)
            self.built.add(id(node))
        if node.__class__ is ScalarNode:
            return node.value if tag == _STR else _scalar(node)
        if not self.has_anchors:
            return self.collection(node, path, depth, in_alias)
        if id(node) in self.open:
            raise _LimitReached(
                self.problem_at(
                    node,
                    "yaml-alias-limit",
                    "an alias refers to a collection that contains it (a recursive structure): "
                    "the front matter is not checked",
                )
            )
        self.open.add(id(node))
        result = self.collection(node, path, depth, in_alias)
        self.open.discard(id(node))
        return result

    def collection(self, node: Node, path: DataPath, depth: int, in_alias: bool) -> Any:
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,), depth + 1, in_alias) for index, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.mapping(node, path, depth, in_alias)

    def count_expansion(self, node: Node, nodes: int) -> None:
        """Count nodes that aliases or merge keys copy; stop past ``max_alias_nodes``."""
        self.alias_nodes += nodes
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise _LimitReached(
                self.problem_at(
                    node,
                    "yaml-alias-limit",
                    f"aliases expand to more than {self.limits.max_alias_nodes:,} nodes (max-alias-nodes), "
                    "here at this anchor's node: the front matter is not checked",
                )
            )

    def mapping(self, node: MappingNode, path: DataPath, depth: int, in_alias: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        pairs = self.merged_pairs(node, frozenset()) if self.may_merge else node.value
        keys = 0
        for key_node, value_node in pairs:
            if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                key = key_node.value
            else:
                key = self.key(key_node)
                if key is None:
                    continue
            keys += 1
            result[key] = self.build(value_node, path + (key,), depth + 1, in_alias)
        if keys != len(result):
            self.report_duplicates(pairs, path)
        return result

    def report_duplicates(self, pairs: list[tuple[Node, Node]], path: DataPath) -> None:
        """Report each repeated key at its later occurrence, naming the line of the first."""
        first_seen: dict[str, Node] = {}
        for key_node, _ in pairs:
            if not (isinstance(key_node, ScalarNode) and key_node.tag == _STR):
                continue
            key = key_node.value
            if key not in first_seen:
                first_seen[key] = key_node
                continue
            first_line = self.lines.position(self.span(first_seen[key])[0]).line
            start, end = self.span(key_node)
            self.problems.append(
                Problem(
                    "yaml-duplicate-key",
                    f"duplicate key {key!r}: first defined on line {first_line}; "
                    "YAML readers silently keep only the last value",
                    path=path + (key,),
                    at_key=True,
                    offset=start,
                    end_offset=end,
                )
            )

    def merged_pairs(self, node: MappingNode, merging: frozenset[int]) -> list[tuple[Node, Node]]:
        """Expand ``<<: *base`` merge keys as YAML's merge type does.

        A key written in the mapping wins over a merged one, and among merged mappings the
        first to hold a key wins. ``merging`` holds the mappings being merged already, so a
        mapping that merges itself (``&a {<<: *a}``) is not expanded forever; results are
        kept per mapping, so merges of merges cost no more than their distinct keys.
        """
        known = self.merged.get(id(node))
        if known is not None:
            return known
        merged: list[tuple[Node, Node]] = []
        own: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _TAG + "merge":
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode):
                    message = "a merge key '<<' takes a mapping or a list of mappings"
                    self.problems.append(self.problem_at(source, "yaml-syntax", message))
                elif id(source) not in merging:
                    pairs = self.merged_pairs(source, merging | {id(node)})
                    self.count_expansion(source, len(pairs))
                    merged.extend(pairs)
        taken = {key.value for key, _ in own if isinstance(key, ScalarNode)}
        result = []
        for key, value in merged:
            if isinstance(key, ScalarNode):
                if key.value in taken:
                    continue
                taken.add(key.value)
            result.append((key, value))
        result.extend(own)
        self.merged[id(node)] = result
        return result

    def key(self, node: Node) -> str | None:
        """Report a key that is not a string (a number, null, a list...) and return ``None``."""
        if isinstance(node, ScalarNode):
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"key {node.value or '~'!r} is read as {kind}, not a string; quote it if it is meant as text"
        else:
            message = "complex keys (lists or mappings used as keys) are not allowed"
        self.problems.append(self.problem_at(node, "yaml-key-type", message))
        return None
