"""The documentation of the checks built into the reader and the engine, listed beside the rules.

Each has an id, a default severity and a documentation page, like a rule module, so that
``frontlint rules`` and ``frontlint rule ID`` cover every id a diagnostic can carry. Those
that mean the front matter could not be read are always on.

Each front-matter dialect (:mod:`frontlint.dialects`) names what it cannot read with ids of its
own, ``<name>-syntax`` first (``yaml-syntax``, ``toml-syntax``, ``json-syntax``), in its own tuple
here: :data:`YAML_CHECKS`, :data:`TOML_CHECKS`, :data:`JSON_CHECKS`. A new dialect adds a tuple
and puts it in :data:`READER_CHECKS`; an id that means nothing else in the file is checked is
``always_on=True``.
"""

from __future__ import annotations

from frontlint.diagnostic import Severity
from frontlint.rule_support.base import Check


def _reader(rule_id: str, severity: Severity, doc: str, *, always_on: bool = False) -> Check:
    return Check(rule_id, severity, doc.strip(), "reader", always_on=always_on)


# The file and its front-matter block, whatever the dialect.
_FILE_CHECKS: tuple[Check, ...] = (
    _reader(
        "front-matter-missing",
        Severity.ERROR,
        """The file does not start with a front matter block.

## What it does
Reports a file whose first line is not ``---``. Jekyll treats such a file as a static page and
never reads its front matter.
""",
    ),
    _reader(
        "front-matter-unclosed",
        Severity.ERROR,
        """The front matter block is never closed.

## What it does
Reports a ``---`` opening line with no later ``---`` (or ``...``) line. Nothing else in the
file is checked. Always shown: ``select`` and ``ignore`` do not apply.
""",
        always_on=True,
    ),
    _reader(
        "front-matter-too-large",
        Severity.ERROR,
        """The front matter is larger than the size limit.

## What it does
Reports front matter larger than ``max-front-matter-bytes`` (2 MiB by default) at the opening
fence, without parsing it. No more of a file than the limit is read, so memory stays bounded
whatever the size of the file. Always shown.
""",
        always_on=True,
    ),
    _reader(
        "encoding",
        Severity.ERROR,
        """The file is not UTF-8.

## What it does
Reports the first byte that is not UTF-8, at its line and column, or a UTF-16/UTF-32 byte
order mark. A UTF-8 byte order mark is accepted. Always shown.
""",
        always_on=True,
    ),
)

# YAML (``---``): what the YAML reader cannot read.
YAML_CHECKS: tuple[Check, ...] = (
    _reader(
        "yaml-syntax",
        Severity.ERROR,
        """The front matter is not valid YAML.

## What it does
Reports the parser's error at the position the parser gives (a character YAML does not
allow, an unclosed bracket, a bad indentation, several documents), and an integer of more
than 4,300 digits, which Python's YAML readers refuse to convert (its digit limit), at the
integer; ``validate_data`` reports such an integer the same way. Always shown.
""",
        always_on=True,
    ),
    _reader(
        "yaml-duplicate-key",
        Severity.ERROR,
        """A key appears twice in one mapping.

## What it does
Reports the second occurrence and names the line of the first. YAML readers (PyYAML,
Jekyll's Psych) silently keep only the last value, so the first is lost without a word.
""",
    ),
    _reader(
        "yaml-key-type",
        Severity.ERROR,
        """A mapping key is not a string.

## What it does
Reports keys that YAML reads as numbers, booleans, null (``1:``, ``yes:``, ``null:``) or as
lists and mappings (``? [a, b]``). Such keys cannot be JSON object keys; the entry is left
out of the data that is checked.
""",
    ),
    _reader(
        "yaml-tag",
        Severity.ERROR,
        """A value carries a non-standard YAML tag.

## What it does
Reports tags such as ``!!python/object/apply:os.system``. The tag is never constructed
(no tag can run code); the value is read as plain YAML.
""",
    ),
    _reader(
        "yaml-alias-limit",
        Severity.ERROR,
        """Aliases expand to too many nodes.

## What it does
Reports an alias bomb ("billion laughs"): anchors and aliases (or merge keys) that copy
more than ``max-alias-nodes`` nodes (100,000 by default), at the anchored node being copied
when the limit is crossed. Nothing else in the file is checked. Always shown.
""",
        always_on=True,
    ),
    _reader(
        "yaml-depth-limit",
        Severity.ERROR,
        """The front matter is nested too deeply.

## What it does
Reports nesting deeper than ``max-nesting-depth`` (64 by default) at the line where it is
crossed, before the YAML parser sees it: libyaml's composer crashes the whole process at tens
of thousands of levels. Nothing else in the file is checked. A JSON Lines record is judged
alone: its line is reported and the other lines are checked; with the limit raised past
what Python's JSON parser goes (about a thousand levels), a record nested deeper is reported
at its deepest point. Always shown.
""",
        always_on=True,
    ),
)

# TOML (``+++``): what the TOML reader cannot read.
TOML_CHECKS: tuple[Check, ...] = ()

# JSON (``{ … }`` front matter, and JSON Lines records): what the JSON reader cannot read.
JSON_CHECKS: tuple[Check, ...] = (
    _reader(
        "json-syntax",
        Severity.ERROR,
        """A line of a JSON Lines file is not JSON.

## What it does
Reports a record of a ``.jsonl`` file (or ``--input-format jsonl``) that the JSON parser
refuses, at the line and the column it gives: a missing comma or quote, a trailing comma,
``NaN`` or ``Infinity`` (which JSON does not have), an integer of more than 4,300 digits
(Python's digit limit; at the integer). The other lines are still checked, but
for a binary file: a NUL byte in the first 8,000 bytes (as git tells a binary file) is
reported once and the rest of the file is not read. Always shown.
""",
        always_on=True,
    ),
    _reader(
        "json-duplicate-key",
        Severity.ERROR,
        """A key appears twice in one object of a JSON Lines record.

## What it does
Reports the record. JSON readers (Python's ``json``, JavaScript's ``JSON.parse``) keep only
the last value without a word, so the first is lost; the record is not checked further.
""",
    ),
)

# The inline suppressions' own checks (:mod:`frontlint.checking.suppressions`).
_SUPPRESSION_CHECKS: tuple[Check, ...] = (
    _reader(
        "unused-ignore",
        Severity.WARNING,
        """An inline suppression silences nothing.

## What it does
Reports a ``# frontlint: ignore[rule]`` or ``# frontlint: ignore-file[rule]`` comment for a
rule that reported nothing there, so stale suppressions do not pile up.
""",
    ),
    _reader(
        "invalid-ignore",
        Severity.WARNING,
        """An inline suppression comment that frontlint cannot read (a bare ignore, a misspelt directive, an unknown rule id).

## What it does
Reads every YAML comment in the front matter that begins with ``frontlint`` as a
suppression, and reports one that does not have the form

```yaml
webUrl: "http://legacy.example.com/a"  # frontlint: ignore[url-insecure]
# frontlint: ignore-file[filename-date, text-html] -- dates come from the feed
```

at its ``#``, saying what is wrong and what to write instead: a comment that names no rule
(``# frontlint: ignore``, ``ignore[]``), a misspelt directive (``ignroe``), a missing
``:``, a bracket never closed, text after the bracket that is not a reason (a reason
follows two dashes: ``-- why``), ``ignore-file`` after a value (it covers the whole file and
stands on a line of its own), or rule ids no rule has (one warning a comment, with the
closest ids). Such a comment silences nothing; of a comment naming known and unknown ids,
the known ones still work. A comment that mentions frontlint after other words
(``# checked by frontlint``) is no directive.

## Why
A suppression that cannot be read would otherwise be dropped without a word: the problem it
was meant to silence still fails the run, or, worse, a misspelt id looks like it silences
something it does not.
""",
    ),
)

READER_CHECKS: tuple[Check, ...] = (*_FILE_CHECKS, *YAML_CHECKS, *JSON_CHECKS, *TOML_CHECKS, *_SUPPRESSION_CHECKS)

# Every ``schema/<keyword>`` id, as one check: its id is the prefix the family shares.
SCHEMA_FAMILY = Check(
    "schema",
    Severity.ERROR,
    """The front matter breaks the JSON Schema contract.

## What it does
Each violation is reported at the offending value as ``schema/<keyword>``: ``schema/type``,
``schema/required`` (at the mapping that lacks the key), ``schema/additionalProperties`` (at
the unknown key, with a suggestion for a misspelling), ``schema/format`` (dates and URLs are
really checked), ``schema/minimum``, ``schema/enum``, ``schema/pattern`` and so on. Under
``anyOf``/``oneOf`` the deepest useful error is shown. Where a rule reports the same node,
the rule's diagnostic, which says more, is kept instead.
""".strip(),
    "family",
)
