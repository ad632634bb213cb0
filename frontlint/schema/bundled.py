"""The schemas shipped in the package: by name (``article``), and by the URI a schema of one's own ``$ref``s them by.

Each bundled schema's ``$id`` (``https://frontlint.dev/schemas/article.schema.json``) is the URI a
schema file may ``$ref``, whole or a part of it (``…/article.schema.json#/$defs/provider``), to use the
bundled contract as a base. The URI is never fetched: the document is read from the package, and
given to both validators as one of the schema's resources (see :mod:`frontlint.schema.loading`).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

# The name a configuration's ``schema`` takes → the file shipped in ``frontlint/schemas/``.
BUNDLED_SCHEMAS = {"article": "article.schema.json"}
DEFAULT_SCHEMA = "article"


def bundled_text(name: str) -> str:
    """The text of the bundled schema named ``name`` (a key of :data:`BUNDLED_SCHEMAS`).

    Read from beside this module when the package lies in a folder, as pip installs it;
    ``importlib.resources`` (a slower import) only for a package inside a zip file.
    """
    file_name = BUNDLED_SCHEMAS[name]
    beside = Path(__file__).parent.parent / "schemas" / file_name
    if beside.is_file():
        return beside.read_text(encoding="utf-8")
    # deferred: importlib.resources costs 4.6 ms, needed only for a package inside a zip file
    from importlib import resources

    return resources.files("frontlint").joinpath("schemas", file_name).read_text(encoding="utf-8")


@functools.cache
def _bundled_by_uri() -> dict[str, str]:
    """Each bundled schema's name by its ``$id``."""
    found: dict[str, str] = {}
    for name in BUNDLED_SCHEMAS:
        own_id = json.loads(bundled_text(name)).get("$id")
        if isinstance(own_id, str):
            found[own_id] = name
    return found


def bundled_uri(name: str) -> str | None:
    """The ``$id`` by which a schema of one's own ``$ref``s the bundled schema ``name``."""
    return next((uri for uri, each in _bundled_by_uri().items() if each == name), None)


def bundled_for_uri(uri: str) -> Any | None:
    """A fresh copy of the bundled schema whose ``$id`` is ``uri`` (without fragment), or ``None``."""
    name = _bundled_by_uri().get(uri)
    return json.loads(bundled_text(name)) if name is not None else None
