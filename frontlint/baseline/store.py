"""Baselines: adopt frontlint on a repository that already has problems, and see only new ones.

``frontlint --write-baseline FILE`` records every problem of a run; ``frontlint --baseline FILE``
hides the recorded ones and reports only problems that are new.

What identifies a problem
-------------------------
An entry is keyed by four things: the file's **path**, the **rule** id, the **JSON path** of the
offending node (``$.related[2].webUrl``) and the diagnostic's **fingerprint**, a hash of the rule,
the JSON path and the offending value's text (see :mod:`frontlint.text.fingerprints`). The line and
column are not part of the key, so an entry survives edits elsewhere in the file: lines inserted
above it, keys reordered. It does not survive a change to the offending value itself (a changed
value is a new problem), nor a change of its JSON path (a list item moved to another index).
The ``message`` is stored for the humans who read the file and review its diffs; it is not part
of the key. A diagnostic without a fingerprint (none of frontlint's own should lack one) is keyed
by a fingerprint of its rule, JSON path and message instead, so it is still line-independent.

Paths are stored relative to the baseline file's folder, normalised (``os.path.normpath`` with
``/`` as separator), so a baseline means the same files whatever the working directory of the
run that writes or reads it, and whether the files were named relative or absolute. A baseline
written by an older frontlint (paths as they were typed) is read as it was: written from the
baseline's folder, its paths are already relative to it; an absolute path is made relative.

Counting
--------
A baseline is a multiset. If it holds an entry twice and a run has three diagnostics with that
key, two are hidden and one is reported as new. Errors and warnings are hidden alike.

Stale entries
-------------
An entry that no diagnostic of the run matched is *stale*: the problem was fixed (or its value
changed, which also shows the new value as a new problem). Only files linted in this run can have
stale entries: when only some files are linted (pre-commit passes just the changed ones), the
entries of the other files are neither matched nor stale. The caller therefore passes the names
of every file it linted, clean ones included, to :meth:`Baseline.filter`. A new
``--write-baseline`` drops stale entries, because it records only the problems found;
entries of files that run did not lint can be carried over with ``keep``.

The file
--------
UTF-8 JSON, sorted, one entry per line, ending in a newline, so that writing the same problems
twice gives the same bytes and a changed baseline is a readable diff::

    {
      "version": 1,
      "tool": "frontlint",
      "entries": [
        {"path": "_news/a.md", "rule": "url-insecure", "json_path": "$.webUrl", "fingerprint": "0f67…", "message": "…"}
      ]
    }

It is written atomically: to a temporary file in the same directory, then renamed over the old
one, so a reader never sees half a baseline. A file that cannot be read, is not valid JSON, has
another ``version`` or malformed entries raises :class:`BaselineError` with a one-line message
that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from frontlint.diagnostic import Diagnostic
from frontlint.fix.atomic_write import write_atomically
from frontlint.reading.files import read_limited
from frontlint.text.fingerprints import fingerprint as compute_fingerprint
from frontlint.text.shortening import bounded, json_type

__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "BaselineResult",
    "check_writable",
    "load_baseline",
    "load_for_update",
    "normalize_path",
    "write_baseline",
]

BASELINE_VERSION = 1
# No baseline is larger than this (about 200,000 entries); a bigger file, a FIFO or a device is
# refused, not read.
MAX_BASELINE_BYTES = 64 * 1024 * 1024
TOOL = "frontlint"

# The fields every entry carries, in the order they are written.
_KEY_FIELDS = ("path", "rule", "json_path", "fingerprint")

EntryKey = tuple[str, str, str, str]


class BaselineError(Exception):
    """A baseline file cannot be read or written, or is not a valid frontlint baseline.

    ``path`` names the file and ``reason`` says what is wrong; ``str()`` is one line of both.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = _one_line(reason)
        super().__init__(_one_line(f"{self.path}: {reason}"))


def normalize_path(path: str) -> str:
    """The form in which paths are compared and stored: normalised, with ``/`` separators."""
    normal = os.path.normpath(path)
    if os.sep != "/":
        normal = normal.replace(os.sep, "/")
    if os.altsep and os.altsep != "/":
        normal = normal.replace(os.altsep, "/")
    return normal


def diagnostic_fingerprint(diagnostic: Diagnostic) -> str:
    """The diagnostic's fingerprint, or one made of its rule, JSON path and message if it has none."""
    return diagnostic.fingerprint or compute_fingerprint(diagnostic.rule, diagnostic.json_path, diagnostic.message)


def diagnostic_key(diagnostic: Diagnostic, folder: str | None = None) -> EntryKey:
    """The key by which a diagnostic is matched against the entries of a baseline in ``folder``.

    ``folder`` (absolute): the path is made relative to it; ``None``: compared as it is.
    """
    return (
        stored_path(diagnostic.path, folder),
        diagnostic.rule,
        diagnostic.json_path,
        diagnostic_fingerprint(diagnostic),
    )


def stored_path(path: str, folder: str | None) -> str:
    """``path`` (from the working directory, or absolute) as a baseline in ``folder`` stores it."""
    if folder is not None:
        path = os.path.relpath(os.path.abspath(path), folder)
    return normalize_path(path)


@dataclass(frozen=True)
class BaselineEntry:
    """One recorded problem. Equality and hashing ignore the ``message``: it is not part of the key."""

    path: str
    rule: str
    json_path: str
    fingerprint: str
    message: str = field(default="", compare=False)

    @classmethod
    def from_diagnostic(cls, diagnostic: Diagnostic, folder: str | None = None) -> BaselineEntry:
        """The entry of ``diagnostic`` in a baseline in ``folder`` (see :func:`diagnostic_key`)."""
        path, rule, json_path, fingerprint = diagnostic_key(diagnostic, folder)
        return cls(path, rule, json_path, fingerprint, diagnostic.message)

    @property
    def key(self) -> EntryKey:
        """``(path, rule, json_path, fingerprint)``, the path normalised."""
        return (normalize_path(self.path), self.rule, self.json_path, self.fingerprint)

    @property
    def sort_key(self) -> tuple[str, str, str, str, str]:
        """The order entries are written in: by :attr:`key`, then message."""
        return (*self.key, self.message)

    def to_json(self) -> dict[str, str]:
        """The entry as the baseline file stores it, its path normalised."""
        path, rule, json_path, fingerprint = self.key
        return {"path": path, "rule": rule, "json_path": json_path, "fingerprint": fingerprint, "message": self.message}


@dataclass(frozen=True)
class BaselineResult:
    """What a baseline leaves of a run.

    ``diagnostics``: the new ones, not in the baseline, in the order given. ``stale``: entries of
    linted files that nothing matched, in the baseline's order. ``hidden``: how many diagnostics
    the baseline hid.
    """

    diagnostics: list[Diagnostic]
    stale: list[BaselineEntry]
    hidden: int


@dataclass(frozen=True)
class Baseline:
    """The recorded problems, a multiset of :class:`BaselineEntry`.

    ``folder`` is the absolute folder of the baseline file, which its paths are relative to
    (``None``: paths are compared as they are given).
    """

    entries: tuple[BaselineEntry, ...] = ()
    folder: str | None = None

    def shown_path(self, entry: BaselineEntry) -> str:
        """An entry's file as the run names it: relative to the working directory."""
        if self.folder is None:
            return entry.path
        return normalize_path(os.path.relpath(os.path.join(self.folder, entry.path)))

    def filter(self, diagnostics: Sequence[Diagnostic], linted_paths: Collection[str]) -> BaselineResult:
        """Hide the diagnostics the baseline holds; find the entries of linted files nothing matched.

        Each entry hides at most one diagnostic. ``linted_paths`` names every file linted in
        this run (with or without diagnostics); entries of other files are never stale.
        """
        recorded = Counter(entry.key for entry in self.entries)
        available = recorded.copy()
        new: list[Diagnostic] = []
        hidden = 0
        paths: dict[str, str] = {}  # each file's stored path, worked out once
        for diagnostic in diagnostics:
            path = paths.get(diagnostic.path)
            if path is None:
                path = paths[diagnostic.path] = stored_path(diagnostic.path, self.folder)
            key = (path, diagnostic.rule, diagnostic.json_path, diagnostic_fingerprint(diagnostic))
            if available[key] > 0:
                available[key] -= 1
                hidden += 1
            else:
                new.append(diagnostic)
        # Entries that hid a diagnostic, per key; the first entries of a key count as the matched
        # ones (which ones does not matter: entries of one key differ in their message at most).
        matched = recorded - available
        linted = {stored_path(path, self.folder) for path in linted_paths}
        stale: list[BaselineEntry] = []
        for entry in self.entries:
            key = entry.key
            if matched[key] > 0:
                matched[key] -= 1
            elif key[0] in linted:
                stale.append(entry)
        return BaselineResult(new, stale, hidden)

    def entries_outside(self, linted_paths: Collection[str]) -> tuple[BaselineEntry, ...]:
        """The entries of files not among ``linted_paths``: what a partial run cannot judge."""
        linted = {stored_path(path, self.folder) for path in linted_paths}
        return tuple(entry for entry in self.entries if entry.key[0] not in linted)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; raise :class:`BaselineError` if it cannot be read or is invalid.

    Its paths are relative to its folder; an absolute one is made so.
    """
    try:
        raw = read_limited(path, MAX_BASELINE_BYTES)
    except OSError as error:
        raise BaselineError(path, f"cannot read baseline: {error.strerror or error}") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_reject_duplicate_keys)
    except UnicodeDecodeError as error:
        raise BaselineError(path, f"baseline is not UTF-8: {error}") from None
    except (ValueError, RecursionError) as error:
        reason = str(error) or type(error).__name__
        raise BaselineError(path, f"baseline is not valid JSON: {reason}") from None
    folder = os.path.dirname(os.path.abspath(path))
    entries = tuple(
        replace(entry, path=stored_path(entry.path, folder)) if os.path.isabs(entry.path) else entry
        for entry in _entries_of(document, path)
    )
    return Baseline(entries, folder)


def load_for_update(path: Path) -> Baseline:
    """Read the baseline a ``--write-baseline`` will replace: an empty one if there is no file.

    A file that is there but cannot be read is never replaced (its entries of files the run
    does not lint would be lost): :class:`BaselineError` says so.
    """
    if not os.path.lexists(path):
        return Baseline((), os.path.dirname(os.path.abspath(path)))
    try:
        return load_baseline(path)
    except BaselineError as error:
        raise BaselineError(
            path, f"the existing baseline could not be read, so it was left as is: {error.reason}"
        ) from None


def check_writable(path: Path) -> None:
    """Raise :class:`BaselineError` now if a baseline surely cannot be written to ``path``.

    Called before a run, so that a run of many files does not end in a write that fails:
    the folder must exist and be writable, and ``path`` must not be a folder.
    """
    target = os.path.realpath(path)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.lstat(path)  # a name too long, a folder that may not be searched
        if os.path.isdir(target):
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISDIR(os.stat(os.path.dirname(target)).st_mode):
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        if not os.access(os.path.dirname(target), os.W_OK | os.X_OK):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as error:
        raise BaselineError(path, f"cannot write baseline: {error.strerror or error}") from None


def write_baseline(path: Path, diagnostics: Sequence[Diagnostic], *, keep: Iterable[BaselineEntry] = ()) -> int:
    """Record ``diagnostics`` (and the entries ``keep``) in a baseline file; return how many entries.

    Paths are written relative to the baseline's folder. ``keep`` carries over entries of
    files this run did not lint (see :meth:`Baseline.entries_outside`). The file is replaced
    atomically; raises :class:`BaselineError` if it cannot be written.
    """
    folder = os.path.dirname(os.path.abspath(path))
    entries = [BaselineEntry.from_diagnostic(diagnostic, folder) for diagnostic in diagnostics]
    entries.extend(keep)
    entries.sort(key=lambda entry: entry.sort_key)
    try:
        write_atomically(Path(path), render_baseline(entries).encode("utf-8"))
    except OSError as error:
        raise BaselineError(path, f"cannot write baseline: {error.strerror or error}") from None
    return len(entries)


def render_baseline(entries: Iterable[BaselineEntry]) -> str:
    """The text of a baseline file holding ``entries`` in the order given."""
    lines = [_json(entry.to_json()) for entry in entries]
    body = "[\n" + ",\n".join(f"    {line}" for line in lines) + "\n  ]" if lines else "[]"
    return f'{{\n  "version": {BASELINE_VERSION},\n  "tool": {_json(TOOL)},\n  "entries": {body}\n}}\n'


# Lone surrogates (file names that are not UTF-8, decoded with surrogateescape) cannot be
# written as UTF-8: they are written as \\uXXXX escapes, which json reads back as they were.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _entries_of(document: Any, path: Path) -> tuple[BaselineEntry, ...]:
    def invalid(reason: str) -> BaselineError:
        return BaselineError(path, f"not a valid frontlint baseline: {reason}")

    if not isinstance(document, dict):
        raise invalid(f"expected a JSON object, not {_json_kind(document)}")
    if "version" not in document:
        raise invalid("no 'version'")
    version = document["version"]
    if type(version) is not int or version != BASELINE_VERSION:
        raise BaselineError(
            path, f"unsupported baseline version {_short(version)} (this frontlint reads version {BASELINE_VERSION})"
        )
    if document.get("tool") != TOOL:
        raise invalid(f"'tool' is {_short(document.get('tool'))}, not {TOOL!r}")
    items = document.get("entries")
    if not isinstance(items, list):
        raise invalid(f"'entries' must be a list, not {_json_kind(items)}")
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise invalid(f"entry {index} must be an object, not {_json_kind(item)}")
        for name in _KEY_FIELDS:
            value = item.get(name)
            if not isinstance(value, str) or not value:
                raise invalid(f"entry {index}: {name!r} must be a non-empty string")
        message = item.get("message", "")
        if not isinstance(message, str):
            raise invalid(f"entry {index}: 'message' must be a string")
        entries.append(BaselineEntry(item["path"], item["rule"], item["json_path"], item["fingerprint"], message))
    return tuple(entries)


def _json_kind(value: Any) -> str:
    return json_type(value, array="a list")  # a baseline's messages call an array a list


def _short(value: Any) -> str:
    return bounded(json.dumps(value) if not isinstance(value, (dict, list)) else _json_kind(value), 40)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _one_line(message: str) -> str:
    """Escape line breaks and other control characters (in a file name, say): one line, always."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], message)
