"""``frontlint init [--force] [PATH]``: write a ``frontlint.toml`` (and inferred schemas) for a site checkout.

At the site's root (``PATH``, the working directory by default), it finds each collection
(:mod:`frontlint.init`), writes a schema inferred from the files of each collection the bundled
article contract does not fit (``schemas/<collection>.schema.json``), then the commented
configuration, prints what it wrote and the first run's statistics and summary. It never replaces
a configuration or a schema file without ``--force``: it exits 2 and says so.
"""

from __future__ import annotations

import argparse
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from frontlint.cli.status import EXIT_CLEAN, EXIT_TROUBLE
from frontlint.init.config_text import files, not_read_lines
from frontlint.init.plan import Plan, plan_site, schema_text
from frontlint.text.terminal_safe import shown_path, visible

INIT_SUBCOMMAND = "init"
CONFIG_NAME = "frontlint.toml"
# The configuration files a folder may hold already, in the order frontlint reads them (a hidden one wins).
_EXISTING = (".frontlint.toml", "frontlint.toml")

Lint = Callable[[Sequence[str], TextIO, TextIO], int]


def init_command(arguments: list[str], out: TextIO, err: TextIO, lint: Lint) -> int:
    """Run ``frontlint init`` (``arguments`` start with the command); ``lint`` runs a lint in this process."""
    parser = argparse.ArgumentParser(
        prog="frontlint init",
        description="Write a frontlint.toml for the site checkout at PATH: the bundled article contract for "
        "each collection it fits, a schema inferred from its files for each other one (in schemas/).",
    )
    parser.add_argument("path", nargs="?", default=os.curdir, metavar="PATH", help="the site's root (default: .)")
    parser.add_argument("--force", action="store_true", help="replace a configuration or schema file already there")
    try:
        args = parser.parse_args(arguments[1:])
    except SystemExit as exit_:  # argparse has printed usage or help
        return int(exit_.code or 0)
    root = Path(args.path)
    if not root.is_dir():
        print(f"frontlint: error: {shown_path(args.path)}: not a folder: run init at a site's root", file=err)
        return EXIT_TROUBLE
    unreadable: list[str] = []
    plan = plan_site(root, lambda path, error: unreadable.append(_reason(path, error)))
    for line in unreadable:
        print(f"frontlint: warning: {line}: left out", file=err)
    if plan is None:
        print(f"frontlint: error: {shown_path(args.path)}: no Markdown file with front matter found: nothing to configure",
              file=err)  # fmt: skip
        return EXIT_TROUBLE
    for warning in plan.warnings:
        print(f"frontlint: warning: {visible(warning)}", file=err)
    config = _config_path(root)
    refused = _refused(root, config, plan, args.force)
    if refused:
        print(f"frontlint: error: {refused}", file=err)
        return EXIT_TROUBLE
    try:
        _write(root, config, plan)
    except OSError as error:
        where = error.filename if isinstance(error.filename, str) else str(config)
        print(f"frontlint: error: cannot write {shown_path(where)}: {visible(error.strerror or str(error))}", file=err)
        return EXIT_TROUBLE
    _say_written(root, config, plan, out)
    return _first_run(root, out, lint)


def _reason(path: Path, error: Exception) -> str:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"{shown_path(str(path))}: {visible(reason)}"


def _config_path(root: Path) -> Path:
    """The configuration file init writes: the one frontlint would read there, else ``frontlint.toml``."""
    return next((root / name for name in _EXISTING if os.path.lexists(root / name)), root / CONFIG_NAME)


def _refused(root: Path, config: Path, plan: Plan, force: bool) -> str | None:
    """Why init does not write (a file it would replace, without ``--force``), or ``None``."""
    if force:
        return None
    there = [config] if os.path.lexists(config) else []
    there += [root / name for name in plan.schemas if os.path.lexists(root / name)]
    if _pyproject_configures(root / "pyproject.toml"):
        there.append(root / "pyproject.toml")
    if not there:
        return None
    names = ", ".join(shown_path(str(path)) for path in there)
    return f"{names}: already there: init never replaces a configuration (--force replaces it)"


def _pyproject_configures(path: Path) -> bool:
    """Whether ``pyproject.toml`` holds a ``[tool.frontlint]`` table (a frontlint.toml written beside it would win)."""
    try:
        return "[tool.frontlint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _write(root: Path, config: Path, plan: Plan) -> None:
    """Write the inferred schemas, then the configuration (last: it names them)."""
    for name, schema in plan.schemas.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, schema_text(schema))
    _replace(config, plan.config)


def _replace(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` (a link there is replaced, never written through)."""
    if target.is_symlink():
        target.unlink()
    target.write_text(text, encoding="utf-8")


def _say_written(root: Path, config: Path, plan: Plan, out: TextIO) -> None:
    """Print what was written, for each collection its schema, and what was left out."""
    print(f"frontlint: wrote {shown_path(str(config))}", file=out)
    for name in plan.schemas:
        print(f"frontlint: wrote {shown_path(str(root / name))}", file=out)
    for decision in plan.decisions:
        schema = "the bundled article contract" if decision.schema == "article" else decision.schema
        dialects = ", ".join(decision.dialects)
        print(f"  {visible(decision.group.name)}: {files(decision.files)}, {dialects}: {schema}", file=out)
        for line in not_read_lines(decision):
            print(f"    {line}", file=out)
    for pattern, why in plan.excluded:
        print(f"  left out {visible(pattern)}: {visible(why)}", file=out)


def _first_run(root: Path, out: TextIO, lint: Lint) -> int:
    """Lint the site with the configuration written, and print the statistics and the summary line."""
    report, summary = io.StringIO(), io.StringIO()
    lint(["--statistics", "--exit-zero", str(root)], report, summary)
    print(f"frontlint: first run (frontlint {shown_path(str(root))}):", file=out)
    out.write(summary.getvalue())
    return EXIT_CLEAN
