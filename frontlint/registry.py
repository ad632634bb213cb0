"""The one registry of checks: every id a diagnostic can carry, with what is known of it.

Each per-file and run-wide rule is read from its module once, here, by one line below:
adding a rule is its module, that line and its test. The checks built into the reader and
the engine and the ``schema/<keyword>`` family come from :mod:`frontlint.rule_support.reader_checks`. ``frontlint
rules``, ``frontlint rule ID``, configuration checks, selection and SARIF descriptors read it.
"""

from __future__ import annotations

from importlib import import_module
from types import MappingProxyType, ModuleType

from frontlint.diagnostic import Severity
from frontlint.rule_support.base import Check
from frontlint.rule_support.reader_checks import READER_CHECKS, SCHEMA_FAMILY


def _module_record(name: str, kind: str) -> tuple[ModuleType, Check]:
    """The rule module ``frontlint.rules.<name>`` and the record its constants and docstring give."""
    module = import_module(f"frontlint.rules.{name}")
    doc = (module.__doc__ or "").strip()
    return module, Check(module.ID, module.SEVERITY, doc, kind, module.FIXABLE, MappingProxyType(module.OPTIONS))


def _file_rule(name: str, *, generic: bool = False) -> Check:
    """The record of the per-file rule module ``frontlint.rules.<name>``, with its ``check``."""
    module, record = _module_record(name, "file")
    return record._replace(generic=generic, check=module.check)


def _run_rule(name: str) -> Check:
    """The record of the run-wide rule module ``frontlint.rules.<name>`` (its work is done after every file)."""
    module, record = _module_record(name, "run")
    return record._replace(run_wide=module)


# Per-file rules, in the order the engine runs them (and ``frontlint rules`` lists them): one
# line each, naming the rule's module.
FILE_RULES: tuple[Check, ...] = (
    _file_rule("url_syntax"),
    _file_rule("url_insecure"),
    _file_rule("provider_domain"),
    _file_rule("amp_cache_url"),
    _file_rule("date_future"),
    _file_rule("filename_date"),
    _file_rule("image_dimensions"),
    _file_rule("image_duplicate"),
    _file_rule("related_duplicate"),
    _file_rule("related_self"),
    _file_rule("text_whitespace"),
    _file_rule("text_html"),
    _file_rule("excerpt_boilerplate"),
    _file_rule("empty_value", generic=True),  # a more specific rule's diagnostic of the same value wins
    _file_rule("secured_format"),
    _file_rule("key_near_miss"),
)

# Rules that compare the files of a run.
RUN_RULES: tuple[Check, ...] = (_run_rule("duplicate_article"),)

# The keywords a schema violation can be reported under (``schema/<keyword>``): those of
# every JSON Schema draft python-jsonschema knows, and ``false`` for a ``false`` schema.
SCHEMA_KEYWORDS = (
    "$dynamicRef",
    "$recursiveRef",
    "$ref",
    "additionalItems",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "contains",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "disallow",
    "divisibleBy",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "extends",
    "false",
    "format",
    "if",
    "items",
    "maxContains",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minContains",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "propertyNames",
    "required",
    "type",
    "unevaluatedItems",
    "unevaluatedProperties",
    "uniqueItems",
)

# Every check, in the order ``frontlint rules`` lists them; the schema family last.
ALL_CHECKS: tuple[Check, ...] = (*FILE_RULES, *RUN_RULES, *READER_CHECKS, SCHEMA_FAMILY)

# The ids that are always reported: the front matter could not be read.
ALWAYS_ON: frozenset[str] = frozenset(check.id for check in ALL_CHECKS if check.always_on)

_BY_ID: dict[str, Check] = {check.id: check for check in ALL_CHECKS}


def check_for(rule_id: str) -> Check | None:
    """The check of ``rule_id`` (``schema/enum`` and ``schema`` give the schema family), or ``None``."""
    found = _BY_ID.get(rule_id)
    if found is None and rule_id.startswith(SCHEMA_FAMILY.id + "/"):
        return SCHEMA_FAMILY
    return found


def default_severity(rule_id: str) -> Severity:
    """The severity of ``rule_id`` when neither its problem nor the configuration sets one (an unknown id: error)."""
    check = check_for(rule_id)
    return check.severity if check is not None else Severity.ERROR


def known_ids() -> list[str]:
    """Every id a selector may name: the rules' (sorted), the built-in checks', then ``schema/<keyword>``."""
    rules = sorted(check.id for check in (*FILE_RULES, *RUN_RULES))
    return (
        rules + [check.id for check in READER_CHECKS] + [f"{SCHEMA_FAMILY.id}/{keyword}" for keyword in SCHEMA_KEYWORDS]
    )
