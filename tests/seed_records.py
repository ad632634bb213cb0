"""The seed article as a JSON record, for the tests of records, streams and JSON Lines."""

from __future__ import annotations

import json
from typing import Any

import yaml

from frontlint.reading.records import as_record
from helpers import SEED


def seed_record(**changes: Any) -> dict[str, Any]:
    """The seed article's front matter as a JSON record (its one http:// URL made https://), with ``changes``."""
    text = SEED.read_text(encoding="utf-8").split("---\n")[1]
    record, _ = as_record(yaml.safe_load(text))
    record = json.loads(json.dumps(record).replace("http://", "https://"))
    return {**record, **changes}


def insecure_record() -> dict[str, Any]:
    """The seed record with an http:// webUrl: one url-insecure warning."""
    return seed_record(webUrl=seed_record()["webUrl"].replace("https://", "http://"))


def json_lines(*records: Any) -> bytes:
    """Records as JSON Lines."""
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)
