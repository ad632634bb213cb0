"""``frontlint schema`` (the bundled schemas, one a line) and ``frontlint schema NAME`` (one of them, as shipped).

A schema of one's own uses a bundled one as a base by ``$ref``-ing the URI the listing shows (its
``$id``), whole or a part of it: see the README's "Extending the bundled contract".
"""

from __future__ import annotations

import json
from typing import TextIO

from frontlint.cli.status import EXIT_TROUBLE
from frontlint.cli.terminal import print_to_stdout
from frontlint.schema.bundled import BUNDLED_SCHEMAS, bundled_text, bundled_uri
from frontlint.text.terminal_safe import visible

SCHEMA_SUBCOMMAND = "schema"
USAGE = "usage: frontlint schema [NAME] (without NAME: the bundled schemas)"


def schema_command(arguments: list[str], out: TextIO, err: TextIO) -> int:
    """Run ``frontlint schema [NAME]`` (``arguments`` start with the command); the exit status."""
    if len(arguments) == 1:
        return print_to_stdout(schema_listing(), out, err)
    if len(arguments) != 2 or arguments[1].startswith("-"):
        print(USAGE, file=err)
        return EXIT_TROUBLE
    name = arguments[1]
    if name not in BUNDLED_SCHEMAS:
        known = ", ".join(BUNDLED_SCHEMAS)
        print(f"frontlint: error: no bundled schema named {visible(repr(name))} (bundled: {known})", file=err)
        return EXIT_TROUBLE
    return print_to_stdout(bundled_text(name), out, err)


def schema_listing() -> str:
    """The lines ``frontlint schema`` prints: each bundled schema's name, the URI to ``$ref`` it by, and its title."""
    lines = []
    for name in BUNDLED_SCHEMAS:
        title = json.loads(bundled_text(name)).get("title", "")
        lines.append(f"{name}  {bundled_uri(name)}  {title}\n")
    return "".join(lines)
