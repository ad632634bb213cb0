"""TOML front matter through the whole tool: --fix, suppressions, baselines and the library, each on a real TOML file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_reporters import check_golden_report

from frontlint import api
from frontlint.dialects.toml_dialect import TOML
from frontlint.editing.toml_text import render_toml_string
from frontlint.reading.limits import Limits
from frontlint.reading.positions import LineIndex
from frontlint.reporters import OUTPUT_FORMATS, output_format
from helpers import FIXED_NOW, FIXTURES, SEED, golden_name, lint_lines, run_cli

TOML_SEED = FIXTURES / "toml" / SEED.name
FIXABLE = "amp-cache-url,text-whitespace,url-syntax,text-html"
CDN = (
    "https://www-wwlp-com.cdn.ampproject.org/c/s/www.wwlp.com/news/massachusetts/"
    "new-law-leaves-facial-recognition-debate-unsettled/amp/"
)
EXCERPT = (
    "Supreme People's Court on Wednesday specified a set of regulations for the use of facial recognition. "
    "The rules involve issues concerning the application of laws in the trial of civil cases related to the "
    "use of facial recognition technology in handling personal information."
)


def broken_toml_seed() -> str:
    """The TOML seed with four fixable defects, each in another kind of string."""
    text = TOML_SEED.read_text(encoding="utf-8")
    replacements = [
        (f'cdnAmpWebUrl = "{CDN}"', "cdnAmpWebUrl = 'https://wrong.example/x'  # keep this comment"),
        (
            'title = "China\'s top court specifies rules for facial recognition"',
            "title = '  China’s top court   specifies rules '",
        ),
        (
            '"https://jingdaily.com/facial-recognition-limitations-china-luxury/"',
            '"https://jingdaily.com/facial recognition limitations/"',
        ),
        (f'excerpt = "China\'s {EXCERPT}"', f'excerpt = """China&#39;s {EXCERPT}"""'),
    ]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.slow
def test_fix_on_toml_changes_only_the_fixed_values_each_in_its_own_kind_of_string(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    original = broken_toml_seed().replace("\n", "\r\n")
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
        ("title = '  China’s top court   specifies rules '", "title = 'China’s top court specifies rules'"),
        (f'excerpt = """China&#39;s {EXCERPT}"""', f'excerpt = """China\'s {EXCERPT}"""'),
        (
            "cdnAmpWebUrl = 'https://wrong.example/x'  # keep this comment",
            f"cdnAmpWebUrl = '{CDN}'  # keep this comment",
        ),
        (
            'webUrl = "https://jingdaily.com/facial recognition limitations/"',
            'webUrl = "https://jingdaily.com/facial%20recognition%20limitations/"',
        ),
    ]
    assert len(original.split("\r\n")) == len(after.split("\r\n"))
    again = run_cli("--isolated", "--select", FIXABLE, "--fix", "a.md", cwd=tmp_path)
    assert again.stderr.decode() == "fixed 0 problems; no problems found in 1 file\n"
    assert path.read_bytes() == fixed
    assert sorted(os.listdir(tmp_path)) == ["a.md"]


def test_a_fixed_string_keeps_its_kind_where_that_kind_can_hold_it() -> None:
    assert render_toml_string("plain", "'") == "'plain'"
    assert render_toml_string("it's", "'") == '"it\'s"'  # a literal string cannot hold a quote
    assert render_toml_string("a\tb", "'") == "'a\tb'"  # a tab it can
    assert render_toml_string('say "hi" \\ \x7f', '"') == '"say \\"hi\\" \\\\ \\u007F"'
    assert render_toml_string('two\nlines """', '"""') == '"""two\\nlines \\"\\"\\""""'
    assert render_toml_string("x'", "'''") == '"x\'"'  # a quote before the closing ones would join them
    assert render_toml_string("x", "'''") == "'''x'''"


def test_a_value_that_is_not_a_string_is_never_rewritten() -> None:
    text = "+++\nwhen = 2021-07-28T02:44:00Z\n+++\n"
    lines = LineIndex(text)
    block, _ = TOML.find_block(lines)
    assert block is not None
    parsed = TOML.parse(text[block.start : block.end], block.start, lines, Limits())
    node, in_flow = parsed.scalar_at(("when",))
    assert node is not None
    assert TOML.scalar_edits(text, *parsed.span(node), node, "2021-07-28T02:44:00Z", in_flow) == ()


def test_a_fix_in_a_multi_line_literal_string_that_cannot_hold_the_value_becomes_basic() -> None:
    """The title's fixed value has a quote: ''' … ''' would end at it, so the fix writes a basic string."""
    from frontlint.rules import text_whitespace

    text = "+++\ntitle = '''  it's   here'''\n+++\n"
    linter_lines = lint_lines(text, rules=[text_whitespace], options={"text-whitespace": {}})
    assert linter_lines == [
        "a.md:2:9: warning: title has a run of 3 spaces: expected one line with single spaces "
        "and no leading or trailing whitespace [text-whitespace]"
    ]
    diagnostics = api.lint_text(text, "a.md", config=api.Config(select=["text-whitespace"], now=FIXED_NOW))
    assert [diagnostic.fix.edits[0].content for diagnostic in diagnostics if diagnostic.fix] == ['"it\'s here"']


# --- suppressions: '#' comments, as in YAML ---


def test_suppressions_are_toml_comments(tmp_path: Path) -> None:
    text = TOML_SEED.read_text(encoding="utf-8")
    image = 'url = "http://img2.chinadaily.com.cn/images/202107/28/6100c8c1a310efa1e3b20c6d.jpeg"'
    assert image in text
    text = text.replace(image, image + "  # frontlint: ignore[url-insecure] -- no TLS on that host", 1)
    text = text.replace("+++\n", "+++\n# frontlint: ignore-file[provider-domain, no-such-rule]\n", 1)
    text = text.replace("quality = 39\n", "quality = 39  # frontlint: ignore[schema]\n", 1)
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    result = run_cli("--isolated", "--now", "2026-11-26T00:00:00Z", "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [  # the http:// image is silenced: no url-insecure
        "a.md:2:1: warning: cannot read this suppression: unknown rule 'no-such-rule'; "
        "'frontlint rules' lists the ids [invalid-ignore]",
        "a.md:2:1: warning: unused suppression: no 'provider-domain' diagnostic in this file to silence "
        "[unused-ignore]",
        "a.md:10:15: warning: unused suppression: no 'schema' diagnostic on this line to silence [unused-ignore]",
    ]


# --- baselines ---


def test_a_baseline_of_a_toml_file_hides_its_problems_until_a_new_one_appears(tmp_path: Path) -> None:
    text = TOML_SEED.read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    run = ("--isolated", "--now", "2026-11-26T00:00:00Z")
    written = run_cli(*run, "--write-baseline", "base.json", "a.md", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert run_cli(*run, "--baseline", "base.json", "a.md", cwd=tmp_path).stdout == b""
    (tmp_path / "a.md").write_text(
        "+++\n\n" + text.removeprefix("+++\n").replace("quality = 39\n", 'quality = "x"\n', 1)
    )
    after = run_cli(*run, "--baseline", "base.json", "a.md", cwd=tmp_path)
    assert after.stdout.decode().splitlines() == [
        "a.md:10:11: error: expected integer, got string 'x' [schema/type]",
    ]


# --- the library ---


def test_the_library_lints_toml_text() -> None:
    text = '+++\ntitle = "x"\nwebUrl = "http://example.com/a"\n+++\nbody\n'
    config = api.Config(select=["url-insecure", "toml-syntax"], now=FIXED_NOW)
    assert [d.format() for d in api.lint_text(text, "a.md", config=config)] == [
        "a.md:3:10: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]"
    ]
    assert [d.format() for d in api.lint_text(b"+++\ntitle = 'x'\ntitle = 'y'\n+++\n", "a.md", config=config)] == [
        "a.md:3:1: error: duplicate key 'title': first defined on line 2; "
        "TOML does not allow a key or table to be defined twice [toml-syntax]"
    ]


# --- every output format: tests/golden/formats-toml/ (rewrite with --update-golden, then review) ---


def _report(*args: str) -> str:
    result = run_cli("--isolated", "--now", "2026-11-26T00:00:00Z", *args, "toml", cwd=FIXTURES)
    assert result.returncode == 1, result.stderr
    return result.stdout.decode()


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS])
def test_every_format_gives_its_golden_output_for_toml(golden, name: str) -> None:
    out = _report("--format", name)
    check_golden_report(golden, "formats-toml", name, out)


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS if fmt.shows_source])
def test_every_format_showing_source_gives_its_golden_output_for_toml(golden, name: str) -> None:
    golden(f"formats-toml/{golden_name(output_format(name), 'source')}", _report("--format", name, "--show-source"))
