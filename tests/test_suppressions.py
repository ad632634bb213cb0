"""Inline suppressions written as YAML comments."""

import pytest

from helpers import lint_lines, run_cli

INSECURE = "insecure http:// URL: use https:// if the site serves it [url-insecure]"


def test_ignore_silences_the_rule_on_its_line_only():
    text = "---\nwebUrl: http://a.example/  # frontlint: ignore[url-insecure]\noriginalUrl: http://a.example/\n---\n"
    assert lint_lines(text, select=["url-insecure", "unused-ignore"]) == [f"a.md:3:14: warning: {INSECURE}"]


def test_ignore_file_silences_the_rule_everywhere_and_takes_prefixes():
    text = "---\n# frontlint: ignore-file[url]\nwebUrl: http://a.example/\noriginalUrl: http://a.example/\n---\n"
    assert lint_lines(text, select=["url-insecure", "unused-ignore"]) == []


def test_an_unused_suppression_is_reported_where_it_is_written():
    text = "---\nwebUrl: https://a.example/  # frontlint: ignore[url-insecure, schema]\n---\n"
    assert lint_lines(text, select=["url-insecure", "unused-ignore"]) == [
        "a.md:2:29: warning: unused suppression: no 'schema' diagnostic on this line to silence [unused-ignore]",
        "a.md:2:29: warning: unused suppression: no 'url-insecure' diagnostic on this line to silence [unused-ignore]",
    ]


def test_ignore_file_must_stand_on_its_own_line():
    text = "---\nwebUrl: http://a.example/ # frontlint: ignore-file[url-insecure]\n---\n"
    assert lint_lines(text, select=["url-insecure"]) == [f"a.md:2:9: warning: {INSECURE}"]


def test_reading_errors_cannot_be_suppressed():
    text = "---\n# frontlint: ignore-file[yaml-syntax]\ntitle: [\n---\n"
    assert [line.rsplit("[", 1)[1] for line in lint_lines(text, select=["yaml-syntax"])] == ["yaml-syntax]"]


def test_suppressions_work_in_crlf_files():
    text = "---\r\nwebUrl: http://a.example/  # frontlint: ignore[url-insecure]\r\noriginalUrl: http://a.example/\r\n---\r\n"
    assert lint_lines(text, select=["url-insecure", "unused-ignore"]) == [f"a.md:3:14: warning: {INSECURE}"]


# --- suppression comments frontlint cannot read: reported as invalid-ignore, never silently ignored

CHECKED = ["url-insecure", "unused-ignore", "invalid-ignore"]
INSECURE_ON_2 = f"a.md:2:9: warning: {INSECURE}"


def invalid(column, message):
    return f"a.md:2:{column}: warning: cannot read this suppression: {message} [invalid-ignore]"


@pytest.mark.parametrize(
    "comment, message",
    [
        ("# frontlint: ignore", "it names no rule; write '# frontlint: ignore[rule-id]'"),
        ("# frontlint: ignore[]", "it names no rule; write '# frontlint: ignore[rule-id]'"),
        ("# frontlint: ignore[ , ]", "it names no rule; write '# frontlint: ignore[rule-id]'"),
        ("# frontlint:", "it names no directive; write '# frontlint: ignore[rule-id]'"),
        ("# frontlint: ignroe[url-insecure]", "unknown directive 'ignroe'; write '# frontlint: ignore[url-insecure]'"),
        (
            "# frontlint: ignore_file[url-insecure]",
            "unknown directive 'ignore_file'; write '# frontlint: ignore-file[url-insecure]'",
        ),
        (
            "# frontlint ignore[url-insecure]",
            "':' is missing after 'frontlint'; write '# frontlint: ignore[url-insecure]'",
        ),
        (
            "# Frontlint: ignore[url-insecure]",
            "'Frontlint' is not 'frontlint'; write '# frontlint: ignore[url-insecure]'",
        ),
        ("# frontlint: IGNORE[url-insecure]", "unknown directive 'IGNORE'; write '# frontlint: ignore[url-insecure]'"),
        (
            "# frontlint: ignore url-insecure",
            "the rule ids belong in brackets; write '# frontlint: ignore[url-insecure]'",
        ),
        ("# frontlint: ignore[url-insecure", "'[' is never closed; write '# frontlint: ignore[url-insecure]'"),
        (
            "# frontlint: ignore[url-insecure] no TLS there",
            "text after ']' is not a reason; write '# frontlint: ignore[url-insecure] -- no TLS there'",
        ),
        (
            "# frontlint: ignore[url-insecure] # no TLS there",
            "text after ']' is not a reason; write '# frontlint: ignore[url-insecure] -- no TLS there'",
        ),
        (
            "# frontlint: ignore-file[url-insecure]",
            "ignore-file stands on a line of its own and covers the whole file; "
            "write '# frontlint: ignore[url-insecure]' for this line",
        ),
        (
            "# frontlint-ignore[url-insecure]",
            "':' is missing after 'frontlint'; write '# frontlint: ignore[url-insecure]'",
        ),
    ],
)
def test_an_unreadable_suppression_is_reported_and_silences_nothing(comment, message):
    text = f"---\nwebUrl: http://a.example/  {comment}\n---\n"
    assert lint_lines(text, select=CHECKED) == [INSECURE_ON_2, invalid(28, message)]


def test_an_unknown_rule_is_reported_with_a_suggestion_and_the_others_still_work():
    text = "---\nwebUrl: http://a.example/  # frontlint: ignore[url-insecure, url-insecur]\n---\n"
    assert lint_lines(text, select=CHECKED) == [
        invalid(
            28, "unknown rule 'url-insecur' (did you mean 'url-insecure'?); write '# frontlint: ignore[url-insecure]'"
        ),
    ]


def test_an_unknown_rule_without_a_close_match_points_to_the_rule_list():
    text = "---\nwebUrl: http://a.example/  # frontlint: ignore[zzz]\n---\n"
    assert lint_lines(text, select=CHECKED) == [
        INSECURE_ON_2,
        invalid(28, "unknown rule 'zzz'; 'frontlint rules' lists the ids"),
    ]


def test_prefixes_and_all_are_rule_ids_a_suppression_may_name():
    text = "---\nwebUrl: http://a.example/  # frontlint: ignore[url]\noriginalUrl: http://a.example/  # frontlint: ignore[ALL]\n---\n"
    assert lint_lines(text, select=CHECKED) == []


@pytest.mark.parametrize("separator", [" -- ", "  --  ", " --"])
def test_a_reason_may_follow_the_bracket_after_two_dashes(separator):
    text = (
        f"---\n# frontlint: ignore-file[text-whitespace]{separator}titles come from the feed\n"
        f"webUrl: http://a.example/  # frontlint: ignore[url-insecure]{separator}no TLS on that host\n"
        "title: 'a   b'\n---\n"
    )
    assert lint_lines(text, select=[*CHECKED, "text-whitespace"]) == []


def test_a_comment_that_only_mentions_frontlint_is_no_directive():
    text = "---\n# checked by frontlint every night\nwebUrl: https://a.example/  # see frontlint: ignore\n---\n"
    assert lint_lines(text, select=CHECKED) == []


def test_an_unreadable_suppression_in_a_crlf_file_is_placed_on_its_line():
    text = "---\r\nwebUrl: http://a.example/  # frontlint: ignore\r\n---\r\n"
    assert lint_lines(text, select=CHECKED) == [
        INSECURE_ON_2,
        invalid(28, "it names no rule; write '# frontlint: ignore[rule-id]'"),
    ]


def test_a_long_unreadable_comment_gives_a_message_of_bounded_length():
    text = "---\nwebUrl: https://a.example/  # frontlint: ignore[url-insecure] " + "x" * 5000 + "\n---\n"
    [line] = lint_lines(text, select=CHECKED)
    assert line == (
        "a.md:2:29: warning: cannot read this suppression: text after ']' is not a reason; "
        f"write '# frontlint: ignore[url-insecure] -- {'x' * 37}...' [invalid-ignore]"
    )


@pytest.mark.slow
def test_the_command_reports_an_unreadable_suppression_by_default_and_ignore_turns_it_off(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: a  # frontlint: ignroe[text-html]\n---\n", encoding="utf-8")
    shown = run_cli("--isolated", "--select=text-html,invalid-ignore", "a.md", cwd=tmp_path)
    assert shown.stdout.decode() == (
        "a.md:2:11: warning: cannot read this suppression: unknown directive 'ignroe'; "
        "write '# frontlint: ignore[text-html]' [invalid-ignore]\n"
    )
    assert (
        run_cli("--isolated", "--ignore=invalid-ignore", "--select=ALL", "a.md", cwd=tmp_path)
        .stdout.decode()
        .count("invalid-ignore")
        == 0
    )
    assert "invalid-ignore" in run_cli("--isolated", "a.md", cwd=tmp_path).stdout.decode()


def test_several_unknown_rules_are_one_warning_naming_the_first_three():
    text = "---\nwebUrl: http://a.example/  # frontlint: ignore[x1, url-insecur, x2, url-insecure, x3]\n---\n"
    assert lint_lines(text, select=CHECKED) == [
        invalid(
            28,
            "unknown rules 'x1', 'url-insecur', 'x2' and 1 more (did you mean 'url-insecure'?); "
            "write '# frontlint: ignore[url-insecure]'",
        ),
    ]


@pytest.mark.slow
def test_a_flood_of_unknown_ids_and_comments_looks_for_a_close_id_50_times_only(monkeypatch):
    """difflib's search, the costly step for an unknown id, is counted (not timed): 50 of 105,000 ids."""
    import difflib

    searched: list[str] = []
    search = difflib.get_close_matches

    def counted(word, *args, **kwargs):
        searched.append(word)
        return search(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    ids = ",".join(f"x{index}" for index in range(100_000))
    comments = "\n".join(f"k{index}: 1  # frontlint: ignore[y{index}]" for index in range(5_000))
    text = f"---\n# frontlint: ignore-file[{ids}]\n{comments}\n---\n"
    lines = lint_lines(text, select=CHECKED)
    # The three unknown ids the file's comment names, then one for each comment until 50 in all.
    assert searched == ["x0", "x1", "x2"] + [f"y{index}" for index in range(47)]
    assert len(lines) == 5_001
    assert lines[0] == (
        "a.md:2:1: warning: cannot read this suppression: unknown rules 'x0', 'x1', 'x2' and 99,997 more; "
        "'frontlint rules' lists the ids [invalid-ignore]"
    )


def test_the_form_proposed_for_a_comment_of_many_ids_is_cut_short():
    ids = ", ".join(f"url-insecure-{index}" for index in range(10_000))
    [line] = lint_lines(f"---\ntitle: a  # frontlint: ignore {ids}\n---\n", select=CHECKED)
    assert line == (
        "a.md:2:11: warning: cannot read this suppression: the rule ids belong in brackets; write "
        "'# frontlint: ignore[url-insecure-0, url-insecure-1, url-insecure-2, url-insecure-3, ...]' [invalid-ignore]"
    )


@pytest.mark.slow
def test_the_suppression_checks_take_their_configured_severity(tmp_path):
    (tmp_path / "frontlint.toml").write_text(
        '[rules.invalid-ignore]\nseverity = "error"\n[rules.unused-ignore]\nseverity = "error"\n', encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(
        '---\ntitle: "x"  # frontlint: ignore[url-sintax]\nexcerpt: "y"  # frontlint: ignore[url-syntax]\n---\n',
        encoding="utf-8",
    )
    result = run_cli("--select", "invalid-ignore,unused-ignore", "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        "a.md:2:13: error: cannot read this suppression: unknown rule 'url-sintax' (did you mean 'url-syntax'?); "
        "write '# frontlint: ignore[url-syntax]' [invalid-ignore]",
        "a.md:3:15: error: unused suppression: no 'url-syntax' diagnostic on this line to silence [unused-ignore]",
    ]
    assert result.returncode == 1


# --- a "# frontlint:" written inside a string is text, not a comment (in every dialect with comments)

SUPPRESSION_CHECKS = ["url-insecure", "text-html", "unused-ignore", "invalid-ignore"]


@pytest.mark.parametrize(
    "text",
    [
        '+++\nwebUrl = "http://a.example/ # frontlint: ignore[url-insecure]"\n+++\n',
        "+++\nwebUrl = 'http://a.example/ # frontlint: ignore[url-insecure] -- why'\n+++\n",
        '+++\nwebUrl = """\nhttp://a.example/ # frontlint: ignore[url-insecure]"""\n+++\n',
        "+++\nwebUrl = '''\nhttp://a.example/\n# frontlint: ignore-file[url-insecure]'''\n+++\n",
        '---\nwebUrl: "http://a.example/ # frontlint: ignore[url-insecure]"\n---\n',
        "---\nwebUrl: |\n  http://a.example/\n  # frontlint: ignore-file[url-insecure]\n---\n",
    ],
    ids=["toml-basic", "toml-literal", "toml-multi-line", "toml-multi-line-literal", "yaml-quoted", "yaml-block"],
)
def test_a_directive_inside_a_string_silences_nothing_and_is_not_reported(text):
    assert [line.split(": ", 1)[1] for line in lint_lines(text, select=SUPPRESSION_CHECKS)] == [f"warning: {INSECURE}"]


def test_a_directive_after_a_string_that_holds_one_still_counts():
    text = '+++\nwebUrl = "http://a.example/ # frontlint: x"  # frontlint: ignore[url-insecure]\n+++\n'
    assert lint_lines(text, select=SUPPRESSION_CHECKS) == []
