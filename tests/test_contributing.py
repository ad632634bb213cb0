"""CONTRIBUTING.md stays true: every file, folder and test it names exists."""

from __future__ import annotations

import re

from helpers import REPO

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
# `frontlint/rules/<name>.py`-style placeholders name files still to be written.
PLACEHOLDER = re.compile(r"<[^>]+>")


def named_paths(text: str) -> set[str]:
    """Paths written in backticks: a token with a ``/`` or a file suffix, without spaces or placeholders."""
    tokens = re.findall(r"`([^`\s]+)`", text)
    return {
        token.rstrip(":")
        for token in tokens
        if not PLACEHOLDER.search(token)
        and re.fullmatch(r"[\w./-]+", token)
        and ("/" in token or re.search(r"\.(py|md|json|toml|yaml)$", token))
        and not token.startswith(("http", "../"))
    }


def exists(path: str) -> bool:
    """Whether ``path`` is a file or folder of the repository, or of the package (``config/loading.py``)."""
    return any((base / path).exists() for base in (REPO, REPO / "frontlint"))


def test_every_path_contributing_names_exists() -> None:
    paths = named_paths(CONTRIBUTING)
    assert "frontlint/registry.py" in paths and "config/loading.py" in paths  # the check reads the guide
    assert sorted(path for path in paths if not exists(path)) == []


def test_every_test_contributing_names_exists() -> None:
    named = set(re.findall(r"`(test_\w+)`", CONTRIBUTING))
    defined = {
        name
        for path in (REPO / "tests").rglob("test_*.py")
        for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert named and sorted(named - defined) == []


def test_the_path_finder_sees_a_missing_file() -> None:
    assert sorted(p for p in named_paths("see `frontlint/nowhere.py` and `rules/<name>.py`") if not exists(p)) == [
        "frontlint/nowhere.py"
    ]
