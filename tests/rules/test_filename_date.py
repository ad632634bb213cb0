import os
import re
from datetime import timezone
from zoneinfo import ZoneInfo

import pytest

from frontlint.rules import filename_date
from frontlint.rules.filename_date import resolve_timezone
from helpers import SEED, front_matter, lint_lines, run_cli


def _has_zone(name: str) -> bool:
    try:
        resolve_timezone(name)
    except ValueError:
        return False
    return True


needs_tz_database = pytest.mark.skipif(not _has_zone("Asia/Shanghai"), reason="no time zone database")


def test_name_date_differing_from_published_date_is_reported_at_the_value():
    text = front_matter("""
title: "A"
publishedDateTime: 2021-07-28T02:44:00Z
""")
    assert lint_lines(text, rules=[filename_date], path="_news/2021-07-30-slug.md") == [
        "_news/2021-07-30-slug.md:3:20: warning: file name date 2021-07-30 differs from publishedDateTime "
        "2021-07-28T02:44:00Z (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
    ]


def test_one_day_off_either_way_is_tolerated_by_default_two_are_not():
    text = front_matter("publishedDateTime: 2021-07-28T02:44:00Z")
    for day in ("27", "28", "29"):
        assert lint_lines(text, rules=[filename_date], path=f"_news/2021-07-{day}-slug.md") == []
    assert lint_lines(text, rules=[filename_date], path="_news/2021-07-26-slug.md") == [
        "_news/2021-07-26-slug.md:2:20: warning: file name date 2021-07-26 differs from publishedDateTime "
        "2021-07-28T02:44:00Z (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) "
        "[filename-date]",
    ]


def test_an_explicit_timezone_option_makes_the_comparison_strict():
    text = front_matter("publishedDateTime: 2021-07-28T02:44:00Z")
    utc = {"filename-date": {"timezone": "UTC"}}
    assert lint_lines(text, rules=[filename_date], path="_news/2021-07-29-slug.md", options=utc) == [
        "_news/2021-07-29-slug.md:2:20: warning: file name date 2021-07-29 differs from publishedDateTime "
        "2021-07-28T02:44:00Z (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) "
        "[filename-date]",
    ]


def test_matching_date_passes():
    text = front_matter("publishedDateTime: 2021-07-28T23:59:59.999Z")
    assert lint_lines(text, rules=[filename_date], path="_news/2021-07-28-slug.md") == []


def test_offset_of_the_timestamp_is_converted_to_the_configured_zone():
    # 01:00 in UTC+08:00 is still the previous day in UTC.
    text = front_matter("publishedDateTime: 2021-07-29T01:00:00+08:00")
    utc = {"filename-date": {"timezone": "UTC"}}
    assert lint_lines(text, rules=[filename_date], path="2021-07-28-slug.md", options=utc) == []
    assert lint_lines(text, rules=[filename_date], path="2021-07-29-slug.md", options=utc) == [
        "2021-07-29-slug.md:2:20: warning: file name date 2021-07-29 differs from publishedDateTime "
        "2021-07-29T01:00:00+08:00 (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
    ]


@needs_tz_database
def test_timezone_option_shifts_the_day():
    # 23:30 UTC on the 28th is 07:30 on the 29th in Shanghai.
    text = front_matter("publishedDateTime: 2021-07-28T23:30:00Z")
    shanghai = {"filename-date": {"timezone": "Asia/Shanghai"}}
    assert lint_lines(text, rules=[filename_date], path="2021-07-29-slug.md", options=shanghai) == []
    assert lint_lines(text, rules=[filename_date], path="2021-07-28-slug.md", options=shanghai) == [
        "2021-07-28-slug.md:2:20: warning: file name date 2021-07-28 differs from publishedDateTime "
        "2021-07-28T23:30:00Z (2021-07-29 in Asia/Shanghai): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
    ]
    assert lint_lines(text, rules=[filename_date], path="2021-07-29-slug.md") == []  # one day off: tolerated


def test_markdown_extension_is_a_jekyll_name_too():
    text = front_matter("publishedDateTime: 2021-07-28T02:44:00Z")
    assert lint_lines(text, rules=[filename_date], path="posts/2021-07-30-slug.markdown") == [
        "posts/2021-07-30-slug.markdown:2:20: warning: file name date 2021-07-30 differs from publishedDateTime "
        "2021-07-28T02:44:00Z (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "a.md",
        "2021-07-30.md",
        "2021-07-30-.md",
        "2021-07-30-slug.txt",
        "2021-07-30-slug.MD",
        "x2021-07-30-slug.md",
        "2021-7-30-slug.md",
        "2021-02-30-slug.md",
        "0000-01-01-slug.md",
        "2021-07-30-slug.md/notes.md",
        "<stdin>",
    ],
)
def test_other_names_and_impossible_dates_are_not_checked(path):
    text = front_matter("publishedDateTime: 2021-07-28T02:44:00Z")
    assert lint_lines(text, rules=[filename_date], path=path) == []


def test_related_entries_are_not_compared():
    text = front_matter("""
publishedDateTime: 2021-07-28T02:44:00Z
related:
  - publishedDateTime: 2021-07-30T19:24:00Z
""")
    assert lint_lines(text, rules=[filename_date], path="2021-07-28-slug.md") == []


@pytest.mark.parametrize(
    "yaml_text",
    [
        "publishedDateTime: 5",
        "publishedDateTime: 2021-07-29",
        "publishedDateTime: 2021-07-29T02:44:00",
        "publishedDateTime: [2021-07-29T02:44:00Z]",
        "publishedDateTime:",
        "title: A",
        "- publishedDateTime: 2021-07-29T02:44:00Z",
        "just text",
    ],
)
def test_wrong_shapes_give_no_crash_and_no_diagnostic(yaml_text):
    assert lint_lines(front_matter(yaml_text), rules=[filename_date], path="2021-07-28-slug.md") == []


@needs_tz_database
def test_days_outside_the_calendar_give_no_crash():
    # Year 1 in UTC+01:00 is before year 1 in UTC; year 9999 in UTC is after it in Shanghai.
    text = front_matter("publishedDateTime: 0001-01-01T00:00:00+01:00")
    assert lint_lines(text, rules=[filename_date], path="0001-01-01-slug.md") == []
    text = front_matter("publishedDateTime: 9999-12-31T23:00:00Z")
    shanghai = {"filename-date": {"timezone": "Asia/Shanghai"}}
    assert lint_lines(text, rules=[filename_date], path="9999-12-31-slug.md", options=shanghai) == []


def test_crlf_text_positions_are_exact():
    text = "---\r\ntitle: A\r\n\r\npublishedDateTime: 2021-07-28T02:44:00Z\r\n---\r\nbody\r\n"
    assert lint_lines(text, rules=[filename_date], path="2021-07-26-slug.md") == [
        "2021-07-26-slug.md:4:20: warning: file name date 2021-07-26 differs from publishedDateTime "
        "2021-07-28T02:44:00Z (2021-07-28 in UTC): fix the date, or rename the file (renaming changes the page's URL) [filename-date]",
    ]


def test_seed_article_passes_under_its_own_name():
    text = SEED.read_text(encoding="utf-8")
    assert lint_lines(text, rules=[filename_date], path=f"_news/{SEED.name}") == []


def test_resolve_timezone_utc_needs_no_database():
    assert resolve_timezone("UTC") is timezone.utc


@needs_tz_database
def test_resolve_timezone_reads_iana_names():
    assert resolve_timezone("Asia/Shanghai") == ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("name", ["Mars/Base", "America", "", "/etc/localtime", "../UTC", "utc ", 5, None])
def test_resolve_timezone_rejects_unknown_names(name):
    message = f"unknown time zone {name!r}: expected an IANA time zone name such as 'Asia/Shanghai', or 'UTC'"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        resolve_timezone(name)


def _site(tmp_path, config):
    """A site folder with ``config`` as its ``_config.yml`` (bytes, or None for none) and one article."""
    if config is not None:
        (tmp_path / "_config.yml").write_bytes(config)
    news = tmp_path / "_news"
    news.mkdir()
    article = news / "2021-07-29-slug.md"
    article.write_text(front_matter("publishedDateTime: 2021-07-28T12:00:00Z"), encoding="utf-8")
    return article


@pytest.mark.slow
@needs_tz_database
@pytest.mark.parametrize(
    "config",
    [
        b"title: A site\ntimezone: 'America/New_York'  # Jekyll's zone\nbaseurl: /x\n",
        # Jekyll reads a file that begins with a byte order mark (Ruby's YAML skips it): its first line is its first key.
        b"\xef\xbb\xbftimezone: America/New_York\r\ntitle: A site\r\n",
    ],
    ids=["quoted-with-comment", "byte-order-mark-and-crlf"],
)
def test_the_sites_jekyll_timezone_makes_the_comparison_strict_in_that_zone(tmp_path, config):
    article = _site(tmp_path, config)
    result = run_cli("--select", "filename-date", str(article.relative_to(tmp_path)), cwd=tmp_path)
    assert result.stdout.decode() == (
        "_news/2021-07-29-slug.md:2:20: warning: file name date 2021-07-29 differs from publishedDateTime "
        "2021-07-28T12:00:00Z (2021-07-28 in America/New_York, the timezone of _config.yml): fix the date, "
        "or rename the file (renaming changes the page's URL) [filename-date]\n"
    )


@needs_tz_database
def test_the_nearest_config_above_the_file_is_the_sites(tmp_path):
    (tmp_path / "_config.yml").write_bytes(b"timezone: America/New_York\n")
    site = tmp_path / "site"
    site.mkdir()
    article = _site(site, b"title: No zone here\n  timezone: nested, not Jekyll's\n")
    assert run_cli("--select", "filename-date", str(article), cwd=tmp_path).stdout == b""


@pytest.mark.slow
@pytest.mark.parametrize(
    "config",
    [
        None,
        b"title: A site\n",
        b"timezone: Mars/Olympus_Mons\n",
        b"timezone:\n",
        b"timezone: [a, b]\n",
        b"\xff\xfe\x00garbage: [\n",
        b"timezone: UTC\n" + b"#" * (2 << 20),
    ],
)
def test_a_config_without_a_usable_timezone_leaves_the_tolerant_default(tmp_path, config):
    article = _site(tmp_path, config)
    result = run_cli("-q", "--select", "filename-date", str(article), cwd=tmp_path)
    assert (result.stdout, result.stderr, result.returncode) == (b"", b"", 0)


@pytest.mark.slow
def test_a_config_that_is_a_folder_or_a_fifo_is_not_read(tmp_path):
    (tmp_path / "_config.yml").mkdir()
    article = _site(tmp_path, None)
    assert run_cli("--select", "filename-date", str(article), cwd=tmp_path).stdout == b""
    inner = tmp_path / "inner"
    inner.mkdir()
    os.mkfifo(inner / "_config.yml")
    article = _site(inner, None)
    result = run_cli("--select", "filename-date", str(article), cwd=tmp_path)
    assert (result.stdout, result.returncode) == (b"", 0)
