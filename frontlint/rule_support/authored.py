"""Where a defect is authored: the ``check-related`` option of the text rules.

A ``related`` entry is a copy of another article's title, excerpt and links, made by the feed
that wrote the file. A defect in the copy is authored in that other article, and it is repeated
in every file that lists it (up to 112 files on a real site): the text rules report it where it is
written, in the article itself, and look into ``related[]`` only when ``check-related`` is on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CHECK_RELATED = "check-related"


def checks_related(options: Mapping[str, Any]) -> bool:
    """Tell whether a rule's options ask for ``related[]`` entries to be checked too."""
    return options.get(CHECK_RELATED) is True
