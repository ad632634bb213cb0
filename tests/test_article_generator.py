"""The generated articles the speed tests use: clean ones are clean, each defect is found."""

from __future__ import annotations

import random

import pytest

from article_generator import DEFECTS, _dump, article
from frontlint import lint_text

NOW = "2024-06-01T00:00:00Z"


def _text(data):
    return f"---\n{_dump(data)}---\n\nBody.\n"


def test_generated_articles_without_a_defect_have_no_problems():
    rng = random.Random(7)
    for number in range(40):
        name, data = article(rng, number)
        assert lint_text(_text(data), path=f"_news/{name}") == [], name


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_each_injected_defect_is_reported(defect):
    name, data = article(random.Random(3), 0)
    DEFECTS[defect](data)
    assert lint_text(_text(data), path=f"_news/{name}") != [], defect
