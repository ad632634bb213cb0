"""What a schema says of each place in the data, compiled once per schema: the plan the rules find their fields by.

A :class:`FieldPlan` stands for one place in the data (the front matter itself, a key's value,
a list's items) and holds what every subschema that applies there says of it: the roles it is
marked with (``x-frontlint-role``, see :data:`ROLES`), its ``format``, whether ``null`` or an empty
string is a value the schema allows, the keys it knows, and the plans of its keys and items.

The schema is walked once (:func:`compile_plan`): ``properties``, ``patternProperties``,
``additionalProperties``, ``items``/``prefixItems``, references (``$ref``, ``$dynamicRef``, to other
files too) and the in-place keywords. ``allOf``, ``anyOf``, ``oneOf``, ``then``, ``else`` and
``dependentSchemas`` are read conservatively: what any branch says counts (``if`` and ``not``
describe no value, and are not read). A recursive reference gives a plan that refers to itself; a
schema too large for :data:`MAX_PLANS` (or :data:`MAX_STEPS` steps) places, or a subschema too wide for :data:`MAX_IN_PLACE`,
is read as far as the limit and no further: nothing a schema holds makes this raise or loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

ROLE_KEYWORD = "x-frontlint-role"

# Each role a schema can give a value, and what it means; the rules that read it are named in
# the README ("How rules find their fields") and in schemas/frontlint-vocabulary.schema.json.
ROLES: dict[str, str] = {
    "published": "when the entry was published: a date or date-time",
    "page-url": "the entry's own page (canonical URL)",
    "source-url": "where the entry was first published (the original publisher's page)",
    "amp-url": "the URL of the entry's AMP page",
    "amp-cache-url": "the Google AMP Cache URL of the entry's AMP page",
    "title": "the entry's headline or title",
    "summary": "the entry's summary or excerpt",
    "image": "an image: an object with the image's url, width and height",
    "related": "a list of related entries: other articles, each an object marked like the article",
    "provider-domain": "the host name of the entry's publisher: its page and source URLs are on it",
    "secured": "an encrypted payload written '<base64 ciphertext>;<base64 IV>'",
}

URL_FORMATS = frozenset({"uri", "iri", "uri-reference", "iri-reference"})
REFERENCE_FORMATS = frozenset({"uri-reference", "iri-reference"})
DATE_FORMATS = frozenset({"date", "date-time"})

# At most this many places are planned for one schema, this many subschemas read for one place, and
# this many steps taken in all (a subschema read, a place looked up): a small schema that refers to
# its large parts from many places cannot make the planning slow.
MAX_PLANS = 2000
MAX_IN_PLACE = 256
MAX_STEPS = 100_000

_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_ONE = ("then", "else")
_REFERENCES = ("$ref", "$dynamicRef", "$recursiveRef")


class FieldPlan:
    """What the schema says of one place in the data (see the module's docstring).

    ``properties`` maps each key the schema describes to its plan; ``patterns`` holds
    ``(matcher, plan)`` for ``patternProperties``; ``additional`` is the plan of any other key
    (``None``: nothing is said of it). ``items`` is the plan of a list's items, ``prefix_items``
    of its first ones. ``closed`` says other keys are errors (``additionalProperties: false``);
    ``required`` names the keys that must be there. ``marked`` says the place has a role or a
    URL or date format; ``marks_below`` that it or a place under it has; ``open_below`` that a
    mapping here or under it lists keys and accepts others (where a misspelt key is silent).
    """

    __slots__ = (
        "additional",
        "allows_empty_string",
        "allows_null",
        "closed",
        "formats",
        "items",
        "marked",
        "marks_below",
        "open_below",
        "patterns",
        "prefix_items",
        "properties",
        "required",
        "roles",
    )

    def __init__(self) -> None:
        self.properties: dict[str, FieldPlan] = {}
        self.patterns: list[tuple[Callable[[str], bool | None], FieldPlan]] = []
        self.additional: FieldPlan | None = None
        self.items: FieldPlan | None = None
        self.prefix_items: list[FieldPlan] = []
        self.roles: frozenset[str] = frozenset()
        self.formats: frozenset[str] = frozenset()
        self.allows_null = False
        self.allows_empty_string = False
        self.closed = False
        self.required: frozenset[str] = frozenset()
        self.marked = False
        self.marks_below = False
        self.open_below = False

    def child(self, key: str) -> FieldPlan | None:
        """The plan of the value of ``key`` in a mapping planned here, or ``None`` when the schema says nothing of it."""
        found = self.properties.get(key)
        if found is not None:
            return found
        for matches, plan in self.patterns:
            if matches(key):
                return plan
        return self.additional

    def item(self, index: int) -> FieldPlan | None:
        """The plan of the item at ``index`` in a list planned here."""
        return self.prefix_items[index] if index < len(self.prefix_items) else self.items

    def knows(self, key: str) -> bool:
        """Tell whether the schema describes ``key`` here by name or by one of its patterns."""
        return key in self.properties or any(matches(key) for matches, _ in self.patterns)

    def at(self, path: Iterable[Any]) -> FieldPlan | None:
        """The plan of the place at a data path under this one, or ``None`` where the schema says nothing."""
        plan: FieldPlan | None = self
        for step in path:
            if plan is None:
                return None
            plan = plan.item(step) if isinstance(step, int) else plan.child(str(step))
        return plan


EMPTY_PLAN = FieldPlan()


def compile_plan(
    document: Any,
    references: Mapping[int, list[Any]],
    matcher: Callable[[str], Callable[[str], bool | None]],
) -> FieldPlan:
    """Compile the plan of a schema ``document`` (see the module's docstring).

    ``references`` gives what each reference leads to, by the ``id`` of the subschema holding it
    (:func:`frontlint.schema.loading.reference_targets`); ``matcher`` turns a pattern into a
    function telling whether a key matches it.
    """
    return _Compiler(references, matcher).compile(document)


class _Compiler:
    """One schema's plans as they are made: one per set of subschemas that apply at a place."""

    def __init__(
        self, references: Mapping[int, list[Any]], matcher: Callable[[str], Callable[[str], bool | None]]
    ) -> None:
        self.references = references
        self.matcher = matcher
        self.plans: dict[tuple[int, ...], FieldPlan] = {}
        self.pending: list[tuple[FieldPlan, list[Mapping[str, Any]]]] = []
        self.keep: list[Any] = []  # the subschemas whose ids key the plans stay alive while planning
        self.steps = 0

    def compile(self, document: Any) -> FieldPlan:
        root = self.plan_of([document])
        done = 0
        while done < len(self.pending):  # in the order found: the places nearest the root first
            plan, subschemas = self.pending[done]
            self.fill(plan, subschemas)
            done += 1
        _settle_flags(list(self.plans.values()))
        return root

    def plan_of(self, subschemas: list[Any]) -> FieldPlan:
        """The plan of a place the ``subschemas`` apply to (with their in-place subschemas), made once."""
        self.steps += 1
        if self.steps >= MAX_STEPS:
            return EMPTY_PLAN
        expanded = self.in_place(subschemas)
        key = tuple(sorted(id(each) for each in expanded))
        found = self.plans.get(key)
        if found is not None:
            return found
        if len(self.plans) >= MAX_PLANS:
            return EMPTY_PLAN
        plan = self.plans[key] = FieldPlan()
        self.keep.append(expanded)
        self.pending.append((plan, expanded))
        return plan

    def in_place(self, subschemas: list[Any]) -> list[Mapping[str, Any]]:
        """The subschemas and every subschema they apply in place (references followed), each once."""
        found: list[Mapping[str, Any]] = []
        seen: set[int] = set()
        stack = list(reversed(subschemas))
        while stack and len(found) < MAX_IN_PLACE:
            each = stack.pop()
            if not isinstance(each, Mapping) or id(each) in seen:
                continue
            seen.add(id(each))
            found.append(each)
            self.steps += 1
            nested: list[Any] = []
            if any(keyword in each for keyword in _REFERENCES):
                nested.extend(self.references.get(id(each), ()))
            for keyword in _IN_PLACE_LISTS:
                if isinstance(each.get(keyword), list):
                    nested.extend(each[keyword])
            nested.extend(each.get(keyword) for keyword in _IN_PLACE_ONE)
            dependent = each.get("dependentSchemas")
            if isinstance(dependent, Mapping):
                nested.extend(dependent.values())
            stack.extend(reversed(nested))
        return found

    def fill(self, plan: FieldPlan, subschemas: list[Mapping[str, Any]]) -> None:
        """Set what ``subschemas`` say of one place, and plan the places under it (nothing once the steps are spent)."""
        if self.steps >= MAX_STEPS:
            return
        properties: dict[str, list[Any]] = {}
        patterns: dict[str, list[Any]] = {}
        additional: list[Any] = []
        items: list[Any] = []
        prefix: list[list[Any]] = []
        for each in subschemas:
            _read_marks(plan, each)
            for name, subschema in _mapping(each.get("properties")).items():
                properties.setdefault(str(name), []).append(subschema)
            for pattern, subschema in _mapping(each.get("patternProperties")).items():
                patterns.setdefault(str(pattern), []).append(subschema)
            for keyword, into in (("additionalProperties", additional), ("items", items)):
                if isinstance(each.get(keyword), Mapping):
                    into.append(each[keyword])
            if each.get("additionalProperties") is False or each.get("unevaluatedProperties") is False:
                plan.closed = True
            prefix_items = each.get("prefixItems")
            for index, subschema in enumerate(prefix_items if isinstance(prefix_items, list) else ()):
                if index == len(prefix):
                    prefix.append([])
                prefix[index].append(subschema)
        plan.properties = {name: self.plan_of(found) for name, found in properties.items()}
        plan.patterns = [(self.matcher(pattern), self.plan_of(found)) for pattern, found in patterns.items()]
        plan.additional = self.plan_of(additional) if additional else None
        plan.items = self.plan_of(items) if items else None
        plan.prefix_items = [self.plan_of(found) for found in prefix]
        if plan.closed:
            plan.additional = None


def _read_marks(plan: FieldPlan, subschema: Mapping[str, Any]) -> None:
    """Add what one subschema says of its value itself to the plan: roles, formats, nulls, required keys."""
    role = subschema.get(ROLE_KEYWORD)
    if isinstance(role, str) and role in ROLES:
        plan.roles |= {role}
    form = subschema.get("format")
    if isinstance(form, str):
        plan.formats |= {form}
    types = subschema.get("type")
    if types == "null" or (isinstance(types, list) and "null" in types):
        plan.allows_null = True
    allowed = [subschema["const"]] if "const" in subschema else []
    if isinstance(subschema.get("enum"), list):
        allowed.extend(subschema["enum"])
    if any(value is None for value in allowed):
        plan.allows_null = True
    if any(value == "" for value in allowed if isinstance(value, str)):
        plan.allows_empty_string = True
    required = subschema.get("required")
    if isinstance(required, list):
        plan.required |= {name for name in required if isinstance(name, str)}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _children(plan: FieldPlan) -> list[FieldPlan]:
    found = [*plan.properties.values(), *(each for _, each in plan.patterns), *plan.prefix_items]
    found.extend(each for each in (plan.additional, plan.items) if each is not None)
    return found


def _settle_flags(plans: list[FieldPlan]) -> None:
    """Work out ``marked``, ``marks_below`` and ``open_below`` of every plan (plans may refer to themselves)."""
    parents: dict[int, list[FieldPlan]] = {}
    for plan in plans:
        plan.marked = plan.marks_below = bool(plan.roles) or bool(plan.formats & (URL_FORMATS | DATE_FORMATS))
        plan.open_below = bool(plan.properties) and not plan.closed
        for child in _children(plan):
            parents.setdefault(id(child), []).append(plan)
    for flag in ("marks_below", "open_below"):  # each flag rises from the places that have it to those above
        stack = [plan for plan in plans if getattr(plan, flag)]
        while stack:
            for parent in parents.get(id(stack.pop()), ()):
                if not getattr(parent, flag):
                    setattr(parent, flag, True)
                    stack.append(parent)
