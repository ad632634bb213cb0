"""Showing strings that others control (file names, keys, values) where a human or a CI log reads them.

A file name, a YAML key or a schema key can hold characters that act instead of being
shown: ESC starts a terminal control sequence (``ESC ] 8`` links, ``ESC [ 2 J`` clears the
screen), a line break starts a line that a CI runner reads as a command (``::error …``),
bidirectional overrides make a line read differently from what it holds. Everything
frontlint prints for people (stderr, the ``text`` and ``github`` formats, ``--diff``
headers) goes through this module; the machine formats (``json``, ``sarif``, ``gitlab``,
``junit``) carry the exact strings, escaped as their own syntax requires (``junit`` shows
the characters XML 1.0 cannot hold at all with :func:`escape_char`).

What is escaped (:data:`UNSAFE_PATTERN`): C0 controls (tab and line breaks included), DEL, C1
controls, the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E,
U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators U+2028/U+2029,
the bytes 0x80–0x9F of a file name that is not UTF-8 (a terminal that is not in UTF-8 mode
reads them as C1 controls), and ``##[``, which the GitHub Actions runner reads as a
command anywhere in a line.

- :func:`visible` shows each as Python does in a ``repr``: ``\\n``, ``\\r``, ``\\t``,
  ``\\x1b``, ``\\u202e``; ``##[`` becomes ``##\\x5b``.
- :func:`shown_path` does the same for a file name and puts the name between double
  quotes, with ``\\\\`` and ``\\"`` inside, whenever it escapes anything, starts with a
  double quote, or starts with ``::`` (after blanks: the runner's command form), as git
  quotes names. A name shown without quotes is therefore exactly the file's name.
- :func:`diff_path` quotes a name in a ``---``/``+++`` header exactly as git does (octal
  escapes of the UTF-8 bytes), which ``git apply`` and GNU ``patch`` read back.
"""

from __future__ import annotations

import functools
import re

# Characters shown escaped, and "##[", the GitHub runner's legacy command marker.
UNSAFE_PATTERN = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\udc80-\udc9f]|##\\["
_RUNNER_MARKER = "##["
_LETTER_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# git's quote_c_style: these letters, then three octal digits per byte.
_C_LETTER_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}


def visible(text: str) -> str:
    """Return ``text`` with everything :data:`UNSAFE_PATTERN` matches shown as its escape (``\\x1b``, ``\\u202e``)."""
    if _plain_ascii(text):
        return text
    return _unsafe().sub(_visible_escape, text)


def shown_path(path: str) -> str:
    """Return a file name as people see it: as it is, or quoted with escapes (``"a\\nb.md"``)."""
    if not _needs_quotes(path):
        return path
    return '"' + visible(path.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def diff_path(prefix: str, path: str) -> str:
    """Return ``prefix + path`` for a unified diff header, C-quoted as git quotes it when needed.

    A name with a space gets a tab after it, as git writes it, so that ``patch`` does not
    take the part after the space for a time stamp.
    """
    name = prefix + path
    if _needs_quotes(path):
        return '"' + _unsafe().sub(_c_escape, name.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    return name + "\t" if " " in name else name


def escape_char(char: str) -> str:
    """The visible escape of one character: ``\\n``, ``\\r``, ``\\t``, ``\\xNN`` or ``\\uNNNN``."""
    letter = _LETTER_ESCAPES.get(char)
    if letter is not None:
        return letter
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _needs_quotes(path: str) -> bool:
    unsafe = not _plain_ascii(path) and _unsafe().search(path) is not None
    return unsafe or path.startswith('"') or path.lstrip().startswith("::")


def _plain_ascii(text: str) -> bool:
    """Printable ASCII without ``##[``: nearly every name and message, told without a regex."""
    return text.isascii() and text.isprintable() and _RUNNER_MARKER not in text


@functools.lru_cache(maxsize=1)
def _unsafe() -> re.Pattern[str]:
    """The compiled :data:`UNSAFE_PATTERN`, compiled when first needed (most runs print nothing unsafe)."""
    return re.compile(UNSAFE_PATTERN)


def _visible_escape(match: re.Match[str]) -> str:
    found = match.group()
    return "##\\x5b" if found == _RUNNER_MARKER else escape_char(found)


def _c_escape(match: re.Match[str]) -> str:
    found = match.group()
    if found == _RUNNER_MARKER:
        return "##\\133"
    letter = _C_LETTER_ESCAPES.get(found)
    if letter is not None:
        return letter
    raw = found.encode("utf-8", "surrogateescape")  # a name's odd byte is written as that byte
    return "".join(f"\\{byte:03o}" for byte in raw)
