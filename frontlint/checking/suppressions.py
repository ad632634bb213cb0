"""Inline suppressions written as comments inside the front matter, in its dialect's comment syntax.

YAML and TOML comments start with ``#`` (the ``comment`` of :class:`frontlint.dialects.base.FrontMatterDialect`);
a dialect without comments (JSON) has no inline suppressions: ``per-file-ignores`` and baselines cover it.

``# frontlint: ignore[rule-id, ...]`` at the end of a line silences those rules on that
line; ``# frontlint: ignore-file[rule-id, ...]`` on a line of its own silences them in the
whole file. Ids may be prefixes (``schema`` silences every ``schema/*``) or ``ALL``. A
reason may follow the bracket after two dashes: ``# frontlint: ignore[url-insecure] -- no
TLS on that host``.

A comment that begins with ``frontlint`` is read as a directive. One that frontlint cannot
read (no rule named, a misspelt directive, a missing ``:``, an unclosed bracket, text after
the bracket that is not a reason, ``ignore-file`` after a value, an unknown rule id) is
reported as ``invalid-ignore`` at the comment, with the form to write instead, and silences
nothing (an unknown id alone is left out; the others still work). A suppression that
silences nothing is reported as ``unused-ignore``.

A ``#`` inside a string (a quoted or multi-line value, as the node tree spans it) is text, not a
comment: ``title = "a # frontlint: ignore[x]"`` holds no directive.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from frontlint.diagnostic import Diagnostic
from frontlint.reading.positions import LineIndex
from frontlint.registry import ALWAYS_ON, default_severity, known_ids
from frontlint.settings.resolved import matches
from frontlint.text.fingerprints import fingerprint
from frontlint.text.shortening import bounded

if TYPE_CHECKING:
    from frontlint.reading.front_matter import FrontMatterBlock
    from frontlint.reading.yaml_nodes import ParsedFrontMatter

UNUSED_IGNORE = "unused-ignore"
INVALID_IGNORE = "invalid-ignore"
# The ids of the diagnostics this module adds (selected or not by the engine, like rules).
SUPPRESSION_CHECKS = frozenset({UNUSED_IGNORE, INVALID_IGNORE})
DIRECTIVES = ("ignore", "ignore-file")

# Cheap test for a file without any directive (nearly every file), as costly as the search for
# "frontlint:" it replaces: "frontlint" and "Frontlint" both hold it (not "FRONTLINT"). A
# case-insensitive search would cost a fifth of a file's whole check.
_MENTION = "ontlint"
_REASON = re.compile(r"\s*--")
_IDS_WITHOUT_BRACKETS = re.compile(r"[\w/*.,\s-]+")
# The longest reason, id or word of a comment an invalid-ignore message repeats.
_MAX_SHOWN = 40
# The unknown ids of one comment an invalid-ignore message names (the others are counted).
_MAX_UNKNOWN_SHOWN = 3
# The ids of a comment the form an invalid-ignore message proposes repeats (then "...").
_MAX_IDS_SHOWN = 4
# Unknown ids of one file given a close id (difflib's search is slow, once per id).
_MAX_SUGGESTIONS = 50


class Suppression:
    """One ``ignore`` directive: where it is written, what it silences, and what it did.

    ``used`` collects the selectors that silenced something (filled in while diagnostics are
    filtered), so that the unused ones can be reported. ``problems`` says why the comment
    could not be read, or which of its ids are unknown (``invalid-ignore`` messages).
    """

    __slots__ = ("column", "end_column", "line", "problems", "rules", "used", "whole_file")

    def __init__(
        self,
        line: int,
        column: int,
        end_column: int,
        rules: tuple[str, ...],
        whole_file: bool,
        problems: tuple[str, ...] = (),
    ) -> None:
        self.line = line
        self.column = column
        self.end_column = end_column
        self.rules = rules
        self.whole_file = whole_file
        self.used: set[str] = set()
        self.problems = problems

    def __repr__(self) -> str:
        kind = "ignore-file" if self.whole_file else "ignore"
        return f"Suppression({kind}{list(self.rules)} at {self.line}:{self.column}, used={sorted(self.used)})"

    def silences(self, diagnostic: Diagnostic) -> str | None:
        """Return the selector that silences ``diagnostic``, if this directive covers it."""
        return self.selector_for(diagnostic.rule, diagnostic.line)

    def covers(self, rule_id: str, line: int | None) -> bool:
        """Whether this directive silences ``rule_id`` on ``line``."""
        return self.selector_for(rule_id, line) is not None

    def selector_for(self, rule_id: str, line: int | None) -> str | None:
        """Return the selector of this directive that silences ``rule_id`` on ``line``, if any."""
        if rule_id in ALWAYS_ON or (not self.whole_file and line != self.line):
            return None
        return next((rule for rule in self.rules if matches(rule, rule_id)), None)


@functools.cache
def _comment_patterns(marker: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For a dialect's comment ``marker`` (``#``): a comment whose text begins with "frontlint" (any
    case), read leniently to say what is wrong; and a line that is that comment alone."""
    escaped = re.escape(marker)
    comment = re.compile(
        rf"(?:^|\s){escaped}\s*(?P<name>frontlint)\b(?P<colon>\s*:)?\s*(?P<word>[\w-]*)\s*"
        r"(?:\[(?P<ids>[^\]]*)(?P<close>\])?)?(?P<tail>.*)",
        re.IGNORECASE,
    )
    return comment, re.compile(rf"^\s*{escaped}")


def find_suppressions(
    lines: LineIndex, block: FrontMatterBlock, marker: str = "#", parsed: ParsedFrontMatter | None = None
) -> list[Suppression]:
    """Find the directives in the front matter ``block`` (the lines between its fences), readable or not.

    ``marker`` starts a comment in the block's dialect (``#`` in YAML and TOML). A marker inside
    a scalar of ``parsed``'s node tree is text, and the search goes on after that scalar.
    """
    found: list[Suppression] = []
    text = lines.text
    if text.find(_MENTION, block.start, block.end) < 0:
        return found  # the common case: no directive at all
    comment, own_line = _comment_patterns(marker)
    suggestions = [_MAX_SUGGESTIONS]  # left in this file
    strings: _Strings | None = None  # the scalars' spans, found at the first directive
    for line in range(block.opening_line + 1, block.closing_line):
        line_text = lines.line_text(line)
        if _MENTION not in line_text.lower():
            continue
        match = comment.search(line_text)
        while match is not None:
            strings = strings or _Strings(parsed)
            line_start = lines.line_start(line)
            inside = strings.end_of_string_at(line_start + line_text.index(marker, match.start()))
            if inside is None:
                break
            match = comment.search(line_text, inside - line_start) if inside - line_start < len(line_text) else None
        if match is not None:
            column = line_text.index(marker, match.start()) + 1
            end_column = len(line_text) + 1
            found.append(_read(match, line, column, end_column, bool(own_line.match(line_text)), suggestions, marker))
    return found


class _Strings:
    """The spans in the file of the scalars of a node tree, to tell a comment from a ``#`` inside a value."""

    def __init__(self, parsed: ParsedFrontMatter | None) -> None:
        spans: list[tuple[int, int]] = []
        stack = [parsed.root] if parsed is not None and parsed.root is not None else []
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias: its node once
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                assert parsed is not None
                spans.append(parsed.span(node))
            elif isinstance(node, MappingNode):
                stack.extend(part for pair in node.value for part in pair)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def end_of_string_at(self, offset: int) -> int | None:
        """The end of the scalar that holds the character at ``offset`` (after its first), ``None`` where none does."""
        at = bisect.bisect_right(self.starts, offset) - 1
        return self.ends[at] if at >= 0 and self.starts[at] < offset < self.ends[at] else None


class _Intent(NamedTuple):
    """What a directive means to say, as far as it can be read: the parts of the form to propose."""

    directive: str
    ids: tuple[str, ...]
    reason: str
    marker: str = "#"


def _read(
    match: re.Match[str], line: int, column: int, end_column: int, own_line: bool, suggestions: list[int], marker: str
) -> Suppression:
    """Turn a comment that begins with ``frontlint`` into a suppression, saying what is wrong with it.

    ``suggestions`` holds how many more unknown ids of the file may be given a close id.
    """
    name, word, raw_ids, tail = match["name"], match["word"], match["ids"], match["tail"].strip()
    bracketed = raw_ids is not None
    ids = _split_ids(raw_ids if bracketed else tail if _IDS_WITHOUT_BRACKETS.fullmatch(tail) else "")
    intent = _Intent(_directive(word), ids, _reason(tail) if bracketed else "", marker)
    whole_file = intent.directive == "ignore-file"
    problem = None
    if name != "frontlint":
        problem = f"{name!r} is not 'frontlint'"
    elif match["colon"] is None:
        problem = "':' is missing after 'frontlint'"
    elif not word:
        problem = "it names no directive"
    elif word not in DIRECTIVES:
        problem = f"unknown directive {bounded(word, _MAX_SHOWN)!r}"
    elif not bracketed and tail:
        problem = "the rule ids belong in brackets"
    elif bracketed and match["close"] is None:
        problem = "'[' is never closed"
    elif not ids:
        problem = "it names no rule"
    elif tail and not _REASON.match(tail):
        problem = "text after ']' is not a reason"
    elif whole_file and not own_line:
        problem = "ignore-file stands on a line of its own and covers the whole file"
        return Suppression(
            line,
            column,
            end_column,
            (),
            False,
            (f"{problem}; write {_form(intent._replace(directive='ignore'))} for this line",),
        )
    if problem is not None:
        return Suppression(line, column, end_column, (), whole_file, (f"{problem}; write {_form(intent)}",))
    known, problems = _known_ids(intent, suggestions)
    return Suppression(line, column, end_column, known, whole_file, problems)


def _known_ids(intent: _Intent, suggestions: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of a readable directive that name rules, and a problem (one at most) naming those that do not.

    A close id is looked for while ``suggestions`` (a file's budget, counted down) lasts.
    """
    selectable = _selectable()
    known = tuple(rule for rule in intent.ids if rule in selectable)
    unknown = [rule for rule in intent.ids if rule not in selectable]
    if not unknown:
        return known, ()
    shown = unknown[:_MAX_UNKNOWN_SHOWN]
    suggest = suggestions[0] > 0
    suggestions[0] -= len(shown)
    choices = sorted(selectable - {"ALL"})
    corrections = {rule: _closest(rule, choices) if suggest else None for rule in shown}
    names = ", ".join(repr(bounded(rule, _MAX_SHOWN)) for rule in shown)
    if len(unknown) > len(shown):
        names += f" and {len(unknown) - len(shown):,} more"
    noun = "rule" if len(unknown) == 1 else "rules"
    suggested = [f"{close!r}" for close in corrections.values() if close is not None]
    if not suggested:
        return known, (f"unknown {noun} {names}; 'frontlint rules' lists the ids",)
    corrected = tuple(
        dict.fromkeys(corrections.get(rule) or rule for rule in intent.ids if rule in known or corrections.get(rule))
    )
    meant = f" (did you mean {', '.join(suggested)}?)"
    return known, (f"unknown {noun} {names}{meant}; write {_form(intent._replace(ids=corrected))}",)


@functools.lru_cache(maxsize=1)
def _selectable() -> frozenset[str]:
    """Every id a suppression may name: rule ids, their prefixes before a ``-`` or ``/`` (as :func:`matches` reads them), ``ALL``."""
    ids = known_ids()
    prefixes = {rule_id[:at] for rule_id in ids for at, char in enumerate(rule_id) if char in "-/"}
    return frozenset({*ids, *prefixes, "ALL"})


def _directive(word: str) -> str:
    """The directive a word written after ``frontlint:`` most likely means."""
    normal = word.lower().replace("_", "-").strip("-")
    return normal if normal in DIRECTIVES else _closest(normal, DIRECTIVES) or "ignore"


def _closest(word: str, choices: Sequence[str]) -> str | None:
    # deferred: difflib costs 1.1 ms, needed only for a misspelt word
    from difflib import get_close_matches

    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _split_ids(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _reason(tail: str) -> str:
    """The reason a text after the bracket gives, without its ``--`` or ``#``."""
    return tail.lstrip("#-").strip()


def _form(intent: _Intent) -> str:
    """The directive to write instead, quoted: ``'# frontlint: ignore[url-insecure] -- why'`` (the dialect's comment marker first)."""
    shown = [bounded(rule, _MAX_SHOWN) for rule in intent.ids[:_MAX_IDS_SHOWN]] + (
        ["..."] if len(intent.ids) > _MAX_IDS_SHOWN else []
    )
    ids = bounded(", ".join(shown), 2 * _MAX_SHOWN) or "rule-id"
    reason = f" -- {bounded(intent.reason, _MAX_SHOWN)}" if intent.reason else ""
    return f"'{intent.marker} frontlint: {intent.directive}[{ids}]{reason}'"


def apply_suppressions(
    diagnostics: list[Diagnostic], suppressions: list[Suppression], path: str, run_wide: Collection[str] = ()
) -> list[Diagnostic]:
    """Drop silenced diagnostics; add an ``invalid-ignore`` warning for each directive problem and an ``unused-ignore`` one for each unused id.

    An id of a ``run_wide`` rule is never unused: whether its rule fires depends on other files.
    """
    if not suppressions:
        return diagnostics
    kept = []
    for diagnostic in diagnostics:
        silenced = False
        for suppression in suppressions:
            selector = suppression.silences(diagnostic)
            if selector is not None:
                suppression.used.add(selector)
                silenced = True
        if not silenced:
            kept.append(diagnostic)
    for suppression in suppressions:
        for problem in suppression.problems:
            kept.append(_warning(suppression, path, INVALID_IGNORE, f"cannot read this suppression: {problem}"))
        for rule in suppression.rules:
            if rule in suppression.used or rule in run_wide:
                continue
            scope = "in this file" if suppression.whole_file else "on this line"
            kept.append(
                _warning(
                    suppression, path, UNUSED_IGNORE, f"unused suppression: no {rule!r} diagnostic {scope} to silence"
                )
            )
    return kept


def _warning(suppression: Suppression, path: str, rule: str, message: str) -> Diagnostic:
    """A warning at the directive's comment, from its marker (``#``) to the end of the line."""
    return Diagnostic(
        path=path,
        line=suppression.line,
        column=suppression.column,
        end_line=suppression.line,
        end_column=suppression.end_column,
        severity=default_severity(rule),
        rule=rule,
        message=message,
        fingerprint=fingerprint(rule, "$", message),
    )
