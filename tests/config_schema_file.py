"""Writes ``schemas/frontlint-config.schema.json``: the configuration keys' table and the registry, as JSON Schema.

The file stays checked in and static (editors and taplo read it, and so does the configuration's
check); everything in it is generated: each key's part from :data:`frontlint.settings.keys.KEYS`,
the ``rules.<id>`` tables from the registry (each check's summary, its default severity, and each
option's type, JSON Schema keywords, default and description: the option's line in the rule page's
``## Options`` section). ``.venv/bin/python tests/config_schema_file.py --write`` rewrites it (as does
``.venv/bin/python -m pytest --update-golden``); ``--check`` exits 1 when the file differs from what it would write.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from frontlint.registry import ALL_CHECKS
from frontlint.rule_support.base import Check, Option, summary
from frontlint.settings.keys import KEYS
from frontlint.text.plain_text import plain_inline

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "frontlint-config.schema.json"
WRITE_COMMAND = ".venv/bin/python tests/config_schema_file.py --write"
HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://frontlint.invalid/schemas/frontlint-config.schema.json",
    "title": "frontlint configuration",
    "description": "The settings of frontlint: a frontlint.toml or .frontlint.toml file, or the [tool.frontlint] "
    "table of a pyproject.toml. Each Markdown file uses the nearest configuration file in its folder or above; "
    "every path and pattern in it is relative to that file's folder. Patterns are gitignore-style: 'vendor' "
    "matches a name at any depth, '/drafts' or '_news/old/*.md' is anchored to the configuration's folder, a "
    "final '/' matches folders only, '**' spans folders, '!' takes a path back.",
    "type": "object",
}
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


def config_schema_document() -> dict[str, Any]:
    """The configuration schema: every key of the table, ``rules`` with a table per check of the registry."""
    properties = {key.name: key.schema() for key in KEYS}
    rules = properties["rules"]
    tables = {check.id: rule_table(check) for check in ALL_CHECKS if check.kind != "family"}
    properties["rules"] = {word: part for word, part in rules.items() if word != "additionalProperties"}
    properties["rules"].update(properties=tables, additionalProperties=rules["additionalProperties"])
    return {**HEADER, "properties": properties, "additionalProperties": False}


def render(document: dict[str, Any]) -> str:
    """The schema file's text: two-space JSON, characters as written, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def expected_text() -> str:
    """What the schema file should hold."""
    return render(config_schema_document())


def main(arguments: list[str]) -> int:
    """``--write`` rewrites the schema file; ``--check`` exits 1 when it is stale."""
    if arguments not in (["--write"], ["--check"]):
        print("usage: .venv/bin/python tests/config_schema_file.py --write | --check", file=sys.stderr)
        return 2
    path = SCHEMA_FILE
    expected = expected_text()
    if path.read_text(encoding="utf-8") == expected:
        return 0
    if arguments == ["--write"]:
        path.write_text(expected, encoding="utf-8")
        return 0
    print(f"{path}: it differs from the configuration keys and the registry: run {WRITE_COMMAND}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
