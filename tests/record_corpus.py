"""A generated corpus of news records as JSON Lines files (and a few Markdown files), with defects and duplicates; the serial run over it.

For the Dask tests and benchmark: every record is the seed article with its own ``webUrl`` and
title; some are broken on purpose, in ways each seen by a different check, and some repeat the
``webUrl`` of a record far earlier (in another file, so in another partition), written
differently but the same once normalised.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from frontlint import Config, lint_paths
from frontlint.checking.engine import sorted_diagnostics
from frontlint.checking.json_lines import check_json_lines
from frontlint.diagnostic import Diagnostic
from frontlint.registry import RUN_RULES
from frontlint.run.linting import _run_wide
from helpers import SEED
from seed_records import seed_record

# The Markdown files' webUrl: a fresh one, then the URL of a JSON Lines record, then the previous file's.
_SITE = "https://www.bignewsnetwork.com/news"
_MARKDOWN_URLS = (f"{_SITE}/md-0", "https://bignewsnetwork.com/news/3/", f"{_SITE}/md-0")


def record(number: int) -> dict[str, Any] | str:
    """The ``number``-th record of the corpus: a dict, or the text of a line that is not JSON."""
    url = f"{_SITE}/{number}"
    if number % 997 == 500:
        return '{"title": "cut short", '
    if number % 23 == 0 and number >= 3000:  # the record of 3,000 before, written differently
        url = f"https://bignewsnetwork.com/news/{number - 3000}/?utm_source=feed"
    changes: dict[str, Any] = {"webUrl": url, "title": f"Article number {number}"}
    if number % 13 == 1:
        changes["webUrl"] = url.replace("https://", "http://")
    if number % 19 == 2:
        changes["publishedDateTime"] = "yesterday"
    if number % 29 == 3:
        changes["topics"] = "AI"
    article = {**_seed(), **changes}
    if number % 31 == 4:
        del article["title"]
    return article


@functools.lru_cache(maxsize=1)
def _seed() -> dict[str, Any]:
    return seed_record()


def write_corpus(folder: Path, records: int, files: int, markdown: int = 3) -> list[Path]:
    """Write ``records`` records across ``files`` JSON Lines files, then ``markdown`` Markdown files; return them in order.

    A blank line follows every 500th record, so line numbers and record numbers part.
    """
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-records // files)
    written = []
    for index in range(files):
        path = folder / f"part-{index:03d}.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            for number in range(index * per_file, min(records, (index + 1) * per_file)):
                line = record(number)
                stream.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
                if number % 500 == 499:
                    stream.write("\n")
        written.append(path)
    seed = SEED.read_text(encoding="utf-8")
    original = _seed()["webUrl"]
    for index in range(markdown):
        path = folder / f"article-{index}.md"
        path.write_text(seed.replace(original, _MARKDOWN_URLS[index % len(_MARKDOWN_URLS)]), encoding="utf-8")
        written.append(path)
    return written


def serial(files: list[str], config: Config, scratch: Path) -> list[Diagnostic]:
    """The serial run over ``files`` in order, with ``config``: ``lint_paths`` once it reads JSON Lines.

    Until then (the command line's JSON Lines are issue 14's part 3), the serial run's own
    pieces: check_json_lines for a .jsonl file, check_bytes for a Markdown one, then
    check_sources' run-wide step, file after file.
    """
    if lint_paths_reads_json_lines(scratch):
        return lint_paths(files, config=config)
    indexes = {rule.id: rule.run_wide.index() for rule in RUN_RULES if rule.run_wide is not None}
    found: list[Diagnostic] = []
    for name in files:
        linter = config.linter(name)
        if name.endswith(".jsonl"):
            with open(name, "rb") as stream:
                report = check_json_lines(linter, stream, name)
        else:
            report = linter.check_bytes(Path(name).read_bytes(), name)
        found.extend(report.diagnostics)
        found.extend(_run_wide(report, indexes, linter))
    return sorted_diagnostics(found)


def lint_paths_reads_json_lines(scratch: Path) -> bool:
    """Whether lint_paths reads a .jsonl file as JSON Lines (a record's field at its JSON path), not as Markdown."""
    probe = scratch / "probe" / "probe.jsonl"
    probe.parent.mkdir(exist_ok=True)
    probe.write_text('{"title": 1}\n', encoding="utf-8")
    return any(d.json_path == "$.title" for d in lint_paths([probe], config=Config(now="2025-01-01T00:00:00Z")))
