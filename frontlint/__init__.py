"""frontlint: lint the YAML front matter of Markdown articles.

The front matter is checked against a JSON Schema contract (the bundled news article
contract by default) and every problem is reported at its exact line and column::

    >>> from frontlint import lint_text
    >>> for diagnostic in lint_text("---\\ntitle: 1\\n---\\n", path="a.md"):
    ...     print(diagnostic.format())  # doctest: +ELLIPSIS
    a.md:2:1: error: missing required key 'category' [schema/required]
    ...
"""

from __future__ import annotations

from .api import lint_file, lint_paths, lint_text, validate_data
from .diagnostic import Diagnostic, Severity
from .engine import Linter
from .schema import Schema, SchemaError, load_schema

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "Linter",
    "Schema",
    "SchemaError",
    "Severity",
    "__version__",
    "lint_file",
    "lint_paths",
    "lint_text",
    "load_schema",
    "validate_data",
]
