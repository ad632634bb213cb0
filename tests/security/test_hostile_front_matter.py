"""Hostile and broken input: every case gives its exact diagnostic (or exit status and
message), within 500 MB, and no tag ever runs code.

Each case runs the real command in a subprocess with an address-space limit, so a crash of
the process (libyaml's composer segfaults on deep nesting), a hang or a memory blow-up fails
the test instead of the test run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import WITHOUT_ROOT_OVERRIDES, run_limited

ALWAYS = "--select=yaml,front-matter,encoding,schema/type"


def lint_one(tmp_path: Path, content: bytes | str, *args: str, name: str = "a.md") -> list[str]:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = run_limited(ALWAYS, *args, name, cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def billion_laughs() -> str:
    lines = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


ALIAS_LIMIT = (
    "aliases expand to more than 100,000 nodes (max-alias-nodes), here at this anchor's node: "
    "the front matter is not checked [yaml-alias-limit]"
)
DEPTH_LIMIT = "nesting deeper than 64 levels (max-nesting-depth): the front matter is not checked [yaml-depth-limit]"


# --- alias bombs -------------------------------------------------------------------------


@pytest.mark.slow
def test_billion_laughs_stops_at_the_alias_limit(tmp_path):
    assert lint_one(tmp_path, billion_laughs()) == [f"a.md:2:52: error: {ALIAS_LIMIT}"]


def test_a_recursive_alias_is_reported_not_expanded(tmp_path):
    assert lint_one(tmp_path, "---\na: &a [*a, *a]\n---\n") == [
        "a.md:2:4: error: an alias refers to a collection that contains it (a recursive structure): "
        "the front matter is not checked [yaml-alias-limit]",
    ]


def test_merge_keys_of_merge_keys_cost_no_more_than_their_keys(tmp_path):
    lines = ["m0: &m0 {k0: 1}"] + [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], k{i}: 1}}" for i in range(1, 60)]
    assert lint_one(tmp_path, "---\n" + "\n".join(lines) + "\n---\n") == []


@pytest.mark.slow
def test_the_alias_limit_is_configurable(tmp_path):
    (tmp_path / "frontlint.toml").write_text("max-alias-nodes = 5\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\na: &a [1, 2, 3]\nb: [*a, *a]\n---\n", encoding="utf-8")
    result = run_limited("--config", "frontlint.toml", ALWAYS, "a.md", cwd=tmp_path)
    assert result.stdout == (
        "a.md:2:8: error: aliases expand to more than 5 nodes (max-alias-nodes), here at this anchor's node: "
        "the front matter is not checked [yaml-alias-limit]\n"
    )


# --- deep nesting ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "position"),
    [
        ("x: " + "[" * 100_000 + "]" * 100_000, "2:67"),
        ("x: " + "{a: " * 100_000 + "1" + "}" * 100_000, "2:256"),
        ("x:\n" + "- " * 100_000 + "a", "3:127"),
        ("x: [" + "[" * 50_000 + "\n" + "]" * 50_001, "2:67"),
    ],
)
def test_deep_nesting_is_reported_where_the_limit_is_crossed(tmp_path, body, position):
    assert lint_one(tmp_path, f"---\n{body}\n---\n") == [f"a.md:{position}: error: {DEPTH_LIMIT}"]


def test_deep_indentation_is_reported_at_its_line(tmp_path):
    body = "".join(" " * (2 * level) + f"k{level}:\n" for level in range(80))
    assert lint_one(tmp_path, f"---\n{body}---\n") == [f"a.md:66:129: error: {DEPTH_LIMIT}"]


def test_brackets_inside_quotes_and_comments_do_not_count(tmp_path):
    body = 'title: "' + "[" * 100 + '"\n# ' + "{" * 100 + "\nexcerpt: 'it''s " + "[" * 100 + "'\n"
    assert lint_one(tmp_path, f"---\n{body}---\n") == []


# --- size --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_front_matter_is_too_large_and_never_parsed(tmp_path):
    path = tmp_path / "big.md"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("---\ntitle: x\nexcerpt: |\n")
        line = "  lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))
        handle.write("---\n")
    result = run_limited(ALWAYS, "big.md", cwd=tmp_path)
    assert result.stdout == (
        "big.md:1:1: error: front matter is larger than 2,097,152 bytes (max-front-matter-bytes): "
        "it is not checked [front-matter-too-large]\n"
    )


@pytest.mark.slow
def test_a_long_body_after_small_front_matter_is_fine(tmp_path):
    text = "---\ntitle: 5\n---\n" + "body text\n" * 1_000_000
    assert lint_one(tmp_path, text) == ["a.md:2:8: error: expected string, got integer 5 [schema/type]"]


@pytest.mark.slow
def test_a_single_million_character_line(tmp_path):
    assert lint_one(tmp_path, '---\ntitle: "' + "a" * 1_000_000 + '"\nexcerpt: 7\n---\n') == [
        "a.md:3:10: error: expected string, got integer 7 [schema/type]",
    ]


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.slow
def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path):
    assert lint_one(tmp_path, b'---\r\ntitle: ok\r\nexcerpt: "\xc3\x28"\r\n---\r\n') == [
        "a.md:3:11: error: invalid UTF-8 byte 0xc3 at byte offset 26; front matter must be UTF-8 [encoding]",
    ]


@pytest.mark.slow
def test_utf16_with_a_byte_order_mark(tmp_path):
    assert lint_one(tmp_path, "---\ntitle: x\n---\n".encode("utf-16")) == [
        "a.md:1:1: error: file is UTF-16-encoded (it starts with a UTF-16 byte order mark); "
        "front matter must be UTF-8 [encoding]",
    ]


def test_a_utf8_byte_order_mark_before_the_fence(tmp_path):
    assert lint_one(tmp_path, b"\xef\xbb\xbf---\ntitle: 1\n---\n") == [
        "a.md:2:8: error: expected string, got integer 1 [schema/type]",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b'---\ntitle: "a\x00b"\n---\n',
            "a.md:2:10: error: character U+0000 is not allowed in YAML: use an escape in a double-quoted string [yaml-syntax]",
        ),
        (
            b"---\ntitle: a\x1bb\n---\n",
            "a.md:2:9: error: character U+001B is not allowed in YAML: use an escape in a double-quoted string [yaml-syntax]",
        ),
        (b"---\rtitle: ok\rexcerpt: 5\r---\r", "a.md:3:10: error: expected string, got integer 5 [schema/type]"),
        (
            b"---\r\ntitle: ok\r\nexcerpt: 5\r\n---\r\n",
            "a.md:3:10: error: expected string, got integer 5 [schema/type]",
        ),
    ],
)
def test_control_characters_and_line_endings(tmp_path, raw, expected):
    assert lint_one(tmp_path, raw) == [expected]


@pytest.mark.slow
def test_escaped_control_characters_are_values_not_errors(tmp_path):
    assert lint_one(tmp_path, b'---\ntitle: "a\\0b\\x1b"\n---\n') == []


@pytest.mark.slow
def test_a_binary_file_named_md(tmp_path):
    assert lint_one(tmp_path, bytes(range(256)) * 40) == [
        "a.md:3:115: error: invalid UTF-8 byte 0x80 at byte offset 128; front matter must be UTF-8 [encoding]",
    ]


# --- tags --------------------------------------------------------------------------------


@pytest.mark.slow
def test_no_tag_ever_runs_code(tmp_path):
    marker = tmp_path / "pwned"
    text = (
        f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
        f'excerpt: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n'
        "type: !custom article\n---\n"
    )
    assert lint_one(tmp_path, text, "--select=yaml-tag") == [
        "a.md:2:8: error: non-standard tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
        "the value is read as plain YAML [yaml-tag]",
        "a.md:3:10: error: non-standard tag 'tag:yaml.org,2002:python/object/new:subprocess.Popen' is not allowed; "
        "the value is read as plain YAML [yaml-tag]",
        "a.md:4:7: error: non-standard tag '!custom' is not allowed; the value is read as plain YAML [yaml-tag]",
    ]
    assert not marker.exists()


def test_binary_values_stay_text(tmp_path):
    from frontlint.reading.positions import LineIndex
    from frontlint.reading.yaml_nodes import parse_front_matter

    text = "title: !!binary aGVsbG8=\n"
    assert parse_front_matter(text, 0, LineIndex(text)).data == {"title": "aGVsbG8="}


# --- odd YAML ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("- a\n- b", ["a.md:2:1: error: expected object, got array ['a', 'b'] [schema/type]"]),
        ("just text", ["a.md:2:1: error: expected object, got string 'just text' [schema/type]"]),
        ("# only a comment", []),
        (
            "? [a, b]\n: c\nnull: 1\n1: 2",
            [
                "a.md:2:3: error: complex keys (lists or mappings used as keys) are not allowed [yaml-key-type]",
                "a.md:4:1: error: key 'null' is read as null, not a string; quote it if it is meant as text [yaml-key-type]",
                "a.md:5:1: error: key '1' is read as int, not a string; quote it if it is meant as text [yaml-key-type]",
            ],
        ),
        ("base: &b {title: 3}\nmore:\n  <<: *b", []),
        ("title: *nope", ["a.md:2:8: error: found undefined alias [yaml-syntax]"]),
        (
            "provider:\n\tname: x",
            [
                "a.md:3:1: error: found character that cannot start any token "
                "(while scanning for the next token that starts on line 3) [yaml-syntax]",
            ],
        ),
        (
            "title: a\n--- # a second document\ntitle: b",
            [
                "a.md:3:1: error: expected a single document in the stream (line 2), but found another document [yaml-syntax]",
            ],
        ),
    ],
)
def test_odd_yaml(tmp_path, body, expected):
    assert lint_one(tmp_path, f"---\n{body}\n---\n") == expected


# --- the file system ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_directory_where_a_file_is_expected(tmp_path):
    (tmp_path / "dir").mkdir()
    result = run_limited("--schema", "dir", "x.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "frontlint: error: dir: cannot read schema: Is a directory\n")
    result = run_limited("--config", "dir", "x.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "frontlint: error: dir: cannot read: Is a directory\n")


def test_symlink_loops_are_one_line_each_and_the_rest_is_checked(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "self").symlink_to(tmp_path / "site")  # a directory that contains itself
    os.symlink("b.md", tmp_path / "site" / "a.md")
    os.symlink("a.md", tmp_path / "site" / "b.md")
    (tmp_path / "site" / "ok.md").write_text("---\ntitle: 1\n---\n", encoding="utf-8")
    result = run_limited(ALWAYS, "site", cwd=tmp_path)
    assert result.stdout == "site/ok.md:2:8: error: expected string, got integer 1 [schema/type]\n"
    assert result.stderr.splitlines() == [
        "frontlint: error: site/a.md: Too many levels of symbolic links",
        "frontlint: error: site/b.md: Too many levels of symbolic links",
        "1 error, 0 warnings in 1 of 1 file",
    ]
    assert result.returncode == 2


@pytest.mark.slow
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    result = run_limited(ALWAYS, "pipe.md", cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()[0]) == (2, "frontlint: error: pipe.md: not a regular file")


def test_an_unreadable_file(tmp_path):
    (tmp_path / "locked.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (tmp_path / "locked.md").chmod(0)
    (tmp_path / "open.md").write_text("---\ntitle: 1\n---\n", encoding="utf-8")
    prefix = WITHOUT_ROOT_OVERRIDES  # root reads any file: take away the capabilities that let it
    result = run_limited(ALWAYS, "locked.md", "open.md", cwd=tmp_path, prefix=prefix)
    assert result.stdout == "open.md:2:8: error: expected string, got integer 1 [schema/type]\n"
    assert result.stderr.splitlines()[0] == "frontlint: error: locked.md: Permission denied"
    assert result.returncode == 2


def test_names_with_spaces_non_ascii_and_bytes_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path / "news")
    os.mkdir(folder)
    for name in (b"a b.md", "caf\u00e9 \u2013 \u4e2d.md".encode(), b"bad\xff.md"):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"---\ntitle: 1\n---\n")
    result = run_limited(ALWAYS, "news", cwd=tmp_path)
    assert result.stdout.encode("utf-8", "surrogateescape").splitlines() == [
        b"news/a b.md:2:8: error: expected string, got integer 1 [schema/type]",
        b"news/bad\xff.md:2:8: error: expected string, got integer 1 [schema/type]",
        "news/caf\u00e9 \u2013 \u4e2d.md:2:8: error: expected string, got integer 1 [schema/type]".encode(),
    ]
    assert result.returncode == 1


def test_a_dangling_link_and_a_file_that_vanishes_mid_run(tmp_path, monkeypatch, capsys):
    import frontlint.run.sources
    from frontlint.cli import main

    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("---\ntitle: 1\n---\n", encoding="utf-8")
    original = frontlint.run.sources.read_start

    def vanish_b(path, size):
        if Path(path).name == "b.md":
            Path(path).unlink()
        return original(path, size)

    monkeypatch.setattr(frontlint.run.sources, "read_start", vanish_b)
    assert main(["--isolated", ALWAYS, str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == f"{tmp_path / 'a.md'}:2:8: error: expected string, got integer 1 [schema/type]\n"
    assert captured.err.splitlines()[:2] == [
        f"frontlint: error: {tmp_path / 'b.md'}: No such file or directory",
        f"frontlint: error: {tmp_path / 'gone.md'}: No such file or directory",
    ]


@pytest.mark.slow
def test_a_control_character_in_text_that_takes_the_pure_python_parser(tmp_path):
    # Many brackets (in quotes) send the text to the pure-Python parser, whose reader rejects
    # the NUL as soon as it is built: found by the fuzzer.
    text = '---\ntitle: "' + "[" * 70 + '"\nexcerpt: "a\x00"\n---\n'
    assert lint_one(tmp_path, text) == [
        "a.md:3:12: error: character U+0000 is not allowed in YAML: use an escape in a double-quoted string [yaml-syntax]",
    ]


@pytest.mark.slow
def test_binary_values_and_odd_bytes_do_not_break_machine_formats(tmp_path):
    import json as json_module

    (tmp_path / "a.md").write_text(
        '---\ntitle: !!binary aGVsbG8=\nexcerpt: !!binary |\n  R0lGODlhDAAMAIQAAP//9/X\nquality: "\\x00\\u2028"\n---\n',
        encoding="utf-8",
    )
    for fmt in ("json", "sarif", "gitlab"):
        result = run_limited(f"--format={fmt}", "--select=schema", "a.md", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        json_module.loads(result.stdout)  # parses: every value is text, escaped as JSON needs
