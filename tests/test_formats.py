"""The ``iri`` formats: non-ASCII letters pass, invisible and space characters do not."""

import pytest

from frontlint.schema.format_checkers import FORMAT_FUNCTIONS


@pytest.mark.parametrize("name", ["iri", "iri-reference"])
@pytest.mark.parametrize(
    "url",
    [
        "https://a.com/centers\u2028/",
        "https://a.com/amd\u202fepyc",
        "https://a.com/a\u00a0b",
        "https://a.com/a\u200bb",
        "https://a.com/a\u00adb",
        "https://a.com/a\ufeff",
        "https://a.com/a\u2029",
        "https://a.com/a\u0085b",
        "https://a.com/a\u3000b",
        "https://a.com/a\ud800b",
    ],
)
def test_the_iri_formats_reject_invisible_and_space_characters(name, url):
    assert FORMAT_FUNCTIONS[name](url) is False


@pytest.mark.parametrize("name", ["iri", "iri-reference"])
@pytest.mark.parametrize(
    "url", ["https://bücher.example/straße?q=ä#teil", "https://a.example/River’s®", "https://a.com/a"]
)
def test_the_iri_formats_accept_non_ascii_letters_and_symbols(name, url):
    assert FORMAT_FUNCTIONS[name](url) is True
