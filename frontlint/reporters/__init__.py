"""Output formats: each turns a run's diagnostics into the whole text of a report.

:data:`OUTPUT_FORMATS` declares every format once: the command's ``--format`` choices and
help, the README's formats table and the golden tests all come from it. ``REPORTERS`` maps
a format name to its reporter; the command picks one by ``--format``::

    context = ReportContext(files=result.files, read_source=result.sources.get)
    sys.stdout.write(REPORTERS["sarif"](result.diagnostics, context))

Each module's docstring documents its format.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from typing import NamedTuple, TextIO

from frontlint.reporters.base import ReportContext, Reporter


class OutputFormat(NamedTuple):
    """One output format, declared once: everything the command, the docs and the tests know of it.

    ``name`` is the ``--format`` value; the reporter is ``report_<name>`` in the module
    ``frontlint.reporters.<module>``, imported the first time the format is used (a run needs
    one). ``audience`` says what the format is for (``--format``'s help, the README's table).
    ``suffix`` is a report file's usual suffix (its golden files are ``<name><suffix>``).
    ``reads_files``: the report uses :attr:`ReportContext.files`, every file linted, so the
    run keeps their names. ``shows_source``: ``--show-source`` and ``--color`` change the report
    (it reads :attr:`ReportContext.read_source`, ``show_source`` and ``color``); the others
    ignore them.
    """

    name: str
    module: str
    audience: str
    suffix: str
    reads_files: bool = False
    shows_source: bool = False


# In the order the README and --format's help give them.
OUTPUT_FORMATS = (
    OutputFormat("text", "text", "people and editors' problem matchers", ".txt", shows_source=True),
    OutputFormat("json", "json_format", "scripts", ".json", reads_files=True),
    OutputFormat("sarif", "sarif", "GitHub code scanning and other SARIF viewers", ".sarif"),
    OutputFormat("github", "github", "GitHub Actions annotations", ".txt"),
    OutputFormat("junit", "junit", "any CI that reads JUnit XML", ".xml", reads_files=True),
    OutputFormat("gitlab", "gitlab", "GitLab Code Quality", ".json"),
)

_BY_NAME = {output_format.name: output_format for output_format in OUTPUT_FORMATS}


def output_format(name: str) -> OutputFormat:
    """The output format called ``name``; ``KeyError`` for a name no format has."""
    return _BY_NAME[name]


class _Reporters(Mapping[str, Reporter]):
    """The reporters by format name, imported on first use (a run needs one of them)."""

    def __getitem__(self, name: str) -> Reporter:
        module = importlib.import_module(f".{_BY_NAME[name].module}", __name__)
        reporter: Reporter = getattr(module, f"report_{name}")
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_NAME)

    def __len__(self) -> int:
        return len(_BY_NAME)


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


__all__ = ["OUTPUT_FORMATS", "REPORTERS", "OutputFormat", "ReportContext", "Reporter", "output_format", "use_color"]
