"""The benchmark report: one Markdown table of rows, each a measurement with its ratio and target."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

from measure import Command, last_line


@dataclass
class Row:
    """One line of the table; every cell is text as shown."""

    target: str
    tool: str
    files: str
    value: str
    spread: str
    ratio: str
    goal: str
    result: str
    notes: str


def seconds(command: Command) -> tuple[str, str]:
    """The median wall time of a command and its spread (runs, min–max), or why there is none."""
    if command.error:
        return command.error, ""
    if not command.times:
        return "not run", ""
    spread = f"{len(command.times)} ({min(command.times):.3f}–{max(command.times):.3f})"
    return f"{command.median:.3f}", spread


def ratio_of(numerator: Command, denominator: Command) -> float | None:
    """The ratio of two commands' medians, or None when either has none."""
    return numerator.median / denominator.median if numerator.median and denominator.median else None


def verdict(ok: bool | None) -> str:
    """``pass``, ``**FAIL**`` or ``n/a`` (not measured)."""
    return "n/a" if ok is None else ("pass" if ok else "**FAIL**")


def problems_note(command: Command, extra: str = "") -> str:
    """The notes cell of a timed command: ``extra``, the problems it reported, its own note."""
    parts = [extra] if extra else []
    if command.problems is not None and not command.error:
        parts.append(f"{command.problems} problems reported")
    elif command.count_problems is not None and command.times and not command.error:
        parts.append("output not understood")
    if command.note:
        parts.append(command.note)
    return "; ".join(parts)


def render(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    head = ("#", "tool", "files", "median wall s", "runs (min–max)", "ratio", "target", "pass/fail", "notes")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = (row.target, row.tool, row.files, row.value, row.spread, row.ratio, row.goal, row.result, row.notes)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def importtime_offenders(env: dict[str, str], top: int = 8) -> str:
    """The largest cumulative imports of `import frontlint` (python -X importtime), as a table."""
    argv = [sys.executable, "-X", "importtime", "-c", "import frontlint"]
    subprocess.run(argv, env=env, capture_output=True)  # warm: bytecode caches written
    out = subprocess.run(argv, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        return f"`import frontlint` failed: {last_line(out.stderr)}"
    entries = []
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            entries.append((int(match.group(2)), int(match.group(1)), len(match.group(3)) // 2, match.group(4)))
    entries.sort(reverse=True)
    lines = ["| module | cumulative ms | self ms | depth |", "|---|---|---|---|"]
    for cumulative, own, depth, name in entries[:top]:
        lines.append(f"| `{name}` | {cumulative / 1000:.1f} | {own / 1000:.1f} | {depth} |")
    by_self = sorted(entries, key=lambda e: e[1], reverse=True)[:top]
    lines.append("")
    lines.append("Largest self times: " + ", ".join(f"`{n}` {s / 1000:.1f} ms" for _, s, _, n in by_self) + ".")
    return "\n".join(lines)
