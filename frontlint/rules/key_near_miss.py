"""A key the schema does not know, one or two edits away from one it knows at that place.

## What it does
Reports, at the key, a key that the schema does not describe where it is written (not in that
mapping's ``properties`` nor matched by its ``patternProperties``) when it is a likely misspelling
of one that it does describe there, and names that key:
``unknown key 'orignalUrl': did you mean 'originalUrl'?``. Likely means a Damerau-Levenshtein distance (one edit inserts, deletes or
replaces a character, or swaps two neighbours), letter case aside, of at most:

- 0 for a key of 1 to 3 characters (only its letter case differs: ``Bio`` for ``bio``);
- 1 for a key of 4 to 7 characters (``tilte`` for ``title``);
- 2 for a key of 8 characters or more (``orignalUrl`` for ``originalUrl``).

Shorter keys are left alone: two edits turn ``tag`` into ``tags`` and ``url`` into ``uri``,
names that may both be meant. Where the schema closes a mapping (``additionalProperties: false``
or ``unevaluatedProperties: false``), an unknown key is already the schema's error, which names
the close key: this rule says nothing there. Nor when the close key is required and missing: the
schema's ``missing required key`` error names the misspelling. Keys longer than 64 characters are
not compared.

It reads data paths only, so it works the same in every front-matter format.

## Why
A site's schema usually lets a file hold keys of its own (Jekyll's ``layout``, a flag such as
``removed``), so a misspelt optional key passes the schema without a word, and the value it holds
is lost: the layout reads ``originalUrl`` and finds nothing.

## Example that fails
```yaml
orignalUrl: "https://www.bignewsnetwork.com/news/271234567/a"
```

## Example that passes
```yaml
originalUrl: "https://www.bignewsnetwork.com/news/271234567/a"
layout: post
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. No two keys of the sample's
four collections (at any depth) are within the distances above of each other, so no schema made of
them gives a hit; with one optional key misspelt in each of 60 articles picked at random (seed 1),
it reported 44, each naming the key meant, and the schema's `missing required key` named the 10
misspelt `webUrl` (required there); the 6 three-letter misspellings of `heat` are below its length.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.edit_distance import edit_distance
from frontlint.schema.field_plan import FieldPlan
from frontlint.text.shortening import short

ID = "key-near-miss"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}

MAX_KEY_LENGTH = 64
MAX_DEPTH = 100


def allowed_edits(key: str) -> int:
    """How many edits away a key may be from a known one and still be its misspelling."""
    return 0 if len(key) < 4 else 1 if len(key) < 8 else 2


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a warning at each unknown key that is a likely misspelling of a key the schema knows there."""
    plan = context.view.plan
    if not plan.open_below:
        return
    stack: list[tuple[Any, DataPath, FieldPlan, int]] = [(context.data, (), plan, 0)]
    while stack:
        node, path, plan, depth = stack.pop()
        if depth >= MAX_DEPTH:
            continue
        if isinstance(node, Mapping):
            steps: Any = ((key, value, plan.child(key)) for key, value in node.items() if isinstance(key, str))
            if plan.properties and not plan.closed:
                yield from _near_misses(node, path, plan)
        elif isinstance(node, list):
            steps = ((index, value, plan.item(index)) for index, value in enumerate(node))
        else:
            continue
        for step, value, child in steps:
            if child is not None and child.open_below and isinstance(value, (Mapping, list)):
                stack.append((value, path + (step,), child, depth + 1))


def _near_misses(node: Mapping[Any, Any], path: DataPath, plan: FieldPlan) -> Iterator[Problem]:
    for key in node:
        if not isinstance(key, str) or plan.knows(key) or len(key) > MAX_KEY_LENGTH:
            continue
        known = closest_known(key, plan)
        if known is not None and not (known in plan.required and known not in node):
            yield Problem(
                ID, f"unknown key {short(key)}: did you mean {short(known)}?", path=path + (key,), at_key=True
            )


def closest_known(key: str, plan: FieldPlan) -> str | None:
    """The key the schema describes in ``plan`` that ``key`` most likely misspells (the first of the closest), or ``None``."""
    limit = allowed_edits(key)
    folded = key.casefold()
    best: tuple[int, str] | None = None
    for name in plan.properties:
        distance = edit_distance(folded, name.casefold(), limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best is not None else None
