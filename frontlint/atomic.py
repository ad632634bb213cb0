"""Replacing a file's content all at once, so that no reader ever sees half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A link is followed, so the file it points to is replaced and the link survives. An
    existing file keeps its permissions; a new one gets 0o666 less the umask, as any file
    the user creates (a plain temporary file would be 0o600). Raises :class:`OSError`; the
    temporary file is removed whatever fails.
    """
    import secrets  # here: only --fix writes files, and secrets imports hashlib

    target = Path(os.path.realpath(path))
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
