"""Every rule's documentation page: its headings, and its examples, linted for real."""

import re

import pytest

from frontlint.rules.registry import ALL_CHECKS, FILE_RULES, RUN_RULES
from frontlint.settings import Settings

from helpers import lint_lines

HEADINGS = ["## What it does", "## Why", "## Example that fails", "## Example that passes", "## Options"]
EXAMPLE_PATH = "_news/2021-07-28-example.md"
PRECISION_HEADING = "## Precision on real articles"
SAMPLE = "Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the default settings: "
# Up to 60 hits sampled at random, or all of them when there are fewer ("all", "both", "the one").
MEASURED = re.compile(
    r"([0-9][0-9,]*) diagnostics? in ([0-9][0-9,]*) files?; (?:([0-9]+) sampled at random \(seed 1\) and each"
    r"|all(?: [0-9,]+)?|both|the one) opened at (?:its|their) line: ([0-9]+) true defects?, so precision ([0-9]+) %\."
)
NOT_MEASURED = "0 diagnostics; precision not measured on this sample"
RULES = [*FILE_RULES, *RUN_RULES]
DEFAULT_RULES = [rule for rule in RULES if Settings().is_selected(rule.id)]


def example(rule, heading):
    match = re.search(re.escape(heading) + r"\n```yaml\n(.*?)```", rule.doc, re.S)
    assert match, f"{rule.id}: no ```yaml block under {heading!r}"
    return "---\n" + match.group(1) + "---\n"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_page_has_the_headings_in_order(rule):
    text = rule.doc
    positions = [text.find(heading) for heading in HEADINGS]
    assert -1 not in positions and positions == sorted(positions), rule.id
    assert text.splitlines()[0].endswith(".")


@pytest.mark.parametrize("rule", FILE_RULES, ids=lambda rule: rule.id)
def test_the_failing_example_fails(rule):
    lines = lint_lines(example(rule, "## Example that fails"), rules=[rule], path=EXAMPLE_PATH)
    assert lines and all(line.endswith(f"[{rule.id}]") for line in lines)


@pytest.mark.parametrize("rule", FILE_RULES, ids=lambda rule: rule.id)
def test_the_passing_example_passes(rule):
    assert lint_lines(example(rule, "## Example that passes"), rules=[rule], path=EXAMPLE_PATH) == []


def test_rule_ids_are_unique_across_rules_and_builtin_checks():
    ids = [check.id for check in ALL_CHECKS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda rule: rule.id)
def test_every_default_rule_page_states_its_precision_on_real_articles(rule):
    text = rule.doc
    assert PRECISION_HEADING in text, f"{rule.id}: no {PRECISION_HEADING!r} section"
    assert text.find(PRECISION_HEADING) > text.find("## Options"), f"{rule.id}: the section comes after ## Options"
    section = " ".join(text.split(PRECISION_HEADING, 1)[1].split("\n## ", 1)[0].split())
    assert section.startswith(SAMPLE), f"{rule.id}: {section[:120]!r}"
    statement = section[len(SAMPLE):]
    if statement.startswith(NOT_MEASURED):
        assert len(statement) > len(NOT_MEASURED) + 20, f"{rule.id}: say in one sentence what the rule catches instead"
        return
    match = MEASURED.match(statement)
    assert match, f"{rule.id}: {statement[:200]!r}"
    found, files, sampled, true, percent = (int(group.replace(",", "")) if group else None for group in match.groups())
    sampled = found if sampled is None else sampled
    assert 0 < files <= found and sampled == min(found, 60) and true <= sampled, rule.id
    assert percent in (100 * true // sampled, round(100 * true / sampled)), f"{rule.id}: {true}/{sampled} is not {percent} %"
    assert percent >= 95, f"{rule.id}: precision {percent} % is under 95 %: change its default"
