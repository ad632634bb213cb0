import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.fix.fixer import fix_text
from frontlint.registry import check_for
from frontlint.rules import text_whitespace
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, SEED, front_matter, lint_lines, run_cli

EXPECTED = "expected one line with single spaces and no leading or trailing whitespace"
EVERY_KIND = {"text-whitespace": {"check-ends-and-double-spaces": True}}
RELATED_TOO = {"text-whitespace": {"check-related": True}}


def fixed(text, options=None):
    """Return ``text`` after ``--fix`` with text-whitespace alone (and the given options)."""
    settings = Settings(select=("text-whitespace",), rule_options=dict(options or {}), now=FIXED_NOW)
    linter = Linter(load_schema(), settings, rules=[check_for(text_whitespace.ID)])
    return fix_text(text, lambda candidate: linter.lint_text(candidate, "a.md")).text


# --- what is reported by default ---------------------------------------------------------------


def test_leading_trailing_and_double_spaces_are_not_reported_by_default():
    text = front_matter("""
title: " China's top  court "
excerpt: "\\u00a0China's top court specified rules.\\u00a0\\t"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == []


def test_leading_trailing_and_double_spaces_are_reported_with_the_option():
    text = front_matter("""
title: " China's top court"
excerpt: "\\u00a0China's top  court specified rules.\\t"
""")
    assert lint_lines(text, rules=[text_whitespace], options=EVERY_KIND) == [
        f"a.md:2:8: warning: title has leading whitespace: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has leading whitespace, trailing whitespace and a run of 2 spaces:"
        f" {EXPECTED} [text-whitespace]",
    ]


def test_tabs_runs_holding_a_no_break_space_and_runs_of_three_spaces_are_reported():
    text = front_matter("""
title: "China's top   court"
excerpt: "China's\\u00a0 top court specified rules."
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a run of 3 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has a run of 2 whitespace characters: {EXPECTED} [text-whitespace]",
    ]
    tabs = front_matter("""
title: "China's top\\tcourt"
excerpt: "China's top \\t court"
""")
    assert lint_lines(tabs, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a tab: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has a run of 3 whitespace characters: {EXPECTED} [text-whitespace]",
    ]


def test_the_first_reported_run_is_named_past_a_double_space():
    text = front_matter("""
title: "China's  top   court"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a run of 3 spaces: {EXPECTED} [text-whitespace]",
    ]
    assert lint_lines(text, rules=[text_whitespace], options=EVERY_KIND) == [
        f"a.md:2:8: warning: title has a run of 2 spaces: {EXPECTED} [text-whitespace]",
    ]


def test_a_single_no_break_or_narrow_space_between_words_is_typography_not_a_defect():
    text = front_matter("""
title: "Court limits 10\\u00a0km surveillance zones"
excerpt: "Upgrade\\u202fto Text-to-Speech"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == []
    assert lint_lines(text, rules=[text_whitespace], options=EVERY_KIND) == []


def test_zero_width_spaces_are_reported_wherever_they_are():
    text = front_matter("""
title: "Data silos in businesses.\\u200b"
excerpt: "An \\"advanced specialisation\\" \\u200bcertification"
related:
  - title: "Azure\\u2060Arc\\ufeff"
""")
    assert lint_lines(text, rules=[text_whitespace], options=RELATED_TOO) == [
        f"a.md:2:8: warning: title has a zero-width space: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has a zero-width space: {EXPECTED} [text-whitespace]",
        f"a.md:5:12: warning: title has a zero-width space: {EXPECTED} [text-whitespace]",
    ]


def test_zero_width_joiners_are_not_spaces():
    text = front_matter("""
title: "Developers \\U0001F469\\u200d\\U0001F4BB and \\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0647\\u0645"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == []


def test_all_reported_defects_of_a_field_are_listed_in_one_message():
    text = front_matter("""
title: "  China's  top\\n court   \\u200b  "
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a line break, a run of 3 spaces and a zero-width space: {EXPECTED} [text-whitespace]",
    ]
    assert lint_lines(text, rules=[text_whitespace], options=EVERY_KIND) == [
        "a.md:2:8: warning: title has leading whitespace, trailing whitespace, a line break, a run of 2 spaces"
        f" and a zero-width space: {EXPECTED} [text-whitespace]",
    ]


def test_a_line_break_escaped_in_a_double_quoted_string_is_reported():
    text = front_matter("""
excerpt: "China's top court\\nspecified rules."
title: "China's top court\\u2028specified rules"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:10: warning: excerpt has a line break: {EXPECTED} [text-whitespace]",
        f"a.md:3:8: warning: title has a line break: {EXPECTED} [text-whitespace]",
    ]


def test_a_folded_block_scalar_keeps_blank_lines_as_line_breaks_and_its_final_newline_is_an_end():
    text = front_matter("""
title: Court rules
excerpt: >
  China's top court
  specified rules.

  The rules involve issues.
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:3:10: warning: excerpt has a line break: {EXPECTED} [text-whitespace]",
    ]
    assert (
        lint_lines(
            front_matter("excerpt: >\n  China's top court\n  specified rules.\n"), rules=[check_for(text_whitespace.ID)]
        )
        == []
    )


def test_a_multi_line_plain_or_quoted_scalar_folds_into_one_line():
    text = front_matter("""
title: China's top court
  specified rules
excerpt: "China's top court
  specified rules."
""")
    assert lint_lines(text, rules=[text_whitespace], options=EVERY_KIND) == []


def test_a_carriage_return_is_a_line_break():
    text = front_matter("""
title: "China's top court\\rspecified rules"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a line break: {EXPECTED} [text-whitespace]",
    ]


def test_crlf_positions_are_exact():
    text = "\r\n".join(
        [
            "---",
            "category: news",
            "title: 'China''s top   court'",
            "excerpt: >",
            "  China's top court",
            "",
            "  specified rules.",
            "---",
            "",
        ]
    )
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:3:8: warning: title has a run of 3 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:4:10: warning: excerpt has a line break: {EXPECTED} [text-whitespace]",
    ]


def test_blank_and_wrong_typed_values_and_other_fields_are_skipped():
    text = front_matter("""
title: "   "
excerpt: 12
category: " news\\n\\nsport "
provider:
  name: " Big   News Network.com "
related:
  - title: [" a\\n\\nb "]
    excerpt: null
  - " China's\\n\\ntop court "
""")
    assert (
        lint_lines(
            text,
            rules=[text_whitespace],
            options={"text-whitespace": {"check-related": True, "check-ends-and-double-spaces": True}},
        )
        == []
    )
    assert lint_lines(front_matter('- title: " a\\n\\nb "'), rules=[check_for(text_whitespace.ID)]) == []


# --- related entries: reported where they are authored ----------------------------------------


def test_related_entries_are_skipped_unless_check_related_is_on():
    text = front_matter("""
title: "China's top court"
related:
  - title: "China's   top court"
    excerpt: "China's\\ttop court"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == []
    assert lint_lines(text, rules=[text_whitespace], options=RELATED_TOO) == [
        f"a.md:4:12: warning: title has a run of 3 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:5:14: warning: excerpt has a tab: {EXPECTED} [text-whitespace]",
    ]


# --- the fix -------------------------------------------------------------------------------------


def test_the_fix_keeps_a_lone_no_break_space_and_collapses_every_other_run():
    text = front_matter("""
title: " A 10\\u00a0km zone,\\u00a0 then\\t\\u202f\\u202fa   gap  "
excerpt: "Two\\u00a0\\u00a0no-break spaces and  two plain ones"
""")
    assert fixed(text) == front_matter("""
title: "A 10\\xa0km zone, then a gap"
excerpt: "Two\\xa0no-break spaces and two plain ones"
""")


def test_the_fix_keeps_every_lone_space_it_does_not_report():
    # A thin space (U+2009) and an ideographic space (U+3000) alone between words are not
    # reported: a fix made for another defect of the value leaves them as they are.
    text = front_matter("""
title: "10\\u2009km of road\\u3000東京  and\\na\\u3000\\u3000gap"
""")
    assert fixed(text) == front_matter("""
title: "10\\u2009km of road\\u3000東京 and a gap"
""")


def test_a_paragraph_separator_after_a_heading_is_a_paragraph_break():
    text = front_matter("""
excerpt: "Difficult to debug\\u2029As organizations adopt it"
""")
    assert fixed(text) == front_matter("""
excerpt: "Difficult to debug. As organizations adopt it"
""")


def test_the_fix_deletes_zero_width_spaces_with_the_whitespace_around_them_collapsed():
    text = front_matter("""
title: "Data silos in businesses.\\u200b"
excerpt: "Migration to Azure\\u200b\\u200b\\u200b advanced \\u200bspecialization"
""")
    assert fixed(text) == front_matter("""
title: "Data silos in businesses."
excerpt: "Migration to Azure advanced specialization"
""")


def test_a_value_of_zero_width_spaces_alone_is_reported_without_a_fix():
    text = front_matter("""
title: "\\u200b"
""")
    assert lint_lines(text, rules=[check_for(text_whitespace.ID)]) == [
        f"a.md:2:8: warning: title has a zero-width space: {EXPECTED} [text-whitespace]",
    ]
    assert fixed(text) == text


def test_the_fix_ends_a_heading_before_a_paragraph_break_with_a_full_stop():
    text = front_matter("""
excerpt: "Debug your applications.\\r\\n\\r\\nDifficult to debug\\r\\n\\r\\nAs organizations adopt it, (see \\"Azure Networking\\")\\n\\nWe continue"
title: "Sr Program Manager, Azure Networking\\n\\n\\nWork from home:\\n\\nA wrapped\\nline, and a list,\\n\\nitem"
""")
    assert fixed(text) == front_matter("""
excerpt: "Debug your applications. Difficult to debug. As organizations adopt it, (see \\"Azure Networking\\"). We continue"
title: "Sr Program Manager, Azure Networking. Work from home: A wrapped line, and a list, item"
""")


def test_the_fix_of_a_reported_value_also_trims_its_ends_and_double_spaces():
    text = front_matter("""
title: " China's  top\\ncourt "
""")
    assert fixed(text) == front_matter("""
title: "China's top court"
""")


def test_the_ends_are_fixed_by_default_only_where_something_else_is_reported():
    text = front_matter("""
title: " China's top court "
""")
    assert fixed(text) == text
    assert fixed(text, EVERY_KIND) == front_matter("""
title: "China's top court"
""")


def test_the_seed_article_passes():
    assert (
        lint_lines(
            SEED.read_text(encoding="utf-8"),
            rules=[text_whitespace],
            options={"text-whitespace": {"check-related": True, "check-ends-and-double-spaces": True}},
        )
        == []
    )


@pytest.mark.slow
def test_the_options_are_read_from_the_configuration_by_the_real_command(tmp_path):
    (tmp_path / "a.md").write_text(
        front_matter("""
title: " China's top court"
related:
  - title: "China's\\ttop court"
"""),
        encoding="utf-8",
    )
    (tmp_path / "frontlint.toml").write_text(
        "[rules.text-whitespace]\ncheck-ends-and-double-spaces = true\ncheck-related = true\n",
        encoding="utf-8",
    )
    result = run_cli("--select", "text-whitespace", "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        f"a.md:2:8: warning: title has leading whitespace: {EXPECTED} [text-whitespace]",
        f"a.md:4:12: warning: title has a tab: {EXPECTED} [text-whitespace]",
    ]
    assert run_cli("--isolated", "--select", "text-whitespace", "a.md", cwd=tmp_path).stdout == b""
    (tmp_path / "frontlint.toml").write_text('[rules.text-whitespace]\ncheck-related = "yes"\n', encoding="utf-8")
    result = run_cli("--select", "text-whitespace", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"frontlint: error: {tmp_path / 'frontlint.toml'}:2: rules.text-whitespace.check-related must be true or false,"
        " not 'yes'\n"
    )
