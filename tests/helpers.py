"""Shared test helpers: lint text with chosen rules and get the compiler-style lines back."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.registry import FILE_RULES, check_for
from frontlint.reporters import OutputFormat
from frontlint.rule_support.base import Check, RuleModule
from frontlint.settings.resolved import Settings

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "_news" / "2021-07-28-chinas-top-court-specifies-rules-for-facial-recognition.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXED_NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)


def lint_lines(
    text: str,
    *,
    rules: Sequence[Check | RuleModule] | None = None,
    select: Sequence[str] | None = None,
    path: str = "a.md",
    options: Mapping[str, Mapping[str, Any]] | None = None,
    now: datetime = FIXED_NOW,
    schema: bool = False,
) -> list[str]:
    """Lint ``text`` with only ``rules`` (and the schema if ``schema``) and return formatted lines.

    Without ``rules``, every registered rule runs; a rule module given stands for its registry record.
    Without ``select``, exactly the given rules' ids are selected (plus ``schema`` when asked).
    """
    checks = (
        FILE_RULES if rules is None else [rule if isinstance(rule, Check) else check_for(rule.ID) for rule in rules]
    )
    if select is None:
        select = [check.id for check in checks] + (["schema"] if schema else [])
    settings = Settings(select=tuple(select), rule_options=dict(options or {}), now=now)
    linter = Linter(load_schema(), settings, rules=checks)
    return [diagnostic.format() for diagnostic in linter.lint_text(text, path)]


def golden_name(output_format: OutputFormat, variant: str = "") -> str:
    """The file name of a format's golden report: ``text.txt``, ``text-source.txt`` for the variant ``source``."""
    return f"{output_format.name}{'-' if variant else ''}{variant}{output_format.suffix}"


def front_matter(yaml_text: str) -> str:
    """Wrap YAML in ``---`` fences, as a Markdown file holds it."""
    return f"---\n{yaml_text.strip(chr(10))}\n---\n"


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None):
    """Run the real ``frontlint`` command (``python -m frontlint``) in a subprocess."""
    import os
    import subprocess
    import sys

    environment = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}
    environment.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "frontlint", *args],
        cwd=cwd or REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
        env=environment,
    )


# Git variables that would point git at another repository (set when tests run inside a git hook).
_REPOSITORY_BOUND_GIT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")
# Python variables that would make a fresh virtualenv import something other than what pip installed.
_LEAKY_PYTHON = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "PIP_USER")


def isolated_environment(**extra: str) -> dict[str, str]:
    """``os.environ`` without variables that bind git or Python to this checkout, plus ``extra``."""
    import os

    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _LEAKY_PYTHON and not name.startswith(_REPOSITORY_BOUND_GIT)
    }
    env.update(extra)
    return env


def copy_working_tree(destination: Path) -> None:
    """Copy every file of this checkout that git does not ignore, committed or not, links as links.

    The package's ``frontlint/schemas`` link then reaches pip as it is in a checkout.
    """
    import os
    import shutil
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        env=isolated_environment(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for name in sorted(set(listed.split("\0")) - {""}):
        source = REPO / name
        if not os.path.lexists(source):  # deleted in the working tree, not yet committed
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)


# A command prefix that takes away root's power to read, write and search any file (setpriv is
# util-linux's): tests of unreadable files and folders run as root too, as CI does.
WITHOUT_ROOT_OVERRIDES: tuple[str, ...] = (
    ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")
    if hasattr(os, "geteuid") and os.geteuid() == 0
    else ()
)

# The hostile-input limits: every case of a hostile or faulty input must end within these. The
# memory limit is a bound the case must keep; the time is only a guard, so that a hang fails the
# test instead of holding the suite (work is counted where it matters, never timed).
HOSTILE_SECONDS = 60
HOSTILE_MEMORY = 500 * 1024 * 1024


def cap_address_space(size: int = HOSTILE_MEMORY) -> None:
    """Cap the address space of this (child) process at ``size`` bytes; ``preexec_fn=functools.partial(cap_address_space, N)``."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def limit_resources() -> None:
    """Cap the address space of a child process at :data:`HOSTILE_MEMORY` (a ``preexec_fn``)."""
    cap_address_space(HOSTILE_MEMORY)


def run_limited(
    *args: str,
    cwd: Path,
    prefix: tuple[str, ...] = (),
    seconds: float = HOSTILE_SECONDS,
    isolated: bool = True,
    memory: int = HOSTILE_MEMORY,
    stdin: str | None = None,
):
    """Run frontlint (``--isolated`` unless told) under ``memory`` bytes and the ``seconds`` guard, behind ``prefix``."""
    import functools
    import subprocess
    import sys

    return subprocess.run(
        [*prefix, sys.executable, "-m", "frontlint", *(["--isolated"] if isolated else []), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=functools.partial(cap_address_space, memory),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        errors="surrogateescape",
    )
