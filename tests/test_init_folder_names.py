"""frontlint init on collection folders whose names a configuration or a file system takes in its own way."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpers import run_cli

# The largest collection: its schema (key `name` required) is the default one, so that a file
# checked against it and not its own folder's schema (`title`, `kind` required) says so.
OTHER = {f"other/o{number}.md": f"---\nname: O{number}\n---\n" for number in range(3)}


def _site(root: Path, folder: str) -> Path:
    for name, text in OTHER.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    os.makedirs(os.path.join(os.fsencode(root), os.fsencode(folder)))
    for number in range(2):
        Path(os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(folder), b"f%d.md" % number))).write_text(
            f"---\ntitle: T{number}\nkind: k\n---\n", encoding="utf-8"
        )
    return root


def _init_then_plant(site: Path, folder: str):
    result = run_cli("init", cwd=site)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr and b"error" not in result.stderr, result.stderr
    planted = os.path.join(os.fsencode(site), os.fsencode(folder), b"zz.md")
    Path(os.fsdecode(planted)).write_text("---\ntitle: Z\n---\n", encoding="utf-8")
    return run_cli(cwd=site)


def test_a_folder_name_with_a_character_toml_strings_cannot_hold_is_written_escaped(tmp_path) -> None:
    site = _site(tmp_path, "a\x7fb")
    run = _init_then_plant(site, "a\x7fb")
    assert run.stdout.decode() == "\"a\\x7fb/zz.md\":2:1: error: missing required key 'kind' [schema/required]\n"


def test_schema_files_of_folders_whose_names_differ_in_letter_case_only_differ_beyond_case(tmp_path) -> None:
    site = _site(tmp_path, "A-B")
    (site / "a b").mkdir()
    (site / "a b" / "x.md").write_text("---\nother: 1\n---\n", encoding="utf-8")
    result = run_cli("init", cwd=site)
    assert result.stdout.decode().splitlines()[:4] == [
        "frontlint: wrote frontlint.toml",
        "frontlint: wrote schemas/A-B.schema.json",
        "frontlint: wrote schemas/a-b-2.schema.json",
        "frontlint: wrote schemas/other.schema.json",
    ]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="a name that is not UTF-8 needs a POSIX file system")
def test_a_folder_name_that_is_not_utf8_is_configured_without_a_traceback(tmp_path) -> None:
    folder = os.fsdecode(b"caf\xe9")
    site = _site(tmp_path, folder)
    run = _init_then_plant(site, folder)
    assert run.stdout.decode("utf-8", "replace").splitlines() == [
        "caf\udce9/zz.md:2:1: error: missing required key 'kind' [schema/required]".encode(
            "utf-8", "surrogateescape"
        ).decode("utf-8", "replace")
    ]
