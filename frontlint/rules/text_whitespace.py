"""A title or excerpt with a line break, a tab, a run of spaces or a zero-width space in it.

## What it does
Reads the values the schema marks ``title`` and ``summary`` (``title`` and ``excerpt`` in the
bundled contract).

Reports a ``title`` or ``excerpt`` of the article that holds:

- a line break (``\\n``, ``\\r``, U+2028 and the other line separators) inside the text;
- a tab, or a run of two or more whitespace characters holding a no-break space (U+00A0,
  U+202F, U+2007) or another space that is not a plain one;
- a run of three or more plain spaces;
- a zero-width space (U+200B, the word joiner U+2060, U+FEFF or U+180E) anywhere.

A single no-break or thin space between words (``10 km`` with U+00A0) is typography, not a
defect. Leading or trailing whitespace and a run of exactly two plain spaces are not visible
on a page and are not reported unless ``check-ends-and-double-spaces`` is on; the fix of a
reported value removes them too. One diagnostic per field names every reported defect. Blank
values are left to the checks for empty values. ``related[]`` entries are copies of other
articles and are checked only with ``check-related``.

The fix trims the ends, deletes zero-width spaces and makes every other run of whitespace
one plain space, except that a lone space of another kind (a no-break, thin or ideographic
space) is kept, a run of no-break spaces becomes one, and a paragraph break after a heading
(text that does not end with a punctuation mark, before a blank line or a paragraph separator
U+2029) becomes ``. `` so that the heading does not run into the next sentence.

## Why
Titles and excerpts are shown on one line in cards, feeds and ``<meta>`` tags. A line break
pasted from a feed's paragraphs, a tab, or a run of spaces shows as a gap; a zero-width space
breaks search and matching while staying invisible. A YAML quoted string can hide a line
break (``"first\\r\\n\\r\\nsecond"``), and scraped text often carries no-break spaces beside
plain ones.

## Example that fails
```yaml
title: "China's top court specifies\\r\\n\\r\\nrules for facial   recognition"
```

## Example that passes
```yaml
title: "China's top court specifies rules for facial recognition"
```

## Options
- `check-ends-and-double-spaces` (default `false`): report leading and trailing whitespace
  and runs of exactly two plain spaces too (fixable like the rest).
- `check-related` (default `false`): check the entries of `related[]` too. They are copies of
  other articles, so a defect in one is fixed in the article it was copied from (and shows
  there); turn this on for a site whose related entries are written by hand.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 37 diagnostics in 37 files; 37 sampled at random (seed 1) and each opened at its line:
37 true defects, so precision 100 %. None was false: 28 are paragraph or line breaks pasted
into an excerpt (one with a no-break space beside a plain one), 6 more a no-break space beside
a plain one, 2 a zero-width space, 1 a run of 3 spaces. With both options on: 4,067
diagnostics in 1,029 files, 3,777 of them in `related[]` copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.authored import checks_related
from frontlint.rule_support.base import Option, RuleContext

ID = "text-whitespace"
SEVERITY = Severity.WARNING
FIXABLE = True
OPTIONS: dict[str, Option] = {
    "check-ends-and-double-spaces": Option(False, "boolean"),
    "check-related": Option(False, "boolean"),
}

# The characters str.splitlines breaks at: what a line break is.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Spaces that keep their words together: one between words is deliberate typography.
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
# Invisible characters that are spaces in all but width (not U+200C/U+200D: scripts and emoji need those).
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u180e]")
_RUN = re.compile(r"\s+")
# Whatever is not words with single plain spaces between them: any other whitespace character,
# two spaces, a space at an end, a zero-width space. Most texts are settled by this one search.
_SUSPECT = re.compile("[^\\S ]|  |^ | $|[\u200b\u2060\ufeff\u180e]")
# What may follow the last word of a sentence: closing quotes and brackets.
_CLOSERS = "\"')]}’”»"
_EXPECTED = "expected one line with single spaces and no leading or trailing whitespace"


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield one problem for each title or excerpt with reported whitespace defects, naming them all."""
    related = checks_related(context.options)
    every_kind = context.options.get("check-ends-and-double-spaces") is True
    for path, value, _, entry in context.view.text_fields:
        if entry and not related:
            break  # the related entries' fields come after the article's
        if not isinstance(value, str) or _SUSPECT.search(value) is None:
            continue
        found = defects(value, every_kind=every_kind) if value.strip() else []
        if found:
            replacement = fixed(value)
            yield Problem(
                ID,
                f"{path[-1]} has {_join(found)}: {_EXPECTED}",
                path=path,
                help="trim the ends and make every run of whitespace a single space",
                replacement=replacement or None,  # (no text but zero-width spaces: left to the author)
            )


def defects(text: str, *, every_kind: bool = False) -> list[str]:
    """Describe the reported whitespace defects of ``text``: ends, line breaks, a run, zero-width spaces.

    Ends and runs of exactly two plain spaces are described only when ``every_kind``.
    """
    found = []
    if every_kind and text[0].isspace():
        found.append("leading whitespace")
    if every_kind and text[-1].isspace():
        found.append("trailing whitespace")
    inner = text.strip()
    if any(char in _LINE_BREAKS for char in inner):
        found.append("a line break")
    run = _first_reported_run(inner, every_kind)
    if run is not None:
        found.append(_describe_run(run))
    if _ZERO_WIDTH.search(text):
        found.append("a zero-width space")
    return found


def fixed(text: str) -> str:
    """Return ``text`` on one line: ends trimmed, zero-width spaces deleted, each run one space.

    A lone no-break space is kept, and a run of no-break spaces becomes its first one; a
    paragraph break after a heading becomes ``". "``.
    """
    text = _ZERO_WIDTH.sub("", text).strip()
    return _RUN.sub(lambda match: _separator(text, match), text)


def _separator(text: str, match: re.Match[str]) -> str:
    """Return what replaces one run of whitespace in ``text`` when it is fixed.

    A lone space of any kind that is not reported (a no-break, thin or ideographic space)
    is kept, as is the first of a run of no-break spaces.
    """
    run = match.group()
    if all(char in _NO_BREAK_SPACES for char in run) or (len(run) == 1 and run not in _LINE_BREAKS and run != "\t"):
        return run[0]
    if _line_breaks(run) >= 2 and _ends_heading(text[: match.start()]):
        return ". "
    return " "


def _line_breaks(run: str) -> int:
    """Count the line breaks in a run of whitespace, a CR LF pair as one and a paragraph separator as two."""
    return sum(char in _LINE_BREAKS for char in run.replace("\r\n", "\n")) + run.count("\u2029")


def _ends_heading(before: str) -> bool:
    """Tell whether text before a paragraph break ends without punctuation, as a heading does."""
    last = before.rstrip(_CLOSERS)[-1:]
    return last.isalnum()


def _first_reported_run(text: str, every_kind: bool) -> str | None:
    """Return the first reported run of whitespace between words that holds no line break, if any."""
    for match in _RUN.finditer(text):
        run = match.group()
        if any(char in _LINE_BREAKS for char in run):
            continue
        plain = run.count(" ") == len(run)
        if "\t" in run or (len(run) > 1 and not plain) or len(run) > 2 or (every_kind and len(run) == 2):
            return run
    return None


def _describe_run(run: str) -> str:
    if run == "\t":
        return "a tab"
    if set(run) == {" "}:
        return f"a run of {len(run)} spaces"
    return f"a run of {len(run)} whitespace characters"


def _join(parts: list[str]) -> str:
    """Join phrases as English prose: ``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
