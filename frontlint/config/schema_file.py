"""The configuration schema's ``rules`` tables, generated from the registry.

``schemas/frontlint-config.schema.json`` stays a static file (editors and taplo read it); its
``rules.<id>`` tables are written from the registry: each check's summary, its default
severity, and each option's type, JSON Schema keywords, default and description (the option's
line in the rule page's ``## Options`` section). The rest of the file is written by hand.
``python -m frontlint.config.schema_file --write`` rewrites the tables in place (as does
``pytest --update-golden``); ``--check`` exits 1 when the file differs from what it would write.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from frontlint.registry import ALL_CHECKS
from frontlint.rule_support.base import Check, Option, summary
from frontlint.text.plain_text import plain_inline

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "frontlint-config.schema.json"
WRITE_COMMAND = "python -m frontlint.config.schema_file --write"
SEVERITIES = ["error", "warning", "off"]

# One option in a rule page's ``## Options`` section: "- `name` (default ...): what it does",
# continued on lines indented by two spaces.
_OPTION_LINE = re.compile(r"- `([^`]+)` \(default[^)]*\): (.*(?:\n  .*)*)")


def option_descriptions(doc: str) -> dict[str, str]:
    """Each option's description in a rule page's ``## Options`` section, as plain text on one line."""
    section = doc.partition("\n## Options\n")[2].split("\n## ", 1)[0]
    found = {}
    for match in _OPTION_LINE.finditer(section):
        text = " ".join(part.strip() for part in match.group(2).split("\n"))
        found[match.group(1)] = plain_inline(text[:1].upper() + text[1:])
    return found


def _option_schema(option: Option, description: str) -> dict[str, Any]:
    default = "not set" if option.default is None else json.dumps(option.default, ensure_ascii=False)
    return {
        "description": f"{description} Default: {default}.",
        "type": list(option.type) if isinstance(option.type, tuple) else option.type,
        **(option.schema or {}),
    }


def rule_table(check: Check) -> dict[str, Any]:
    """The schema of ``[rules.<id>]`` for one check: its severity and its options."""
    refused = " ('off' is refused: the front matter could not be read)" if check.always_on else ""
    severity = {
        "description": f"The severity of {check.id} diagnostics: 'error' (fails the run), 'warning', or "
        f"'off' (not reported){refused}. Default: {check.severity}.",
        "enum": SEVERITIES,
    }
    descriptions = option_descriptions(check.doc)
    missing = sorted(set(check.options) - set(descriptions))
    if missing:
        raise ValueError(f"{check.id}: the rule page's ## Options section does not describe {', '.join(missing)}")
    options = {name: _option_schema(option, descriptions[name]) for name, option in check.options.items()}
    return {
        "description": plain_inline(summary(check)) + (" Its severity and options." if options else " Its severity."),
        "type": "object",
        "properties": {"severity": severity, **options},
        "additionalProperties": False,
    }


def with_rule_tables(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (the configuration schema) with its ``rules`` tables generated from the registry."""
    rules = document["properties"]["rules"]
    tables = {check.id: rule_table(check) for check in ALL_CHECKS if check.kind != "family"}
    return {**document, "properties": {**document["properties"], "rules": {**rules, "properties": tables}}}


def render(document: dict[str, Any]) -> str:
    """The schema file's text: two-space JSON, characters as written, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def expected_text(path: Path) -> str:
    """What the schema file at ``path`` should hold: its hand-written parts and the generated tables."""
    return render(with_rule_tables(json.loads(path.read_text(encoding="utf-8"))))


def main(arguments: list[str]) -> int:
    """``--write`` rewrites the schema file's rules tables; ``--check`` exits 1 when they are stale."""
    if arguments not in (["--write"], ["--check"]):
        print("usage: python -m frontlint.config.schema_file --write | --check", file=sys.stderr)
        return 2
    path = SCHEMA_FILE
    expected = expected_text(path)
    if path.read_text(encoding="utf-8") == expected:
        return 0
    if arguments == ["--write"]:
        path.write_text(expected, encoding="utf-8")
        return 0
    print(f"{path}: the rules tables differ from the registry's: run {WRITE_COMMAND}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
