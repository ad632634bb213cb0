import pytest

from frontlint import load_schema
from frontlint.checking.engine import Linter
from frontlint.registry import check_for
from frontlint.rules import image_duplicate
from frontlint.settings.resolved import Settings
from helpers import SEED, front_matter, lint_lines


def test_repeated_url_is_reported_at_the_later_value_naming_the_first_line():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
    width: 10
    height: 10
  - url: "https://img.example.com/b.jpg"
  - url: "https://img.example.com/a.jpg"
  - url: https://img.example.com/a.jpg
""")
    assert lint_lines(text, rules=[check_for(image_duplicate.ID)]) == [
        "a.md:7:10: warning: image URL repeats the one on line 3 [image-duplicate]",
        "a.md:8:10: warning: image URL repeats the one on line 3 [image-duplicate]",
    ]


def test_surrounding_whitespace_is_ignored_but_nothing_else():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
  - url: " https://img.example.com/a.jpg\\t"
  - url: "https://IMG.example.com/a.jpg"
  - url: "https://img.example.com/a.jpg/"
  - url: "https://img.example.com/a.jpg?w=1"
""")
    assert lint_lines(text, rules=[check_for(image_duplicate.ID)]) == [
        "a.md:4:10: warning: image URL repeats the one on line 3 [image-duplicate]",
    ]


def test_each_list_is_checked_on_its_own():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
provider:
  images:
    - url: "https://img.example.com/a.jpg"
related:
  - images:
      - url: "https://img.example.com/a.jpg"
      - url: "https://img.example.com/r.jpg"
      - url: "https://img.example.com/r.jpg"
    provider:
      images:
        - url: "https://img.example.com/logo.png"
        - url: "https://img.example.com/logo.png"
  - images:
      - url: "https://img.example.com/r.jpg"
""")
    assert lint_lines(text, rules=[check_for(image_duplicate.ID)]) == [
        "a.md:11:14: warning: image URL repeats the one on line 10 [image-duplicate]",
        "a.md:15:16: warning: image URL repeats the one on line 14 [image-duplicate]",
    ]


@pytest.mark.parametrize(
    "yaml_text",
    [
        'images: "x"',
        'images: [5, 5, "y", "y"]',
        "images:\n  - url: 5\n  - url: 5",
        'images:\n  - url: ""\n  - url: ""',
        'images:\n  - url: " "\n  - url: " "',
        "images:\n  - url:\n  - url:",
        "images:\n  - url: [a]\n  - url: [a]",
        "images:\n  - width: 1\n  - width: 1",
        "related: {images: [{url: a}, {url: a}]}",
        "- images: [{url: a}, {url: a}]",
    ],
)
def test_wrong_shapes_give_no_crash_and_no_diagnostic(yaml_text):
    assert lint_lines(front_matter(yaml_text), rules=[check_for(image_duplicate.ID)]) == []


def test_crlf_text_positions_and_lines_are_exact():
    text = (
        '---\r\ntitle: A\r\n\r\nimages:\r\n  - url: "https://img.example.com/a.jpg"\r\n'
        '    width: 10\r\n  - url: "https://img.example.com/a.jpg"\r\n---\r\n'
    )
    assert lint_lines(text, rules=[check_for(image_duplicate.ID)]) == [
        "a.md:7:10: warning: image URL repeats the one on line 5 [image-duplicate]",
    ]


def test_seed_article_passes():
    text = SEED.read_text(encoding="utf-8")
    assert lint_lines(text, rules=[image_duplicate], path=SEED.name) == []


def test_without_source_text_the_first_url_is_named_by_its_path():
    linter = Linter(load_schema(), Settings(select=(image_duplicate.ID,)), rules=[check_for(image_duplicate.ID)])
    data = {
        "related": [{"images": [{"url": "https://img.example.com/a.jpg"}, {"url": "https://img.example.com/a.jpg"}]}]
    }
    assert [diagnostic.format() for diagnostic in linter.validate_data(data)] == [
        "<data>:$.related[0].images[1].url: warning: image URL repeats the one at $.related[0].images[0].url [image-duplicate]",
    ]
