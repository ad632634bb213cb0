"""An empty or blank string, a null value, a null list item, or an empty ``topics`` list.

## What it does
A null or empty value the schema allows in so many words (``"type": ["string", "null"]``, or the
value in ``enum``/``const``) is not reported; the advice follows the roles ``title`` and
``summary``.

Walks the whole front matter (every key, every list item, ``secured`` included) and reports:

- a string that is empty or holds only whitespace, and a key that is;
- a key with no value (``title:`` with nothing after it reads as null);
- a null list item (a bare ``-``);
- an empty ``topics`` list in the article.

Empty lists are reported only where items are expected: ``topics``. An article without
pictures or related coverage legitimately has ``images: []`` or ``related: []`` (the corpus
generator writes them), so those pass. The walk stops 100 levels deep. The entries of
``related[]`` are copies of other articles and are walked only with ``check-related`` (a null
or empty item of the list itself is reported: it is written in the article); the empty
``webUrl`` of a related entry whose ``type`` is ``video`` is the feed's way of saying the video
has no page, and is not reported.

The message says what to write: a headline for ``title``, a summary for ``excerpt``, a topic
for ``topics``, a value for any other key. It never asks to remove a key, which the contract
may require; a key the contract leaves optional may be deleted instead.

This rule is generic: where a more specific rule reports the same value (``secured-format``
on ``secured: ""``, say), only the specific diagnostic is shown.

## Why
An empty value is almost always a field the feed did not fill in: the layout then shows an
empty heading, a link to nowhere or a topic without a name. A bare ``-`` is easy to leave
behind when deleting a list item, and it reads as null, not as "no item".

## Example that fails
```yaml
title: ""
topics:
  - AI
  -
```

## Example that passes
```yaml
title: "China's top court specifies rules for facial recognition"
topics:
  - AI
images: []
related: []
```

## Options
- `check-related` (default `false`): check the entries of `related[]` too. They are copies of
  other articles, so a defect in one is fixed in the article it was copied from (and shows
  there); turn this on for a site whose related entries are written by hand.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 73 diagnostics in 73 files; 60 sampled at random (seed 1) and each opened at its line: 60
true defects, so precision 100 %. None was false: every one is an article's `excerpt: ""`
(Azure update announcements whose card shows no summary); with `check-related` on, 655 more
are empty excerpts of related copies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity, json_path
from frontlint.rule_support.authored import checks_related
from frontlint.rule_support.base import Option, RuleContext
from frontlint.schema.field_plan import FieldPlan

ID = "empty-value"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {"check-related": Option(False, "boolean")}

MAX_DEPTH = 100
# Lists, by data path, that must hold at least one item.
LISTS_NEEDING_ITEMS: frozenset[DataPath] = frozenset({("topics",)})
# What to write in an empty value, by the role the schema gives it; any other is given "a value".
REMEDIES: dict[str, str] = {
    "title": "write the headline",
    "summary": "write a one- or two-sentence summary of the article",
}
TOPICS_REMEDY = "list at least one topic"


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each empty value the schema does not allow (in related entries with ``check-related``)."""
    related = checks_related(context.options)
    # An explicit stack rather than recursion: this walk touches every node of every file. Each
    # node is walked with the schema's plan of it (None: the schema says nothing of it) and
    # whether it is a related entry.
    stack: list[tuple[Any, DataPath, int, FieldPlan | None, bool]] = [(context.data, (), 0, context.view.plan, False)]
    while stack:
        node, path, depth, plan, is_entry = stack.pop()
        if depth >= MAX_DEPTH:
            continue
        if type(node) is dict or isinstance(node, Mapping):  # the cheap test first
            for key, value in node.items():
                if (
                    isinstance(value, str)
                    and value
                    and not value.isspace()
                    and isinstance(key, str)
                    and key
                    and not key.isspace()
                ):
                    continue  # most entries, settled without a call: a named key holding text
                # Non-string keys come only from data built in code; the YAML reader reports them.
                if not isinstance(key, str):
                    continue
                if not key or key.isspace():
                    yield Problem(
                        ID, f"key {key!r} is blank: name the key or remove it", path=path + (key,), at_key=True
                    )
                child = plan.child(key) if plan is not None else None
                if _looks_empty(value) or (isinstance(value, list) and not value):
                    if not _allowed(value, child) and not (is_entry and _is_video_page(node, child)):
                        yield from _value_problems(value, path + (key,), child, in_list=False)
                elif type(value) in (dict, list) or isinstance(value, (Mapping, list)):
                    stack.append((value, path + (key,), depth + 1, child, False))
        elif isinstance(node, list):
            in_related = plan is not None and "related" in plan.roles
            for index, item in enumerate(node):
                if isinstance(item, str) and item and not item.isspace():
                    continue  # most items: text
                child = plan.item(index) if plan is not None else None
                if _looks_empty(item):
                    if not _allowed(item, child):
                        yield from _value_problems(item, path + (index,), child, in_list=True)
                elif in_related and not related:
                    continue  # a copy of another article: its defects are reported there
                elif type(item) in (dict, list) or isinstance(item, (Mapping, list)):
                    stack.append((item, path + (index,), depth + 1, child, in_related))


def _allowed(value: Any, plan: FieldPlan | None) -> bool:
    """Tell whether the schema allows this empty value in so many words: a ``null`` type, or the value in ``enum``/``const``."""
    if plan is None:
        return False
    return plan.allows_null if value is None else value == "" and plan.allows_empty_string


def _is_video_page(entry: Mapping[str, Any], plan: FieldPlan | None) -> bool:
    """Tell whether a value of a related ``entry`` is its page URL, and the entry a ``video``.

    Its empty page URL is the feed's way of saying the video has no page (as ``url-syntax`` knows).
    """
    return plan is not None and "page-url" in plan.roles and entry.get("type") == "video"


def _looks_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and (not value or value.isspace()))


def _value_problems(value: Any, path: DataPath, plan: FieldPlan | None, *, in_list: bool) -> Iterator[Problem]:
    """Yield the problem of one value, if it is empty; ``in_list`` says it is a list item."""
    remedy = "remove the item or give it a value" if in_list else _remedy(path, plan)
    if value is None:
        if in_list:
            message = f"null item in {_name(path[:-1])}: remove the bare '-' or give it a value"
        else:
            message = f"{_name(path)} is empty (null): {remedy}"
        yield Problem(ID, message, path=path)
    elif isinstance(value, str) and not value:
        yield Problem(ID, f"{_name(path)} is an empty string: {remedy}", path=path)
    elif isinstance(value, str) and not value.strip():
        yield Problem(ID, f"{_name(path)} is blank (only whitespace): {remedy}", path=path)
    elif isinstance(value, list) and not value and path in LISTS_NEEDING_ITEMS:
        yield Problem(ID, f"{_name(path)} is an empty list: expected at least one item", path=path)


def _remedy(path: DataPath, plan: FieldPlan | None) -> str:
    """Say what to write in the empty value of a key: by the role the schema gives it, and for the article's ``topics``."""
    for role in plan.roles if plan is not None else ():
        if role in REMEDIES:
            return REMEDIES[role]
    return TOPICS_REMEDY if path in LISTS_NEEDING_ITEMS else "give it a value"


def _name(path: DataPath) -> str:
    """Name a node for a message: ``related[2].title``; the root is "front matter"."""
    return json_path(path)[1:].lstrip(".") or "front matter"
