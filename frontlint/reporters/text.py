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
line up whatever the tab width. File names, messages, help and the source line are shown
as :mod:`frontlint.text.terminal_safe` shows them: control characters and bidirectional
overrides as escapes (``\\x1b``, ``\\u202e``), so that a file cannot drive the terminal or
start a line of its own; a file name that needs escapes is quoted (``"a\\nb.md":2:8: ...``).
The carets stand under the escapes of the characters they mark. A line longer than
``MAX_SHOWN`` characters is cut to a window around the span, marked with ``...``. Wide
characters are not accounted for.

With ``color`` the location is bold, the severity bold red (error) or yellow (warning),
the rule id dim, the gutter bold blue and the carets in the severity's colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.reading.positions import LineIndex
from frontlint.reporters.base import ReportContext
from frontlint.text.terminal_safe import shown_path, visible

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
    path = shown_path(diagnostic.path)
    where = (
        f"{path}:{visible(diagnostic.json_path)}"
        if diagnostic.line is None
        else f"{path}:{diagnostic.line}:{diagnostic.column}"
    )
    severity = _paint(str(diagnostic.severity), SEVERITY_COLORS[diagnostic.severity], color)
    rule = _paint(f"[{visible(diagnostic.rule)}]", DIM, color)
    return f"{_paint(where, BOLD, color)}: {severity}: {visible(diagnostic.message)} {rule}"


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
        window, start, end = _window(text, start, max(end, start + 1))
        shown = _source_line(window)
        start, end = len(_source_line(window[:start])), len(_source_line(window[:end]))
        indent = "".join("\t" if char == "\t" else " " for char in shown[:start]).ljust(start)
        carets = _paint("^" * max(end - start, 1), SEVERITY_COLORS[diagnostic.severity], color)
        lines.append(_paint(f"{pad} |", BOLD_BLUE, color))
        lines.append(_paint(f"{number} |", BOLD_BLUE, color) + (f" {shown}" if shown else ""))
        lines.append(_paint(f"{pad} |", BOLD_BLUE, color) + f" {indent}{carets}")
    if diagnostic.help:
        lines.append(
            _paint(f"{pad} =", BOLD_BLUE, color) + f" {_paint('help', BOLD, color)}: {visible(diagnostic.help)}"
        )
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


def _source_line(text: str) -> str:
    """A source line as shown: tabs kept (the caret line repeats them), everything unsafe escaped.

    The escapes of a text's start are the start of the text's escapes, so the shown length of
    ``text[:n]`` is where the character ``n`` stands in the shown line.
    """
    return "\t".join(visible(part) for part in text.split("\t")) if "\t" in text else visible(text)


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
