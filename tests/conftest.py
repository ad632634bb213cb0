import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


# The signals the tests send to the commands they start (Ctrl-C, a CI runner's stop).
_SENT_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def _signal_state() -> tuple[frozenset[int], object, object]:
    """What a child started now would inherit of signals: the blocked ones, and how SIGINT and SIGTERM are taken."""
    blocked = frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, []))
    return blocked & _SENT_SIGNALS, signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


def pytest_configure(config: pytest.Config) -> None:
    """Take SIGINT and SIGTERM as a run started from a terminal does, whoever started this one.

    A blocked signal and an ignored one are inherited by every child and kept across exec: a
    run started in the background of a script (``pytest &`` ignores SIGINT) or by a parent that
    blocks them would start commands that Ctrl-C cannot stop, and every Ctrl-C test would wait
    on them until its guard ran out.
    """
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SENT_SIGNALS)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_IGN:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.fixture(autouse=True)
def _signals_left_as_they_were() -> Iterator[None]:
    """Fail a test after which this process blocks or takes SIGINT or SIGTERM otherwise than before it.

    The code under test runs in a program's own process (``lint_paths(jobs=2)``, ``main()``):
    it must give back the signals as it found them. The state is put back, so that the tests
    after it (and the commands they start) are not hit too.
    """
    before = _signal_state()
    yield
    after = _signal_state()
    if after != before:
        blocked, on_sigint, on_sigterm = before
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SENT_SIGNALS - blocked)
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        for number, handler in ((signal.SIGINT, on_sigint), (signal.SIGTERM, on_sigterm)):
            if handler is not None:  # None: set outside Python, cannot be put back from here
                signal.signal(number, handler)
        pytest.fail(f"the test left signals changed: (blocked, SIGINT, SIGTERM) was {before}, is {after}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden from the current output (review the diff)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with a golden file, or rewrite the file when --update-golden is given."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = Path(__file__).resolve().parent / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
        assert path.exists(), (
            f"no golden file {path}: create it with `.venv/bin/python -m pytest '{request.node.nodeid}' --update-golden` and review it"
        )
        assert actual == path.read_bytes().decode("utf-8")

    return check
