"""Front-matter dialects behind one interface (:mod:`frontlint.dialects.base`): YAML, TOML and JSON.

:data:`DIALECTS` is the registry: a file's dialect is the first one that :meth:`opens
<frontlint.dialects.base.FrontMatterDialect.opens>` on its first line (:func:`dialect_for`), and
YAML when none does (its :meth:`find_block` then reports ``front-matter-missing``). Everything that
reads, suppresses in or edits front matter (the engine, the finaliser, the read-back of ``--fix``,
the fixer, the language server) asks the file's dialect, never a dialect's own functions.
"""

from __future__ import annotations

import re

from frontlint.diagnostic import Problem
from frontlint.dialects.base import FrontMatterDialect
from frontlint.dialects.json_dialect import JSON
from frontlint.dialects.toml_dialect import TOML
from frontlint.dialects.yaml_dialect import YAML
from frontlint.reading.front_matter import FrontMatterBlock
from frontlint.reading.positions import LineIndex

# The dialects, in the order their openings are tried: one line each.
DIALECTS: tuple[FrontMatterDialect, ...] = (
    YAML,  # "---"
    TOML,  # "+++"
    JSON,  # "{"
)

_FIRST_LINE = re.compile(r"[^\r\n]*")


def dialect_for(text: str) -> FrontMatterDialect:
    """The dialect of a file whose text (or first line) is ``text``: the first that opens on its first line, else YAML."""
    match = _FIRST_LINE.match(text)
    assert match is not None  # the pattern matches the empty string
    first_line = match.group()
    for dialect in DIALECTS:
        if dialect.opens(first_line):
            return dialect
    return YAML


def find_block(lines: LineIndex) -> tuple[FrontMatterDialect, FrontMatterBlock | None, Problem | None]:
    """The dialect of the text ``lines`` index, its front-matter block, or the problem that none can be found.

    A file no dialect opens is ``front-matter-missing``, with a message that names every opening.
    """
    dialect = dialect_for(lines.line_text(1))
    block, problem = dialect.find_block(lines)
    if problem is not None and problem.rule == "front-matter-missing" and len(DIALECTS) > 1:
        problem = problem._replace(message=_missing_message())
    return dialect, block, problem


def _missing_message() -> str:
    """``no front matter: …`` naming each dialect's opening (``'---' (YAML), '+++' (TOML) or '{' (JSON)``)."""
    named = [f"'{dialect.fence}' ({dialect.name.upper()})" for dialect in DIALECTS]
    return f"no front matter: the file must start with {', '.join(named[:-1])} or {named[-1]}"
