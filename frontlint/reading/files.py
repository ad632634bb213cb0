"""Reading files frontlint is given: regular files only, never more than a limit.

Every file frontlint reads (an article, a schema, a configuration, a baseline) goes through
:func:`read_start`: a FIFO, socket or device (``/dev/zero``, a named pipe) is refused at
once instead of blocking or never ending, and no more than the bytes asked for are read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

# Why a name with a NUL character cannot be opened (Python raises ValueError; no file can have one).
NUL_IN_NAME = "the file name holds a NUL character"

# A file that grew after its size was taken is read on in steps of this many bytes.
_READ_CHUNK = 64 * 1024


def read_start(path: str | Path, size: int) -> bytes:
    """Read at most ``size`` bytes of a regular file.

    A FIFO, socket or device would block or never end: it is refused with an
    :class:`OSError`, without waiting for a writer. The file is read with as many bytes
    asked for as it holds (plus one, to see it grow), not ``size``: asking a 2 MiB
    limit of a 7 KiB file made every read allocate and free 2 MiB.
    """
    descriptor, status = _open_regular(path)
    try:
        return _read_up_to(descriptor, size, status.st_size + 1)
    finally:
        os.close(descriptor)


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file to read it as a stream, refusing what :func:`read_start` refuses (raises :class:`OSError`).

    What a JSON Lines file needs: it is read whole, one line at a time, not only its start.
    """
    descriptor, _ = _open_regular(path)
    return os.fdopen(descriptor, "rb")


def _open_regular(path: str | Path) -> tuple[int, os.stat_result]:
    """A descriptor of ``path`` opened for reading, and its status; a FIFO, socket, device or folder is refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except ValueError:
        raise OSError(errno.EINVAL, NUL_IN_NAME, str(path)) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status


def _read_up_to(descriptor: int, size: int, expected: int) -> bytes:
    """Read until end of file or ``size`` bytes, asking first for the ``expected`` bytes."""
    parts: list[bytes] = []
    total, first = 0, min(size, expected)
    while total < size:
        part = os.read(descriptor, first - total if total < first else min(size - total, _READ_CHUNK))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_limited(path: str | Path, max_bytes: int) -> bytes:
    """Read a whole regular file of at most ``max_bytes`` bytes.

    Raises :class:`OSError`: ``EISDIR`` for a folder, ``EINVAL`` for anything else that is not a regular file, ``EFBIG`` for a file
    larger than ``max_bytes`` (read no further than one byte past the limit).
    """
    data = read_start(path, max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(errno.EFBIG, f"larger than {max_bytes:,} bytes", str(path))
    return data
