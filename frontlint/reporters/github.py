"""The ``github`` format: GitHub Actions workflow commands, which the runner turns into annotations.

One line per diagnostic::

    ::error file=news/a.md,line=7,col=9,endLine=7,endColumn=29,title=url-syntax::URL has no scheme

``::error`` for errors, ``::warning`` for warnings; the title is the rule id. Escaping is
exactly that of the Actions toolkit (``@actions/core``, ``command.ts``), which the runner
undoes: in the message ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``; in property values
also ``:`` → ``%3A`` and ``,`` → ``%2C``. ``%`` goes first, so a message that holds
``%0A`` stays those three characters. A message therefore never breaks out of its line,
and a file name never ends the property list.

Before that, the message and every property are shown as :func:`frontlint.text.terminal_safe.visible`
shows them: control characters (a line break too), bidirectional overrides and ``##[`` (a
command to the runner anywhere in a line) become visible escapes such as ``\\n``,
``\\x1b`` and ``\\u202e``, since the runner's log viewer obeys terminal escapes and the
annotation shows the text as is.

Columns: GitHub's ``col``/``endColumn`` may only be given when the annotation starts and
ends on one line, so a span over several lines gets ``line``/``endLine`` only. GitHub's
``endColumn`` is the last column of the span (a one-character annotation has ``col`` equal
to ``endColumn``), one less than frontlint's exclusive end column.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reporters.base import ReportContext
from frontlint.reporters.common import last_line
from frontlint.text.terminal_safe import visible


def report_github(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return one workflow command per diagnostic, or ``""``."""
    return "".join(workflow_command(diagnostic) + "\n" for diagnostic in diagnostics)


def workflow_command(diagnostic: Diagnostic) -> str:
    """The ``::error``/``::warning`` command of one diagnostic."""
    command = "error" if diagnostic.severity is Severity.ERROR else "warning"
    properties: list[tuple[str, object]] = [("file", diagnostic.path)]
    if diagnostic.line is not None:
        properties.append(("line", diagnostic.line))
        one_line = diagnostic.end_line == diagnostic.line
        if one_line and diagnostic.column is not None:
            properties.append(("col", diagnostic.column))
        properties.append(("endLine", last_line(diagnostic)))
        if one_line and diagnostic.column is not None and diagnostic.end_column is not None:
            properties.append(("endColumn", max(diagnostic.column, diagnostic.end_column - 1)))
    properties.append(("title", diagnostic.rule))
    rendered = ",".join(f"{name}={escape_property(visible(str(value)))}" for name, value in properties)
    message = diagnostic.message if diagnostic.line is not None else f"{diagnostic.json_path}: {diagnostic.message}"
    return f"::{command} {rendered}::{escape_data(visible(message))}"


def escape_data(text: str) -> str:
    """Escape a command's message, as ``escapeData`` in the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, as ``escapeProperty`` in the Actions toolkit does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
