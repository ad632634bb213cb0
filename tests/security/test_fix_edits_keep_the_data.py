"""Issue 11: the text ``--fix`` writes never breaks a file (block scalars, anchors and tags,
flow collections read by either composer, nested entities, and a check of every edit)."""

from __future__ import annotations

import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.diagnostic import Diagnostic, Edit, Fix, Severity
from frontlint.fix.fixer import fix_text
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, run_cli

TEXT_RULES = "text-whitespace,text-html"
# More than 64 brackets: the front matter goes to PyYAML's pure-Python composer.
DEEP_COMMENT = "# " + "[" * 70 + "\n"
# The values here carry ends and double spaces, some in related entries: fixed when reported.
EVERY_KIND = {
    "text-whitespace": {"check-ends-and-double-spaces": True, "check-related": True},
    "text-html": {"check-related": True},
}
EVERY_KIND_TOML = (
    "[rules.text-whitespace]\ncheck-ends-and-double-spaces = true\ncheck-related = true\n"
    "[rules.text-html]\ncheck-related = true\n"
)


def fix_in_place(tmp_path, text: str, select: str = TEXT_RULES) -> tuple[bytes, str]:
    """Run the real CLI's ``--fix`` on a file holding ``text``; return its new bytes and the summary."""
    path = tmp_path / "a.md"
    path.write_bytes(text.encode("utf-8"))
    (tmp_path / "frontlint.toml").write_text(EVERY_KIND_TOML, encoding="utf-8")
    result = run_cli("--config", "frontlint.toml", "--select", select, "--fix", "a.md", cwd=tmp_path)
    assert result.stdout == b""
    return path.read_bytes(), result.stderr.decode()


def fixed(text: str, select: str = TEXT_RULES) -> str:
    """Fix ``text`` with the library fixer (the same code path as ``--fix``)."""
    linter = Linter(load_schema(), Settings(now=FIXED_NOW, select=tuple(select.split(",")), rule_options=EVERY_KIND))
    return fix_text(text, lambda candidate: linter.lint_text(candidate, "a.md")).text


# --- block scalars: the edit ends where the scalar's own text ends ----------------------------


@pytest.mark.slow
def test_a_literal_block_excerpt_is_fixed_without_joining_the_next_key(tmp_path):
    before = "---\ntitle: x\nexcerpt: |\n  First line.\n  Second.\ncategory: news\n---\nbody\n"
    after, summary = fix_in_place(tmp_path, before)
    assert after == b'---\ntitle: x\nexcerpt: "First line. Second."\ncategory: news\n---\nbody\n'
    assert summary == "fixed 1 problem in 1 file; no problems found in 1 file\n"


@pytest.mark.slow
def test_diff_of_a_block_scalar_fix_removes_only_its_content_lines(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: x\nexcerpt: |\n  First line.\n  Second.\ncategory: news\n---\nbody\n", encoding="utf-8"
    )
    result = run_cli("--isolated", "--select", TEXT_RULES, "--diff", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,8 +1,6 @@\n ---\n title: x\n"
        '-excerpt: |\n-  First line.\n-  Second.\n+excerpt: "First line. Second."\n category: news\n ---\n body\n'
    )
    assert result.stderr.decode() == "1 problem would be fixed in 1 file (of 1 checked)\n"


@pytest.mark.slow
def test_a_folded_title_keeps_its_header_comment_and_the_blank_lines_and_comment_after_it(tmp_path):
    before = "---\ntitle: >  # keep me\n  A  folded\n  title\n\n# a comment\n\ncategory: news\n---\n"
    after, _ = fix_in_place(tmp_path, before)
    assert after == b'---\ntitle: "A folded title"  # keep me\n\n# a comment\n\ncategory: news\n---\n'


def test_every_block_scalar_header_is_replaced_and_what_follows_kept():
    for header in ("|", ">", ">-", "|+", "|-", ">+", "|3", ">-3", "|3-", "|+3"):
        before = f"---\nexcerpt: {header}\n   a  b\n\n   \n  # trailing comment\ntitle: t\n---\n"
        assert fixed(before) == '---\nexcerpt: "a b"\n\n   \n  # trailing comment\ntitle: t\n---\n', header


def test_a_block_scalar_at_the_end_of_the_front_matter_keeps_the_closing_fence():
    assert fixed("---\ntitle: >-\n  a  b\n---\nbody\n") == '---\ntitle: "a b"\n---\nbody\n'
    assert fixed("---\ntitle: |+\n  a  b\n\n\n---\n") == '---\ntitle: "a b"\n\n\n---\n'


def test_a_block_scalar_in_a_sequence_and_crlf_line_endings():
    before = "---\r\nrelated:\r\n  - title: >\r\n      a  b\r\n    url: u\r\n---\r\n"
    assert fixed(before) == '---\r\nrelated:\r\n  - title: "a b"\r\n    url: u\r\n---\r\n'


# --- anchors and tags stay; only the scalar's text is replaced -----------------------------


@pytest.mark.slow
def test_an_anchored_title_keeps_its_anchor_so_aliases_still_resolve(tmp_path):
    after, summary = fix_in_place(tmp_path, '---\ntitle: &t "  x  "\nexcerpt: *t\n---\n')
    assert after == b'---\ntitle: &t "x"\nexcerpt: *t\n---\n'
    assert summary == "fixed 1 problem in 1 file; no problems found in 1 file\n"


def test_a_tagged_title_keeps_its_tag():
    assert fixed('---\ntitle: !!str "  x  "\n---\n') == '---\ntitle: !!str "x"\n---\n'
    assert (
        fixed("---\ntitle: !<tag:yaml.org,2002:str> ' x'\n---\n") == "---\ntitle: !<tag:yaml.org,2002:str> 'x'\n---\n"
    )


def test_anchor_and_tag_with_a_block_scalar_on_the_next_line():
    before = "---\ntitle: &t !!str  # note\n  >-\n  a  b\nexcerpt: *t\n---\n"
    assert fixed(before) == '---\ntitle: &t !!str  # note\n  "a b"\nexcerpt: *t\n---\n'


def test_a_value_reached_through_an_alias_is_fixed_once_at_its_anchor():
    # The excerpt is the title's node: one edit, at the anchor, fixes both.
    before = "---\ntitle: &t a  b\nexcerpt: *t\n---\n"
    linter = Linter(load_schema(), Settings(now=FIXED_NOW, select=("text-whitespace",), rule_options=EVERY_KIND))
    result = fix_text(before, lambda candidate: linter.lint_text(candidate, "a.md"))
    assert (result.text, result.fixed, result.remaining) == ("---\ntitle: &t a b\nexcerpt: *t\n---\n", 1, [])


def test_a_plain_anchored_value_is_quoted_when_its_alias_sits_in_a_flow_collection():
    before = "---\ntitle: &t a&#44;b\nrelated: [{title: *t}]\n---\n"
    assert fixed(before) == '---\ntitle: &t "a,b"\nrelated: [{title: *t}]\n---\n'


# --- flow collections, whichever composer reads them --------------------------------------


@pytest.mark.slow
def test_a_fix_in_a_flow_mapping_never_writes_flow_indicators_into_a_plain_scalar(tmp_path):
    for comment in ("", DEEP_COMMENT):
        before = f'---\n{comment}related: [{{title: a&#44;b&#125; c, url: "https://x.example/"}}]\n---\n'
        after, _ = fix_in_place(tmp_path, before)
        assert after.decode() == f'---\n{comment}related: [{{title: "a,b}} c", url: "https://x.example/"}}]\n---\n'


def test_a_plain_value_stays_plain_whichever_composer_reads_it():
    for comment in ("", DEEP_COMMENT):
        assert fixed(f"---\n{comment}title: a  b\n---\n") == f"---\n{comment}title: a b\n---\n"
        assert (
            fixed(f"---\n{comment}related: [{{title: a  b}}]\n---\n")
            == f"---\n{comment}related: [{{title: a b}}]\n---\n"
        )


# --- nested entities: the replacement is the fixed point ------------------------------------


@pytest.mark.slow
def test_nested_entities_are_decoded_in_one_fix_and_a_second_fix_changes_nothing(tmp_path):
    after, summary = fix_in_place(tmp_path, '---\ntitle: "&amp;amp;amp;amp;amp; &amp;lt;"\n---\n', "text-html")
    assert after == b'---\ntitle: "& <"\n---\n'
    assert summary == "fixed 1 problem in 1 file; no problems found in 1 file\n"
    again, summary = fix_in_place(tmp_path, after.decode(), "text-html")
    assert (again, summary) == (after, "fixed 0 problems; no problems found in 1 file\n")


def test_entities_that_decode_into_markup_are_decoded_once_and_then_left_alone():
    once = fixed('---\ntitle: "&amp;lt;b&amp;gt;bold"\n---\n', "text-html")
    assert once == '---\ntitle: "<b>bold"\n---\n'
    assert fixed(once, "text-html") == once


def test_entities_nested_deeper_than_the_decoding_limit_get_no_fix():
    lines = [
        d.format() + f" fix={d.fix is not None}"
        for d in Linter(load_schema(), Settings(now=FIXED_NOW, select=("text-html",))).lint_text(
            '---\ntitle: "&' + "amp;" * 10 + '"\n---\n', "a.md"
        )
    ]
    assert lines == [
        "a.md:2:8: warning: title contains HTML entity '&amp;' (write the character itself: '&') [text-html] fix=False"
    ]


# --- the safety net: a fix that does not read back as promised is dropped ------------------


def _diagnostic(line: int, column: int, end_column: int, content: str, value: str) -> Diagnostic:
    edit = Edit(line, column, line, end_column, content)
    return Diagnostic(
        path="a.md",
        line=line,
        column=column,
        end_line=line,
        end_column=end_column,
        severity=Severity.WARNING,
        rule="test-rule",
        message="m",
        fix=Fix("d", (edit,), value),
    )


def lint_with(*fixes: Diagnostic):
    """A lint function that offers ``fixes`` on the first text it sees and none afterwards."""
    calls: list[str] = []

    def lint(text: str) -> list[Diagnostic]:
        calls.append(text)
        return list(fixes) if len(calls) == 1 else []

    return lint


def test_a_fix_that_breaks_the_yaml_is_dropped_and_a_good_one_kept():
    text = "---\ntitle: ' x'\nexcerpt: ' y'\n---\n"
    broken = _diagnostic(2, 8, 12, "'x", "x")  # an unclosed quote
    good = _diagnostic(3, 10, 14, "'y'", "y")
    result = fix_text(text, lint_with(broken, good))
    assert (result.text, result.fixed) == ("---\ntitle: ' x'\nexcerpt: 'y'\n---\n", 1)


def test_a_fix_that_changes_another_key_or_gives_another_value_is_dropped():
    text = "---\ntitle: ' x'\nexcerpt: y\n---\n"
    eats_the_next_key = Diagnostic(
        path="a.md",
        line=2,
        column=8,
        end_line=3,
        end_column=11,
        severity=Severity.WARNING,
        rule="r",
        message="m",
        fix=Fix("d", (Edit(2, 8, 3, 11, "'x'"),), "x"),
    )
    other_value = _diagnostic(2, 8, 12, "'z'", "x")
    for bad in (eats_the_next_key, other_value):
        assert fix_text(text, lint_with(bad)).text == text
    assert fix_text(text, lint_with(_diagnostic(2, 8, 12, "'x'", "x"))).text == "---\ntitle: 'x'\nexcerpt: y\n---\n"


def test_a_fix_that_changes_a_tag_or_makes_a_key_duplicate_is_dropped():
    text = "---\ntitle: ' x'\nexcerpt: y\n---\n"
    assert fix_text(text, lint_with(_diagnostic(2, 8, 12, "!!binary 'x'", "x"))).text == text
    assert fix_text(text, lint_with(_diagnostic(2, 8, 12, "x\nexcerpt: z", "x"))).text == text


def test_a_fix_without_a_promised_value_is_never_applied():
    text = "---\ntitle: ' x'\n---\n"
    assert fix_text(text, lint_with(_diagnostic(2, 8, 12, "'x'", None))).text == text  # type: ignore[arg-type]
