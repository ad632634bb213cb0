"""``frontlint rules`` (the table of every check) and ``frontlint rule ID`` (one check's page)."""

from __future__ import annotations

from typing import TextIO

from frontlint.cli.status import EXIT_TROUBLE
from frontlint.cli.terminal import print_to_stdout
from frontlint.registry import ALL_CHECKS, check_for
from frontlint.rule_support.base import Check, summary

SUBCOMMANDS = ("rules", "rule")


def rule_table() -> list[tuple[str, str, str, str]]:
    """Return (id, default severity, fixable, summary) for every id a diagnostic can carry."""
    return [
        (
            check.id + ("/*" if check.kind == "family" else ""),
            str(check.severity),
            "yes" if check.fixable else "no",
            summary(check),
        )
        for check in ALL_CHECKS
    ]


def rules_command(arguments: list[str], out: TextIO, err: TextIO) -> int:
    """Run ``frontlint rules`` or ``frontlint rule ID`` (``arguments`` start with the command); return the exit status."""
    if arguments[0] == "rules":
        if len(arguments) != 1:
            print("usage: frontlint rules", file=err)
            return EXIT_TROUBLE
        return print_to_stdout(rule_listing(), out, err)
    if len(arguments) != 2:
        print("usage: frontlint rule ID", file=err)
        return EXIT_TROUBLE
    rule_id = arguments[1]
    check = check_for(rule_id)
    if check is None:
        print(f"frontlint: error: unknown rule {rule_id!r} (see 'frontlint rules')", file=err)
        return EXIT_TROUBLE
    return print_to_stdout(rule_page(check), out, err)


def rule_page(check: Check) -> str:
    """The page ``frontlint rule ID`` prints: a title line with the default severity, then the documentation as plain text."""
    # deferred: only the rule pages need it: plain_text compiles its patterns on import, 0.6 ms
    from frontlint.text.plain_text import plain_text

    title = f"{check.id} ({check.severity}{', fixable' if check.fixable else ''})"
    return f"{title}\n{'=' * len(title)}\n\n{plain_text(check.doc)}\n"


def rule_listing() -> str:
    """The table ``frontlint rules`` prints: id, default severity, fixable, summary (plain text)."""
    # deferred: only the rule pages need it: plain_text compiles its patterns on import, 0.6 ms
    from frontlint.text.plain_text import plain_inline

    rows = rule_table()
    width = max(len(row[0]) for row in rows)
    lines = [f"{'id':<{width}}  {'severity':<8}  fix  summary"]
    lines.extend(
        f"{rule_id:<{width}}  {severity:<8}  {fixable:<3}  {plain_inline(text)}"
        for rule_id, severity, fixable, text in rows
    )
    return "\n".join(lines) + "\n"
