import pytest

from helpers import run_cli

ARTICLE = '---\ntitle: {title}\nwebUrl: "{url}"\n---\n'


def write(path, title, url):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, url=url), encoding="utf-8")


def test_the_later_file_is_reported_naming_the_first(tmp_path):
    write(tmp_path / "a.md", "A", "https://Example.com/news/1/")
    write(tmp_path / "b.md", "B", "https://example.com/news/2")
    write(tmp_path / "c.md", "C", "HTTPS://EXAMPLE.COM/news/1")
    result = run_cli("--select", "duplicate-article", ".", cwd=tmp_path)
    assert result.stdout.decode() == (
        "c.md:3:9: warning: another article has the same webUrl: a.md:3; keep one of the two files [duplicate-article]\n"
    )
    assert result.returncode == 0


def test_www_and_tracking_parameters_do_not_hide_a_duplicate(tmp_path):
    write(tmp_path / "a.md", "A", "https://www.example.com/news/1?utm_source=rss&utm_medium=feed")
    write(tmp_path / "b.md", "B", "https://example.com/news/1/?itm_source=home")
    write(tmp_path / "c.md", "C", "https://example.com/news/1?page=2")
    result = run_cli("--select", "duplicate-article", ".", cwd=tmp_path)
    assert result.stdout.decode() == (
        "b.md:3:9: warning: another article has the same webUrl: a.md:3; keep one of the two files [duplicate-article]\n"
    )


def test_an_inline_suppression_on_the_web_url_line_silences_it(tmp_path):
    write(tmp_path / "a.md", "A", "https://example.com/1")
    (tmp_path / "b.md").write_text(
        '---\nwebUrl: "https://example.com/1"  # frontlint: ignore[duplicate-article]\n---\n', encoding="utf-8"
    )
    result = run_cli("--select", "duplicate-article,unused-ignore", ".", cwd=tmp_path)
    assert result.stdout == b""


def test_severity_can_be_raised_by_configuration(tmp_path):
    write(tmp_path / "a.md", "A", "https://example.com/1")
    write(tmp_path / "b.md", "B", "https://example.com/1")
    (tmp_path / "frontlint.toml").write_text('[rules.duplicate-article]\nseverity = "error"\n', encoding="utf-8")
    result = run_cli("--select", "duplicate-article", ".", cwd=tmp_path)
    assert result.stdout.decode().startswith("b.md:3:9: error: another article has the same webUrl: a.md:3;")
    assert result.returncode == 1


@pytest.mark.slow
def test_files_are_taken_in_the_order_they_are_linted(tmp_path):
    # A folder's files are walked before its subfolders: z.md is linted before sub/a.md.
    (tmp_path / "sub").mkdir()
    write(tmp_path / "z.md", "Z", "https://example.com/1")
    write(tmp_path / "sub" / "a.md", "A", "https://example.com/1/")
    result = run_cli("--select", "duplicate-article", ".", cwd=tmp_path)
    assert result.stdout.decode() == (
        "sub/a.md:3:9: warning: another article has the same webUrl: z.md:3; keep one of the two files [duplicate-article]\n"
    )
    # Paths given are taken in the order given.
    result = run_cli("--select", "duplicate-article", "sub/a.md", "z.md", cwd=tmp_path)
    assert result.stdout.decode() == (
        "z.md:3:9: warning: another article has the same webUrl: sub/a.md:3; keep one of the two files [duplicate-article]\n"
    )


def test_the_index_keeps_a_short_digest_of_each_url_not_the_url():
    import gc
    import tracemalloc

    from frontlint.rules.duplicate_article import WebUrl, WebUrlIndex

    long_tail = "x" * 2000
    gc.collect()
    tracemalloc.start()
    try:
        index = WebUrlIndex()
        for number in range(1000):
            url = f"https://example.com/{number}/{long_tail}"
            assert list(index.add(f"{number}.md", WebUrl(url, url, 3, 9, 3, 2000))) == []
        del url
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]  # what the index holds: digests, names, its table
    finally:
        tracemalloc.stop()
    assert kept < 1000 * 250  # a URL alone is over 2,000 bytes
    again = "https://example.com/7/" + long_tail
    [duplicate] = index.add("again.md", WebUrl(again, again, 4, 9, 4, 2000))
    assert duplicate.format() == (
        "again.md:4:9: warning: another article has the same webUrl: 7.md:3; keep one of the two files [duplicate-article]"
    )
