"""JSON front matter (a ``{ … }`` object starting the file): the seed article as JSON gives what it gives as YAML.

The JSON seed (tests/fixtures/json/) is the YAML seed's data written by ``json.dumps(indent=2,
ensure_ascii=False)``, its Markdown body after it. Defects are planted in both: in the YAML by
editing its text, in the JSON by editing its data and writing it the same way. Each diagnostic
must be the same (rule, message, JSON path) in both, and in the JSON at the line of its own value,
found independently: the line where a sentinel put in place of that value is written.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_reporters import check_golden_report

from frontlint import Config, lint_text
from frontlint.reporters import OUTPUT_FORMATS, output_format
from helpers import REPO, SEED, golden_name, run_cli

JSON_SEED = REPO / "tests" / "fixtures" / "json" / SEED.name
NOW = ("--isolated", "--now", "2026-11-26T00:00:00Z")
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")
_SENTINEL = "\u2063sentinel\u2063"


def json_seed_data() -> dict[str, Any]:
    """The data of the JSON seed's front matter."""
    data, _ = json.JSONDecoder().raw_decode(JSON_SEED.read_text(encoding="utf-8"))
    return data  # type: ignore[no-any-return]


def as_json_article(data: Any) -> str:
    """An article with ``data`` as JSON front matter, written as the fixture is, and the seed's body."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n\n"


def steps(json_path: str) -> list[str | int]:
    """``$.related[0].webUrl`` as ``["related", 0, "webUrl"]``."""
    return [key if key else int(index) for key, index in _STEP.findall(json_path.removeprefix("$"))]


def value_line(data: Any, json_path: str) -> int:
    """The line the value at ``json_path`` is written on: where a sentinel put in its place is."""
    marked = copy.deepcopy(data)
    path = steps(json_path)
    if not path:
        return 1
    holder = marked
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = _SENTINEL
    text = as_json_article(marked)
    return text[: text.index(json.dumps(_SENTINEL, ensure_ascii=False))].count("\n") + 1


def lint_json(tmp_path: Path, kind: str, text: str, *args: str) -> list[dict[str, Any]]:
    """The diagnostics of one article (named as the seed, in a folder of its own), by the real command's JSON output."""
    folder = tmp_path / kind / "_news"
    folder.mkdir(parents=True)
    (folder / SEED.name).write_text(text, encoding="utf-8")
    result = run_cli(*NOW, "--format", "json", *args, f"{kind}/_news/{SEED.name}", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr.decode()
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def _set(path: list[str | int], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        holder: Any = data
        for step in path[:-1]:
            holder = holder[step]
        if value is None:
            del holder[path[-1]]
        else:
            holder[path[-1]] = value

    return change


# Each defect: the YAML text edited (old, new; its first occurrence), and the same change of the JSON data.
DEFECTS = [
    (
        "title: \"China's top court",
        "title: \"China's top\\tcourt",
        _set(["title"], "China's top\tcourt specifies rules for facial recognition"),
    ),
    ('\nwebUrl: "https://www.big', '\nwebUrl: "http://www.big', None),
    ("\nquality: 39\n", '\nquality: "high"\n', _set(["quality"], "high")),
    ("\ncategory: news\n", "\n", _set(["category"], None)),
    (
        "excerpt: \"China's Supreme",
        'excerpt: "China&#39;s Supreme',
        None,
    ),
    (
        'webUrl: "https://technode.com/2021/07/29/',
        'webUrl: "htp:/technode.com/2021/07/29/',
        None,
    ),
    ("    width: 630\n", "    width: -5\n", _set(["images", 0, "width"], -5)),
    ("publishedDateTime: 2021-07-28T02:44:00Z", 'publishedDateTime: "2021-07-28 02:44"', None),
    ("  domain: bignewsnetwork.com\n", "  domain: bignewsnetwork.com\n  colour: red\n", None),
]


def _json_change(defect: tuple[str, str, Any]) -> Any:
    """The JSON data change of a defect: given, or worked out for a top-level or first-found string value."""
    old, new, change = defect
    if change is not None:
        return change
    if "colour" in new:
        return lambda data: data["provider"].update(colour="red")
    key = old.strip().split(":", 1)[0]
    old_value = old.split(": ", 1)[1].strip('"')
    new_value = new.split(": ", 1)[1].strip('"')

    def replace(data: dict[str, Any]) -> None:
        for holder in [data, *data["related"]]:
            if isinstance(holder.get(key), str) and holder[key].startswith(old_value):
                holder[key] = new_value + holder[key][len(old_value) :]
                return
        raise AssertionError(f"no {key} starting {old_value!r}")

    return replace


def planted(defects: list[tuple[str, str, Any]]) -> tuple[str, dict[str, Any]]:
    """The YAML seed's text and the JSON seed's data with ``defects`` planted in each."""
    text = SEED.read_text(encoding="utf-8")
    data = json_seed_data()
    for defect in defects:
        assert defect[0] in text, defect[0]
        text = text.replace(defect[0], defect[1], 1)
        _json_change(defect)(data)
    return text, data


def compared(diagnostic: dict[str, Any]) -> tuple[str, str, str]:
    return diagnostic["rule"], diagnostic["message"], diagnostic["json_path"]


@pytest.mark.parametrize("defects", [[], DEFECTS], ids=["clean", "defects planted"])
def test_the_seed_as_json_gives_the_yaml_seeds_diagnostics_each_at_its_own_values_line(
    tmp_path: Path, defects: list[tuple[str, str, Any]]
) -> None:
    yaml_text, data = planted(defects)
    from_yaml = lint_json(tmp_path, "yaml", yaml_text)
    from_json = lint_json(tmp_path, "json", as_json_article(data))
    assert sorted(map(compared, from_json)) == sorted(map(compared, from_yaml))
    assert [(d["json_path"], d["line"]) for d in from_json] == [
        (d["json_path"], value_line(data, d["json_path"])) for d in from_json
    ]
    rules = {d["rule"] for d in from_json}
    expected = {"url-insecure"} if not defects else {"url-insecure", "text-whitespace", "schema/type", "url-syntax"}
    assert expected <= rules, rules
    if defects:
        assert len(from_json) >= 10


def test_the_fixture_is_the_seeds_data_and_body() -> None:
    assert JSON_SEED.read_text(encoding="utf-8") == as_json_article(json_seed_data())


def test_a_value_is_placed_at_its_own_line_and_column_with_its_span() -> None:
    result = run_cli(*NOW, str(JSON_SEED.relative_to(REPO)))
    assert result.stdout.decode().splitlines() == [
        f"tests/fixtures/json/{SEED.name}:146:18: warning: insecure http:// URL: use https:// if the site serves it "
        "[url-insecure]"
    ]
    assert result.stderr.decode() == "0 errors, 1 warning in 1 of 1 file\n"


FIXABLE = [
    DEFECTS[0],  # a run of spaces in the title
    DEFECTS[4],  # an HTML entity in the excerpt
    (
        '    webUrl: "https://www.wwlp.com/news/',
        '    webUrl: " https://www.wwlp.com/news/',
        None,
    ),
]


def _fix_change(data: dict[str, Any]) -> None:
    data["related"][1]["webUrl"] = " " + data["related"][1]["webUrl"]


def test_fix_changes_only_the_fixed_values_to_what_the_yaml_fix_gives_and_a_second_fix_changes_nothing(
    tmp_path: Path,
) -> None:
    yaml_text, data = planted(FIXABLE[:2])
    yaml_text = yaml_text.replace(FIXABLE[2][0], FIXABLE[2][1], 1)
    _fix_change(data)
    paths = {}
    for kind, text in (("yaml", yaml_text), ("json", as_json_article(data))):
        folder = tmp_path / kind / "_news"
        folder.mkdir(parents=True)
        paths[kind] = folder / SEED.name
        paths[kind].write_text(text, encoding="utf-8")
        result = run_cli(*NOW, "--fix", f"{kind}/_news/{SEED.name}", cwd=tmp_path)
        assert result.stderr.decode().startswith("fixed 3 problems in 1 file"), result.stderr.decode()
    before = as_json_article(data).splitlines()
    after = paths["json"].read_text(encoding="utf-8").splitlines()
    changed = [(number, new) for number, (old, new) in enumerate(zip(before, after), 1) if old != new]
    assert len(before) == len(after)
    assert changed == [
        (3, '  "title": "China\'s top court specifies rules for facial recognition",'),
        (
            4,
            '  "excerpt": "China\'s Supreme People\'s Court on Wednesday specified a set of regulations for the use of '
            "facial recognition. The rules involve issues concerning the application of laws in the trial of civil "
            'cases related to the use of facial recognition technology in handling personal information.",',
        ),
        (
            value_line(data, "$.related[1].webUrl"),
            '      "webUrl": "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/",',
        ),
    ]
    fixed_json, _ = json.JSONDecoder().raw_decode(paths["json"].read_text(encoding="utf-8"))
    assert fixed_json == json_seed_data()
    for kind in ("yaml", "json"):
        text = paths[kind].read_text(encoding="utf-8")
        result = run_cli(*NOW, "--fix", f"{kind}/_news/{SEED.name}", cwd=tmp_path)
        assert result.stderr.decode().startswith("fixed 0 problems"), result.stderr.decode()
        assert paths[kind].read_text(encoding="utf-8") == text


def test_a_key_twice_is_reported_at_the_later_key_and_the_last_value_is_checked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('{\n  "title": 1,\n  "title": 2\n}\n', encoding="utf-8")
    result = run_cli(*NOW, "--select", "json-duplicate-key,schema/type", "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        'a.md:3:3: error: key "title" appears twice in one object: JSON readers keep only the last [json-duplicate-key]',
        "a.md:3:12: error: expected string, got integer 2 [schema/type]",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"title": "a" "b"}\n', "a.md:1:15: error: not JSON: Expecting ',' delimiter [json-syntax]"),
        ('{\n  "title": NaN\n}\n', "a.md:2:12: error: not JSON: NaN is not a JSON value [json-syntax]"),
        ('{"title": -Infinity}\n', "a.md:1:11: error: not JSON: -Infinity is not a JSON value [json-syntax]"),
        (
            '{"quality": 1' + "0" * 5000 + "}\n",
            "a.md:1:13: error: integer of 5,001 digits, longer than Python's limit of 4,300: "
            "the front matter is not checked [json-syntax]",
        ),
        (
            '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            "a.md:1:70: error: nesting deeper than 64 levels (max-nesting-depth): the front matter is not checked "
            "[yaml-depth-limit]",
        ),
        (
            '{"title": "a}"\n\nbody {\n',
            "a.md:1:1: error: front matter is never closed: no '}' matches the opening '{' [front-matter-unclosed]",
        ),
        (
            '{"title": "\\ud800 a\\"}"}\n{ body that starts with a brace\n',
            "a.md:1:1: error: missing required key 'category' [schema/required]",
        ),
        ("{}", "a.md:1:1: error: missing required key 'category' [schema/required]"),
    ],
    ids=["syntax", "nan", "infinity", "long-integer", "deep", "unclosed", "brace-in-string-and-body", "empty"],
)
def test_hostile_json_front_matter_is_a_diagnostic_never_a_crash(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "a.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    select = "json-syntax,yaml-depth-limit,front-matter-unclosed,json-duplicate-key,text-html,text-whitespace"
    result = run_cli(*NOW, "--select", f"{select},schema/required", "a.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr.decode()
    assert result.stdout.decode().splitlines()[:1] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "first_line",
    ["{% include notice.html %}", '{{< figure src="a.png" >}}', "{{ page.title }}", "{%- comment -%}"],
    ids=["liquid-tag", "hugo-shortcode", "liquid-output", "liquid-trimmed"],
)
def test_a_file_opening_with_a_template_tag_has_no_front_matter_not_broken_json(
    tmp_path: Path, first_line: str
) -> None:
    """Jekyll and Hugo bodies may open with a Liquid tag or a shortcode: no JSON object starts ``{{`` or ``{%``."""
    (tmp_path / "a.md").write_text(first_line + "\nBody.\n", encoding="utf-8")
    result = run_cli(*NOW, "a.md", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        "a.md:1:1: error: no front matter: the file must start with '---' (YAML), '+++' (TOML) or '{' (JSON) "
        "[front-matter-missing]"
    ]


# --- every output format, baselines ---

FIXTURES = REPO / "tests" / "fixtures"


def _lint_fixtures(*args: str) -> tuple[int, str]:
    result = run_cli(*NOW, *args, "json", cwd=FIXTURES)
    return result.returncode, result.stdout.decode()


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS])
def test_every_format_gives_its_golden_output_for_json_front_matter(golden: Any, name: str) -> None:
    status, out = _lint_fixtures("--format", name)
    assert status == 1
    check_golden_report(golden, "formats-json", name, out)


@pytest.mark.parametrize("name", [fmt.name for fmt in OUTPUT_FORMATS if fmt.shows_source])
def test_every_format_showing_source_gives_its_golden_output_for_json_front_matter(golden: Any, name: str) -> None:
    golden(
        f"formats-json/{golden_name(output_format(name), 'source')}",
        _lint_fixtures("--format", name, "--show-source")[1],
    )


def test_a_baseline_of_json_front_matter_silences_what_it_holds_and_reports_what_is_new(tmp_path: Path) -> None:
    folder = tmp_path / "json"
    shutil.copytree(FIXTURES / "json", folder)
    written = run_cli(*NOW, "--write-baseline", "baseline.json", "json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr.decode()
    assert run_cli(*NOW, "--baseline", "baseline.json", "json", cwd=tmp_path).stdout == b""
    defects = folder / "2021-07-28-defects.md"
    defects.write_text(defects.read_text(encoding="utf-8").replace('"AI"', '"AI", 7'), encoding="utf-8")
    result = run_cli(*NOW, "--baseline", "baseline.json", "json", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        "json/2021-07-28-defects.md:13:20: error: expected string, got integer 7 [schema/type]"
    ]


def test_the_library_lints_json_front_matter_text() -> None:
    text = '{\n  "title": "a\\tb",\n  "quality": "high"\n}\nbody\n'
    found = [d.format() for d in lint_text(text, path="a.md", config=Config(select=["schema/type", "text-whitespace"]))]
    assert found == [
        "a.md:2:12: warning: title has a tab: expected one line with single spaces and no leading or trailing "
        "whitespace [text-whitespace]",
        "a.md:3:14: error: expected integer, got string 'high' [schema/type]",
    ]


def test_the_readmes_json_front_matter_example_is_what_the_command_prints(tmp_path: Path) -> None:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("**JSON front matter.**", 1)[1]
    article, expected = section.split("```\n", 4)[1:4:2]
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    result = run_cli(*NOW, "--select", "text-html,text-whitespace,schema/type", "a.md", cwd=tmp_path)
    assert result.stdout.decode() == expected
