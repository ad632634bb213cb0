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

from importlib import import_module as _import_module  # already imported by the interpreter: nothing to load

# typing.TYPE_CHECKING without importing typing (mypy reads this name the same way).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from frontlint.api import RecordResult, lint_file, lint_paths, lint_text, validate_data, validate_records
    from frontlint.checking.engine import Linter
    from frontlint.config.loading import ConfigError
    from frontlint.config.public import Config
    from frontlint.diagnostic import Diagnostic, Severity
    from frontlint.schema.contract import Schema, SchemaError, load_schema
    from frontlint.version import __version__

# Each public name and the module it is imported from when it is first asked for: importing
# the package itself imports nothing, so that the command can take Ctrl-C while it starts.
_MODULES = {
    "lint_file": "api",
    "lint_paths": "api",
    "lint_text": "api",
    "validate_data": "api",
    "validate_records": "api",
    "RecordResult": "api",
    "Config": "config.public",
    "ConfigError": "config.loading",
    "Diagnostic": "diagnostic",
    "Severity": "diagnostic",
    "Linter": "checking.engine",
    "Schema": "schema.contract",
    "SchemaError": "schema.contract",
    "load_schema": "schema.contract",
    "__version__": "version",
}

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "Linter",
    "RecordResult",
    "Schema",
    "SchemaError",
    "Severity",
    "__version__",
    "lint_file",
    "lint_paths",
    "lint_text",
    "load_schema",
    "validate_data",
    "validate_records",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for (PEP 562)."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
