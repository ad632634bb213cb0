"""The ``frontlint.toml`` that ``frontlint init`` writes: each collection's schema, and what is left out, commented."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import NamedTuple

from frontlint.init.collections import Group
from frontlint.text.terminal_safe import visible

# The files a collection's entry names as not read, at most; the rest are counted.
MOST_NOT_READ_SHOWN = 5
# Characters a gitignore-style pattern reads as special, escaped in a folder's name.
_GLOB_SPECIAL = re.compile(r"([\\*?\[\]])")
# A byte of a name that is not UTF-8, as Python holds it (PEP 383): no UTF-8 text can hold it.
_NOT_UTF8_BYTE = re.compile("[\udc80-\udcff]")


class Decision(NamedTuple):
    """One collection's entry: its group, its files, the dialects seen, the schema chosen, why, and the files not read."""

    group: Group
    files: int
    dialects: tuple[str, ...]
    schema: str  # a bundled name, or a schema file relative to the configuration
    why: str
    not_read: tuple[tuple[str, str], ...] = ()  # (relative path, why) of each file whose front matter was not read


def not_read_lines(decision: Decision) -> list[str]:
    """``not read: PATH: why`` for the first files of a collection whose front matter was not read, and how many more."""
    shown = [f"not read: {visible(path)}: {visible(why)}" for path, why in decision.not_read[:MOST_NOT_READ_SHOWN]]
    more = len(decision.not_read) - MOST_NOT_READ_SHOWN
    return shown + ([f"not read: {files(more)} more"] if more > 0 else [])


def files(count: int) -> str:
    """``1 file``, ``2,050 files``."""
    return f"{count:,} file{'' if count == 1 else 's'}"


def writable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a byte of a name that is not UTF-8 shown as its escape (``\\udce9``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's; TOML escapes DEL too, which JSON need not)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def folder_patterns(group: Group, suffixes: Sequence[str]) -> list[str]:
    """The path patterns of a collection's files, anchored to the configuration's folder."""
    folder = "/".join(_escaped(part) for part in group.folder.split("/")) if group.folder else ""
    if group.recursive:
        return [f"/{folder}/"]
    prefix = f"/{folder}/" if folder else "/"
    return [f"{prefix}*{suffix}" for suffix in suffixes]


def file_pattern(relative: str) -> str:
    """A pattern matching the one file ``relative`` (relative to the configuration's folder)."""
    return "/" + "/".join(_escaped(part) for part in relative.split("/"))


def _escaped(name: str) -> str:
    """A file or folder name as a pattern that matches it alone (a byte that is not UTF-8: any one character)."""
    name = _NOT_UTF8_BYTE.sub("?", _GLOB_SPECIAL.sub(r"\\\1", name))
    if name.startswith(("!", "#")):
        name = "\\" + name
    if name.endswith(" "):
        name = name[:-1] + "\\ "
    return name


def config_text(
    generator: str,
    default_schema: str,
    decisions: Sequence[tuple[Decision, list[str]]],
    excluded: Sequence[tuple[str, str]],
) -> str:
    """The configuration's text: ``decisions`` with their patterns, ``excluded`` (pattern, why) files and folders."""
    where = "a site checkout" if generator == "plain" else f"the {generator} site checkout here"
    lines = [
        f"# frontlint's configuration, written by `frontlint init` for {where}.",
        "# Each collection below is checked against the bundled article contract where its files fit it,",
        "# else against a schema inferred from its own files (beside this file, in schemas/): edit those",
        "# to tighten or widen them. Paths and patterns are relative to this file's folder.",
        "# `frontlint schema article` prints the bundled contract; `frontlint --help` lists the keys.",
        "",
        "# The files in no collection below (a collection added later, say): the largest collection's schema.",
        f"schema = {toml_string(default_schema)}",
    ]
    if excluded:
        lines += ["", "# Left out: files and folders without front matter that are not content.", "extend-exclude = ["]
        lines += [f"    {toml_string(pattern)},  # {visible(why)}" for pattern, why in excluded]
        lines.append("]")
    lines += ["", "[per-file-schemas]"]
    for decision, patterns in decisions:
        dialects = ", ".join(decision.dialects) or "no"
        lines.append(
            f"# {visible(decision.group.name)}: {decision.group.kind}, {files(decision.files)}, {dialects} front "
            f"matter; {decision.why}."
        )
        lines += [f"#   {line}" for line in not_read_lines(decision)]
        lines += [f"{toml_string(pattern)} = {toml_string(decision.schema)}" for pattern in patterns]
    return writable("\n".join(lines) + "\n")
