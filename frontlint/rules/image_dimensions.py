"""An image ``width`` or ``height`` that is no plausible pixel size.

## What it does
Reads the ``width`` and ``height`` of every object the schema marks ``image``.

Checks the ``width`` and ``height`` of every image: of the article, of provider logos, and
of each related entry and its provider. It is an error when a number is not a positive
integer: ``0``, a negative number, or a number with a decimal point such as ``630.0``
(which JSON Schema counts as an integer). It is a warning when a side is larger than
``max-pixels``, or when the longer side is more than ``max-aspect-ratio`` times the shorter
one; the aspect ratio is reported at the ``width``. A size that is missing or not a number
at all (``"tall"``, ``true``) is left to the schema.

## Why
Pages reserve room for an image from its ``width`` and ``height`` before it loads; a zero
or negative size hides the image, and a fractional one breaks templates that expect whole
pixels. Sizes far beyond any real photo, or a strip many times longer than it is high,
usually come from a feed that swapped or mangled the numbers.

## Example that fails
```yaml
images:
  - url: "https://cdn.bignewsnetwork.com/cus1627364184066.jpg"
    width: 0
    height: 420
```

## Example that passes
```yaml
images:
  - url: "https://cdn.bignewsnetwork.com/cus1627364184066.jpg"
    width: 630
    height: 420
```

## Options
- `max-pixels` (default 20000): the largest width or height, in pixels, that passes
  without a warning.
- `max-aspect-ratio` (default 10): the largest ratio of the longer side to the shorter one
  that passes without a warning.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample (every image size in it is
plausible). It catches the zero, fractional, swapped or absurd sizes some feeds write.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.base import Option, RuleContext
from frontlint.text.shortening import short

ID = "image-dimensions"
SEVERITY = Severity.ERROR
FIXABLE = False

_SIDES = ("width", "height")


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield errors for sizes that are not positive integers and warnings for implausible ones."""
    max_pixels = context.options["max-pixels"]
    max_ratio = context.options["max-aspect-ratio"]
    for path, image in context.view.images:
        sizes: dict[str, int] = {}
        for side in _SIDES:
            value = image.get(side)
            # A bool is an int in Python, but YAML's true is no number; non-numbers are the schema's.
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if not isinstance(value, int) or value < 1:
                message = f"image {side} {short(value)} is not a positive integer number of pixels"
                yield Problem(ID, message, path=path + (side,))
                continue
            sizes[side] = value
            if value > max_pixels:
                message = f"image {side} {short(value)} is larger than {max_pixels} pixels (max-pixels)"
                yield Problem(ID, message, path=path + (side,), severity=Severity.WARNING)
        if len(sizes) == 2:
            yield from _aspect_ratio(path, sizes["width"], sizes["height"], max_ratio)


def _aspect_ratio(path: DataPath, width: int, height: int, max_ratio: float) -> Iterator[Problem]:
    """Yield a warning, at the width, when the longer side exceeds ``max_ratio`` times the shorter."""
    longer, shorter = max(width, height), min(width, height)
    # Whole numbers compare exactly as they are (nearly every image, with the default limit).
    if isinstance(max_ratio, int) and longer <= max_ratio * shorter:
        return
    # Exact arithmetic: no float rounding at the limit and no overflow for absurdly large sides.
    ratio = Fraction(longer, shorter)
    if ratio > max_ratio:
        message = (
            f"image aspect ratio {_ratio_text(ratio, max_ratio)}:1 ({short(width)}x{short(height)}) "
            f"is beyond {_number_text(max_ratio)}:1 (max-aspect-ratio)"
        )
        yield Problem(ID, message, path=path + ("width",), severity=Severity.WARNING)


def _ratio_text(ratio: Fraction, limit: float) -> str:
    """Write ``ratio`` with 2 decimals, or up to 6 where fewer would not show it beyond ``limit``."""
    for decimals in range(2, 7):
        rounded = round(ratio, decimals)
        if rounded > limit:
            break
    whole, part = divmod(int(rounded * 10**decimals), 10**decimals)
    return f"{whole}.{part:0{decimals}d}".rstrip("0").rstrip(".")


def _number_text(number: float) -> str:
    """Write an option's number plainly: ``10`` rather than ``10.0`` or ``1e+06``."""
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)


def _validate_number(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"must be a number, not {value!r}")


def _validate_max_pixels(value: Any) -> None:
    _validate_number(value)
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a positive whole number of pixels, not {value!r}")


def _validate_max_aspect_ratio(value: Any) -> None:
    _validate_number(value)
    if value < 1:
        raise ValueError(f"must be a ratio of at least 1, not {value!r}")


OPTIONS: dict[str, Option] = {
    "max-pixels": Option(20000, "integer", _validate_max_pixels, {"minimum": 1}),
    "max-aspect-ratio": Option(10, "number", _validate_max_aspect_ratio, {"minimum": 1}),
}
