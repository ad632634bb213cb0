"""Replacing a file's content all at once, so that no reader ever sees half of it.

:func:`write_atomically` replaces a file (a fixed article, a baseline) by a rename, keeps what
a rename would lose, and refuses what a rename would break; ``--fix``'s own policy (links found
by walking) is :func:`frontlint.run.linting.write_fix`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from frontlint.reading.files import read_start

# What ``open(O_TMPFILE)`` fails with where the kernel or the file system has no unnamed files.
_NO_UNNAMED_FILES = (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL)
# The folder through which an unnamed file is given a name (``linkat`` of a descriptor).
_OPEN_DESCRIPTORS = "/proc/self/fd"


class FileChanged(OSError):
    """The file on disk is no longer the one that was read (someone saved it meanwhile)."""


def write_atomically(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the content of ``path`` with ``data`` by a rename; raise :class:`OSError` if it cannot be.

    A link is followed: the file it points to is replaced and the link survives. The new
    file is written to a temporary file in the same folder, then renamed over the old one:

    - a file that exists keeps its mode, owner, group and extended attributes (POSIX ACLs,
      ``user.*``); if its owner and group, or an attribute, cannot be given to the new file
      (a user other than root fixing someone else's file), nothing is written. A new file
      gets 0o666 less the umask, as any file the user creates;
    - a read-only file (no write permission for its owner, or none for this user: root has
      the second, not the first) and a file with more than one hard link (a rename would
      split them) are refused;
    - the temporary file is unnamed while it is written (Linux's ``O_TMPFILE``), and named
      only just before the rename, so a kill (``SIGKILL``, a crash, power loss) leaves no
      file behind except in that instant. Elsewhere it is named from the start, created
      0o600 (``O_EXCL``): no other user can read it before it gets the file's own mode. An
      exception (``KeyboardInterrupt``, ``SystemExit`` from a signal handler) removes it;
    - with ``expected`` (the bytes the fix was made from), the file is read again just
      before the rename and nothing is written if it changed (:class:`FileChanged`): an
      edit saved during the run is kept. A change in the instant between that check and
      the rename is still overwritten: no portable system call compares and renames at once.
    """
    target = Path(os.path.realpath(path))
    status = _existing(target)
    if status is not None:
        _check_replaceable(target, status)
    descriptor, temporary = _create_temporary(target, private=status is not None)
    try:
        _write_all(descriptor, data)
        if status is not None:
            _keep_owner_and_mode(descriptor, status)
            _keep_extended_attributes(target, descriptor)
        os.fsync(descriptor)
        if expected is not None and _read_back(target, len(expected) + 1) != expected:
            raise FileChanged("the file changed while it was being fixed")
        if temporary is None:
            temporary = _name_unnamed(descriptor, target)
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            _remove(temporary)
        raise
    finally:
        os.close(descriptor)


def _existing(target: Path) -> os.stat_result | None:
    """The status of the file to replace, or ``None`` when there is none yet."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None


def _check_replaceable(target: Path, status: os.stat_result) -> None:
    """Refuse a read-only file and a file with hard links (see :func:`write_atomically`)."""
    if not status.st_mode & stat.S_IWUSR:
        raise OSError(errno.EACCES, "the file is read-only")
    if not os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))
    if status.st_nlink > 1:
        raise OSError(errno.EMLINK, f"it has {status.st_nlink} hard links (replacing it would split them)")


def _create_temporary(target: Path, *, private: bool) -> tuple[int, Path | None]:
    """Open a new file beside ``target`` for writing: unnamed where possible (then its name is ``None``).

    A file that replaces an existing one is created 0o600 and gets that file's mode later; a
    new file is created with the mode it keeps (0o666 less the umask).
    """
    mode = 0o600 if private else 0o666
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    unnamed = getattr(os, "O_TMPFILE", 0)
    if unnamed and os.path.isdir(_OPEN_DESCRIPTORS):
        try:
            return os.open(target.parent, flags | unnamed, mode), None
        except OSError as error:
            if error.errno not in _NO_UNNAMED_FILES:
                raise
    temporary = _temporary_name(target)
    return os.open(temporary, flags | os.O_CREAT | os.O_EXCL, mode), temporary


def _temporary_name(target: Path) -> Path:
    """A hidden name beside ``target`` that no other file has: ``.a.md.<16 hex digits>.tmp``."""
    # deferred: secrets (and the hashlib it imports) costs 4.2 ms, needed only when --fix or a baseline writes a file
    import secrets

    return target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")


def _name_unnamed(descriptor: int, target: Path) -> Path:
    """Give the unnamed file open at ``descriptor`` a temporary name beside ``target``; return it.

    ``linkat`` of ``/proc/self/fd/N`` with ``AT_SYMLINK_FOLLOW``: Python calls plain ``link``
    (which does not follow the descriptor's link) unless a folder descriptor is given.
    """
    temporary = _temporary_name(target)
    folder = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        os.link(f"{_OPEN_DESCRIPTORS}/{descriptor}", temporary.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)
    return temporary


def _write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of ``data`` (``os.write`` may write fewer than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _keep_owner_and_mode(descriptor: int, status: os.stat_result) -> None:
    """Give the open file the owner, group and mode of the file it replaces.

    The owner first: changing it clears the set-user-ID and set-group-ID bits.
    """
    own = os.fstat(descriptor)
    if (own.st_uid, own.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(descriptor, status.st_uid, status.st_gid)
        except OSError as error:
            raise OSError(
                error.errno, f"its owner and group (uid {status.st_uid}, gid {status.st_gid}) could not be kept"
            ) from None
    change_mode = getattr(os, "fchmod", None)  # not on Windows before Python 3.13, where only read-only is a mode
    if change_mode is not None:
        change_mode(descriptor, stat.S_IMODE(status.st_mode))


def _keep_extended_attributes(target: Path, descriptor: int) -> None:
    """Give the open file the extended attributes of ``target`` (POSIX ACLs, ``user.*``, labels).

    One that cannot be given (and that the new file does not already hold, as a default
    security label) stops the write, as an owner that cannot be kept does.
    """
    list_names = getattr(os, "listxattr", None)  # Linux only
    if list_names is None:
        return
    try:
        names = list_names(target)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return  # the file system has none
        raise
    for name in names:
        value = os.getxattr(target, name)
        try:
            os.setxattr(descriptor, name, value)
        except OSError as error:
            if _attribute(descriptor, name) != value:
                raise OSError(error.errno, f"its extended attribute {name} could not be kept") from None


def _attribute(descriptor: int, name: str) -> bytes | None:
    try:
        return os.getxattr(descriptor, name)
    except OSError:
        return None


def _read_back(target: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of the file now at ``target`` (``None`` if it is gone)."""
    try:
        return read_start(target, size)
    except FileNotFoundError:
        return None


def _remove(temporary: Path) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass
