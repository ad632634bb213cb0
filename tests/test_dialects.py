"""The front-matter dialect seam: the registry, and a made-up fourth dialect going through every consumer.

The fourth dialect (``tests/fourth_dialect.py``: ``%%%`` fences, ``key = value`` lines, ``;``
comments) is known to nothing in frontlint: that the engine, the suppressions, the fixes, the
read-back of ``--fix`` and the language server's cursor all work on it proves they reach a dialect
through its interface alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from fourth_dialect import FOURTH, registered

from frontlint.checking.engine import Linter
from frontlint.dialects import DIALECTS, dialect_for, find_block
from frontlint.dialects.yaml_dialect import YAML
from frontlint.lsp.code_actions import suppression_edit
from frontlint.lsp.yaml_cursor import completion_spots, node_at
from frontlint.reading.positions import LineIndex
from frontlint.schema.contract import schema_from_document
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, REPO, lint_lines

CLEAN = "%%%\ntitle = Two words\n%%%\nBody\n"
SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string", "x-frontlint-role": "title"}},
    "required": ["title"],
    "additionalProperties": False,
}


def test_every_dialect_opens_on_its_own_fence_and_no_other_does() -> None:
    names = [dialect.name for dialect in DIALECTS]
    assert names[0] == "yaml" and len(set(names)) == len(names)
    for dialect in DIALECTS:
        assert [other.name for other in DIALECTS if other.opens(dialect.fence)] == [dialect.name]
        assert dialect_for(dialect.fence + "\ntitle\n") is dialect
        assert dialect.comment is None or dialect.comment.strip() == dialect.comment != ""


def test_a_file_no_dialect_opens_is_yaml_s_and_missing_naming_every_opening() -> None:
    assert dialect_for("") is YAML
    assert dialect_for("# Title\n---\n") is YAML
    assert dialect_for("--- \r\ntitle: x\r\n---\r\n") is YAML
    assert lint_lines("# Title\n", rules=[], select=["front-matter-missing"]) == [
        "a.md:1:1: error: no front matter: the file must start with '---' (YAML), '+++' (TOML) or '{' (JSON) [front-matter-missing]"
    ]


def test_with_more_dialects_the_missing_message_names_every_opening() -> None:
    with registered():
        dialect, block, problem = find_block(LineIndex("# Title\n"))
        assert (dialect, block) == (YAML, None)
        assert problem is not None
        assert problem.message.startswith("no front matter: the file must start with '---' (YAML), ")
        assert problem.message.endswith(" or '%%%' (FOURTH)")
        assert find_block(LineIndex(CLEAN))[:2] == (FOURTH, (4, 22, 1, 3))


def _lint(text: str) -> list[str]:
    """``text`` linted with every rule and :data:`SCHEMA`, as whole lines."""
    linter = Linter(schema_from_document(SCHEMA, "schema.json"), Settings(now=FIXED_NOW))
    return [diagnostic.format() for diagnostic in linter.lint_text(text, "a.md")]


def test_the_engine_reads_places_and_suppresses_through_the_dialect() -> None:
    text = (
        "%%%\n"
        "title = Two\t\twords\n"
        "extra = x ; frontlint: ignore[schema]\n"
        "other = y\n"
        "note = z ; frontlint: ignore[text-html]\n"
        "; frontlint: ignroe[schema]\n"
        "%%%\n"
    )
    with registered():
        found = _lint(text)
    assert found == [
        "a.md:2:9: warning: title has a run of 2 whitespace characters: expected one line with single "
        "spaces and no leading or trailing whitespace [text-whitespace]",
        "a.md:4:1: error: unknown key 'other' [schema/additionalProperties]",
        "a.md:5:1: error: unknown key 'note' [schema/additionalProperties]",
        "a.md:5:10: warning: unused suppression: no 'text-html' diagnostic on this line to silence [unused-ignore]",
        "a.md:6:1: warning: cannot read this suppression: unknown directive 'ignroe'; write "
        "'; frontlint: ignore[schema]' [invalid-ignore]",
    ]


def test_a_hash_is_no_comment_in_a_dialect_whose_comments_start_otherwise() -> None:
    with registered():
        assert lint_lines("%%%\ntitle = Two\t\twords # frontlint: ignore[text-whitespace]\n%%%\n") == [
            "a.md:2:9: warning: title has a run of 2 whitespace characters: expected one line with single "
            "spaces and no leading or trailing whitespace [text-whitespace]"
        ]


def test_a_dialect_without_comments_has_no_inline_suppressions() -> None:
    with registered(), mock.patch.object(FOURTH, "comment", None):
        assert lint_lines("%%%\ntitle = Two\t\twords ; frontlint: ignore[text-whitespace]\n%%%\n") == [
            "a.md:2:9: warning: title has a run of 2 whitespace characters: expected one line with single "
            "spaces and no leading or trailing whitespace [text-whitespace]"
        ]


def test_the_editor_s_ignore_action_writes_the_dialect_s_comment() -> None:
    assert tuple(suppression_edit("title = x", 2, "text-html", ";")) == (
        2,
        10,
        2,
        10,
        "  ; frontlint: ignore[text-html]",
    )
    assert tuple(suppression_edit("t = x ; frontlint: ignore[a]", 2, "b", ";")) == (2, 28, 2, 28, ", b")
    assert tuple(suppression_edit("t = x ; frontlint: ignore[a]", 2, "b")) == (2, 29, 2, 29, "  # frontlint: ignore[b]")


def test_a_dialect_s_unreadable_block_is_its_problem_at_its_place() -> None:
    with registered():
        assert lint_lines("%%%\ntitle = x\nno equals\n%%%\n", rules=[]) == [
            "a.md:3:1: error: no '=' on this line [yaml-syntax]"
        ]
        assert lint_lines("%%%\ntitle = x\n", rules=[]) == [
            "a.md:1:1: error: no closing %%% line [front-matter-unclosed]"
        ]


def test_the_too_large_problem_spans_the_dialect_s_fence() -> None:
    from frontlint import load_schema
    from frontlint.checking.engine import Linter
    from frontlint.reading.limits import Limits
    from frontlint.settings.resolved import Settings

    linter = Linter(load_schema(), Settings(limits=Limits(max_front_matter_bytes=8)))
    with registered():
        [diagnostic] = linter.lint_text("%%%\ntitle = a long title\n%%%\n", "a.md")
    assert (diagnostic.rule, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column) == (
        "front-matter-too-large",
        1,
        1,
        1,
        4,
    )


def test_the_language_server_s_cursor_composes_with_the_dialect() -> None:
    lines = LineIndex("%%%\ntitle = Two words\nauthor = Ann\n%%%\n")
    with registered():
        assert node_at(lines, lines.offset(3, 11)) == (("author",), (31, 34))
        assert node_at(lines, lines.offset(2, 2)) == (("title",), (4, 9))
        assert completion_spots(lines, lines.offset(3, 3)) == []  # completion is YAML's alone


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, with the fourth dialect registered (``tests/fourth_dialect.py``)."""
    (tmp_path / "schema.json").write_text(json.dumps(SCHEMA))
    environment = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}
    environment["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "tests")])
    command = [sys.executable, str(REPO / "tests" / "fourth_dialect.py"), "--isolated", "--schema", "schema.json"]
    return subprocess.run(
        [*command, "--jobs", "1", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=environment
    )


def test_fix_rewrites_only_the_value_and_a_second_fix_changes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("%%%\ntitle = Two\t\twords ; kept\n%%%\nBody\t\ttext\n", encoding="utf-8")
    first = _run(tmp_path, "--fix", "a.md")
    assert (first.returncode, first.stdout, first.stderr) == (
        0,
        "",
        "fixed 1 problem in 1 file; no problems found in 1 file\n",
    )
    assert article.read_text(encoding="utf-8") == "%%%\ntitle = Two words ; kept\n%%%\nBody\t\ttext\n"
    second = _run(tmp_path, "--fix", "a.md")
    assert (second.returncode, second.stdout, second.stderr) == (
        0,
        "",
        "fixed 0 problems; no problems found in 1 file\n",
    )
    assert article.read_text(encoding="utf-8") == "%%%\ntitle = Two words ; kept\n%%%\nBody\t\ttext\n"


def test_a_fix_the_dialect_cannot_write_is_a_suggestion_never_applied(tmp_path: Path) -> None:
    text = "%%%\ntitle = Ten\u00a0\u00a0km\n%%%\n"
    article = tmp_path / "a.md"
    article.write_text(text, encoding="utf-8")
    reported = _run(tmp_path, "--format", "json", "a.md")
    [diagnostic] = json.loads(reported.stdout)["diagnostics"]
    assert (diagnostic["rule"], diagnostic["fix"]) == ("text-whitespace", None)
    assert diagnostic["help"] == "trim the ends and make every run of whitespace a single space"
    fixed = _run(tmp_path, "--fix", "a.md")
    assert (fixed.returncode, fixed.stderr) == (0, "fixed 0 problems; 0 errors, 1 warning in 1 of 1 file\n")
    assert fixed.stdout == (
        "a.md:2:9: warning: title has a run of 2 whitespace characters: expected one line with single "
        "spaces and no leading or trailing whitespace [text-whitespace]\n"
    )
    assert article.read_text(encoding="utf-8") == text


def test_a_suggestion_without_a_rule_s_help_says_the_value() -> None:
    from frontlint.checking.finalise import Finaliser
    from frontlint.diagnostic import Problem, Severity
    from frontlint.settings.resolved import Settings

    text = "%%%\ntitle = Ten km\n%%%\n"
    lines = LineIndex(text)
    block, _ = FOURTH.find_block(lines)
    assert block is not None
    parsed = FOURTH.parse(text[block.start : block.end], block.start, lines, Settings().limits)
    problem = Problem("text-whitespace", "bad", path=("title",), replacement="Ten\u00a0km")
    finaliser = Finaliser(Settings())
    [diagnostic] = finaliser.placed([(problem, Severity.WARNING)], "a.md", lines, parsed, FOURTH)
    assert (diagnostic.fix, diagnostic.help) == (None, 'replace the value with "Ten\u00a0km"')
    [unwritten] = finaliser.placed([(problem, Severity.WARNING)], "a.md", lines, parsed)  # no dialect: no edit
    assert unwritten == diagnostic
