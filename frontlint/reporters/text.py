"""The ``text`` format: one compiler-style line per diagnostic, ``path:line:col: severity: message [rule]``.

With ``show_source`` each line is followed, as rustc and ruff do it, by the source line
with carets under the span (on the span's first line, at least one) and a ``help:`` line
where the rule says how to fix the problem; diagnostics are then separated by blank lines::

    news/a.md:12:12: error: image width 0 is not a positive integer number of pixels [image-dimensions]
       |
    12 |     width: 0
       |            ^
       = help: use a positive integer

Tabs in the source line are kept, and repeated in the caret line's indent so the carets
line up whatever the tab width. Control characters (and bidirectional overrides) of the
source are shown as visible stand-ins, one character each, so a file cannot drive the
terminal and the carets stay aligned. A line longer than ``MAX_SHOWN`` characters is cut to
a window around the span, marked with ``...``. Wide characters are not accounted for.

With ``color`` the location is bold, the severity bold red (error) or yellow (warning),
the rule id dim, the gutter bold blue and the carets in the severity's colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostic import Diagnostic, Severity
from ..positions import LineIndex
from .base import ReportContext

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
BOLD_RED = "\x1b[1;31m"
BOLD_YELLOW = "\x1b[1;33m"
BOLD_BLUE = "\x1b[1;34m"
SEVERITY_COLORS = {Severity.ERROR: BOLD_RED, Severity.WARNING: BOLD_YELLOW}

# Source lines longer than this are cut to a window around the span.
MAX_SHOWN = 160
_BEFORE_SPAN = 40
_CUT = "..."


def report_text(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    """Return the compiler-style lines (with ``show_source``, the snippets too), or ``""``."""
    if not diagnostics:
        return ""
    sources = _Sources(context.read_source)
    blocks = []
    for diagnostic in diagnostics:
        lines = [_headline(diagnostic, context.color)]
        if context.show_source:
            lines.extend(_snippet(diagnostic, sources.index(diagnostic.path), context.color))
        blocks.append("\n".join(lines))
    return ("\n\n" if context.show_source else "\n").join(blocks) + "\n"


def _headline(diagnostic: Diagnostic, color: bool) -> str:
    # A file name (or a message) can hold terminal escapes: they are shown, never obeyed.
    if not color:
        return printable(diagnostic.format())
    where = diagnostic.path if diagnostic.line is None else f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    severity = _paint(str(diagnostic.severity), SEVERITY_COLORS[diagnostic.severity], True)
    rule = _paint(f"[{printable(diagnostic.rule)}]", DIM, True)
    return f"{_paint(printable(where), BOLD, True)}: {severity}: {printable(diagnostic.message)} {rule}"


def _snippet(diagnostic: Diagnostic, index: LineIndex | None, color: bool) -> list[str]:
    """The gutter, source and caret lines (when the line is at hand) and the help line."""
    number = "" if diagnostic.line is None else str(diagnostic.line)
    pad = " " * len(number)
    lines = []
    if diagnostic.line is not None and index is not None and diagnostic.line <= index.line_count():
        text = index.line_text(diagnostic.line)
        start = max((diagnostic.column or 1) - 1, 0)
        on_one_line = diagnostic.end_line == diagnostic.line and diagnostic.end_column is not None
        end = diagnostic.end_column - 1 if on_one_line and diagnostic.end_column is not None else len(text)
        shown, start, end = _window(text, start, max(end, start + 1))
        shown = printable(shown)
        indent = "".join("\t" if char == "\t" else " " for char in shown[:start]).ljust(start)
        carets = _paint("^" * (end - start), SEVERITY_COLORS[diagnostic.severity], color)
        lines.append(_paint(f"{pad} |", BOLD_BLUE, color))
        lines.append(_paint(f"{number} |", BOLD_BLUE, color) + (f" {shown}" if shown else ""))
        lines.append(_paint(f"{pad} |", BOLD_BLUE, color) + f" {indent}{carets}")
    if diagnostic.help:
        lines.append(_paint(f"{pad} =", BOLD_BLUE, color) + f" {_paint('help', BOLD, color)}: {diagnostic.help}")
    return lines


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long line to at most MAX_SHOWN characters around ``start``; move the span along."""
    if len(text) <= MAX_SHOWN:
        return text, start, end
    first = max(0, min(start - _BEFORE_SPAN, len(text) - MAX_SHOWN))
    last = first + MAX_SHOWN
    head = _CUT if first > 0 else ""
    tail = _CUT if last < len(text) else ""
    shift = len(head) - first
    start, end = start + shift, min(end, last) + shift
    return head + text[first:last] + tail, start, max(end, start + 1)


# Characters that would act on a terminal or reorder the line, and what is shown instead.
_STAND_INS = {
    **{code: 0x2400 + code for code in range(0x20) if code != 0x09},  # ␀ … ␟ (control pictures)
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)},
}


def printable(text: str) -> str:
    """Replace control and bidirectional-override characters, one visible character each."""
    return text.translate(_STAND_INS)


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{RESET}" if color else text


class _Sources:
    """Each file's lines, read once per report."""

    def __init__(self, read_source: Callable[[str], str | None]) -> None:
        self._read = read_source
        self._indexes: dict[str, LineIndex | None] = {}

    def index(self, path: str) -> LineIndex | None:
        if path not in self._indexes:
            text = self._read(path)
            self._indexes[path] = None if text is None else LineIndex(text.removeprefix("\ufeff"))
        return self._indexes[path]
