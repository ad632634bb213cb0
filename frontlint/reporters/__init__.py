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

import importlib
import os
from collections.abc import Iterator, Mapping
from typing import TextIO

from frontlint.reporters.base import ReportContext, Reporter

# Each format's module and function; a module is imported when its format is first used.
_REPORTER_FUNCTIONS = {
    "text": ("text", "report_text"),
    "json": ("json_format", "report_json"),
    "sarif": ("sarif", "report_sarif"),
    "github": ("github", "report_github"),
    "junit": ("junit", "report_junit"),
    "gitlab": ("gitlab", "report_gitlab"),
}


class _Reporters(Mapping[str, Reporter]):
    """The reporters by format name, imported on first use (a run needs one of them)."""

    def __getitem__(self, name: str) -> Reporter:
        module, function = _REPORTER_FUNCTIONS[name]
        reporter: Reporter = getattr(importlib.import_module(f".{module}", __name__), function)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_REPORTER_FUNCTIONS)

    def __len__(self) -> int:
        return len(_REPORTER_FUNCTIONS)


REPORTERS: Mapping[str, Reporter] = _Reporters()


def use_color(stream: TextIO, environ: Mapping[str, str] = os.environ, mode: str = "auto") -> bool:
    """Whether to colour text written to ``stream``, as ``--color`` (``mode``) and the environment say.

    ``always`` and ``never`` win over the environment. With ``auto``, ``NO_COLOR`` set and
    not empty turns colour off (https://no-color.org); otherwise ``FORCE_COLOR`` set, not
    empty and not ``0`` turns it on; otherwise colour is on only when ``stream`` is a
    terminal.
    """
    if mode != "auto":
        return mode == "always"
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
