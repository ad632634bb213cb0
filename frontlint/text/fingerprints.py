"""Stable identities of problems, independent of line numbers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Protocol


class _Digest(Protocol):
    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


_LINE_NUMBER = re.compile(r"\bline \d+")


def fingerprint(rule: str, path: str, offending: str) -> str:
    """A stable identity for a problem: its rule, the JSON path, and the offending value's text.

    For a problem about a whole mapping or list (a missing key), the message stands in for
    the value, so that edits inside the mapping do not change it.
    """
    # A line number named in a message ("first defined on line 2") moves with edits elsewhere.
    stable = _LINE_NUMBER.sub("line", offending)
    digest = _sha256()(f"{rule}\0{path}\0{stable}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def short_digest(text: str) -> bytes:
    """The first 16 bytes of the SHA-256 digest of ``text``: a key far smaller than a long text.

    Two texts that differ have the same 128 bits with a chance of 1 in 10^29 even among a
    million of them (the birthday bound): where this stands for a text, it is the text.
    """
    return _sha256()(text.encode("utf-8", "surrogatepass")).digest()[:16]


@functools.lru_cache(maxsize=1)
def _sha256() -> Callable[[bytes], _Digest]:
    """SHA-256, by CPython's own implementation where it has one (the same digests).

    ``hashlib`` loads OpenSSL first, a far slower import, and every run would pay it, clean
    ones too: ``duplicate-article`` digests each file's ``webUrl`` (:func:`short_digest`).
    Per digest the two are as fast. Pinned to ``hashlib.sha256``
    by ``test_fingerprints_are_sha256_digests_without_loading_openssl``.
    """
    try:
        # deferred: a probe: CPython's own SHA-256 (_sha2 or _sha256, 0.07 ms) rather than hashlib, which loads OpenSSL (2.6 ms)
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython 3.12+
    except ImportError:
        try:  # deferred: the probe's second choice, on CPython 3.10 and 3.11
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:  # deferred: another Python: hashlib's choice
            from hashlib import sha256
    return sha256  # type: ignore[no-any-return,unused-ignore]
