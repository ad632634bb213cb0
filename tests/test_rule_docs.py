"""Every rule's documentation page: its headings, and its examples, linted for real."""

import re

import pytest

from frontlint.checks import BUILTIN_CHECKS
from frontlint.rules import ALL_RULES_BY_ID, RULES, documentation

from helpers import lint_lines

HEADINGS = ["## What it does", "## Why", "## Example that fails", "## Example that passes", "## Options"]
EXAMPLE_PATH = "_news/2021-07-28-example.md"


def example(rule, heading):
    match = re.search(re.escape(heading) + r"\n```yaml\n(.*?)```", documentation(rule), re.S)
    assert match, f"{rule.ID}: no ```yaml block under {heading!r}"
    return "---\n" + match.group(1) + "---\n"


@pytest.mark.parametrize("rule", list(ALL_RULES_BY_ID.values()), ids=lambda rule: rule.ID)
def test_every_rule_page_has_the_headings_in_order(rule):
    text = documentation(rule)
    positions = [text.find(heading) for heading in HEADINGS]
    assert -1 not in positions and positions == sorted(positions), rule.ID
    assert text.splitlines()[0].endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_the_failing_example_fails(rule):
    lines = lint_lines(example(rule, "## Example that fails"), rules=[rule], path=EXAMPLE_PATH)
    assert lines and all(line.endswith(f"[{rule.ID}]") for line in lines)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.ID)
def test_the_passing_example_passes(rule):
    assert lint_lines(example(rule, "## Example that passes"), rules=[rule], path=EXAMPLE_PATH) == []


def test_rule_ids_are_unique_across_rules_and_builtin_checks():
    ids = [rule.ID for rule in ALL_RULES_BY_ID.values()] + [check.ID for check in BUILTIN_CHECKS]
    assert len(ids) == len(set(ids))
