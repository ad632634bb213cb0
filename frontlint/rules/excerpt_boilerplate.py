"""An excerpt that is a legal notice or other page boilerplate, or that repeats the title.

## What it does
Reads, in each entry, the values the schema marks ``summary`` and ``title`` (``excerpt`` and
``title`` in the bundled contract).

Checks the article's ``excerpt`` (and, with ``check-related``, those of its related entries:
copies of other articles, whose defects are authored there). It reports an excerpt that
contains a phrase of page boilerplate, and an excerpt equal to its entry's ``title``. Phrases
match anywhere in the excerpt, ignoring case and runs of whitespace. The built-in phrases:

- legal notices: "all rights reserved", "without written authorization", "without written
  permission", "copyright ©", "© copyright", "may not be reproduced", "may not be published,
  broadcast, rewritten or redistributed", "this material may not be published";
- cookie notices: "we use cookies", "this site uses cookies", "this website uses cookies";
- paywalls: "subscribe to read", "subscribe to continue reading";
- browser notices: "javascript is disabled", "enable javascript";
- video channels' calls to action: "like and subscribe", "subscribe to our channel";
- blog feed footers (WordPress): "the post … appeared first on", where ``…`` stands for
  any text of up to 300 characters (the post's title).

The first phrase in the excerpt is named. An excerpt is compared with the title ignoring case,
runs of whitespace and a final ``.`` on either.

## Why
When a feed has no description for a page, scrapers take the first text they find: often the
site's copyright footer or cookie banner. Readers then see "All rights reserved…" where a
summary of the article should be. An excerpt that only repeats the title adds nothing either.

## Example that fails
```yaml
title: "Supreme court: Abuse of face recognition infringes legal rights"
excerpt: "All rights reserved. The content published in this site belongs to China Daily Information Co (CDIC)."
```

## Example that passes
```yaml
title: "Supreme court: Abuse of face recognition infringes legal rights"
excerpt: "China's top court says businesses may not use facial recognition without consent."
```

## Options
- `extra-phrases` (default `[]`): more phrases (strings) that mark an excerpt as boilerplate,
  matched like the built-in ones (a ``…`` between words stands for any text of up to 300
  characters); entries that are not strings with a word in them are ignored.
- `check-related` (default `false`): check the excerpts of `related[]` entries too. Each is a
  copy of another article's excerpt, repeated in every file that lists it (one in up to 41
  files of the sample): its defect is reported where it is authored, in that article.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 6 diagnostics in 6 files; all 6 opened at their line: 6 true defects, so
precision 100 %. 4 excerpts repeat their title (2 but for a final `.` or case), 1 is a legal
notice, 1 a WordPress feed footer. With `check-related` on, 103 in 103 files (60 sampled, all
true): 97 of them in `related[]` copies, one copied excerpt in up to 41 files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.authored import checks_related
from frontlint.rule_support.base import Option, RuleContext
from frontlint.text.shortening import short

ID = "excerpt-boilerplate"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {
    "extra-phrases": Option([], "array", schema={"items": {"type": "string"}}),
    "check-related": Option(False, "boolean"),
}

# Each phrase with the kind of boilerplate it marks, as the message names it.
BUILTIN_PHRASES: tuple[tuple[str, str], ...] = (
    ("all rights reserved", "a legal notice"),
    ("without written authorization", "a legal notice"),
    ("without written permission", "a legal notice"),
    ("copyright ©", "a legal notice"),
    ("© copyright", "a legal notice"),
    ("may not be reproduced", "a legal notice"),
    ("may not be published, broadcast, rewritten or redistributed", "a legal notice"),
    ("this material may not be published", "a legal notice"),
    ("we use cookies", "a cookie notice"),
    ("this site uses cookies", "a cookie notice"),
    ("this website uses cookies", "a cookie notice"),
    ("subscribe to read", "a paywall notice"),
    ("subscribe to continue reading", "a paywall notice"),
    ("javascript is disabled", "a browser notice"),
    ("enable javascript", "a browser notice"),
    ("like and subscribe", "a video channel's call to action"),
    ("subscribe to our channel", "a video channel's call to action"),
    ("the post … appeared first on", "a blog feed footer"),
)
# A word of a phrase that stands for any text between its neighbours (the title in a footer).
GAP = "…"
_GAP_PATTERN = r"[\s\S]{1,300}?"
EXTRA_KIND = "boilerplate"


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each excerpt that is boilerplate or repeats its entry's title."""
    folded_phrases, pattern, kinds = _pattern(tuple(_extra_phrases(context)))
    related = checks_related(context.options)
    for entry in context.view.entries:
        if entry.path and not related:
            break  # the related entries come after the article itself
        summary, title = entry.role("summary"), entry.role("title")
        if summary is None or not isinstance(summary[1], str) or not summary[1].strip():
            continue
        path, excerpt = summary
        name = path[-1]
        folded = _normalized(excerpt)
        # Substring tests first: the alternation of every phrase is slow on long excerpts.
        match = pattern.search(excerpt) if any(phrase in folded for phrase in folded_phrases) else None
        if match is not None:
            text, kind = " ".join(match.group(0).split()), kinds[match.lastgroup or ""]
            message = f"{name} is {kind} ({short(text)}), not a summary of the article"
            yield Problem(ID, message, path=path)
        elif title is not None and _same_text(folded, title[1]):
            yield Problem(ID, f"{name} repeats the {title[0][-1]}: expected a summary of the article", path=path)


def _extra_phrases(context: RuleContext) -> list[str]:
    """Return the configured extra phrases that are strings with a word that is not a gap."""
    extra = context.options.get("extra-phrases")
    if not isinstance(extra, (list, tuple)):
        return []
    return [phrase for phrase in extra if isinstance(phrase, str) and phrase.replace(GAP, "").strip()]


@functools.lru_cache(maxsize=8)
def _pattern(extra_phrases: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str], dict[str, str]]:
    """Compile every phrase into one case-insensitive alternation, compiled once per option value.

    Any whitespace run in a phrase matches any other, and a :data:`GAP` word any text. A search
    finds the earliest phrase in the text (the leftmost match); its group name gives its kind.
    Also returns, for a quick test before the search, the longest part of each phrase without
    a gap, normalised as :func:`_normalized` does: an excerpt holding none of them has no phrase.
    """
    phrases = list(BUILTIN_PHRASES) + [(phrase, EXTRA_KIND) for phrase in extra_phrases]
    kinds = {f"p{index}": kind for index, (_, kind) in enumerate(phrases)}
    alternatives = (
        f"(?P<p{index}>"
        + r"\s+".join(_GAP_PATTERN if word == GAP else re.escape(word) for word in phrase.split())
        + ")"
        for index, (phrase, _) in enumerate(phrases)
    )
    folded = tuple(max((_normalized(part) for part in phrase.split(GAP)), key=len) for phrase, _ in phrases)
    return folded, re.compile("|".join(alternatives), re.IGNORECASE), kinds


def _same_text(folded_excerpt: str, title: Any) -> bool:
    """Whether ``title`` is a string that reads like the excerpt (already :func:`_normalized`), a final ``.`` aside."""
    return isinstance(title, str) and folded_excerpt.removesuffix(".") == _normalized(title).removesuffix(".")


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()
