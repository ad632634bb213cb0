"""--fix and --diff: exact-span edits, everything else byte for byte, atomic writes."""

from __future__ import annotations

import difflib
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.editing.edits import apply_edits
from frontlint.fix.fixer import fix_text
from frontlint.settings.resolved import Settings
from helpers import FIXED_NOW, SEED, run_cli

AMP = "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
CDN = "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/amp/"
FIXABLE = "amp-cache-url,text-whitespace,url-syntax,text-html"


def broken_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(f'cdnAmpWebUrl: "{CDN}"', "cdnAmpWebUrl: 'https://wrong.example/x'  # keep this comment", 1)
    text = text.replace(
        'title: "China\'s top court specifies rules for facial recognition"',
        "title: '  China''s top court   specifies rules '",
        1,
    )
    text = text.replace(
        '"https://jingdaily.com/facial-recognition-limitations-china-luxury/"',
        '"https://jingdaily.com/facial recognition limitations/"',
        1,
    )
    text = text.replace("excerpt: \"China's Supreme", 'excerpt: "China&#39;s Supreme', 1)
    return text


@pytest.mark.slow
def test_fix_writes_each_fix_in_its_own_style_and_keeps_every_other_byte(tmp_path):
    path = tmp_path / "a.md"
    original = broken_seed().replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    result = run_cli("--isolated", "--select", FIXABLE, "--fix", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        0,
        b"",
        "fixed 4 problems in 1 file; no problems found in 1 file\n",
    )
    fixed = path.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf")
    after = fixed[3:].decode("utf-8")
    changed = [(old, new) for old, new in zip(original.split("\r\n"), after.split("\r\n")) if old != new]
    assert changed == [
        ("title: '  China''s top court   specifies rules '", "title: 'China''s top court specifies rules'"),
        (
            'excerpt: "China&#39;s Supreme People\'s Court on Wednesday specified a set of regulations for the use of facial recognition. The rules involve issues concerning the application of laws in the trial of civil cases related to the use of facial recognition technology in handling personal information."',
            "excerpt: \"China's Supreme People's Court on Wednesday specified a set of regulations for the use of facial recognition. The rules involve issues concerning the application of laws in the trial of civil cases related to the use of facial recognition technology in handling personal information.\"",
        ),
        (
            "    cdnAmpWebUrl: 'https://wrong.example/x'  # keep this comment",
            f"    cdnAmpWebUrl: '{CDN}'  # keep this comment",
        ),
        (
            '    webUrl: "https://jingdaily.com/facial recognition limitations/"',
            '    webUrl: "https://jingdaily.com/facial%20recognition%20limitations/"',
        ),
    ]
    assert len(original.split("\r\n")) == len(after.split("\r\n"))
    again = run_cli("--isolated", "--select", FIXABLE, "--fix", "a.md", cwd=tmp_path)
    assert again.stderr.decode() == "fixed 0 problems; no problems found in 1 file\n"
    assert path.read_bytes() == fixed
    assert sorted(os.listdir(tmp_path)) == ["a.md"]  # no temporary file left behind


def test_exit_status_after_fix_reflects_what_remains(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: '\u200bx'\nquality: -1\n---\n", encoding="utf-8")
    result = run_cli("--isolated", "--select", "text-whitespace,schema/minimum", "--fix", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == "a.md:3:10: error: -1 is out of range: must be at least 0 [schema/minimum]\n"
    assert result.stderr.decode() == "fixed 1 problem in 1 file; 1 error, 0 warnings in 1 of 1 file\n"
    assert result.returncode == 1
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "---\ntitle: 'x'\nquality: -1\n---\n"


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "a   b"\n---\nbody\n', encoding="utf-8")
    result = run_cli("--isolated", "--select", "text-whitespace", "--diff", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        '--- a/a.md\n+++ b/a.md\n@@ -1,4 +1,4 @@\n ---\n-title: "a   b"\n+title: "a b"\n ---\n body\n'
    )
    assert result.stderr.decode() == "1 problem would be fixed in 1 file (of 1 checked)\n"
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == '---\ntitle: "a   b"\n---\nbody\n'


def test_fix_keeps_permissions_and_writes_through_a_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text('---\ntitle: "\\u200bx"\n---\n', encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "link.md").symlink_to(real)
    run_cli("--isolated", "--select", "text-whitespace", "--fix", "link.md", cwd=tmp_path)
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text(encoding="utf-8") == '---\ntitle: "x"\n---\n'
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_fix_refuses_stdin_and_the_diff_combination():
    for args in (["--fix", "-"], ["--fix", "--diff", "x.md"]):
        result = run_cli("--isolated", *args, stdin=b"")
        assert result.returncode == 2
        assert "usage: frontlint" in result.stderr.decode()


def test_a_file_over_the_size_limit_is_never_rewritten(tmp_path):
    (tmp_path / "frontlint.toml").write_text("max-front-matter-bytes = 64\n", encoding="utf-8")
    text = "---\ntitle: ' x'\n" + "excerpt: " + "a" * 200 + "\n---\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    run_cli("--config", "frontlint.toml", "--fix", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text


# --- property: fixing then linting again leaves nothing fixable and nothing else changed ----

# The injected defects are ends and double spaces, in related entries too: fixed when reported.
EVERY_KIND = {
    "text-whitespace": {"check-ends-and-double-spaces": True, "check-related": True},
    "text-html": {"check-related": True},
}
LINTER = Linter(load_schema(), Settings(now=FIXED_NOW, select=tuple(FIXABLE.split(",")), rule_options=EVERY_KIND))
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")
TEXT_LINES = [i for i, line in enumerate(SEED_LINES) if line.lstrip().startswith(("title: ", "excerpt: "))]
URL_LINES = [i for i, line in enumerate(SEED_LINES) if line.lstrip().startswith(("webUrl: ", "- url: ", "url: "))]
CDN_LINES = [i for i, line in enumerate(SEED_LINES) if line.lstrip().startswith("cdnAmpWebUrl: ")]


def inject(kind: int, which: int) -> tuple[int, str] | None:
    """Return (line index, new line) with one fixable defect injected into that seed line."""
    if kind == 0:
        index = TEXT_LINES[which % len(TEXT_LINES)]
        key, value = SEED_LINES[index].split(": ", 1)
        return (index, f'{key}: "  {value[1:-1]}  "') if value.startswith('"') else None
    if kind == 1:
        index = URL_LINES[which % len(URL_LINES)]
        line = SEED_LINES[index]
        cut = line.rfind("/")  # a space before the URL's last slash, inside its path
        return index, line[:cut] + " " + line[cut:]
    if kind == 2:
        index = CDN_LINES[which % len(CDN_LINES)]
        return index, SEED_LINES[index].replace("/c/s/", "/c/s/other.example/", 1)
    index = TEXT_LINES[which % len(TEXT_LINES)]
    return index, SEED_LINES[index].replace(" the ", " the &amp; ", 1)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1000)), min_size=1, max_size=6))
def test_fixing_removes_every_fixable_problem_and_touches_only_their_lines(injections):
    lines = list(SEED_LINES)
    for kind, which in injections:
        injected = inject(kind, which)
        if injected is not None:
            lines[injected[0]] = injected[1]
    text = "\n".join(lines)

    def lint(candidate: str):
        return LINTER.lint_text(candidate, "a.md")

    before = lint(text)
    touched = {
        line
        for d in before
        if d.fix is not None
        for edit in d.fix.edits
        for line in range(edit.line, edit.end_line + 1)
    }
    result = fix_text(text, lint)
    assert [d for d in result.remaining if d.fix is not None] == []
    for tag, old_start, old_end, _, _ in difflib.SequenceMatcher(
        a=text.split("\n"), b=result.text.split("\n")
    ).get_opcodes():
        if tag != "equal":
            assert set(range(old_start + 1, old_end + 1)) <= touched, (tag, old_start, old_end)


def test_apply_edits_keeps_text_outside_the_spans():
    from frontlint.diagnostic import Edit

    assert apply_edits("ab\ncd\nef", [Edit(2, 1, 2, 3, "XY"), Edit(1, 2, 1, 3, "")]) == "a\nXY\nef"
