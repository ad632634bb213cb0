from frontlint.rules import text_whitespace

from helpers import SEED, front_matter, lint_lines

EXPECTED = "expected one line with single spaces and no leading or trailing whitespace"


def test_leading_whitespace_in_a_title_is_reported_at_the_value():
    text = front_matter('''
title: " China's top court"
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:2:8: warning: title has leading whitespace: {EXPECTED} [text-whitespace]",
    ]


def test_trailing_tab_and_non_breaking_space_count_as_whitespace():
    text = front_matter('''
title: "China's top court\\t"
excerpt: "\\u00a0China's top court specified rules.\\u00a0"
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:2:8: warning: title has trailing whitespace: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has leading whitespace and trailing whitespace: {EXPECTED} [text-whitespace]",
    ]


def test_runs_of_spaces_and_tabs_between_words_are_reported():
    text = front_matter('''
title: "China's top  court"
excerpt: "China's top \\t court\\tspecified"
related:
  - title: "China's   top court"
    excerpt: "China's\\ttop court"
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:2:8: warning: title has a run of 2 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:3:10: warning: excerpt has a run of 3 whitespace characters: {EXPECTED} [text-whitespace]",
        f"a.md:5:12: warning: title has a run of 3 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:6:14: warning: excerpt has a tab: {EXPECTED} [text-whitespace]",
    ]


def test_a_single_non_breaking_space_between_words_is_typography_not_a_defect():
    text = front_matter('''
title: "Court limits 10\\u00a0km surveillance zones"
''')
    assert lint_lines(text, rules=[text_whitespace]) == []


def test_all_defects_of_a_field_are_listed_in_one_message():
    text = front_matter('''
title: "  China's  top\\n court  "
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        "a.md:2:8: warning: title has leading whitespace, trailing whitespace, a line break and a run of 2 spaces:"
        f" {EXPECTED} [text-whitespace]",
    ]


def test_a_line_break_escaped_in_a_double_quoted_string_is_reported():
    text = front_matter('''
excerpt: "China's top court\\nspecified rules."
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:2:10: warning: excerpt has a line break: {EXPECTED} [text-whitespace]",
    ]


def test_a_folded_block_scalar_keeps_a_trailing_newline_and_blank_lines_as_line_breaks():
    text = front_matter('''
title: Court rules
excerpt: >
  China's top court
  specified rules.

  The rules involve issues.
related:
  - excerpt: >-
      China's top court
      specified rules.
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:3:10: warning: excerpt has trailing whitespace and a line break: {EXPECTED} [text-whitespace]",
    ]


def test_a_multi_line_plain_or_quoted_scalar_folds_into_one_line():
    text = front_matter('''
title: China's top court
  specified rules
excerpt: "China's top court
  specified rules."
''')
    assert lint_lines(text, rules=[text_whitespace]) == []


def test_a_carriage_return_is_a_line_break():
    text = front_matter('''
title: "China's top court\\rspecified rules"
''')
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:2:8: warning: title has a line break: {EXPECTED} [text-whitespace]",
    ]


def test_crlf_positions_are_exact():
    text = "\r\n".join([
        "---",
        "category: news",
        "related:",
        "  - title: 'China''s top  court'",
        "    excerpt: >",
        "      China's top court",
        "      specified rules.",
        "---",
        "",
    ])
    assert lint_lines(text, rules=[text_whitespace]) == [
        f"a.md:4:12: warning: title has a run of 2 spaces: {EXPECTED} [text-whitespace]",
        f"a.md:5:14: warning: excerpt has trailing whitespace: {EXPECTED} [text-whitespace]",
    ]


def test_blank_and_wrong_typed_values_and_other_fields_are_skipped():
    text = front_matter('''
title: "   "
excerpt: 12
category: " news "
provider:
  name: " Big News Network.com "
related:
  - title: [" a "]
    excerpt: null
  - " China's top court "
''')
    assert lint_lines(text, rules=[text_whitespace]) == []
    assert lint_lines(front_matter('- title: " a "'), rules=[text_whitespace]) == []


def test_the_seed_article_passes():
    assert lint_lines(SEED.read_text(encoding="utf-8"), rules=[text_whitespace]) == []
