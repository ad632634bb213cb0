"""HTML tags or entities in a title or excerpt: scraping artefacts.

## What it does
Reads the values the schema marks ``title`` and ``summary`` (``title`` and ``excerpt`` in the
bundled contract).

Reports a ``title`` or ``excerpt`` of the article that contains an HTML
tag (``<b>``, ``</b>``, ``<br/>``, ``<a href="...">``) or an HTML character reference
(``&amp;``, ``&#39;``, ``&#x27;``, ``&nbsp;``). The message names the first one and how many
more there are; for an entity it shows the character to write instead.

A ``<`` not followed by a letter (``a < b``, ``<3``) is not a tag, and an ``&...;`` that does
not name a character (``AT&T;``) is not an entity. ``related[]`` entries are copies of other
articles and are checked only with ``check-related``.

## Why
Front matter text is plain text: the theme escapes it, so ``&amp;`` shows on the page as
``&amp;`` and ``<b>`` as ``<b>``. These artefacts come from copying text out of a feed's
HTML without decoding it.

## Example that fails
```yaml
title: "China&#39;s top court specifies rules for facial recognition"
excerpt: "China's <b>Supreme People's Court</b> on Wednesday specified a set of regulations."
```

## Example that passes
```yaml
title: "China's top court specifies rules for facial recognition"
excerpt: "China's Supreme People's Court on Wednesday specified a set of regulations."
```

## Options
- `check-related` (default `false`): check the entries of `related[]` too. They are copies of
  other articles, so a defect in one is fixed in the article it was copied from (and shows
  there); turn this on for a site whose related entries are written by hand.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. It catches HTML tags and character
references (`<b>`, `&amp;`, `&#39;`) left in a title or excerpt by a feed that copied its HTML
undecoded; this site's feed decodes them (0 with `check-related` on too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.authored import checks_related
from frontlint.rule_support.base import Option, RuleContext
from frontlint.text.shortening import short

ID = "text-html"
SEVERITY = Severity.WARNING
FIXABLE = True
OPTIONS: dict[str, Option] = {"check-related": Option(False, "boolean")}

# A tag is "<", an optional "/", a letter-led name, then optional attributes after
# whitespace and an optional "/" before ">": "a < b > c" and "<3" do not match.
# Tags come first in the alternation so an entity inside an attribute is part of its tag.
_ARTEFACT = re.compile(
    r"(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)"
)


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield one problem for each title or excerpt with HTML in it, naming the first artefact."""
    related = checks_related(context.options)
    for path, value, _, entry in context.view.text_fields:
        if entry and not related:
            break  # the related entries' fields come after the article's
        if not isinstance(value, str) or ("<" not in value and "&" not in value):
            continue  # no tag or entity can start: most texts, without running the pattern
        found = artefacts(value)
        if found:
            help_text, replacement = _entity_fix(value, found)
            yield Problem(ID, _message(str(path[-1]), found), path=path, help=help_text, replacement=replacement)


def _entity_fix(text: str, found: list[re.Match[str]]) -> tuple[str, str | None]:
    """Return help, and the fixed text where it is unambiguous.

    Entities alone have one meaning, the characters they stand for; markup has no text to
    keep that a linter could choose for the author. Entities escaped again (``&amp;amp;``)
    are decoded until none is left, so a second fix finds nothing to change; past
    :data:`_MAX_DECODING_ROUNDS` levels no fix is offered.
    """
    if any(match.group("tag") for match in found):
        return "remove the markup: front matter text is plain text", None
    help_text = "write the characters the entities stand for"
    decoded = text
    for _ in range(_MAX_DECODING_ROUNDS):
        decoded = _decode_entities(decoded)
        if not any(match.group("entity") for match in artefacts(decoded)):
            return help_text, decoded
    return help_text, None


# Entities escaped more often than this (``&amp;amp;amp;...``) are left to the author.
_MAX_DECODING_ROUNDS = 8


def _decode_entities(text: str) -> str:
    """Replace each entity in ``text`` (one level: ``&amp;lt;`` becomes ``&lt;``) by its characters."""
    # deferred: html imports its 2,231-entry entity table, 1.8 ms, needed only for a text holding an entity
    from html import unescape

    return _ARTEFACT.sub(lambda match: unescape(match.group()) if match.group("entity") else match.group(), text)


def artefacts(text: str) -> list[re.Match[str]]:
    """Return the HTML tags and entities in ``text``, in order; unknown entity names are not ones."""
    return [match for match in _ARTEFACT.finditer(text) if not _is_unknown_name(match.group("entity"))]


def _is_unknown_name(entity: str | None) -> bool:
    """Tell whether ``entity`` is a named reference HTML does not define (``&T;`` in ``AT&T;``)."""
    if entity is None or entity.startswith("&#"):
        return False
    # deferred: html.entities is a 2,231-entry table, 1.6 ms, needed only for a text holding an entity
    from html.entities import html5

    return entity[1:] not in html5


def _message(field: str, found: list[re.Match[str]]) -> str:
    first = found[0].group()
    more = _more(len(found) - 1)
    if found[0].group("tag"):
        return f"{field} contains HTML tag {short(first)}{more}: front matter text is plain text"
    # deferred: html imports its 2,231-entry entity table, 1.8 ms, needed only for a text holding an entity
    from html import unescape

    return f"{field} contains HTML entity {short(first)}{more} (write the character itself: {unescape(first)!r})"


def _more(count: int) -> str:
    """Say how many artefacts follow the first one named."""
    if count == 0:
        return ""
    return " and 1 more tag or entity" if count == 1 else f" and {count} more tags or entities"
