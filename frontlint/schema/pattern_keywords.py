"""python-jsonschema's keywords that match patterns, matching with jsonschema-rs's engine.

python-jsonschema matches ``pattern``, ``patternProperties`` (and so ``additionalProperties``
and ``unevaluatedProperties``) with Python's ``re``, a backtracking engine without a limit:
``^(a+)+$`` against forty ``a`` and a ``!`` never ends. frontlint extends each validator
class with these keywords, which match by :func:`frontlint.schema.fast_validator.pattern_matcher`: the
engine and limit of the compiled check, so both validators judge every value alike. They
word their errors as python-jsonschema does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from frontlint.schema.fast_validator import PATTERN_NOT_CHECKED, pattern_matcher


@functools.lru_cache(maxsize=8)
def safe_patterns(validator_class: Any) -> Any:
    """``validator_class`` with the keywords that match patterns matching them by :func:`pattern_matcher`."""
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    import jsonschema

    return jsonschema.validators.extend(
        validator_class,
        {  # type: ignore[no-untyped-call]
            "pattern": _pattern_keyword,
            "patternProperties": _pattern_properties_keyword,
            "additionalProperties": _additional_properties_keyword,
            "unevaluatedProperties": _unevaluated_properties_keyword,
        },
    )


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str):
        matched = pattern_matcher(pattern)(instance)
        if matched is None:
            yield ValidationError(PATTERN_NOT_CHECKED)
        elif not matched:
            yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties_keyword(
    validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
) -> Iterator[Any]:
    if not isinstance(instance, Mapping):
        return
    for pattern, subschema in patterns.items():
        matches = pattern_matcher(pattern)
        for key, value in instance.items():
            if matches(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties_keyword(
    validator: Any, additional: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[Any]:
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, Mapping):
        return
    extras = additional_keys(instance, schema)
    if isinstance(additional, Mapping):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif additional is False and extras:
        listed = ", ".join(repr(extra) for extra in extras)
        yield ValidationError(
            f"Additional properties are not allowed ({listed} {'was' if len(extras) == 1 else 'were'} unexpected)"
        )


def _unevaluated_properties_keyword(
    validator: Any, unevaluated: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[Any]:
    # deferred: python-jsonschema costs 59 ms; a run imports it only when a file or a schema needs it (the compiled check does the rest)
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, Mapping):
        return
    evaluated = _evaluated_keys(validator, instance, schema)
    rejected = [
        key
        for key in instance
        if key not in evaluated and next(validator.descend(instance[key], unevaluated, path=key, schema_path=key), None)
    ]
    if rejected:  # worded as python-jsonschema words it
        verb = "was" if len(rejected) == 1 else "were"
        if unevaluated is False:
            listed = ", ".join(repr(key) for key in sorted(rejected, key=str))
            yield ValidationError(f"Unevaluated properties are not allowed ({listed} {verb} unexpected)")
        else:
            listed = ", ".join(repr(key) for key in rejected)
            yield ValidationError(
                f"Unevaluated properties are not valid under the given schema ({listed} {verb} unevaluated and invalid)"
            )


def _evaluated_keys(validator: Any, instance: Mapping[str, Any], schema: Any) -> set[str]:
    """The keys of ``instance`` that ``schema`` evaluates (for ``unevaluatedProperties``), patterns matched safely.

    As python-jsonschema finds them, with :func:`pattern_matcher` for ``patternProperties``.
    """
    if not isinstance(schema, Mapping):
        return set()
    keys: set[str] = set()
    for keyword in ("$ref", "$dynamicRef", "$recursiveRef"):
        reference = schema.get(keyword)
        if isinstance(reference, str):
            resolved = validator._resolver.lookup(reference)
            referred = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            keys |= _evaluated_keys(referred, instance, resolved.contents)
    properties = schema.get("properties")
    if isinstance(properties, Mapping):
        keys |= properties.keys() & instance.keys()
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        subschema = schema.get(keyword)
        if subschema is not None:
            keys |= {key for key, value in instance.items() if _passes(validator.descend(value, subschema))}
    for pattern in schema.get("patternProperties") or {}:
        matches = pattern_matcher(pattern)
        keys |= {key for key in instance if matches(key)}
    dependent = schema.get("dependentSchemas")
    for key, subschema in dependent.items() if isinstance(dependent, Mapping) else ():
        if key in instance:
            keys |= _evaluated_keys(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword) or ():
            if _passes(validator.descend(instance, subschema)):
                keys |= _evaluated_keys(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys |= _evaluated_keys(validator, instance, schema["if"]) | _evaluated_keys(
                validator, instance, schema.get("then")
            )
        else:
            keys |= _evaluated_keys(validator, instance, schema.get("else"))
    return keys


def _passes(errors: Iterator[Any]) -> bool:
    return next(errors, None) is None


def additional_keys(instance: Mapping[str, Any], schema: Any) -> list[str]:
    """The keys of ``instance`` that neither ``properties`` nor ``patternProperties`` of ``schema`` cover."""
    schema = schema if isinstance(schema, Mapping) else {}
    properties = schema.get("properties") or {}
    matchers = [pattern_matcher(pattern) for pattern in schema.get("patternProperties") or {}]
    return [key for key in instance if key not in properties and not any(matches(key) for matches in matchers)]
