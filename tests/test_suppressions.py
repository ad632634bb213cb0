"""Inline suppressions written as YAML comments."""

from helpers import lint_lines

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
