"""Shared test helpers: lint text with chosen rules and get the compiler-style lines back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from frontlint import load_schema
from frontlint.engine import Linter
from frontlint.rules import RULES, RuleModule
from frontlint.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "_news" / "2021-07-28-chinas-top-court-specifies-rules-for-facial-recognition.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXED_NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def lint_lines(
    text: str,
    *,
    rules: Sequence[RuleModule] | None = None,
    select: Sequence[str] | None = None,
    path: str = "a.md",
    options: Mapping[str, Mapping[str, Any]] | None = None,
    now: datetime = FIXED_NOW,
    schema: bool = False,
) -> list[str]:
    """Lint ``text`` with only ``rules`` (and the schema if ``schema``) and return formatted lines.

    Without ``rules``, every registered rule runs. Without ``select``, exactly the given
    rules' ids are selected (plus ``schema`` when asked).
    """
    if rules is None:
        rules = RULES
    if select is None:
        select = [rule.ID for rule in rules] + (["schema"] if schema else [])
    settings = Settings(select=tuple(select), rule_options=dict(options or {}), now=now)
    linter = Linter(load_schema(), settings, rules=rules)
    return [diagnostic.format() for diagnostic in linter.lint_text(text, path)]


def front_matter(yaml_text: str) -> str:
    """Wrap YAML in ``---`` fences, as a Markdown file holds it."""
    return f"---\n{yaml_text.strip(chr(10))}\n---\n"


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None):
    """Run the real ``frontlint`` command (``python -m frontlint``) in a subprocess."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "frontlint", *args],
        cwd=cwd or REPO, input=stdin, capture_output=True, timeout=120, env=environment,
    )
