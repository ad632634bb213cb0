"""Records handed to :func:`frontlint.validate_data`, turned into what a file's front matter gives.

A pipeline holds a record in many forms: a ``dict`` from ``yaml.safe_load``, any other
``Mapping`` (``MappingProxyType``, ``OrderedDict``, its own class), python-frontmatter's
``Post`` (its ``.metadata``), tuples, and the ``datetime`` / ``date`` objects PyYAML makes of
timestamps. :func:`as_record` converts all of it once, here at the edge, so the schema and the
rules see exactly what the reader gives for the same front matter written in a file: dicts with
string keys, lists, and timestamps as the text they stand for.

JSON and YAML front matter have string keys only; a record built in Python may not (``{1: "x"}``,
``{None: ...}``, ``{(1, 2): ...}``). Such a key is reported as ``yaml-key-type`` at the mapping
that holds it, as the reader does for front matter, and the record is checked without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from frontlint.diagnostic import DataPath, PathElement, Problem
from frontlint.reading.limits import Limits, digits_past_limit, long_integer_message
from frontlint.text.shortening import bounded

RULE = "yaml-key-type"
_SHOWN_CHARACTERS = 40

# A node's data path as a chain from the node up to the root, ``(parent's link, key)``
# (``None``: the root): one pair per node, so a walk builds no path longer than one step,
# however deep it goes; :func:`_path` turns a link into a path when a problem needs one.
_Link = tuple[Any, PathElement] | None


def as_record(data: Any, limits: Limits = Limits()) -> tuple[Any, list[Problem]]:
    """Return ``data`` as the reader would give it, and a problem for each non-string key left out.

    - an object that is not a mapping but has a ``.metadata`` mapping (python-frontmatter's
      ``Post``) stands for that mapping;
    - every ``Mapping``, at any depth, becomes a ``dict`` of its string keys (in their order);
      each other key is a ``yaml-key-type`` problem at the mapping's path;
    - every ``list`` and ``tuple`` becomes a ``list``;
    - a ``str``, ``int`` or ``float`` of a subclass (an ``IntEnum``) becomes a plain one;
    - a ``datetime`` or ``date`` becomes its RFC 3339 text (see :func:`timestamp_text`);
    - an integer past Python's digit limit (more than 4,300 digits) raises
      :class:`UnreadableRecord`: no message could show it, and jsonschema-rs takes it as null;
    - anything else is kept as it is.

    ``data`` is not changed: the result is a copy of its containers. Cycles and shared parts
    are copied once (a shared part's key problems are reported where a walk in order first
    meets it); nothing recurses. Containers nested deeper than ``limits.max_nesting_depth``
    (the record itself is the first) raise :class:`UnreadableRecord` with a
    ``yaml-depth-limit`` problem at the first one past the limit, as a file or a JSON Lines
    line nested so deep is reported: jsonschema-rs recursing down 100,000 levels under a
    recursive schema overflows the stack, a crash no ``except`` catches.
    """
    metadata = getattr(data, "metadata", None) if not isinstance(data, Mapping) else None
    if isinstance(metadata, Mapping):
        data = metadata
    problems: list[Problem] = []
    copies: dict[int, Any] = {}
    holder: list[Any] = [None]
    stack: list[tuple[_Link, int, Any, Any, Any]] = [(None, 0, data, holder, 0)]
    while stack:
        link, depth, value, parent, key = stack.pop()
        if not isinstance(value, (Mapping, list, tuple)):
            parent[key] = _scalar(value, link, problems)
            continue
        if depth >= limits.max_nesting_depth:
            message = (
                f"nesting deeper than {limits.max_nesting_depth} levels (max-nesting-depth): the record is not checked"
            )
            raise UnreadableRecord([*problems, Problem("yaml-depth-limit", message, path=_path(link))])
        if id(value) in copies:
            parent[key] = copies[id(value)]
            continue
        parent[key] = copies[id(value)] = copy = _empty_copy(value)
        children = _children(link, value, problems)
        below = depth + 1
        stack.extend(((link, child_key), below, item, copy, child_key) for child_key, item in reversed(children))
    return holder[0], problems


class UnreadableRecord(Exception):
    """A record that cannot be checked: ``problems`` says why, after the key problems found before."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[-1].message)
        self.problems = problems


def timestamp_text(value: date) -> str:
    """The text a timestamp stands for, as RFC 3339 writes it: what a file would hold.

    A ``date`` is ``YYYY-MM-DD``. An aware ``datetime`` is ``YYYY-MM-DDTHH:MM:SS[.ffffff]``
    with its offset, ``Z`` for UTC (PyYAML reads ``Z`` and ``+00:00`` alike, so the two
    cannot be told apart). A naive ``datetime`` (PyYAML's reading of a timestamp written
    without an offset) gets no offset: its text is not an RFC 3339 date-time, exactly as the
    text without an offset in a file is not; assuming UTC would pass a value the file fails.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    text = value.isoformat()
    if value.utcoffset() == timedelta(0):
        return text.removesuffix("+00:00") + "Z"
    return text


def _scalar(value: Any, link: _Link, problems: list[Problem]) -> Any:
    """A scalar as a file gives it: a timestamp's text; a ``str``, ``int`` or ``float`` of a subclass
    (an ``IntEnum``, a string enum) as a plain one, which jsonschema-rs takes; any other value,
    or a timestamp whose ``tzinfo`` fails, as it is (the schema judges its type).

    An integer past Python's digit limit stops the walk: :class:`UnreadableRecord`.
    """
    kind = type(value)
    if kind is str or kind is bool or kind is float or value is None:
        return value
    if isinstance(value, int):  # bool, returned above, is an int too
        digits = digits_past_limit(value)
        if digits is not None:
            message = long_integer_message(digits, "the record")
            raise UnreadableRecord([*problems, Problem("yaml-syntax", message, path=_path(link))])
        return int.__int__(value)  # the plain int of a subclass; its own __int__ is not asked
    if isinstance(value, (str, float)):
        return str.__str__(value) if isinstance(value, str) else float.__float__(value)
    if not isinstance(value, date):
        return value
    try:
        return timestamp_text(value)
    except Exception:  # a tzinfo of the caller's own may raise anything
        return value


def _empty_copy(value: Any) -> Any:
    return {} if isinstance(value, Mapping) else [None] * len(value)


def _children(link: _Link, value: Any, problems: list[Problem]) -> list[tuple[Any, Any]]:
    """The (key, item) of each part of a container; a problem for each non-string key of a mapping (at ``link``'s path)."""
    if not isinstance(value, Mapping):
        return list(enumerate(value))
    children = []
    for key, item in value.items():
        if isinstance(key, str):
            children.append((key, item))
        else:
            problems.append(Problem(RULE, _message(key), path=_path(link)))
    return children


def _path(link: _Link) -> DataPath:
    """The data path a link stands for, built only when a problem needs it."""
    elements: list[PathElement] = []
    while link is not None:
        link, element = link
        elements.append(element)
    return tuple(reversed(elements))


def _message(key: Any) -> str:
    try:
        shown = repr(key)
    except Exception:  # a key object whose repr fails still gets its diagnostic
        shown = f"<{type(key).__name__} object>"
    return f"key {bounded(shown, _SHOWN_CHARACTERS)} is {type(key).__name__}, not a string: keys must be strings, as in JSON and YAML front matter"
