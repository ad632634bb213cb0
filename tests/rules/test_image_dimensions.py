import pytest

from frontlint.rules import image_dimensions
from helpers import SEED, front_matter, lint_lines


def test_sizes_that_are_not_positive_integers_are_errors_at_the_value():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
    width: 0
    height: -3
  - url: "https://img.example.com/b.jpg"
    width: 630.0
    height: 420
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:4:12: error: image width 0 is not a positive integer number of pixels [image-dimensions]",
        "a.md:5:13: error: image height -3 is not a positive integer number of pixels [image-dimensions]",
        "a.md:7:12: error: image width 630.0 is not a positive integer number of pixels [image-dimensions]",
    ]


def test_provider_logos_related_entries_and_their_providers_are_walked():
    text = front_matter("""
provider:
  images:
    - url: "https://img.example.com/logo.png"
      width: 0
      height: 10
related:
  - images:
      - url: "https://img.example.com/r.jpg"
        width: 10
        height: 0
    provider:
      images:
        - url: "https://img.example.com/rl.png"
          width: 10.5
          height: .inf
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:5:14: error: image width 0 is not a positive integer number of pixels [image-dimensions]",
        "a.md:11:17: error: image height 0 is not a positive integer number of pixels [image-dimensions]",
        "a.md:15:18: error: image width 10.5 is not a positive integer number of pixels [image-dimensions]",
        "a.md:16:19: error: image height inf is not a positive integer number of pixels [image-dimensions]",
    ]


def test_a_side_beyond_max_pixels_is_a_warning():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
    width: 20000
    height: 50000
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:5:13: warning: image height 50000 is larger than 20000 pixels (max-pixels) [image-dimensions]",
    ]


def test_an_aspect_ratio_beyond_the_limit_is_a_warning_at_the_width():
    text = front_matter("""
images:
  - url: "https://img.example.com/wide.jpg"
    width: 2500
    height: 200
  - url: "https://img.example.com/limit.jpg"
    width: 100
    height: 1000
  - url: "https://img.example.com/tall.jpg"
    height: 1001
    width: 100
  - url: "https://img.example.com/thin.jpg"
    width: 3
    height: 1000
  - url: "https://img.example.com/close.jpg"
    width: 10001
    height: 1000
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:4:12: warning: image aspect ratio 12.5:1 (2500x200) is beyond 10:1 (max-aspect-ratio) [image-dimensions]",
        "a.md:11:12: warning: image aspect ratio 10.01:1 (100x1001) is beyond 10:1 (max-aspect-ratio) [image-dimensions]",
        "a.md:13:12: warning: image aspect ratio 333.33:1 (3x1000) is beyond 10:1 (max-aspect-ratio) [image-dimensions]",
        "a.md:16:12: warning: image aspect ratio 10.001:1 (10001x1000) is beyond 10:1 (max-aspect-ratio) [image-dimensions]",
    ]


def test_options_set_both_limits():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
    width: 400
    height: 1200
  - url: "https://img.example.com/b.jpg"
    width: 1000
    height: 400
""")
    options = {"image-dimensions": {"max-pixels": 1000, "max-aspect-ratio": 2.5}}
    assert lint_lines(text, rules=[image_dimensions], options=options) == [
        "a.md:4:12: warning: image aspect ratio 3:1 (400x1200) is beyond 2.5:1 (max-aspect-ratio) [image-dimensions]",
        "a.md:5:13: warning: image height 1200 is larger than 1000 pixels (max-pixels) [image-dimensions]",
    ]


def test_a_float_limit_with_no_fraction_is_shown_as_a_whole_number():
    text = front_matter("""
images:
  - url: "https://img.example.com/a.jpg"
    width: 400
    height: 100
""")
    options = {"image-dimensions": {"max-aspect-ratio": 3.0}}
    assert lint_lines(text, rules=[image_dimensions], options=options) == [
        "a.md:4:12: warning: image aspect ratio 4:1 (400x100) is beyond 3:1 (max-aspect-ratio) [image-dimensions]",
    ]


def test_absurdly_large_sizes_give_no_crash():
    text = front_matter(f"""
images:
  - url: "https://img.example.com/a.jpg"
    width: {10**400}
    height: 1
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:4:12: warning: image aspect ratio 1" + "0" * 400 + ":1 (100000000000000000...0000000000000000000x1) "
        "is beyond 10:1 (max-aspect-ratio) [image-dimensions]",
        "a.md:4:12: warning: image width 100000000000000000...0000000000000000000 is larger than 20000 pixels "
        "(max-pixels) [image-dimensions]",
    ]


@pytest.mark.parametrize(
    "yaml_text",
    [
        'images: "x"',
        'images: [5, "y", [1, 2]]',
        'images:\n  - url: "https://img.example.com/a.jpg"',
        'images:\n  - width: "tall"\n    height: true',
        "images:\n  - width: [0]\n    height: {h: 0}",
        "images:\n  - width:\n    height: false",
        "provider: [images]",
        "related: {images: [{width: 0}]}",
        "- images: [{width: 0}]",
    ],
)
def test_wrong_shapes_give_no_crash_and_no_diagnostic(yaml_text):
    assert lint_lines(front_matter(yaml_text), rules=[image_dimensions]) == []


def test_a_valid_side_is_still_checked_when_the_other_is_no_number():
    text = front_matter("""
images:
  - width: true
    height: 30000
""")
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:4:13: warning: image height 30000 is larger than 20000 pixels (max-pixels) [image-dimensions]",
    ]


def test_crlf_text_positions_are_exact():
    text = '---\r\nimages:\r\n  - url: "https://img.example.com/a.jpg"\r\n    width: 2500\r\n    height: -1\r\n---\r\n'
    assert lint_lines(text, rules=[image_dimensions]) == [
        "a.md:5:13: error: image height -1 is not a positive integer number of pixels [image-dimensions]",
    ]


def test_seed_article_passes():
    text = SEED.read_text(encoding="utf-8")
    assert lint_lines(text, rules=[image_dimensions], path=SEED.name) == []
