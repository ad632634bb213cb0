"""Output formats: each turns a run's diagnostics into the whole text of a report.

``REPORTERS`` maps a format name to its reporter; the command picks one by ``--format``::

    context = ReportContext(files=result.files, read_source=result.sources.get)
    sys.stdout.write(REPORTERS["sarif"](result.diagnostics, context))

- ``text``: compiler-style lines; with ``show_source``, the source line, carets and help
- ``json``: a versioned document of every diagnostic field (``schemas/diagnostics.schema.json``)
- ``sarif``: SARIF 2.1.0 with rule metadata, fixes and stable fingerprints (GitHub code scanning)
- ``github``: GitHub Actions ``::error``/``::warning`` workflow commands (annotations)
- ``junit``: JUnit XML, one test case per file
- ``gitlab``: GitLab Code Quality JSON

Each module's docstring documents its format.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from .base import Reporter, ReportContext
from .github import report_github
from .gitlab import report_gitlab
from .json_format import report_json
from .junit import report_junit
from .sarif import report_sarif
from .text import report_text

REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "sarif": report_sarif,
    "github": report_github,
    "junit": report_junit,
    "gitlab": report_gitlab,
}


def use_color(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour text written to ``stream``.

    ``NO_COLOR`` set and not empty turns colour off (https://no-color.org); otherwise
    ``FORCE_COLOR`` set, not empty and not ``0`` turns it on; otherwise colour is on only
    when ``stream`` is a terminal.
    """
    if environ.get("NO_COLOR", ""):
        return False
    force = environ.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # a closed or detached stream
        return False


__all__ = ["REPORTERS", "ReportContext", "Reporter", "use_color"]
