"""Loading a JSON Schema contract and turning its validation errors into problems."""

from __future__ import annotations

import functools
import json
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from frontlint.diagnostic import DataPath, Problem
from frontlint.schema.bundled import BUNDLED_SCHEMAS, DEFAULT_SCHEMA, bundled_text
from frontlint.schema.complexity import (
    MAX_CHECKS,
    MAX_JUDGING_CHECKS,
    ChecksSpent,
    SchemaShape,
    checks_allowed,
    metered,
)
from frontlint.schema.fast_validator import (
    PATTERN_NOT_CHECKED,
    CompiledSchema,
    compile_schema,
    pattern_matcher,
    pointer_steps,
)
from frontlint.schema.field_plan import FieldPlan, compile_plan
from frontlint.schema.format_checkers import format_checker
from frontlint.schema.loading import (
    SchemaError,
    check_against_metaschema,
    check_data_shape,
    check_document,
    offline_registry,
    read_schema_files,
    reference_targets,
    schema_locations,
)
from frontlint.schema.pattern_keywords import additional_keys, safe_patterns
from frontlint.text.shortening import (
    bounded,
    json_literals_first,
    json_literals_last,
    short,
    short_json,
    shown,
    shown_json,
    whole_json,
)

if TYPE_CHECKING:  # python-jsonschema is imported only when a file needs explaining
    from jsonschema.protocols import Validator


__all__ = [
    "BUNDLED_SCHEMAS",
    "DEFAULT_SCHEMA",
    "Schema",
    "SchemaError",
    "load_schema",
    "schema_from_document",
    "schema_problems",
]


class Schema:
    """A loaded JSON Schema, compiled once and reused for every file.

    ``resources`` are the documents its references reach, by URI (``None`` for a schema not read from a file).
    ``compiled`` is the schema compiled by jsonschema-rs, bundled or from a file (with the
    files it references): most files are valid, and ``is_valid`` says so in a few
    hundredths of a millisecond; it also lists the errors of the others. python-jsonschema
    (``validator``, built when first needed) explains only what jsonschema-rs cannot take
    in or place, and every file where jsonschema-rs is not installed. Both use the same
    format functions; the tests check that they agree on a corpus.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        source: str,
        make_validator: Callable[[], Validator],
        compiled: CompiledSchema | None = None,
        resources: Mapping[str, Any] | None = None,
        shape: SchemaShape | None = None,
    ) -> None:
        self.document = document
        self.source = source
        self.resources = resources
        self.compiled = compiled
        self.is_valid: Callable[[Any], bool] | None = compiled.is_valid if compiled is not None else None
        self._make_validator = make_validator
        self._shape = shape

    def __repr__(self) -> str:
        return f"Schema(source={self.source!r})"

    @functools.cached_property
    def validator(self) -> Validator:
        """The python-jsonschema validator, with frontlint's format checker."""
        return self._make_validator()

    @functools.cached_property
    def field_plan(self) -> FieldPlan:
        """What the schema says of each place in the data, for the rules (:mod:`frontlint.schema.field_plan`), compiled when first needed."""
        return compile_plan(self.document, reference_targets(self.document, self.resources or {}), pattern_matcher)

    @property
    def shape(self) -> SchemaShape:
        """The checks the schema can ask for (see :mod:`frontlint.schema.complexity`), worked out when first needed."""
        if self._shape is None:
            self._shape = shape_of(self.document, self.resources)
        return self._shape


def shape_of(document: Any, resources: Mapping[str, Any] | None) -> SchemaShape:
    """The :class:`SchemaShape` of a schema document and the files it references."""
    resources = resources or {}
    return SchemaShape(
        document,
        list(resources.values()),
        reference_targets(document, resources),
        schema_locations(document, resources),
    )


def load_schema(name_or_path: str | Path = DEFAULT_SCHEMA) -> Schema:
    """Load a bundled schema by name (``"article"``) or a JSON or YAML schema file by path.

    A schema file's references may reach only files beside it, and are all checked here
    (see :mod:`frontlint.schema.loading`). Raises :class:`SchemaError` when a file cannot be
    read or is not a valid schema, or a reference is not allowed or leads nowhere.
    """
    if isinstance(name_or_path, str) and name_or_path in BUNDLED_SCHEMAS:
        document = json.loads(bundled_text(name_or_path))
        # The bundled contracts are checked against the metaschema by the tests, not at every start.
        return Schema(
            document, f"bundled:{name_or_path}", lambda: _python_validator(document), compile_schema(document)
        )
    path = Path(name_or_path)
    files = read_schema_files(path)
    return schema_from_document(files.document, source=str(path), resources=files.resources)


def schema_from_document(document: Any, source: str = "<schema>", resources: Mapping[str, Any] | None = None) -> Schema:
    """Build a :class:`Schema` from an already-parsed schema document (Draft 2020-12 by default).

    ``resources`` are the documents its references reach, by URI (see :func:`load_schema`);
    nothing else is ever fetched.
    """
    if not isinstance(document, (Mapping, bool)):
        raise SchemaError(f"{source}: a schema must be a mapping, not {type(document).__name__}")
    if resources is None:  # a schema from a file was checked, references too, as it was read
        check_data_shape(document, source)
        check_against_metaschema(document, source)
        resources = check_document(document, source)
    shape = shape_of(document, resources)
    too_complex = shape.too_complex()
    if too_complex is not None:  # before jsonschema-rs is given it
        raise SchemaError(f"{source}: {shown(too_complex)} is too complex: {_TOO_COMPLEX_PART}")
    try:
        compiled = compile_schema(document, resources) if isinstance(document, Mapping) else None
    except ValueError as error:  # jsonschema-rs rejects it: a reference, a pattern, a metaschema
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SchemaError(f"{source}: not a usable JSON Schema: {bounded(first_line)}") from None
    return Schema(
        document if isinstance(document, Mapping) else {},
        source,
        lambda: _python_validator(document, resources),
        compiled,
        resources,
        shape,
    )


_TOO_COMPLEX_PART = (
    f"checking one value against it would take more than {MAX_CHECKS:,} checks (each keyword, and each item "
    "of its value, counted every time anyOf, oneOf, allOf or a reference leads to it; an enum or a const once, "
    f"or each of its values within {MAX_JUDGING_CHECKS:,})"
)


def _python_validator(document: Any, resources: Mapping[str, Any] | None = None) -> Validator:
    """python-jsonschema's validator for ``document`` (Draft 2020-12 by default), with frontlint's formats.

    It matches patterns with jsonschema-rs's engine, as the compiled check does, never with
    Python's backtracking ``re``; a schema from a file resolves references in its own
    registry, which fetches nothing.
    """
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    import jsonschema

    validator_class = frontlint_validator_class(
        jsonschema.validators.validator_for(document, default=jsonschema.Draft202012Validator)
    )
    registry = offline_registry(document, resources or {})
    own_id = document.get("$id") if isinstance(document, Mapping) else None
    # A schema file's "$id" is its own URI, the base of its references. Drafts 4 to 7 ignore
    # an "$id" beside a "$ref" (a root that is a reference to a sibling), so it is given
    # to the resolver (jsonschema's keyword since 4.18) rather than left to be found there.
    resolver = {"_resolver": registry.resolver(base_uri=own_id)} if resources and isinstance(own_id, str) else {}
    validator: Validator = validator_class(document, format_checker=format_checker(), registry=registry, **resolver)
    return validator


@functools.lru_cache(maxsize=8)
def frontlint_validator_class(dialect: Any) -> Any:
    """python-jsonschema's class for ``dialect`` with JSON's numbers, the safe pattern engine and the meter.

    So it stays in every subschema: python-jsonschema picks the class of a subschema by the
    ``$schema`` it names (a ``$ref`` to a root naming its dialect), which left all three.
    """
    validator_class = metered(safe_patterns(json_numbers(dialect)))
    validator_class.evolve = _evolve_as_frontlint
    return validator_class


def _evolve_as_frontlint(validator: Any, **changes: Any) -> Any:
    """``validator.evolve(**changes)``, into frontlint's class of the dialect the new schema names."""
    # deferred: attrs and python-jsonschema cost 22 and 59 ms; a run imports them only when a file or a schema needs them (the compiled check does the rest)
    import attrs
    import jsonschema

    schema = changes.setdefault("schema", validator.schema)
    dialect = jsonschema.validators.validator_for(schema, default=type(validator))
    new_class = type(validator) if dialect is type(validator) else frontlint_validator_class(dialect)
    for field in attrs.fields(type(validator)):
        if field.init and field.alias not in changes:
            changes[field.alias] = getattr(validator, field.name)
    return new_class(**changes)


@functools.lru_cache(maxsize=8)
def json_numbers(validator_class: Any) -> Any:
    """``validator_class`` whose ``number`` is a real number, as JSON's is: not a ``complex``.

    python-jsonschema takes any :class:`numbers.Number` for a number, then compares it for
    ``minimum``; a ``complex`` handed to :func:`frontlint.validate_data` raised ``TypeError``
    there. Now it is a value of the wrong type, as a ``set`` is.
    """
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    import jsonschema

    def is_number(checker: Any, instance: Any) -> bool:
        return isinstance(instance, numbers.Real) and not isinstance(instance, bool)

    return jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        validator_class, type_checker=validator_class.TYPE_CHECKER.redefine("number", is_number)
    )


class SchemaErrorView(Protocol):
    """What the explanations read of a validation error, python-jsonschema's or jsonschema-rs's."""

    @property
    def validator(self) -> Any: ...  # the keyword
    @property
    def validator_value(self) -> Any: ...
    @property
    def schema(self) -> Any: ...  # the (sub)schema holding the keyword
    @property
    def absolute_schema_path(self) -> Iterable[Any]: ...
    @property
    def absolute_path(self) -> Sequence[Any]: ...
    @property
    def instance(self) -> Any: ...
    @property
    def message(self) -> str: ...
    @property
    def context(self) -> Sequence[SchemaErrorView]: ...  # the errors of the alternatives of anyOf / oneOf


# Keywords that judge a value as a whole. Where several fail on one node, one problem is
# reported for it, by this order: the first says the most.
_VALUE_KEYWORDS = (
    "type",
    "const",
    "enum",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
)


def schema_problems(schema: Schema, data: Any) -> list[Problem]:
    """Validate ``data`` and return one problem per violation, each at the node it concerns.

    jsonschema-rs judges a file only when its checks are surely within
    :data:`~frontlint.schema.complexity.MAX_JUDGING_CHECKS`, and explains it only within
    :data:`MAX_CHECKS` (see :mod:`frontlint.schema.complexity`);
    python-jsonschema, metered, does the rest, and past :data:`MAX_CHECKS` checks the file
    has one problem at its top.
    """
    compiled, shape = schema.compiled, schema.shape
    bound = None if shape.tame else shape.checks_bound(data)  # None: more than jsonschema-rs may judge
    judged = compiled is not None and (shape.tame or bound is not None)
    if compiled is not None and judged and compiled.is_valid(data):
        return []
    if shape.tame:
        bound = shape.checks_bound(data)
    explainable = bound is not None and bound <= MAX_CHECKS
    errors: Iterable[SchemaErrorView] | None = compiled.errors(data) if compiled is not None and explainable else None
    if errors is None or not all(_worded_here(error) for error in errors):
        found = _python_errors(schema, data, judged)
        if isinstance(found, Problem):
            return [found]
        errors = found
    problems: list[Problem] = []
    best_for_value: dict[DataPath, tuple[int, Problem]] = {}
    for error in errors:
        for problem in _explain(error, schema.document):
            rank = value_rank(problem)
            if rank is None:
                problems.append(problem)
            elif problem.path not in best_for_value or rank < best_for_value[problem.path][0]:
                best_for_value[problem.path] = (rank, problem)
    return problems + [problem for _, problem in best_for_value.values()]


def _python_errors(schema: Schema, data: Any, judged_invalid: bool) -> list[SchemaErrorView] | Problem:
    """python-jsonschema's errors of ``data``, within :data:`MAX_CHECKS` checks; or the one problem saying why not."""
    found: list[SchemaErrorView] = []
    try:
        with checks_allowed():
            found.extend(schema.validator.iter_errors(data))
    except RecursionError:  # references within references, each level of the data deeper
        return Problem("schema/$ref", TOO_DEEP_TO_EXPLAIN)
    except ChecksSpent:
        return Problem("schema/$ref", TOO_COMPLEX_TO_EXPLAIN if judged_invalid or found else TOO_COMPLEX_TO_CHECK)
    return found


TOO_DEEP_TO_EXPLAIN = (
    "the schema does not fit this front matter, and its references nest too deeply "
    "(at each level of the data) to say where"
)
TOO_COMPLEX_TO_CHECK = (
    f"the front matter could not be checked against the schema: that would take more than {MAX_CHECKS:,} checks "
    "(its anyOf, oneOf, allOf or references lead to the same subschemas again and again)"
)
TOO_COMPLEX_TO_EXPLAIN = (
    f"the schema does not fit this front matter, and saying where would take more than {MAX_CHECKS:,} checks"
)

# The keywords whose messages frontlint writes itself (for others, the validator's message
# is shown, and python-jsonschema's is the one the tests know).
_WORDED_HERE = frozenset(
    {
        "additionalProperties",
        "unevaluatedProperties",
        "required",
        "dependentRequired",
        "type",
        "format",
        "enum",
        "const",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "false",
    }
)


def _worded_here(error: SchemaErrorView) -> bool:
    """Whether frontlint words the problem of ``error`` itself, whichever validator found it."""
    if error.validator in ("anyOf", "oneOf"):
        return bool(error.context) and all(_worded_here(alternative) for alternative in error.context)
    return error.validator in _WORDED_HERE


def value_rank(problem: Problem) -> int | None:
    """Rank of a problem that judges a value as a whole (lower says more); None for others."""
    keyword = problem.rule.partition("/")[2]
    if problem.at_key or keyword not in _VALUE_KEYWORDS:
        return None
    return _VALUE_KEYWORDS.index(keyword)


def _explain(error: SchemaErrorView, root: Mapping[str, Any]) -> Iterator[Problem]:
    """Yield the problems one validation error stands for, with messages that say what to do."""
    # python-jsonschema's keyword for a ``false`` subschema is None (and its path is lost).
    keyword = "false" if error.validator is None else str(error.validator)
    path: DataPath = tuple(error.absolute_path)
    if keyword in ("anyOf", "oneOf") and error.context:
        yield from _explain(deepest_error(error), root)
        return
    rule = f"schema/{keyword}"
    instance: Any = error.instance
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, Mapping):
        known = sorted((error.schema.get("properties") or {}) if isinstance(error.schema, Mapping) else ())
        for key in _unexpected_keys(error):
            yield Problem(rule, f"unknown key {short(key)}{_suggestion(key, known)}", path=path + (key,), at_key=True)
        return
    if keyword == "required" and isinstance(instance, Mapping):
        # A compiled error knows the document its schema path is in (a referenced file's, say).
        yield Problem(rule, _required_message(error, getattr(error, "document", None) or root), path=path)
        return
    if keyword == "dependentRequired" and isinstance(instance, Mapping):
        requirements: Any = error.validator_value
        for key, needed in requirements.items():
            absent = [name for name in needed if key in instance and name not in instance]
            if absent:
                names = ", ".join(shown(name) for name in absent)
                yield Problem(rule, f"{key!r} requires {names} alongside it", path=path + (key,), at_key=True)
        return
    yield Problem(rule, _value_message(error), path=path)


def deepest_error(error: SchemaErrorView) -> SchemaErrorView:
    """Pick the most useful error among an ``anyOf``/``oneOf`` error's alternatives.

    A branch whose very type does not fit the value says little ("expected string"); among
    the others, the error deepest in the data points closest to what is wrong.
    """
    depth = len(error.absolute_path)

    def usefulness(candidate: SchemaErrorView) -> tuple[bool, int]:
        shape_mismatch = candidate.validator == "type" and len(candidate.absolute_path) == depth
        return (not shape_mismatch, len(candidate.absolute_path))

    return max(error.context, key=usefulness)


def _unexpected_keys(error: SchemaErrorView) -> list[str]:
    return additional_keys(cast(Mapping[str, Any], error.instance), error.schema)


def _suggestion(key: str, known: list[str]) -> str:
    close = closest(key, known)
    return f"; did you mean {shown(close)}?" if close is not None else ""


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``name`` is most likely a misspelling of (letter case aside), or ``None``."""
    # deferred: difflib costs 1.1 ms, needed only on a file with a problem
    from difflib import get_close_matches

    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    close = get_close_matches(name.casefold(), list(by_folded), n=1, cutoff=0.75)
    return by_folded[close[0]] if close else None


def _required_message(error: SchemaErrorView, root: Mapping[str, Any]) -> str:
    # jsonschema yields one error per missing property, naming it first in its message.
    name = error.message.split(" is a required property")[0]
    return f"missing required key {bounded(name)}{_condition(error, root)}{_misspelt_as(name, error, root)}"


def _misspelt_as(shown_name: str, error: SchemaErrorView, root: Mapping[str, Any]) -> str:
    """Name a key of the data that looks like a misspelling of a missing required key.

    Where the schema allows keys it does not describe (the article contract's top level
    does: sites add their own), a misspelt key is no error of its own; the missing key's
    problem names it. Where unknown keys are errors, their own problem already does.
    """
    holder = error.schema if isinstance(error.schema, Mapping) else {}
    if holder.get("additionalProperties") is False or holder.get("unevaluatedProperties") is False:
        return ""
    required: Any = error.validator_value
    names = (
        [each for each in required if isinstance(each, str) and repr(each) == shown_name]
        if isinstance(required, list)
        else []
    )
    instance: Any = error.instance
    if not names or not isinstance(instance, Mapping):
        return ""
    described = {*_property_names(holder), *_property_names(root)}
    unknown = [key for key in instance if isinstance(key, str) and key not in described]
    close = closest(names[0], unknown)
    return f"; is {short(close)} a misspelling of it?" if close is not None else ""


def _property_names(schema: Mapping[str, Any]) -> Iterable[str]:
    properties = schema.get("properties")
    return properties.keys() if isinstance(properties, Mapping) else ()


def _condition(error: SchemaErrorView, root: Mapping[str, Any]) -> str:
    """Say why a key is required when the requirement comes from an ``if``/``then``."""
    schema_path = list(error.absolute_schema_path)
    if len(schema_path) < 2 or schema_path[-2] != "then":
        return ""
    condition = _walk(root, schema_path[:-2] + ["if"])
    properties = condition.get("properties", {}) if isinstance(condition, Mapping) else {}
    constants = [
        f"{name} is {whole_json(rule['const'])}"
        for name, rule in properties.items()
        if isinstance(rule, Mapping) and "const" in rule
    ]
    return f" (required when {' and '.join(constants)})" if constants else ""


def _walk(root: Any, path: Sequence[Any]) -> Any:
    """Follow a schema path from the root, into what local ``$ref`` references point at.

    python-jsonschema leaves the ``$ref`` out of an error's path, jsonschema-rs's resolved
    locations have none: a step a subschema lacks is looked for where its ``$ref`` points.
    """
    node = root
    for part in path:
        for _ in range(_MAX_REFERENCE_HOPS):
            if isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
                node = node[int(part)]
                break
            if isinstance(node, Mapping) and str(part) in node:
                node = node[str(part)]
                break
            reference = node.get("$ref") if isinstance(node, Mapping) else None
            if not isinstance(reference, str) or not reference.startswith("#"):
                return None
            node = _walk(root, pointer_steps(reference[1:]))
        else:
            return None
    return node


# References followed for one step at most: a chain of references longer is a loop.
_MAX_REFERENCE_HOPS = 16


_JSON_TYPES = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _value_message(error: SchemaErrorView) -> str:
    keyword = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    if keyword == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
        actual = _JSON_TYPES.get(type(instance), type(instance).__name__)
        value = "" if instance is None else f" {short_json(instance)}"
        return f"expected {wanted}, got {actual}{value}"
    if keyword == "format":
        return f"{short_json(instance)} is not a valid {_FORMAT_NAMES.get(str(expected), str(expected))}"
    if keyword == "enum":
        return f"{short_json(instance)} is not one of {_choices(expected)}"
    if keyword == "const":
        return f"expected {shown_json(expected)}, got {short_json(instance)}"
    if keyword == "pattern":
        if error.message == PATTERN_NOT_CHECKED:
            return f"{short(instance)} could not be checked against the pattern {shown(expected)}: it needs too much backtracking"
        hint = error.schema.get("errorMessage") if isinstance(error.schema, Mapping) else None
        if isinstance(hint, str):
            return f"{short(instance)} {bounded(hint)}"
        return f"{short(instance)} does not match the pattern {shown(expected)}"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        relation = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "greater than",
            "exclusiveMaximum": "less than",
        }[keyword]
        return f"{short_json(instance)} is out of range: must be {relation} {expected}"
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        relation = "at least" if keyword.startswith("min") else "at most"
        unit = "character" if keyword.endswith("Length") else "item"
        return f"must have {relation} {expected} {unit}{'' if expected == 1 else 's'}, has {len(instance)}"
    if keyword in (None, "false"):  # the validator's message would repeat the whole value
        return "not allowed: the schema allows no value here"
    return bounded(_validator_message(error))


def _validator_message(error: SchemaErrorView) -> str:
    """python-jsonschema's message, with the value it begins with (and the subschemas a ``not`` or ``oneOf`` ends with) as JSON writes them."""
    message = json_literals_first(error.message, error.instance)
    if error.validator == "not":
        return json_literals_last(message, error.validator_value)
    if error.validator == "oneOf" and isinstance(error.validator_value, list):
        return _subschemas_as_json(message, error.validator_value)
    return message


def _subschemas_as_json(message: str, subschemas: list[Any]) -> str:
    """``message`` ending with ``is valid under each of`` some of ``subschemas`` (their ``repr``), each written as JSON's."""
    head, each_of, listed = message.rpartition(" is valid under each of ")
    for subschema in subschemas:
        listed = json_literals_first(listed, subschema)
        listed = listed.replace(", " + repr(subschema), ", " + whole_json(subschema))
    return head + each_of + listed if each_of else message


# An ``enum`` can list thousands of values: a message names this many, and counts the rest.
_CHOICES_SHOWN = 20


def _choices(choices: Sequence[Any]) -> str:
    """The values of an ``enum`` for one diagnostic line: the first few, each cut short, and how many more."""
    shown = ", ".join(short_json(choice) for choice in choices[:_CHOICES_SHOWN])
    more = len(choices) - _CHOICES_SHOWN
    return shown if more <= 0 else f"{shown} or {more:,} more"


_FORMAT_NAMES = {
    "date-time": "RFC 3339 date-time (like 2021-07-28T02:44:00Z)",
    "date": "RFC 3339 date (like 2021-07-28)",
    "uri": "absolute URI",
    "iri": "absolute URL (IRI)",
    "email": "email address",
}
