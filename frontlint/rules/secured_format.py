"""A ``secured`` value that is not a base64 AES ciphertext and a 16-byte IV.

## What it does
Reads the value the schema marks ``secured``.

Checks the article's ``secured`` field, which must read ``<base64 ciphertext>;<base64 IV>``:

- exactly one ``;`` separates the two parts;
- both parts are strict base64: only ``A-Z a-z 0-9 + /``, then at most two ``=`` of padding,
  a length that is a multiple of 4, no spaces or line breaks;
- the ciphertext decodes to a whole number (one or more) of 16-byte AES blocks;
- the IV decodes to exactly 16 bytes.

A bad character is named with its position in that part, counted from 1. A ``secured`` value
that is not a string is left to the schema.

## Why
The site decrypts ``secured`` with AES in CBC mode: a ciphertext that is not a whole number of
blocks, or an IV of the wrong length, fails to decrypt in the reader's browser and the article's
protected content stays hidden. Such values come from truncated copies or hand edits.

## Example that fails
```yaml
secured: "q83vEjRWeJCrze8SNFZ4kA==;AAECAwQFBgcICQoL"
```

## Example that passes
```yaml
secured: "q83vEjRWeJCrze8SNFZ4kA==;AAECAwQFBgcICQoLDA0ODw=="
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. It catches a `secured` value that
would fail to decrypt in the reader's browser (a truncated or hand-edited ciphertext or IV);
all 1,982 values of the sample are well-formed.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator

from frontlint.diagnostic import Problem, Severity
from frontlint.rule_support.base import Option, RuleContext

ID = "secured-format"
SEVERITY = Severity.ERROR
FIXABLE = False
OPTIONS: dict[str, Option] = {}

AES_BLOCK_BYTES = 16
IV_BYTES = 16
_FORM = "'<base64 ciphertext>;<base64 IV>'"
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each way the article's ``secured`` string breaks its format."""
    for field in context.view.fields:
        if "secured" in field.plan.roles and isinstance(field.value, str):
            for message in _format_errors(field.value, str(field.path[-1])):
                yield Problem(ID, message, path=field.path)


def _format_errors(secured: str, key: str) -> Iterator[str]:
    """Yield a message for each defect of a ``secured`` string."""
    separators = secured.count(";")
    if separators == 0:
        yield f"{key} is not {_FORM}: no ';' found"
        return
    if separators > 1:
        yield f"{key} is not {_FORM}: found {separators} ';', expected exactly one"
        return
    ciphertext_text, iv_text = secured.split(";")
    ciphertext = _decode_part(key, "ciphertext", ciphertext_text)
    if isinstance(ciphertext, str):
        yield ciphertext
    elif not ciphertext:
        yield f"{key} ciphertext is empty: expected one or more {AES_BLOCK_BYTES}-byte AES blocks"
    elif len(ciphertext) % AES_BLOCK_BYTES:
        yield (
            f"{key} ciphertext is {len(ciphertext)} bytes: expected a whole number of {AES_BLOCK_BYTES}-byte AES blocks"
        )
    iv = _decode_part(key, "IV", iv_text)
    if isinstance(iv, str):
        yield iv
    elif not iv:
        yield f"{key} IV is empty: expected {IV_BYTES} bytes"
    elif len(iv) != IV_BYTES:
        yield f"{key} IV is {len(iv)} bytes: expected {IV_BYTES}"


def _decode_part(key: str, name: str, text: str) -> bytes | str:
    """Return the bytes of one strict-base64 part, or a message saying why it is not base64."""
    reason = _base64_defect(text)
    if reason is None:
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error as error:  # a defect the checks above do not name
            reason = str(error)
    return f"{key} {name} is not valid base64 ({reason})"


def _base64_defect(text: str) -> str | None:
    """Say what keeps ``text`` from being strict base64, or return ``None`` when nothing does."""
    if _BASE64.fullmatch(text):
        if len(text) % 4:
            return f"length {len(text)} is not a multiple of 4: '=' padding is missing or extra"
        return None
    for index, character in enumerate(text):
        if character not in _ALPHABET:
            return f"bad character {character!r} at position {index + 1}"
    # Only the alphabet and '=' are left: the padding is misplaced or too long.
    return f"'=' at position {text.index('=') + 1}: padding is at most two '=' at the end"
