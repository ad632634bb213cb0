"""The language server tests' fixtures: a site to lint, and a server started in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsp_client import LspClient
from test_lsp_server import CONFIG, EVENT_SCHEMA


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A site: a configuration with a per-file schema, an article folder and an events folder."""
    (tmp_path / "frontlint.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "event.schema.json").write_text(json.dumps(EVENT_SCHEMA), encoding="utf-8")
    (tmp_path / "_news").mkdir()
    (tmp_path / "events").mkdir()
    return tmp_path


@pytest.fixture
def client(workspace: Path):
    """A server started in the workspace, initialized; killed if a test leaves it running."""
    started = LspClient(workspace)
    started.initialize(workspace, {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
    yield started
    started.kill()
