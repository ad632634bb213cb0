"""Deep trees and pathological patterns, shared by the command's and the language server's path tests.

``os.makedirs`` and ``shutil.rmtree`` recurse, so a tree a thousand folders deep is made and removed
here through folder descriptors, one level at a time.
"""

from __future__ import annotations

import os
from pathlib import Path

ONE_ERROR = "---\ntitle: 1\n---\n"
PATHOLOGICAL = "/".join(["a", "**"] * 20) + "/b"  # a/**/a/**/.../a/**/b: re tried ways beyond counting
FORTY = "/".join(["a"] * 40)  # a folder forty deep


def make_deep(root: Path, depth: int, text: str = ONE_ERROR) -> str:
    """``d/d/.../d/x.md``, ``depth`` folders below ``root``, made through folder descriptors (any depth); its name from ``root``."""
    folder = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=folder)
            below = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = below
        file = os.open("x.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder)
        os.write(file, text.encode("utf-8"))
        os.close(file)
    finally:
        os.close(folder)
    return "d/" * depth + "x.md"


def remove_deep(root: Path, depth: int) -> None:
    """Remove what :func:`make_deep` made, deepest first, each name relative to ``root``."""
    top = os.open(root, os.O_RDONLY)
    try:
        os.unlink("d/" * depth + "x.md", dir_fd=top)
        for level in range(depth, 0, -1):
            os.rmdir("/".join(["d"] * level), dir_fd=top)
    finally:
        os.close(top)
