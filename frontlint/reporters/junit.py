"""The ``junit`` format: JUnit XML, one test case per linted file, for CI test report views.

::

    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="frontlint" tests="3" failures="1" errors="0" skipped="0">
      <testsuite name="frontlint" tests="3" failures="1" errors="0" skipped="0">
        <testcase name="news/a.md" classname="frontlint">
          <failure message="2 errors, 1 warning" type="url-syntax,schema/type">news/a.md:7:9: error: ...
    ...</failure>
        </testcase>
        <testcase name="news/b.md" classname="frontlint">
          <system-out>news/b.md:3:8: warning: ...</system-out>
        </testcase>
        <testcase name="news/c.md" classname="frontlint"/>
      </testsuite>
    </testsuites>

Decisions:

- A file fails (one ``<failure>``) only when it has an error, as the command's exit status
  does. The failure's text lists every diagnostic of the file, errors and warnings, one
  compiler-style line each; ``message`` counts them; ``type`` names the rules of the
  errors, comma-separated, in report order.
- A file with warnings only passes: its warnings go to ``<system-out>``.
- A clean file is an empty, passing test case; ``files`` in the report context lists them.
  A diagnostic for a path not in ``files`` gets a test case of its own, after the others.
- ``errors`` is always 0: a file frontlint could not read is reported on stderr, not here.
- XML 1.0 cannot hold most control characters, even as character references, nor lone
  surrogates: they are written as visible ``\\xNN``/``\\uNNNN`` escapes. CR, LF and TAB
  in attributes, and CR in text, are written as character references so that a parser
  gives them back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reporters.base import ReportContext
from frontlint.text.terminal_safe import escape_char

SUITE_NAME = "frontlint"

# Characters XML 1.0 does not allow at all (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def report_junit(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return the JUnit XML document, ending in a line break."""
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in context.files}
    for diagnostic in diagnostics:
        by_file.setdefault(diagnostic.path, []).append(diagnostic)
    cases = [_test_case(path, found) for path, found in by_file.items()]
    failures = sum(1 for found in by_file.values() if _errors(found))
    counts = f'tests="{len(cases)}" failures="{failures}" errors="0" skipped="0"'
    name = _attribute(SUITE_NAME)
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f"<testsuites name={name} {counts}>",
                f"  <testsuite name={name} {counts}>",
                *cases,
                "  </testsuite>",
                "</testsuites>",
            ]
        )
        + "\n"
    )


def _test_case(path: str, diagnostics: list[Diagnostic]) -> str:
    opening = f"    <testcase name={_attribute(path)} classname={_attribute(SUITE_NAME)}"
    if not diagnostics:
        return opening + "/>"
    errors = _errors(diagnostics)
    listing = _text("\n".join(diagnostic.format() for diagnostic in diagnostics))
    if errors:
        rules = ",".join(dict.fromkeys(diagnostic.rule for diagnostic in errors))
        message = _count(len(errors), "error")
        if len(diagnostics) > len(errors):
            message += ", " + _count(len(diagnostics) - len(errors), "warning")
        body = f"<failure message={_attribute(message)} type={_attribute(rules)}>{listing}</failure>"
    else:
        body = f"<system-out>{listing}</system-out>"
    return f"{opening}>\n      {body}\n    </testcase>"


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [diagnostic for diagnostic in diagnostics if diagnostic.severity is Severity.ERROR]


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def xml_safe(text: str) -> str:
    """Replace the characters XML 1.0 cannot hold by visible escapes, as the text format shows them."""
    return _NOT_XML.sub(lambda match: escape_char(match.group()), text)


def _text(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(char, char) for char in xml_safe(text))


def _attribute(text: str) -> str:
    return '"' + "".join(_ATTRIBUTE_ESCAPES.get(char, char) for char in xml_safe(text)) + '"'
