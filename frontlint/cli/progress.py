"""A progress bar on stderr for a long run on a terminal, drawn by tqdm (imported only when shown).

The bar is wanted only when stderr is a terminal, the run is not ``--quiet``, ``TERM`` is not
``dumb`` and ``CI`` is not set: never in pre-commit's runs, pipes or CI logs. Even then it
appears only once the run has lasted :data:`DELAY_SECONDS` (tqdm's ``delay``, as pip and uv
wait before theirs): a run that ends sooner, such as pre-commit's few files, draws nothing
and never imports tqdm. It counts the files checked against a total found, when the bar
first appears, by walking the paths again (given up after :data:`COUNT_SECONDS`: the bar is
then a plain count), and is redrawn at most every :data:`REFRESH_SECONDS`. It is cleared
before anything else is written to stderr (redrawn at the next file) and when the run ends,
Ctrl-C and SIGTERM included, so the summary and ``frontlint: interrupted`` stand alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

# Seconds a run lasts before the bar appears.
DELAY_SECONDS = 1.0
# Seconds between two drawings of the bar, at least: a 10k-file run is not slowed by it.
REFRESH_SECONDS = 0.1
# Seconds the walk that counts the files may take before the bar does without a total.
COUNT_SECONDS = 0.5
# Back to the start of the line, and erase it (ANSI: every terminal but a dumb one, where no bar is drawn).
_ERASE_LINE = "\r\x1b[K"
# Files counted between two looks at the clock while counting.
_COUNT_STRIDE = 256


def wanted(terminal: int | None, quiet: bool, environ: Mapping[str, str]) -> bool:
    """Whether a run may show the bar: stderr a terminal (``terminal``, its descriptor), not quiet, not CI, not a dumb terminal."""
    ci = environ.get("CI", "").lower() not in ("", "0", "false")
    return terminal is not None and not quiet and not ci and environ.get("TERM") != "dumb"


class Progress:
    """Counts the files a run has checked; draws the bar on ``out`` once the run has lasted the delay.

    ``out`` is where the bar is written (stderr, by a writer that ignores a stderr gone);
    ``terminal`` is the descriptor of the terminal behind it (for its width) and
    ``encoding`` its encoding (for the bar's characters); ``sources`` gives the run's
    sources again, to count them, when the bar first appears.
    """

    def __init__(
        self,
        out: TextIO,
        terminal: int,
        encoding: str,
        sources: Callable[[], Iterable[object]],
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY_SECONDS,
    ) -> None:
        self._out = out
        self._terminal = terminal
        self._encoding = encoding
        self._sources = sources
        self._clock = clock
        self._done = 0
        self._next_draw = clock() + delay
        self._bar: tqdm[Any] | None = None
        self._drawing = False  # the bar's own writes to stderr must not clear it
        self._drawn = False  # whether anything of the bar may be on the screen

    def advance(self) -> None:
        """One more file is checked (called for every file: only a count and a look at the clock)."""
        self._done += 1
        if self._clock() >= self._next_draw:
            self._draw()

    def _draw(self) -> None:
        self._drawn = True
        self._drawing = True
        try:
            bar = self._bar
            if bar is None:
                self._bar = self._open()  # drawn as it opens
            elif self._done > bar.n:
                bar.update(self._done - bar.n)
            else:  # cleared by a line written since: draw it again
                bar.refresh()
        finally:
            self._drawing = False
        self._next_draw = self._clock() + REFRESH_SECONDS

    def _open(self) -> tqdm[Any]:
        # deferred: threading costs 2.4 ms, needed only when a bar is drawn
        import threading

        from tqdm import tqdm

        class Bar(tqdm):  # type: ignore[type-arg]
            """tqdm without its monitor thread (this process forks workers) or a multiprocessing lock."""

            monitor_interval = 0

        Bar.set_lock(threading.RLock())
        total = count(self._sources(), COUNT_SECONDS, self._clock)
        return Bar(
            total=total,
            initial=self._done,
            desc="frontlint",
            unit=" files",
            leave=False,
            file=_BarOutput(self._out, self._terminal, self._encoding),
            dynamic_ncols=True,
            mininterval=0,
            delay=0,
        )

    def clear(self) -> None:
        """Take the bar off the screen before another line is written to stderr."""
        if self._bar is not None and not self._drawing:
            self._drawing = True
            try:
                self._bar.clear()
            finally:
                self._drawing = False

    def close(self) -> None:
        """Take the bar off the screen for good (the run has ended, or was stopped).

        Ctrl-C may come while tqdm draws the bar for the first time, before it is known
        here: the line is then erased by hand (carriage return, erase to its end).
        """
        if not self._drawn:
            return
        self._drawing = True
        try:
            if self._bar is not None:
                self._bar.close()
            else:
                self._out.write(_ERASE_LINE)
        finally:
            self._drawing = False
            self._bar = None
            self._drawn = False


def count(items: Iterable[object], seconds: float, clock: Callable[[], float] = time.monotonic) -> int | None:
    """Count ``items``, or return ``None`` if that takes longer than ``seconds``."""
    deadline = clock() + seconds
    total = 0
    for total, _ in enumerate(items, 1):
        if total % _COUNT_STRIDE == 0 and clock() > deadline:
            return None
    return total


class _BarOutput:
    """What tqdm writes to: stderr's writer, and the terminal's descriptor for the bar's width."""

    def __init__(self, out: TextIO, terminal: int, encoding: str) -> None:
        self._out = out
        self._terminal = terminal
        self.encoding = encoding

    def write(self, text: str) -> int:
        """Write ``text`` to stderr."""
        return self._out.write(text)

    def flush(self) -> None:
        """Flush stderr."""
        self._out.flush()

    def fileno(self) -> int:
        """The terminal's descriptor (tqdm asks the terminal's width of it)."""
        return self._terminal

    def isatty(self) -> bool:
        """Always true: the bar is drawn on a terminal only."""
        return True
