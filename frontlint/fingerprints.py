"""Stable identities of problems, independent of line numbers."""

from __future__ import annotations

import hashlib


def fingerprint(rule: str, path: str, offending: str) -> str:
    """A stable identity for a problem: its rule, the JSON path, and the offending value's text.

    For a problem about a whole mapping or list (a missing key), the message stands in for
    the value, so that edits inside the mapping do not change it.
    """
    digest = hashlib.sha256(f"{rule}\0{path}\0{offending}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]
