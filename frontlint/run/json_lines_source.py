"""Check a JSON Lines source: the whole stream, one line at a time, and (to show source lines) its text."""

from __future__ import annotations

from typing import IO

from frontlint.checking.engine import FileReport, Linter
from frontlint.checking.json_lines import check_json_lines
from frontlint.run.sources import Source


def check_json_lines_source(linter: Linter, source: Source, keep_source: bool) -> tuple[FileReport, str | None]:
    """The report of a JSON Lines source (``source.stream`` opens it), and its text when ``keep_source``.

    Nothing is fixed in JSON Lines (no diagnostic of a record carries a fix). The text kept
    for ``--show-source`` holds each line as the reader took it: a line over the size limit
    is kept only up to the limit, so memory stays bounded by the lines, not their length.
    """
    assert source.stream is not None
    with source.stream() as stream:
        if not keep_source:
            return check_json_lines(linter, stream, source.name), None
        recording = _Recording(stream)
        report = check_json_lines(linter, recording, source.name)  # type: ignore[arg-type]  # the reader calls readline only
    return report, recording.text()


class _Recording:
    """A stream that keeps the first part the reader takes of each line (the reader skips the rest of one too long)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._parts: list[bytes] = []
        self._line_started = True

    def readline(self, size: int = -1) -> bytes:
        """Read on as the stream does; keep the part when it starts a line."""
        part = self._stream.readline(size)
        if self._line_started and part:
            self._parts.append(part if part.endswith(b"\n") else part + b"\n")
        self._line_started = not part or part.endswith(b"\n")
        return part

    def text(self) -> str:
        """The lines kept, decoded as the Markdown source text is (byte order mark removed)."""
        return b"".join(self._parts).decode("utf-8", "replace").removeprefix("\ufeff")
