"""Every rule's documentation page: its headings, and its examples, linted for real."""

import re

import pytest

from frontlint.checking.engine import Linter
from frontlint.registry import ALL_CHECKS, FILE_RULES, RUN_RULES
from frontlint.run.linting import check_sources
from frontlint.run.sources import Source
from frontlint.schema.contract import load_schema
from frontlint.settings.resolved import Settings
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


def examples(rule, heading):
    """Every ```yaml block of a section: for a run-wide rule, each is one file of a run."""
    section = rule.doc.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, re.S | re.M)
    assert section.startswith("```yaml\n") and blocks, f"{rule.id}: no ```yaml block under {heading!r}"
    return ["---\n" + block + "---\n" for block in blocks]


def lint_as_one_run(rule, texts):
    """Lint ``texts`` as the files of one run, with only ``rule`` selected; the diagnostics as lines."""
    linter = Linter(load_schema(), Settings(select=(rule.id,)), rules=[])
    sources = [
        Source(f"_news/2021-07-28-example-{number}.md", lambda size, text=text: text.encode()[:size])
        for number, text in enumerate(texts, 1)
    ]
    return [diagnostic.format() for diagnostic in check_sources(linter, sources, on_error=pytest.fail).diagnostics]


@pytest.mark.parametrize("rule", RUN_RULES, ids=lambda rule: rule.id)
def test_a_run_wide_rule_s_failing_example_fails_as_files_of_one_run(rule):
    texts = examples(rule, "## Example that fails")
    assert len(texts) >= 2, f"{rule.id}: a run-wide rule's failing example is two files or more"
    lines = lint_as_one_run(rule, texts)
    assert lines and all(line.endswith(f"[{rule.id}]") for line in lines)
    assert lint_as_one_run(rule, texts[:1]) == []  # one file alone is fine: the others make it fail


@pytest.mark.parametrize("rule", RUN_RULES, ids=lambda rule: rule.id)
def test_a_run_wide_rule_s_passing_example_passes_as_files_of_one_run(rule):
    texts = examples(rule, "## Example that passes")
    assert len(texts) >= 2, f"{rule.id}: a run-wide rule's passing example is two files or more"
    assert lint_as_one_run(rule, texts) == []


def test_the_duplicate_article_example_names_the_first_file():
    [rule] = [rule for rule in RUN_RULES if rule.id == "duplicate-article"]
    assert lint_as_one_run(rule, examples(rule, "## Example that fails")) == [
        "_news/2021-07-28-example-2.md:2:9: warning: another article has the same webUrl: "
        "_news/2021-07-28-example-1.md:2; keep one of the two files [duplicate-article]"
    ]


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
    statement = section[len(SAMPLE) :]
    if statement.startswith(NOT_MEASURED):
        assert len(statement) > len(NOT_MEASURED) + 20, f"{rule.id}: say in one sentence what the rule catches instead"
        return
    match = MEASURED.match(statement)
    assert match, f"{rule.id}: {statement[:200]!r}"
    found, files, sampled, true, percent = (int(group.replace(",", "")) if group else None for group in match.groups())
    sampled = found if sampled is None else sampled
    assert 0 < files <= found and sampled == min(found, 60) and true <= sampled, rule.id
    assert percent in (100 * true // sampled, round(100 * true / sampled)), (
        f"{rule.id}: {true}/{sampled} is not {percent} %"
    )
    assert percent >= 95, f"{rule.id}: precision {percent} % is under 95 %: change its default"
