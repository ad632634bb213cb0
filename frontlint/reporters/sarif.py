"""The ``sarif`` format: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run, whose ``tool.driver.rules`` describes every registered rule and every
``schema/<keyword>`` id that occurs (id, name, short description, the documentation page
as full description and help in text and Markdown, default level). Each result carries its
rule id and index, level, message, location and, where the rule knows it, a ``fixes``
entry with the exact replacement; ``help`` goes into the result's property bag.

Stable identity: ``partialFingerprints["frontlint/v1"]`` is the diagnostic's fingerprint
(rule, JSON path and offending value; no line number), so code scanning keeps tracking an
alert when lines above it move.

Locations: a relative path becomes a percent-encoded URI reference against the
``%SRCROOT%`` base (the directory frontlint ran in, which in CI is the checkout); an
absolute path becomes a ``file://`` URI. Columns count code points, so the run declares
``columnKind: unicodeCodePoints`` (SARIF's default is UTF-16 code units). End columns are
exclusive, as SARIF's are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.registry import ALL_CHECKS, check_for
from frontlint.reporters.base import ReportContext
from frontlint.reporters.common import dump_json, identity
from frontlint.rule_support.base import Check, summary

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "frontlint/v1"

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def report_sarif(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return the SARIF log as indented JSON, ending in a line break."""
    rules = rule_descriptors(diagnostic.rule for diagnostic in diagnostics)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "frontlint",
                "version": context.tool_version,
                "semanticVersion": context.tool_version,
                "rules": rules,
            },
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(diagnostic, index[diagnostic.rule]) for diagnostic in diagnostics],
    }
    return dump_json({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]})


def rule_descriptors(rule_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Descriptors of every registered rule, then of each other id among ``rule_ids``."""
    checks = [check for check in ALL_CHECKS if check.kind != "family"]
    descriptors = [_descriptor(check.id, check) for check in checks]
    known = {check.id for check in checks}
    for rule_id in sorted(set(rule_ids) - known):
        descriptors.append(_descriptor(rule_id, check_for(rule_id)))
    return descriptors


def _descriptor(rule_id: str, check: Check | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": rule_id, "name": _rule_name(rule_id)}
    if check is None:  # an id no registered check owns (a diagnostic built by hand)
        return descriptor
    short = summary(check)
    if check.kind == "family":
        short = f"{short.rstrip('.')} (keyword '{rule_id.partition('/')[2]}')."
    page = check.doc
    descriptor.update(
        {
            "shortDescription": {"text": short},
            "fullDescription": {"text": page, "markdown": page},
            "help": {"text": page, "markdown": page},
            "defaultConfiguration": {"level": _level(check.severity)},
        }
    )
    return descriptor


def _rule_name(rule_id: str) -> str:
    """SARIF wants a readable identifier as a rule's name: ``url-syntax`` is ``UrlSyntax``."""
    words = re.split(r"[^0-9A-Za-z]+", rule_id)
    return "".join(word[:1].upper() + word[1:] for word in words) or rule_id


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _result(diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(diagnostic.path)}
    region = _region(diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column)
    if region:
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": _level(diagnostic.severity),
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": diagnostic.json_path}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: identity(diagnostic)},
    }
    if diagnostic.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": diagnostic.fix.description},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(diagnostic.path),
                        "replacements": [
                            {
                                "deletedRegion": _region(edit.line, edit.column, edit.end_line, edit.end_column),
                                "insertedContent": {"text": edit.content},
                            }
                            for edit in diagnostic.fix.edits
                        ],
                    }
                ],
            }
        ]
    if diagnostic.help:
        result["properties"] = {"help": diagnostic.help}
    return result


def _region(line: int | None, column: int | None, end_line: int | None, end_column: int | None) -> dict[str, int]:
    fields = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {} if line is None else {name: value for name, value in fields.items() if value is not None}


def artifact_location(path: str) -> dict[str, str]:
    """The SARIF artifact location of a path as frontlint names it."""
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    if posix.startswith("/") or _WINDOWS_DRIVE.match(posix):
        prefix = "file://" if posix.startswith("/") else "file:///"
        return {"uri": prefix + _percent_encode(posix, safe="/:")}
    while posix.startswith("./"):
        posix = posix[2:]
    # ":" is encoded too: "a:b.md" would otherwise read as a URI with the scheme "a".
    return {"uri": _percent_encode(posix, safe="/"), "uriBaseId": SRCROOT}


def _percent_encode(path: str, safe: str) -> str:
    try:  # a file name that is not UTF-8 reaches Python with surrogates: give back its bytes
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe=safe)
