"""The seed article written as TOML front matter gives what the YAML seed gives, rule for rule, at the value's own line.

``tests/fixtures/toml/`` holds the seed (``examples/_news/``) converted by hand to TOML: each
value on its own line, in the same order (``secured`` moves up, since TOML writes a table's keys
before its sub-tables), lists of mappings as arrays of tables. Each case plants the same defects
in both files by key; the real CLI lints each, and the diagnostics must have the same rule,
severity, message and JSON path, each on the line that writes the same key and value.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import FIXTURES, SEED, run_cli

TOML_SEED = FIXTURES / "toml" / SEED.name
NOW = "2026-11-26T00:00:00Z"
LINE_NAMED = re.compile(r"\bline ([0-9]+)")
ARTICLE_URL = "https://www.bignewsnetwork.com/news/270478203/chinas-top-court-specifies-rules-for-facial-recognition"

# (key, which occurrence, new value as written in YAML and in TOML, or in both; None: the line is removed)
Defect = tuple[str, int, "str | tuple[str, str] | None"]
DEFECTS: dict[str, list[Defect]] = {
    "clean": [],
    "urls": [
        ("webUrl", 0, '"http://www.bignewsnetwork.com/news/x"'),
        ("webUrl", 3, '"https://jingdaily.com/facial recognition limitations/"'),
        ("cdnAmpWebUrl", 0, '"https://wrong.example/x"'),
        ("originalUrl", 0, '"https://elsewhere.example/a"'),
    ],
    "texts": [
        ("title", 0, '"  China&amp;s top   court "'),
        ("excerpt", 0, '""'),
    ],
    "boilerplate": [
        ("excerpt", 0, '"China\'s top court specifies rules for facial recognition"'),
        ("webUrl", 4, f'"{ARTICLE_URL}"'),
    ],
    "schema": [
        ("quality", 0, '"high"'),
        ("type", 2, None),
        ("heat", 0, "-7"),
        # not a date in either: a YAML string, a TOML string (bare, it would not be TOML at all)
        ("publishedDateTime", 1, ("2021-13-45T25:00:00Z", '"2021-13-45T25:00:00Z"')),
    ],
    "dates-images-related": [
        ("publishedDateTime", 0, "2031-07-28T02:44:00Z"),
        ("width", 0, "0"),
        ("height", 3, "99999999"),
        ("webUrl", 2, '"https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"'),
        ("secured", 0, '"abc"'),
        ("domain", 0, '"example.org"'),
    ],
}

# What each case gives (rule, JSON path), pinned: the comparison alone would pass on two empty reports.
EXPECTED = {
    "clean": [("url-insecure", "$.related[5].images[0].url")],
    "urls": [
        ("amp-cache-url", "$.related[0].cdnAmpWebUrl"),
        ("provider-domain", "$.originalUrl"),
        ("url-insecure", "$.related[5].images[0].url"),
        ("url-insecure", "$.webUrl"),
        ("url-syntax", "$.related[2].webUrl"),
    ],
    "texts": [
        ("empty-value", "$.excerpt"),
        ("text-html", "$.title"),
        ("text-whitespace", "$.title"),
        ("url-insecure", "$.related[5].images[0].url"),
    ],
    "boilerplate": [
        ("excerpt-boilerplate", "$.excerpt"),
        ("provider-domain", "$.related[3].webUrl"),
        ("related-self", "$.related[3].webUrl"),
        ("url-insecure", "$.related[5].images[0].url"),
    ],
    "schema": [
        ("schema/format", "$.related[0].publishedDateTime"),
        ("schema/minimum", "$.heat"),
        ("schema/required", "$.related[1]"),
        ("schema/type", "$.quality"),
        ("url-insecure", "$.related[5].images[0].url"),
    ],
    "dates-images-related": [
        ("date-future", "$.publishedDateTime"),
        ("filename-date", "$.publishedDateTime"),
        ("image-dimensions", "$.images[0].width"),
        ("image-dimensions", "$.related[2].images[0].height"),
        ("image-dimensions", "$.related[2].images[0].width"),
        ("provider-domain", "$.originalUrl"),
        ("provider-domain", "$.related[1].webUrl"),
        ("provider-domain", "$.webUrl"),
        ("related-duplicate", "$.related[1].webUrl"),
        ("secured-format", "$.secured"),
        ("url-insecure", "$.related[5].images[0].url"),
    ],
}


def plant(text: str, separator: str, defects: list[Defect]) -> str:
    """``text`` with each defect's key's value replaced (or its line removed), found by key and occurrence."""
    lines = text.split("\n")
    for key, which, value in defects:
        pattern = re.compile(rf"^(\s*(?:- )?{key}){re.escape(separator)}")
        found = [index for index, line in enumerate(lines) if pattern.match(line)]
        index = found[which]
        if isinstance(value, tuple):
            value = value[separator == " = "]
        if value is None:
            del lines[index]
        else:
            lines[index] = pattern.match(lines[index]).group(0) + value  # type: ignore[union-attr]
    return "\n".join(lines)


def lint(folder: Path, text: str) -> list[dict]:
    folder.mkdir()
    (folder / SEED.name).write_text(text, encoding="utf-8")
    result = run_cli("--isolated", "--now", NOW, "--format", "json", SEED.name, cwd=folder)
    assert result.returncode in (0, 1), result.stderr.decode()
    return json.loads(result.stdout)["diagnostics"]


def written_entry(line: str) -> tuple[str, str]:
    """The key and value a YAML (``key: value``, ``- key: value``) or TOML (``key = value``, ``[a.key]``) line writes."""
    stripped = line.strip().removeprefix("- ")
    header = re.fullmatch(r"\[\[?([^\]]+)\]\]?", stripped)
    if header:
        return header.group(1).rsplit(".", 1)[-1], ""
    key, _, value = re.split(r"(: | = |:$)", stripped, maxsplit=1)
    return key, value.strip('"')  # a date is quoted in TOML where it is not one


@pytest.mark.parametrize("case", sorted(DEFECTS))
def test_toml_seed_gives_the_yaml_seeds_diagnostics_at_the_same_key_and_value(tmp_path, case):
    yaml_text = plant(SEED.read_text(encoding="utf-8"), ": ", DEFECTS[case])
    toml_text = plant(TOML_SEED.read_text(encoding="utf-8"), " = ", DEFECTS[case])
    from_yaml = lint(tmp_path / "yaml", yaml_text)
    from_toml = lint(tmp_path / "toml", toml_text)

    def same(diagnostic: dict) -> tuple:
        message = LINE_NAMED.sub("line N", diagnostic["message"])
        return diagnostic["rule"], diagnostic["severity"], message, diagnostic["json_path"]

    assert sorted(map(same, from_toml)) == sorted(map(same, from_yaml))
    yaml_lines, toml_lines = yaml_text.split("\n"), toml_text.split("\n")
    for yaml_d, toml_d in zip(sorted(from_yaml, key=same), sorted(from_toml, key=same)):
        yaml_named = [yaml_d["line"], *map(int, LINE_NAMED.findall(yaml_d["message"]))]
        toml_named = [toml_d["line"], *map(int, LINE_NAMED.findall(toml_d["message"]))]
        for yaml_line, toml_line in zip(yaml_named, toml_named, strict=True):  # its own line, and any it names
            assert written_entry(toml_lines[toml_line - 1]) == written_entry(yaml_lines[yaml_line - 1]), (
                same(toml_d),
                toml_lines[toml_line - 1],
                yaml_lines[yaml_line - 1],
            )
    assert sorted((d["rule"], d["json_path"]) for d in from_toml) == EXPECTED[case]


def test_the_toml_seed_gives_the_insecure_image_only():
    """As the YAML seed does (tests/test_seed.py): the http:// image of the sixth related entry."""
    result = run_cli("--isolated", "--now", NOW, TOML_SEED.name, cwd=TOML_SEED.parent)
    assert result.stdout.decode().splitlines() == [
        f"{TOML_SEED.name}:135:7: warning: insecure http:// URL: use https:// if the site serves it [url-insecure]",
    ]
    assert result.stderr.decode() == "0 errors, 1 warning in 1 of 1 file\n"
