#!/usr/bin/env python3
"""The bare-parse baseline: what reading the front matter of every file costs, and nothing else.

usage: bare_parse.py [--jobs N] PATH ...

Finds the Markdown files below each PATH the way frontlint does (sorted walk, hidden
directories skipped, ``*.md`` and ``*.markdown``), reads each file, takes the block between
the opening ``---`` line and the next ``---`` or ``...`` line, and builds libyaml's node tree
of it (``yaml.compose(text, Loader=yaml.CSafeLoader)``: every node with its position, no
values constructed). The files are spread over N processes with ``multiprocessing`` (N=1:
no pool at all). Prints one line, ``composed A front matters, B without (missing, unclosed,
unreadable or invalid YAML)``.

``front_matter()`` is also what ``corpora.py`` uses to extract the ``.yaml`` files that
check-jsonschema is given, so both see exactly the same text.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
OPENING_FENCES = ("---",)
CLOSING_FENCES = ("---", "...")


def front_matter(text: str) -> str | None:
    """Return the text between the front matter fences, or None when there is no closed block."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() not in OPENING_FENCES:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSING_FENCES:
            return "".join(lines[1:index])
    return None


def markdown_files(paths: list[str]) -> list[str]:
    """Every file named, and every Markdown file below a named directory, in sorted order."""
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        for directory, subdirectories, files in os.walk(path):
            subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
            found.extend(
                os.path.join(directory, name) for name in sorted(files) if name.lower().endswith(MARKDOWN_SUFFIXES)
            )
    return found


def compose_file(path: str) -> bool:
    """Read one file and compose its front matter; False when it has none or it is not YAML."""
    import yaml  # imported by the parent before the pool forks; this is a dictionary look-up

    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    block = front_matter(text)
    if block is None:
        return False
    try:
        yaml.compose(block, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    try:
        import yaml

        yaml.CSafeLoader  # noqa: B018 - only asks whether PyYAML was built with libyaml
    except (ImportError, AttributeError):
        print("bare_parse: PyYAML with libyaml (yaml.CSafeLoader) is not installed", file=sys.stderr)
        return 3
    files = markdown_files(args.paths)
    jobs = max(1, min(args.jobs, len(files)))
    if jobs == 1:
        results = [compose_file(path) for path in files]
    else:
        # Contiguous chunks, a few per process, so that a slow stretch of files is shared out.
        chunksize = max(1, min(500, -(-len(files) // (jobs * 8))))
        with multiprocessing.Pool(jobs) as pool:
            results = list(pool.imap(compose_file, files, chunksize=chunksize))
    composed = sum(results)
    print(
        f"composed {composed} front matters, {len(results) - composed} without "
        "(missing, unclosed, unreadable or invalid YAML)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
