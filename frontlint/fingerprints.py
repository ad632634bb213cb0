"""Stable identities of problems, independent of line numbers."""

from __future__ import annotations

import re

_LINE_NUMBER = re.compile(r"\bline \d+")


def fingerprint(rule: str, path: str, offending: str) -> str:
    """A stable identity for a problem: its rule, the JSON path, and the offending value's text.

    For a problem about a whole mapping or list (a missing key), the message stands in for
    the value, so that edits inside the mapping do not change it.
    """
    # A line number named in a message ("first defined on line 2") moves with edits elsewhere.
    stable = _LINE_NUMBER.sub("line", offending)
    from hashlib import sha256  # here: hashlib is a slow import, and clean runs never need it

    digest = sha256(f"{rule}\0{path}\0{stable}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]
