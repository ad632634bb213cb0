"""``frontlint rules`` and ``frontlint rule ID`` print plain text: no RST or Markdown markup."""

import pytest

from frontlint.text.plain_text import plain_text
from helpers import run_cli

EVERY_ID = run_cli("rules").stdout.decode().splitlines()[1:]


def test_the_rule_list_is_plain_text(golden):
    result = run_cli("rules")
    assert result.returncode == 0
    golden("rules.txt", result.stdout.decode())
    assert "`" not in result.stdout.decode()


@pytest.mark.parametrize("rule_id", ["url-syntax", "invalid-ignore"])
def test_a_rule_page_is_plain_text(golden, rule_id):
    result = run_cli("rule", rule_id)
    assert result.returncode == 0
    golden(f"rule-{rule_id}.txt", result.stdout.decode())


@pytest.mark.slow
@pytest.mark.parametrize("row", EVERY_ID, ids=lambda row: row.split()[0])
def test_no_page_shows_backticks_or_heading_marks(row):
    rule_id = row.split()[0].replace("/*", "/type")
    page = run_cli("rule", rule_id).stdout.decode()
    assert "`" not in page and "\n#" not in page and not page.startswith("#")


def test_code_spans_lose_their_backticks_and_are_quoted_where_they_would_blend_in():
    assert plain_text("Checks ``webUrl`` and `url`, not ``---`` or ``images: []`` or ``-``.") == (
        "Checks webUrl and url, not '---' or 'images: []' or '-'."
    )


def test_headings_are_underlined_and_code_blocks_indented_without_fences():
    page = 'One line.\n\n## What it does\nReads ``x``.\n\n```yaml\ntitle: "a ``b``"\n  - c\n```\n\nAfter.'
    assert plain_text(page) == (
        'One line.\n\nWhat it does\n------------\nReads x.\n\n    title: "a ``b``"\n      - c\n\nAfter.'
    )
