"""One file's data as the rules read it: its fields found through the schema, walked once per file, read defensively.

The engine builds one :class:`ArticleView` per file, with the :class:`~frontlint.schema.field_plan.FieldPlan`
of the schema that applies to the file, and hands it to every rule in its
:class:`~frontlint.rule_support.base.RuleContext`. The data is walked beside the plan once, on first
use, and the walk is shared by the rules that follow. A rule never names a key: it asks for the
values the schema marks with a role (``x-frontlint-role``) or a format. Every walk accepts data of
any shape and holds only what is there; nothing raises on a wrong type (the schema reports those).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeGuard

from frontlint.diagnostic import DataPath
from frontlint.schema.contract import load_schema
from frontlint.schema.field_plan import URL_FORMATS, FieldPlan

# Deeper than this, the walk goes no further (the reader's own depth limit is lower).
MAX_DEPTH = 100

Values = Sequence[tuple[DataPath, Any]]


class Field(NamedTuple):
    """One value the schema marks: where it is, the value as written (of any type), its plan, and its entry's index."""

    path: DataPath
    value: Any
    plan: FieldPlan
    entry: int


class Entry(NamedTuple):
    """The file's own data (index 0, at path ``()``) or one related entry: the mapping, and its marked values by role.

    ``roles`` maps each role to the first value marked with it in the entry (not in an entry
    nested in it): ``(path, value)``. ``plan`` is what the schema says of the entry's mapping.
    """

    path: DataPath
    data: Mapping[str, Any]
    roles: dict[str, tuple[DataPath, Any]]
    plan: FieldPlan

    def role(self, name: str) -> tuple[DataPath, Any] | None:
        """The path and value of the entry's field marked ``name``, or ``None`` when it has none."""
        return self.roles.get(name)

    def key_for(self, name: str) -> str | None:
        """The key the schema marks ``name`` in the entry's own mapping, whether the entry has it or not."""
        return next((key for key, plan in self.plan.properties.items() if name in plan.roles), None)


@functools.lru_cache(maxsize=1)
def article_plan() -> FieldPlan:
    """The plan of the bundled article contract: the view's plan when none is given (a rule's unit test)."""
    return load_schema("article").field_plan


class ArticleView:
    """The walk over one file's data that the rules share, done once, when first read.

    Each sequence is in document order, the file's own values before its related entries'; the
    view never changes ``data``, and a rule must not either.
    """

    def __init__(self, data: Any, plan: FieldPlan | None = None) -> None:
        self.data = data
        self.plan = plan if plan is not None else article_plan()
        self._walked = False
        self._fields: list[Field] = []
        self._entries: list[Entry] = []

    def _walk(self) -> None:
        if not self._walked:
            self._walked = True
            if _is_mapping(self.data):
                self._entries.append(Entry((), self.data, {}, self.plan))
                if self.plan.marks_below:
                    _walk(self, self.data, (), self.plan, 0, 0)

    @functools.cached_property
    def fields(self) -> Sequence[Field]:
        """Every value the schema marks with a role or a URL or date format, the file's own first."""
        self._walk()
        return sorted(self._fields, key=lambda field: field.entry)

    @functools.cached_property
    def entries(self) -> Sequence[Entry]:
        """The file's own data (at path ``()``) and then each mapping in a list marked ``related``."""
        self._walk()
        return tuple(self._entries)

    @functools.cached_property
    def images(self) -> Sequence[tuple[DataPath, Mapping[str, Any]]]:
        """Every mapping the schema marks as an ``image``."""
        return tuple(
            (field.path, field.value)
            for field in self.fields
            if "image" in field.plan.roles and _is_mapping(field.value)
        )

    @functools.cached_property
    def url_fields(self) -> Values:
        """Every value whose schema says its format is a URL (``uri``, ``iri`` and their ``-reference`` forms), whatever its type."""
        return tuple((field.path, field.value) for field in self.fields if field.plan.formats & URL_FORMATS)

    @functools.cached_property
    def reference_paths(self) -> frozenset[DataPath]:
        """The URL fields whose format is only ``uri-reference`` or ``iri-reference``: a site-relative URL is right there."""
        return frozenset(
            field.path
            for field in self.fields
            if field.plan.formats & URL_FORMATS and not field.plan.formats & _ABSOLUTE
        )

    @functools.cached_property
    def text_fields(self) -> Sequence[Field]:
        """Every value marked ``title`` or ``summary``, the file's own first."""
        return tuple(field for field in self.fields if field.plan.roles & _TEXT_ROLES)

    @functools.cached_property
    def related_web_urls(self) -> Sequence[tuple[DataPath, str]]:
        """The ``page-url`` of each related entry that has one: a string, not blank (empty ones are the schema's business)."""
        found = []
        for entry in self.entries[1:]:
            page = entry.role("page-url")
            if page is not None and isinstance(page[1], str) and page[1].strip():
                found.append((page[0], page[1]))
        return tuple(found)


_TEXT_ROLES = frozenset({"title", "summary"})
_ABSOLUTE = frozenset({"uri", "iri"})


def _is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    return type(value) is dict or isinstance(value, Mapping)  # the cheap test first: it is a dict


def _walk(view: ArticleView, node: Any, path: DataPath, plan: FieldPlan, entry: int, depth: int) -> None:
    """Walk ``node`` beside its plan in document order, noting each marked value and each related entry."""
    if depth >= MAX_DEPTH:
        return
    if _is_mapping(node):
        steps: Any = ((key, value, plan.child(key)) for key, value in node.items() if isinstance(key, str))
    elif isinstance(node, list):
        steps = ((index, value, plan.item(index)) for index, value in enumerate(node))
    else:
        return
    related = "related" in plan.roles and isinstance(node, list)
    for step, value, child in steps:
        if child is None or not child.marks_below:
            continue
        child_path = path + (step,)
        child_entry = entry
        if related and _is_mapping(value):
            child_entry = len(view._entries)
            view._entries.append(Entry(child_path, value, {}, child))
        if child.marked:
            view._fields.append(Field(child_path, value, child, child_entry))
            roles = view._entries[child_entry].roles
            for role in child.roles:
                roles.setdefault(role, (child_path, value))
        if type(value) in (dict, list) or isinstance(value, (Mapping, list)):
            _walk(view, value, child_path, child, child_entry, depth + 1)
