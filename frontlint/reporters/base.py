"""What every reporter gets and gives: the run's context in, the whole report text out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from frontlint.diagnostic import Diagnostic
from frontlint.version import __version__


class ReportContext:
    """What a reporter knows beyond the diagnostics.

    ``files`` lists every file linted, in report order, clean ones too (JUnit has a test
    case for each). ``read_source`` returns the decoded text of a linted file (byte order
    mark removed), or ``None`` when it is not at hand. ``color`` turns on ANSI colours and
    ``show_source`` the source line, caret and help line: only the formats declared
    ``shows_source`` in :data:`frontlint.reporters.OUTPUT_FORMATS` read them (``text``).
    """

    __slots__ = ("color", "files", "read_source", "show_source", "tool_version")

    def __init__(
        self,
        files: Sequence[str],
        read_source: Callable[[str], str | None],
        color: bool = False,
        show_source: bool = False,
        tool_version: str | None = None,
    ) -> None:
        self.files = files
        self.read_source = read_source
        self.color = color
        self.show_source = show_source
        self.tool_version = tool_version if tool_version is not None else __version__


class Reporter(Protocol):
    """Turns a run's diagnostics, in report order, into the whole text of a report.

    The text ends with a line break when it is not empty. It holds no summary line: the
    command prints that to stderr.
    """

    def __call__(self, diagnostics: Sequence[Diagnostic], context: ReportContext) -> str: ...
