"""One gitignore pattern, read as ``pathspec`` reads it, matched against any path in bounded time.

A pattern is translated as pathspec's ``GitIgnoreSpec`` translates it (the tests compare the two
on every pattern they make): to the same regular expression, matched from the path's start
(``fullmatch``: the pattern matches the path itself; ``match``: the path or a folder it is in),
and to the same expression as a list of steps. Python's ``re`` tries one way after another, and
a pattern such as ``a/**/a/**/.../b`` against a path forty folders deep gives it more ways than
it could try in a lifetime; so ``re`` matches only the patterns whose ways are few (at most one
``**`` or leading free part, at most one ``*`` a name, no ``[...]`` that takes a ``/``: most of
what people write), and the steps match every other one, all the ways at once.

The steps are a pattern's characters, ``?`` and ``[...]`` (one character), ``*`` (any run of
characters but ``/``), and the free parts of ``**`` (any run of characters); a path is read once,
character by character, carrying the set of steps reached as the bits of one integer. A path of
``n`` characters against ``m`` steps costs ``n`` rounds of a few operations on ``m``-bit integers:
no pattern of any shape can make it more.

Why not pathspec's ``GitIgnoreSpec`` itself (pathspec is only in the ``test`` extra, the
reference the tests compare with; ``benchmarks/experiments/pathspec_patterns.py`` measures both,
and ``benchmarks/README.md`` gives the numbers):

- time: it matches every pattern with ``re``, so ``a/**/a/**/.../b`` against a path of many
  folders named ``a`` takes time exponential in the depth (README, Safety: "Path patterns of
  any shape"), and it tries every pattern on every path; this module is linear in the path.
- git's answers: ``a/**`` matches the folder ``a/`` itself in pathspec, not in git (a later
  ``!a/keep.md`` could not take a file back from a folder left out); and pathspec's ``.`` stops at
  a line break, so ``**/b`` misses ``a<LF>x/b``, which git ignores.
- start-up: ``import pathspec`` costs more than this module and :mod:`.path_patterns` together,
  on every run that names a pattern.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import NamedTuple, Protocol

# The kinds of step: a character (a literal, any but "/", any, a bracket expression), a run of
# characters (any but "/", any), "/" or the end of the path, and an optional group of the 3 next steps.
LITERAL, NOT_SLASH, ANY, BRACKET, STAR_NOT_SLASH, STAR_ANY, SLASH_OR_END, OPTIONAL = range(8)
_GROUP = 3  # the steps of an optional group: (?:.+/)? and (?:/.+)? each hold three
_RUNS = (STAR_NOT_SLASH, STAR_ANY)  # a run after the same run adds nothing: "a**b" is "a*b"
_IN_A_NAME = (LITERAL, NOT_SLASH, BRACKET, STAR_NOT_SLASH)
# The parts of pathspec's regular expressions, each with its steps.
_ANY_FOLDERS_FIRST = ("^(?:.+/)?", ((OPTIONAL, ""), (ANY, ""), (STAR_ANY, ""), (LITERAL, "/")))
_ANY_FOLDERS_BETWEEN = ("(?:/.+)?", ((OPTIONAL, ""), (LITERAL, "/"), (ANY, ""), (STAR_ANY, "")))
_FOLDER_MARK = ("(?P<ps_d>/)", ((LITERAL, "/"),))
_FOLDER_MARK_OR_END = ("(?:(?P<ps_d>/)|$)", ((SLASH_OR_END, ""),))
_A_NAME = ("[^/]+", ((NOT_SLASH, ""), (STAR_NOT_SLASH, "")))
_ANYTHING = (".+", ((ANY, ""), (STAR_ANY, "")))
_ANYTHING_FIRST = ("^.*?", ((STAR_ANY, ""),))
_SLASH = ("/", ((LITERAL, "/"),))


class Step(NamedTuple):
    """One step of a pattern: its kind and, for a literal, the character; for a bracket, its regular expression."""

    kind: int
    text: str


class Glob(NamedTuple):
    """A pattern translated: the regular expression frontlint matches from a path's start, its steps, and whether it
    takes paths (``False``: a ``!`` pattern gives them back)."""

    regex: str
    steps: tuple[Step, ...]
    include: bool


class Matcher(Protocol):
    """A compiled pattern: a regular expression or :class:`Steps`; what it returns is true when it matches."""

    def match(self, path: str, /) -> object:
        """Whether the pattern matches ``path`` or a folder it is in (a start of it ending at a ``/`` or its end)."""

    def fullmatch(self, path: str, /) -> object:
        """Whether the pattern matches ``path`` itself."""


class _Unreadable(ValueError):
    """A pattern pathspec cannot read (``!`` alone, a ``\\`` at the end): it matches nothing."""


def parse(pattern: str) -> Glob | None:
    """The translation of a gitignore pattern, or ``None`` for one that matches nothing.

    As pathspec reads it: a blank line, a comment, ``/``, an unclosed ``[`` and what pathspec
    refuses to read (``!``, a trailing ``\\``) match nothing; so does a ``[z-a]`` that ``re`` refuses.
    """
    text = pattern if pattern.endswith("\\ ") else pattern.rstrip()
    if not text or text.startswith("#") or text == "/":
        return None
    include = not text.startswith("!")
    segments = (text if include else text[1:]).split("/")
    folders_only = not segments[-1]
    try:
        parts = _parts(_normalised(segments), folders_only)
    except _Unreadable:
        return None
    steps = tuple(Step(*step) for _, part_steps in parts for step in part_steps)
    if any(step.kind == BRACKET and _bracket(step.text) is None for step in steps):
        return None
    return Glob("".join(part for part, _ in parts), steps, include)


def _normalised(segments: list[str]) -> list[str]:
    """pathspec's normal form: a single name may lie in any folder (``**`` before it), a trailing ``/`` holds
    everything below (``**`` after it), ``**/**`` is ``**``."""
    if not segments[0]:
        del segments[0]  # "/x": anchored
    elif (len(segments) == 1 or (len(segments) == 2 and not segments[1])) and segments[0] != "**":
        segments.insert(0, "**")
    if not segments:
        raise _Unreadable("nothing left")
    if not segments[-1]:
        segments[-1] = "**"
    return [segment for i, segment in enumerate(segments) if not (i and segment == "**" == segments[i - 1])]


_Part = tuple[str, tuple[tuple[int, str], ...]]


def _parts(segments: list[str], folders_only: bool) -> list[_Part]:
    """The regular expression of the segments in parts, each with its steps, as pathspec writes it, made to match
    from the path's start: pathspec *searches* its ``.`` (``*``, ``**``: every path), ``/`` and ``(?P<ps_d>/)``
    (``**/*/**``, ``**/``: a path in a folder, a folder) anywhere, and ``a/**`` ends at ``a/`` (what is inside ``a``).
    Then ``fullmatch`` is "the pattern matches the path itself" and ``match`` "matches it or a folder it is in"."""
    if segments in (["**"], ["**", "*", "**"]):  # "**", "/**", "**/"; "*/", "**/*/**"
        if folders_only:
            return [_ANYTHING_FIRST, _FOLDER_MARK]  # every folder
        return [_ANYTHING] if len(segments) == 1 else [_ANYTHING_FIRST, _SLASH, _ANYTHING]  # everything; in a folder
    if segments == ["**", "*"]:  # "*": everything
        return [_ANYTHING]
    parts: list[_Part] = []
    last = len(segments) - 1
    need_slash = False
    for i, segment in enumerate(segments):
        if segment == "**":
            if i == 0:
                parts.append(_ANY_FOLDERS_FIRST)
            elif i < last:
                parts.append(_ANY_FOLDERS_BETWEEN)
                need_slash = True
            else:
                parts += [_FOLDER_MARK] if folders_only else [_SLASH, _ANYTHING]  # what is inside
            continue
        if i == 0:
            parts.append(("^", ()))
        if need_slash:
            parts.append(_SLASH)
        parts += [_A_NAME] if segment == "*" else _glob_parts(segment)
        if i == last:
            parts.append(_FOLDER_MARK_OR_END)
        need_slash = True
    return parts


def _glob_parts(segment: str) -> list[_Part]:
    """A name's pattern (``*``, ``?``, ``[...]``, ``\\`` escapes) as pathspec translates it, part by part."""
    parts: list[_Part] = []
    i, end = 0, len(segment)
    while i < end:
        char = segment[i]
        i += 1
        if char == "\\":
            if i == end:
                raise _Unreadable("a \\ at the end")
            parts.append((re.escape(segment[i]), ((LITERAL, segment[i]),)))
            i += 1
        elif char == "*":
            parts.append(("[^/]*", ((STAR_NOT_SLASH, ""),)))
        elif char == "?":
            parts.append(("[^/]", ((NOT_SLASH, ""),)))
        elif char == "[":
            expression, i = _bracket_expression(segment, i)
            parts.append((expression, ((BRACKET, expression),)))
        else:
            parts.append((re.escape(char), ((LITERAL, char),)))
    return parts


def _bracket_expression(segment: str, start: int) -> tuple[str, int]:
    """The regular expression of the ``[...]`` whose text begins at ``start``, and where it ends.

    As pathspec: ``!`` or ``^`` first negates, a ``]`` just after is a member, a backslash is a
    member; without a closing ``]`` the whole pattern matches nothing.
    """
    j = start
    if j < len(segment) and segment[j] in "!^":
        j += 1
    if j < len(segment) and segment[j] == "]":
        j += 1
    j = segment.find("]", j)
    if j < 0:
        raise _Unreadable("an unclosed [")
    negated = segment[start] in "!^"
    members = segment[start + 1 if negated else start : j + 1]
    return "[" + ("^" if negated else "") + members.replace("\\", "\\\\"), j + 1


def _bracket(expression: str) -> re.Pattern[str] | None:
    """A bracket expression compiled (``None`` when ``re`` refuses it: the pattern matches nothing)."""
    with warnings.catch_warnings():  # "possible nested set" of "[[]x]": re's, not the user's, concern
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return re.compile(expression, re.DOTALL)
        except re.error:
            return None


def compile_glob(glob: Glob) -> Matcher:
    """A matcher of the pattern: its regular expression when ``re`` can try its ways in little time, else its steps."""
    if _few_ways(glob.steps):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return re.compile(glob.regex, re.DOTALL)  # a name may hold a line break: "." is any character of it
    return Steps(glob.steps)


def _few_ways(steps: tuple[Step, ...]) -> bool:
    """Whether ``re`` matches these steps in time linear in the path times the pattern: at most one free run
    (``**``, ``*`` alone before the end), at most one ``*`` a name, and no bracket that takes a ``/``."""
    if sum(step.kind == STAR_ANY for step in steps[:-1]) > 1:
        return False
    stars = 0
    for step in steps:
        if step.kind == BRACKET and _takes_a_slash(step.text):
            return False
        in_a_name = step.kind in _IN_A_NAME and step.text != "/"
        stars = stars + (step.kind == STAR_NOT_SLASH) if in_a_name else 0
        if stars > 1:
            return False
    return True


def _takes_a_slash(expression: str) -> bool:
    """Whether a bracket expression takes a ``/`` (pathspec passes ``[!a]`` and ``[+-0]`` to ``re`` as they are)."""
    compiled = _bracket(expression)
    return compiled is not None and compiled.fullmatch("/") is not None


# What a pattern's steps remember of the moves they made (a state and a character: the next state), in bits of state.
_REMEMBERED_BITS = 1 << 20


class Steps:
    """The steps of a pattern, matched all at once: bit ``i`` of a state is "step ``i`` is reached", and bit ``len(steps)``
    "the pattern is matched". A state and a character give the next state; the moves made are remembered (a DFA made
    as it is needed, in bounded memory), so that a path costs a look-up a character once its moves are known."""

    def __init__(self, steps: tuple[Step, ...]) -> None:
        steps = tuple(step for i, step in enumerate(steps) if not (i and step.kind in _RUNS and step == steps[i - 1]))
        self._accept = 1 << len(steps)
        self._literals: dict[str, int] = {}
        self._brackets: list[tuple[int, Callable[[str], object]]] = []
        masks = dict.fromkeys(range(8), 0)
        for i, (kind, text) in enumerate(steps):
            masks[kind] |= 1 << i
            if kind == LITERAL:
                self._literals[text] = self._literals.get(text, 0) | 1 << i
            elif kind == BRACKET:
                compiled = _bracket(text)
                assert compiled is not None  # parse leaves out a pattern whose bracket re refuses
                self._brackets.append((1 << i, compiled.fullmatch))
        self._not_slash, self._any = masks[NOT_SLASH], masks[ANY]
        self._star_not_slash, self._star_any = masks[STAR_NOT_SLASH], masks[STAR_ANY]
        self._slash_or_end, self._optional = masks[SLASH_OR_END], masks[OPTIONAL]
        self._skip_one = masks[STAR_NOT_SLASH] | masks[STAR_ANY] | masks[OPTIONAL]
        self._required = _required_text(steps)
        self._start = self._closed(1)
        self._room = _REMEMBERED_BITS // (len(steps) + 1)
        self._moves: dict[tuple[int, str], int] = {}
        self._reads: dict[str, tuple[int, int]] = {}

    def fullmatch(self, path: str) -> bool:
        """Whether the pattern matches ``path`` itself."""
        return self._run(path, whole=True)

    def match(self, path: str) -> bool:
        """Whether the pattern matches ``path`` or a folder it is in."""
        return self._run(path, whole=False)

    def _run(self, path: str, whole: bool) -> bool:
        """Read ``path`` once. "/ or the end" is passed where the path ends, as ``$`` is: at its end, or before a line
        break that ends it (only the last step is one: passing it is matching)."""
        if self._required not in path:
            return False
        state, accept, moves = self._start, self._accept, self._moves
        ending = len(path) - 1 if path.endswith("\n") else len(path)
        for position, char in enumerate(path):
            if not whole and (state & accept or (position == ending and state & self._slash_or_end)):
                return True
            found = moves.get((state, char))
            state = self._next(state, char) if found is None else found
            if not state:
                return False
        return bool(state & (accept | self._slash_or_end))

    def _next(self, state: int, char: str) -> int:
        """The state after reading ``char`` (remembered while there is room)."""
        reads, stays = self._reads.get(char) or self._reading(char)
        after = self._closed(((state & reads) << 1) | (state & stays))
        if len(self._moves) < self._room:
            self._moves[state, char] = after
        return after

    def _reading(self, char: str) -> tuple[int, int]:
        """The steps that read ``char`` and go on to the next, and the runs that read it and stay (remembered)."""
        slash = char == "/"
        reads = self._literals.get(char, 0) | self._any | (self._slash_or_end if slash else self._not_slash)
        for bit, fullmatch in self._brackets:
            if fullmatch(char):
                reads |= bit
        found = reads, self._star_any | (0 if slash else self._star_not_slash)
        if len(self._reads) < self._room:
            self._reads[char] = found
        return found

    def _closed(self, state: int) -> int:
        """The steps reached from ``state`` without reading a character: past a run, into or past an optional group."""
        while True:
            grown = state | ((state & self._skip_one) << 1) | ((state & self._optional) << (_GROUP + 1))
            if grown == state:
                return state
            state = grown


def _required_text(steps: tuple[Step, ...]) -> str:
    """The longest run of characters every path the steps match holds: literals one after another, outside a group."""
    longest, run = "", ""
    optional_until = -1
    for i, (kind, text) in enumerate(steps):
        if kind == OPTIONAL:
            optional_until = i + _GROUP
        run = run + text if kind == LITERAL and i > optional_until else ""
        longest = max(longest, run, key=len)
    return longest
