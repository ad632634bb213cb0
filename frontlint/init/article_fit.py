"""Whether a bundled contract fits a collection: its files fail it, if at all, on values, not on their shape.

A file's shape is wrong for a contract when a key it requires is missing, a value has another
type, or a key it forbids is there; a value that breaks a format, a pattern or a length is a
defect in that value, which is what the contract is there to find. The contract fits when at
least :data:`FITTING_SHARE` of the files have the right shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from frontlint.schema.contract import Schema

FITTING_SHARE = 0.9
_SHAPE_KEYWORDS = frozenset(
    {"required", "type", "additionalProperties", "unevaluatedProperties", "dependentRequired", "false"}
)


def share_of_right_shape(schema: Schema, documents: Sequence[dict[str, Any]]) -> float:
    """The share of ``documents`` whose shape ``schema`` accepts (0 for none), or 0 as soon as it cannot reach
    :data:`FITTING_SHARE`: the files left are not checked (a collection of another kind fails every
    file, and each failure costs a full validation)."""
    if not documents:
        return 0.0
    wrong = 0
    for document in documents:
        if _shape_errors(schema, document):
            wrong += 1
            if (len(documents) - wrong) / len(documents) < FITTING_SHARE:  # the same test as the caller's
                return 0.0
    return (len(documents) - wrong) / len(documents)


def _shape_errors(schema: Schema, document: dict[str, Any]) -> bool:
    """Whether ``document`` breaks ``schema`` in its shape (see the module's docstring)."""
    if schema.is_valid is not None and schema.is_valid(document):
        return False
    return any(str(error.validator) in _SHAPE_KEYWORDS for error in schema.validator.iter_errors(document))
