import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


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
