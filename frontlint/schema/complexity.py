"""How much checking a schema can ask for: counted before any validator runs, and bounded.

A schema can arrive in a pull request. A few lines of ``anyOf`` over shared references
make checking one value exponential: ``$defs/d{i}`` being ``anyOf`` twice ``d{i+1}``, a
value is checked 2**20 times against ``d20``. Deciding validity or listing the errors of a
file then took minutes and gigabytes in either validator (jsonschema-rs builds the whole
tree of an ``anyOf``'s errors before it returns the first; under a memory limit it
panicked, then deadlocked or crashed). So frontlint counts checks, never time:

- a *check* is one use of a keyword, plus one for each item of its value when that is a
  list or a mapping (an ``enum`` of 1,000 values is compared 1,000 times); a subschema
  without a keyword of validation counts 1;
- :class:`SchemaShape` counts, from the schema alone, the checks of one value against each
  part of it, in place (through ``allOf``, ``anyOf``, ``oneOf``, ``not``, ``if``/``then``/
  ``else``, ``dependentSchemas`` and references, every branch counted): a part whose errors
  may number more than :data:`MAX_CHECKS` (an ``enum`` or ``const`` gives one error however
  many values it lists, so its values are not counted there), or whose checks number more than
  :data:`MAX_JUDGING_CHECKS`, makes the schema too complex, refused when it is loaded;
- through the data (``properties``, ``items``, ...), the same branching multiplies once per
  level of nesting, so it depends on each file. The walks through the schema that take
  exactly ``d`` steps into the data bound the checks of a value ``d`` levels deep; with the
  number of values at each depth of a file, they bound its checks without looking further
  (:meth:`SchemaShape.checks_bound`). jsonschema-rs decides a file's validity only within
  :data:`MAX_JUDGING_CHECKS` (time), and lists its errors only within :data:`MAX_CHECKS`
  (memory: it keeps them all); any other file is checked by python-jsonschema, metered
  (:func:`metered`): each of its keyword calls is counted, and the count stops it at
  :data:`MAX_CHECKS`, for one problem at the top of the file.

A schema whose walks all end, within :data:`TAME_CHECKS` (the bundled contract's: 319
checks, 7 levels down), is *tame*: each value is checked at most that many times however
deep, so jsonschema-rs judges every file at once, and the bound is worked out for an invalid
file only. Bounds are over-estimates (every branch of an ``anyOf`` and of an ``if`` is
counted, a ``$dynamicRef`` leads to every subschema with its anchor), never under. Held by
``tests/security/test_schema_work_bounded.py``, whose property test checks the bound against what
python-jsonschema does on generated schemas and data.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from frontlint.reading.limits import DEFAULT_MAX_NESTING_DEPTH

# The checks explaining one file (or one value against one schema part) may take. Listing
# the errors of that many costs jsonschema-rs about 200 MB at most, python-jsonschema as much.
MAX_CHECKS = 100_000
# The checks jsonschema-rs may take to decide whether a file is valid: time only (it keeps
# no errors), and little of it.
MAX_JUDGING_CHECKS = 10_000_000
# The checks of one value, however deep, under which a schema is tame (see SchemaShape.tame):
# a front matter of a million values is then judged in a time bounded by its size.
TAME_CHECKS = 1_000

# Walks are counted this many steps into the data at most (the reader's default nesting limit):
# data nested deeper is within a bound only where walks go no deeper.
_MAX_DEPTH = DEFAULT_MAX_NESTING_DEPTH

_REFERENCES = ("$ref", "$dynamicRef", "$recursiveRef")
_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_MAPS = ("dependentSchemas", "dependencies")  # "dependencies": a list there names keys
_DATA_ONE = (
    "additionalProperties",
    "unevaluatedProperties",
    "propertyNames",
    "items",
    "additionalItems",
    "contains",
    "unevaluatedItems",
)
_DATA_MAPS = ("properties", "patternProperties")

# The keywords a validator calls (every draft's): each use is a check. The others
# ("$defs", "title", "description", ...) are never looked at while checking.
_CHECKING_KEYWORDS = frozenset(
    {
        *_REFERENCES,
        *_IN_PLACE_ONE,
        *_IN_PLACE_LISTS,
        *_IN_PLACE_MAPS,
        *_DATA_ONE,
        *_DATA_MAPS,
        "prefixItems",
        "type",
        "const",
        "enum",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minContains",
        "maxContains",
        "minProperties",
        "maxProperties",
        "required",
        "dependentRequired",
        "disallow",
        "extends",
        "divisibleBy",
    }
)


def checks_of_keyword(value: Any) -> int:
    """The checks one use of a keyword with ``value`` counts: 1, and 1 for each item of a list or mapping."""
    return 1 + len(value) if isinstance(value, (list, Mapping)) else 1


def _own_checks(schema: Mapping[str, Any]) -> int:
    """The checks of a subschema's own keywords on one value (at least 1)."""
    total = sum(checks_of_keyword(value) for key, value in schema.items() if key in _CHECKING_KEYWORDS)
    return max(total, 1)


# Keywords that give one error however many values they list: their values count no errors.
_ONE_ERROR = frozenset({"enum", "const"})


def _own_errors(schema: Mapping[str, Any]) -> int:
    """The errors a subschema's own keywords may give on one value, at most (at least 1)."""
    total = sum(
        1 if key in _ONE_ERROR else checks_of_keyword(value)
        for key, value in schema.items()
        if key in _CHECKING_KEYWORDS
    )
    return max(total, 1)


class _Node:
    """A subschema's own checks and where it leads: in place (the same value) or into the data."""

    __slots__ = ("data", "data_leaves", "errors", "in_place", "in_place_leaves", "own")

    def __init__(self, own: int, errors: int) -> None:
        self.own = own
        self.errors = errors
        self.in_place: list[int] = []
        self.data: list[int] = []
        self.in_place_leaves = 0  # true/false subschemas: one check each
        self.data_leaves = 0


class SchemaShape:
    """The checks a schema (with the files it references) can ask for, bounded per value and per file.

    ``documents`` are the files the root's references reach; ``targets`` what each reference
    leads to, by the ``id`` of the subschema holding it (see
    :func:`frontlint.schema.loading.reference_targets`). ``where(subschema)`` names a
    subschema for a message.
    """

    def __init__(
        self, root: Any, documents: Sequence[Any], targets: Mapping[int, Sequence[Any]], where: Callable[[Any], str]
    ) -> None:
        self._targets = targets
        self._anchors = _dynamic_anchors([root, *documents])
        self._index: dict[int, int] = {}
        self._schemas: list[Mapping[str, Any]] = []
        self._nodes: list[_Node] = []
        self._where = where
        if isinstance(root, Mapping):
            self._take_in(root)
        self._order, self._looped = _children_first([node.in_place for node in self._nodes])
        self._in_place = self._walks(None)  # the checks of one value against each part, in place
        self._in_place_errors = self._walks(None, errors=True)  # and the errors it may give
        self._last = self._in_place  # the walks of the deepest count so far
        # The checks of the walks from the root with at most d steps into the data, by d;
        # counted further when a deeper file needs it, by one thread at a time.
        self._by_depth: list[int] = [self._in_place[0]] if self._nodes else []
        self._counting = threading.Lock()

    def too_complex(self) -> str | None:
        """Where one value could give more than :data:`MAX_CHECKS` errors, or take more than
        :data:`MAX_JUDGING_CHECKS` checks, named; ``None`` when nowhere."""
        over = [index for index in range(len(self._nodes)) if self._over(index)]
        if not over:
            return None
        smallest = [index for index in over if not any(self._over(child) for child in self._nodes[index].in_place)]
        return self._where(self._schemas[(smallest or over)[0]])

    def _over(self, index: int) -> bool:
        return self._in_place_errors[index] > MAX_CHECKS or self._in_place[index] > MAX_JUDGING_CHECKS

    @functools.cached_property
    def tame(self) -> bool:
        """Whether no walk from the root goes deeper than some level, and they take at most :data:`TAME_CHECKS` checks.

        Each value is then checked at most that many times, however deep: jsonschema-rs may
        judge any file at once, in time linear in its data.
        """
        if not self._nodes:
            return True
        order, looped = _children_first([node.in_place + node.data for node in self._nodes])
        if looped:  # through the data: each level deeper, more walks
            return False
        walks = [0] * len(self._nodes)
        for index in order:
            node = self._nodes[index]
            total = node.own + node.in_place_leaves + node.data_leaves
            walks[index] = min(total + sum(walks[child] for child in node.in_place + node.data), TAME_CHECKS + 1)
        return walks[0] <= TAME_CHECKS

    def checks_bound(self, data: Any) -> int | None:
        """At most how many checks ``data`` takes; ``None`` when more than :data:`MAX_JUDGING_CHECKS` may be.

        A value ``d`` levels down is checked at most as many times as walks from the root
        take exactly ``d`` steps into the data (counted in checks).
        """
        if not self._nodes:
            return 1
        by_depth = _values_by_depth(data, MAX_JUDGING_CHECKS)
        if by_depth is None:
            return None
        total = shallower = 0
        for depth, values in enumerate(by_depth):
            walks = self._walks_to(depth)
            if walks is None:
                return None
            total += values * (walks - shallower)
            shallower = walks
            if total > MAX_JUDGING_CHECKS:
                return None
        return total

    def _take_in(self, root: Mapping[str, Any]) -> None:
        """Number every subschema the root reaches, and record where each leads."""
        pending = [root]
        self._number(root)
        while pending:
            schema = pending.pop()
            node = self._nodes[self._index[id(schema)]]
            for in_place, child in self._steps(schema):
                if not isinstance(child, Mapping):
                    if in_place:
                        node.in_place_leaves += 1
                    else:
                        node.data_leaves += 1
                    continue
                if id(child) not in self._index:
                    self._number(child)
                    pending.append(child)
                (node.in_place if in_place else node.data).append(self._index[id(child)])

    def _number(self, schema: Mapping[str, Any]) -> None:
        self._index[id(schema)] = len(self._nodes)
        self._schemas.append(schema)
        self._nodes.append(_Node(_own_checks(schema), _own_errors(schema)))

    def _steps(self, schema: Mapping[str, Any]) -> Iterator[tuple[bool, Any]]:
        """Each subschema ``schema`` applies: ``True`` with one applied to the same value, ``False`` to a part of it."""
        yield from ((True, target) for target in self._targets.get(id(schema), ()))
        for keyword in ("$dynamicRef", "$recursiveRef"):
            if keyword in schema:
                yield from ((True, target) for target in self._anchors.get(_anchor_name(keyword, schema[keyword]), ()))
        yield from _subschemas(schema)

    def _walks(self, previous: list[int] | None, errors: bool = False) -> list[int]:
        """For each subschema, the checks (or with ``errors`` the errors) of the walks from it with at
        most ``d`` steps into the data.

        ``previous`` holds those with at most ``d - 1`` steps (``None``: ``d`` is 0). Counted no
        further than :data:`MAX_JUDGING_CHECKS` + 1.
        """
        cap = MAX_JUDGING_CHECKS + 1
        current = [cap] * len(self._nodes)  # a loop in place stays at the cap
        for index in self._order:
            node = self._nodes[index]
            own = node.errors if errors else node.own
            total = own + node.in_place_leaves + sum(current[child] for child in node.in_place)
            if previous is not None:
                total += node.data_leaves + sum(previous[child] for child in node.data)
            current[index] = min(total, cap)
        return current

    def _walks_to(self, depth: int) -> int | None:
        """The checks of the walks from the root with at most ``depth`` steps into the data.

        ``None`` past :data:`MAX_JUDGING_CHECKS`, or deeper than the depth limit where walks go on.
        """
        with self._counting:
            while len(self._by_depth) <= depth and not self._stable and len(self._by_depth) <= _MAX_DEPTH + 1:
                if self._by_depth[-1] > MAX_JUDGING_CHECKS:
                    return None
                self._last = self._walks(self._last)
                self._by_depth.append(self._last[0])
        if self._stable:
            depth = min(depth, len(self._by_depth) - 1)
        if depth >= len(self._by_depth) or self._by_depth[depth] > MAX_JUDGING_CHECKS:
            return None
        return self._by_depth[depth]

    @property
    def _stable(self) -> bool:
        """Whether no walk from the root goes deeper: the last step into the data added none."""
        walks = self._by_depth
        return len(walks) >= 2 and walks[-1] == walks[-2] <= MAX_JUDGING_CHECKS and not self._looped


def _subschemas(schema: Mapping[str, Any]) -> Iterator[tuple[bool, Any]]:
    """The subschemas a schema's own keywords apply (references aside): ``True`` in place, ``False`` into the data."""
    for keyword, value in schema.items():
        kind = _APPLYING.get(keyword)
        if kind is None:
            continue
        in_place, forms = kind
        if "one" in forms and _is_schema(value):
            yield in_place, value
        elif "list" in forms and type(value) is list:
            yield from ((in_place, each) for each in value if _is_schema(each))
        elif "map" in forms and isinstance(value, Mapping):
            yield from ((in_place, each) for each in value.values() if _is_schema(each))


def _is_schema(value: Any) -> bool:
    return type(value) in (dict, bool) or isinstance(value, Mapping)


# Each keyword that applies subschemas: whether to the value itself, and how its value holds them.
_APPLYING: dict[str, tuple[bool, tuple[str, ...]]] = {
    **dict.fromkeys(_IN_PLACE_ONE, (True, ("one",))),
    **dict.fromkeys(_IN_PLACE_LISTS, (True, ("list",))),
    **dict.fromkeys(_IN_PLACE_MAPS, (True, ("map",))),
    **dict.fromkeys(_DATA_ONE, (False, ("one",))),
    **dict.fromkeys(_DATA_MAPS, (False, ("map",))),
    "prefixItems": (False, ("list",)),
    "items": (False, ("one", "list")),  # a list: drafts before 2020-12
}


def _anchor_name(keyword: str, reference: Any) -> str | None:
    """The dynamic anchor a ``$dynamicRef`` may lead to (any subschema with it), or ``""`` for ``$recursiveRef``."""
    if keyword == "$recursiveRef":
        return ""
    if not isinstance(reference, str):
        return None
    fragment = reference.partition("#")[2]
    return fragment if fragment and not fragment.startswith("/") else None


def _dynamic_anchors(documents: Sequence[Any]) -> dict[str | None, list[Any]]:
    """Every subschema a ``$dynamicRef`` or ``$recursiveRef`` might lead to, by anchor (``""``: recursive)."""
    found: dict[str | None, list[Any]] = {}
    seen: set[int] = set()
    stack = list(documents)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Mapping):
            if isinstance(node.get("$dynamicAnchor"), str):
                found.setdefault(node["$dynamicAnchor"], []).append(node)
            if node.get("$recursiveAnchor") is True:
                found.setdefault("", []).append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _children_first(children: Sequence[list[int]]) -> tuple[list[int], bool]:
    """The nodes in an order where each comes after its ``children``; and whether some loop.

    A node on a loop, or leading to one, is left out.
    """
    pending = [len(each) for each in children]
    parents: list[list[int]] = [[] for _ in children]
    for index, each in enumerate(children):
        for child in each:
            parents[child].append(index)
    ready = [index for index, count in enumerate(pending) if count == 0]
    order: list[int] = []
    while ready:
        index = ready.pop()
        order.append(index)
        for parent in parents[index]:
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    return order, len(order) < len(children)


def _values_by_depth(data: Any, limit: int) -> list[int] | None:
    """How many values ``data`` has at each depth, keys counted one level below their mapping
    (``propertyNames`` checks them); ``None`` past ``limit`` values in all.

    The reader's data (and :func:`frontlint.reading.records.as_record`'s) holds dicts and lists;
    any other mapping or list is counted as one too.
    """
    counts: list[int] = []
    level, keys, seen = [data], 0, 0
    while level:
        counts.append(len(level) + keys)
        seen += counts[-1]
        if seen > limit:
            return None
        below: list[Any] = []
        keys = 0
        for value in level:
            kind = type(value)
            if kind in _SCALARS:
                continue
            if kind is dict or isinstance(value, Mapping):
                keys += len(value)
                below.extend(value.values())
            elif kind is list or isinstance(value, (list, tuple)):
                below.extend(value)
        level = below
    return counts


_SCALARS = frozenset({str, int, float, bool, type(None)})


# --- python-jsonschema, metered --------------------------------------------------------


class ChecksSpent(Exception):
    """python-jsonschema was stopped: checking a file took more than :data:`MAX_CHECKS` checks (an ``enum``
    or ``const`` counted once), or more than :data:`MAX_JUDGING_CHECKS` with each of their values counted."""


_METER: ContextVar[list[int] | None] = ContextVar("frontlint_schema_checks_left", default=None)


@contextmanager
def checks_allowed(limit: int = MAX_CHECKS, with_values: int = MAX_JUDGING_CHECKS) -> Iterator[list[int]]:
    """Let a :func:`metered` validator make at most ``limit`` checks in this block, an ``enum`` or ``const``
    counted once (they give one error, and compare their values at C speed), and at most ``with_values``
    with each of their values counted; past either it raises :class:`ChecksSpent`.

    Gives the checks left, ``[limit's, with_values']``, as they are made.
    """
    left = [limit, with_values]
    token = _METER.set(left)
    try:
        yield left
    finally:
        _METER.reset(token)


@functools.lru_cache(maxsize=8)
def metered(validator_class: Any) -> Any:
    """``validator_class`` counting each keyword it calls (see :func:`checks_of_keyword`) within :func:`checks_allowed`."""
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    import jsonschema

    keywords = {
        keyword: _metered(function, keyword in _ONE_ERROR) for keyword, function in validator_class.VALIDATORS.items()
    }
    return jsonschema.validators.extend(validator_class, keywords)  # type: ignore[no-untyped-call]


def _metered(function: Callable[..., Any], one_error: bool) -> Callable[..., Any]:
    def keyword(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        left = _METER.get()
        if left is not None:
            checks = checks_of_keyword(value)
            left[0] -= 1 if one_error else checks
            left[1] -= checks
            if left[0] < 0 or left[1] < 0:
                raise ChecksSpent
        return function(validator, value, instance, schema)

    return keyword
