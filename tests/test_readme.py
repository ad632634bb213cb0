"""The README's rules table is generated from the registry and kept in sync; its formats table lists the output formats."""

import re

from frontlint.cli.rules_command import rule_table
from frontlint.reporters import OUTPUT_FORMATS
from helpers import REPO

START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def render_table():
    rows = ["| id | default | fixable | what it reports |", "|---|---|---|---|"]
    rows += [
        f"| `{rule_id}` | {severity} | {fixable} | {summary} |" for rule_id, severity, fixable, summary in rule_table()
    ]
    return "\n".join(rows)


def test_readme_rules_table_matches_the_registry(request):
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    expected = f"{START}\n{render_table()}\n{END}"
    if request.config.getoption("--update-golden"):
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: expected, text, flags=re.S)
        readme.write_text(text, encoding="utf-8")
    assert expected in text, (
        "the README's rules table is stale: run .venv/bin/python -m pytest --update-golden and review the diff"
    )


def test_readme_formats_table_lists_every_output_format_with_what_it_is_for():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### Output formats\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", section, flags=re.M)
    expected = [(fmt.name, fmt.audience) for fmt in OUTPUT_FORMATS]
    assert rows == expected, (
        "the README's formats table must list frontlint.reporters.OUTPUT_FORMATS in order, each row "
        f"starting | `name` | audience |: {expected}"
    )


def test_readme_gives_the_two_setup_commands_that_ci_runs():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/pip install . && .venv/bin/frontlint examples/_news/" in text
    assert ".venv/bin/pip install '.[test]' && .venv/bin/python -m pytest" in text
    assert ".venv/bin/python -m pytest" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def safety_section_tests():
    """Every ``file.py::test`` the README's Safety section names (``::test`` alone is in the file named before it;
    a file in a folder of ``tests/`` is named with it: ``lsp/test_lsp_text.py``)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Safety: what frontlint promises", 1)[1].split("\n## ", 1)[0]
    named, current = [], None
    for file_name, test_name in re.findall(r"`((?:\w+/)?test_\w+\.py)?(?:::(test_\w+))?", section):
        current = file_name or current
        if test_name:
            named.append((current, test_name))
    return named


def test_every_test_the_safety_section_names_exists():
    named = safety_section_tests()
    assert len(named) >= 25  # the section names each promise's tests
    missing = [
        f"{file_name}::{test_name}"
        for file_name, test_name in named
        if not re.search(rf"^def {test_name}\(", (REPO / "tests" / file_name).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []


def safety_section_files(text: str) -> list[str]:
    """Every test file the README's Safety section names, with its tests or alone (``security/test_x.py``)."""
    section = text.split("## Safety: what frontlint promises", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"`((?:\w+/)*test_\w+\.py)", section)


def test_every_test_file_the_safety_section_names_exists():
    named = safety_section_files((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(named) >= 25
    assert [name for name in named if not (REPO / "tests" / name).is_file()] == []


def test_the_safety_file_check_sees_a_file_named_alone():
    text = "## Safety: what frontlint promises\n`security/test_gone.py`; `test_fix_offered.py::test_x`.\n## Next\n"
    assert safety_section_files(text) == ["security/test_gone.py", "test_fix_offered.py"]
