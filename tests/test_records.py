"""Issue 14, part 1: ``validate_data`` takes records as pipelines hold them.

Any ``Mapping`` at any depth, python-frontmatter's ``Post``, tuples, and the ``datetime`` /
``date`` objects of ``yaml.safe_load`` are judged exactly as the same front matter written in a
file. The differential test over the real sample checks that on 1,982 real articles.
"""

from __future__ import annotations

import collections
import types
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

import frontmatter
import pytest
import yaml

from frontlint import lint_paths, lint_text, validate_data
from frontlint.reading.records import as_record, timestamp_text
from frontlint.registry import RUN_RULES
from helpers import REPO

NEWS = REPO.parent / "shared" / "corpus" / "azure" / "_news"

ARTICLE = """\
title: A title
category: news
publishedDateTime: 2021-07-28T10:00:00Z
webUrl: https://azure.microsoft.com/updates/a
images:
  - url: https://a.example/i.jpg
    width: 10
    height: 10
"""


def pairs(diagnostics: Any) -> list[tuple[str, str]]:
    """The (rule, json_path) of each diagnostic, sorted."""
    return sorted((d.rule, d.json_path) for d in diagnostics)


def from_file(front_matter: str) -> list[tuple[str, str]]:
    return pairs(lint_text(f"---\n{front_matter}---\n", path="a.md"))


class Record(Mapping[Any, Any]):
    """A mapping of the caller's own, not a dict."""

    def __init__(self, **items: Any) -> None:
        self._items = dict(items)

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


# --- timestamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2021, 7, 28, 10, 0, tzinfo=timezone.utc), "2021-07-28T10:00:00Z"),
        (
            datetime(2021, 7, 28, 10, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2))),
            "2021-07-28T10:00:00.500000+02:00",
        ),
        (datetime(2021, 7, 28, 10, 0, tzinfo=timezone(timedelta(hours=-5, minutes=-30))), "2021-07-28T10:00:00-05:30"),
        (datetime(2021, 7, 28, 10, 0), "2021-07-28T10:00:00"),  # naive: no offset is made up
        (date(2021, 7, 28), "2021-07-28"),
    ],
)
def test_a_timestamp_is_the_rfc_3339_text_it_stands_for(value: date, text: str) -> None:
    assert timestamp_text(value) == text


def test_yaml_safe_load_timestamps_are_judged_as_the_text_in_a_file() -> None:
    data = yaml.safe_load(ARTICLE)
    assert isinstance(data["publishedDateTime"], datetime)
    assert pairs(validate_data(data)) == from_file(ARTICLE)
    assert [d.rule for d in validate_data(data) if d.json_path == "$.publishedDateTime"] == []


def test_a_naive_datetime_fails_the_date_time_format_as_the_same_text_in_a_file_does() -> None:
    written = ARTICLE.replace("2021-07-28T10:00:00Z", "2021-07-28T10:00:00")
    data = yaml.safe_load(written)
    assert data["publishedDateTime"] == datetime(2021, 7, 28, 10, 0)
    found = [(d.rule, d.json_path, d.message) for d in validate_data(data) if d.json_path == "$.publishedDateTime"]
    assert found == [
        (d.rule, d.json_path, d.message)
        for d in lint_text(f"---\n{written}---\n")
        if d.json_path == "$.publishedDateTime"
    ]
    assert [rule for rule, _, _ in found] == ["schema/format"]


def test_a_date_where_a_date_time_is_due_is_judged_as_its_text() -> None:
    written = ARTICLE.replace("2021-07-28T10:00:00Z", "2021-07-28")
    data = yaml.safe_load(written)
    assert data["publishedDateTime"] == date(2021, 7, 28)
    assert pairs(validate_data(data)) == from_file(written)
    assert ("schema/format", "$.publishedDateTime") in pairs(validate_data(data))


def test_a_future_datetime_is_date_future_as_its_text_is() -> None:
    moment = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=30)
    found = [(d.rule, d.json_path) for d in validate_data({"publishedDateTime": moment}) if d.rule == "date-future"]
    assert found == [("date-future", "$.publishedDateTime")]


def test_a_datetime_whose_tzinfo_fails_is_a_type_diagnostic_not_an_exception() -> None:
    class Broken(tzinfo):
        def utcoffset(self, moment: datetime | None) -> timedelta:
            raise RuntimeError("no offset")

    found = [
        (d.rule, d.json_path) for d in validate_data({"publishedDateTime": datetime(2021, 7, 28, tzinfo=Broken())})
    ]
    assert ("schema/type", "$.publishedDateTime") in found


# --- mappings, Post, tuples ------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        dict,
        collections.OrderedDict,
        lambda items: types.MappingProxyType(dict(items)),
        lambda items: Record(**items),
    ],
    ids=["dict", "OrderedDict", "MappingProxyType", "own Mapping"],
)
def test_any_mapping_at_any_depth_is_judged_as_a_dict(make: Any) -> None:
    data = yaml.safe_load(ARTICLE)
    data["images"] = [make(image) for image in data["images"]]
    record = make({**data, "related": [make({"title": "t", "webUrl": "http://a.example/x"})]})
    expected = from_file(ARTICLE + "related:\n  - title: t\n    webUrl: http://a.example/x\n")
    assert pairs(validate_data(record)) == expected
    assert ("url-insecure", "$.related[0].webUrl") in expected


def test_a_mapping_proxy_is_no_longer_a_type_error_at_the_root() -> None:
    record = types.MappingProxyType(yaml.safe_load(ARTICLE))
    assert pairs(validate_data(record)) == from_file(ARTICLE)
    assert ("schema/type", "$") not in pairs(validate_data(record))


def test_a_python_frontmatter_post_is_judged_by_its_metadata() -> None:
    post = frontmatter.loads(f"---\n{ARTICLE}quality: -1\n---\nBody text.\n")
    found = pairs(validate_data(post))
    assert found == from_file(ARTICLE + "quality: -1\n")
    assert found == pairs(validate_data(post.metadata))


def test_tuples_are_lists() -> None:
    data = yaml.safe_load(ARTICLE)
    data["images"] = tuple(data["images"])
    data["tags"] = ("a", 1)
    assert pairs(validate_data(data)) == from_file(ARTICLE + "tags: [a, 1]\n")
    assert as_record({"a": (1, (2,))}) == ({"a": [1, [2]]}, [])


def test_an_object_without_metadata_is_not_an_object_and_does_not_raise() -> None:
    assert pairs(validate_data(object())) == [("schema/type", "$")]
    assert pairs(validate_data(types.SimpleNamespace(metadata=5))) == [("schema/type", "$")]


def test_non_string_keys_in_any_mapping_stay_diagnostics() -> None:
    record = types.MappingProxyType({"title": "t", 1: "x", "images": (Record(**{"url": "u"}),)})
    record_with_bad_nested = {"a": collections.OrderedDict([(None, 1), ("b", 2)])}
    assert [(d.rule, d.json_path) for d in validate_data(record) if d.rule == "yaml-key-type"] == [
        ("yaml-key-type", "$")
    ]
    assert as_record(record_with_bad_nested)[0] == {"a": {"b": 2}}
    assert [problem.path for problem in as_record(record_with_bad_nested)[1]] == [("a",)]


def test_the_record_is_not_changed_and_is_copied_once_where_shared() -> None:
    moment = datetime(2021, 7, 28, tzinfo=timezone.utc)
    shared = {"when": moment}
    record: dict[str, Any] = {"a": [shared, shared]}
    record["self"] = record
    result, problems = as_record(record)
    assert problems == [] and record["a"][0]["when"] is moment
    assert result["a"][0] is result["a"][1] and result["a"][0] == {"when": "2021-07-28T00:00:00Z"}
    assert result["self"] is result


# --- the real sample -------------------------------------------------------------------------

# What only a file can have, so never in validate_data's diagnostics: its bytes (encoding), its
# fences (front-matter-*), its YAML text (yaml-syntax, yaml-duplicate-key, yaml-*), and inline
# suppressions. None of these occurs in the sample today; a file with one is left out, named.
# lint_paths (one run, as fast as linting each file with lint_file) also runs the run-wide rules
# (duplicate-article), which compare files with each other: a single record has no others.
FILE_ONLY_PREFIXES = ("encoding", "front-matter", "yaml-")
SUPPRESSION_MENTION = "frontlint:"
RUN_WIDE = {rule.id for rule in RUN_RULES}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's data, 10x sooner


@pytest.mark.slow
@pytest.mark.skipif(not NEWS.is_dir(), reason=f"the real sample is absent: {NEWS}")
def test_records_and_files_agree_on_every_article_of_the_real_sample() -> None:
    by_file: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for diagnostic in lint_paths([NEWS]):
        if diagnostic.rule not in RUN_WIDE:
            by_file[diagnostic.path].append((diagnostic.rule, diagnostic.json_path))
    paths = sorted(NEWS.glob("*.md"))
    assert len(paths) == 1982
    left_out, differing = [], []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        file_pairs = sorted(by_file.get(str(path), []))
        if SUPPRESSION_MENTION in text or any(rule.startswith(FILE_ONLY_PREFIXES) for rule, _ in file_pairs):
            left_out.append(path.name)
            continue
        front_matter = text.split("---\n", 2)[1]
        # path=: the file's name, which filename-date compares with publishedDateTime.
        from_yaml = pairs(validate_data(yaml.load(front_matter, Loader=LOADER), path=str(path)))
        from_post = pairs(validate_data(frontmatter.load(path), path=str(path)))
        if not file_pairs == from_yaml == from_post:
            differing.append((path.name, file_pairs, from_yaml, from_post))
    assert differing == []
    assert left_out == []


def test_the_readme_library_example_prints_what_the_readme_shows() -> None:
    import contextlib
    import io

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("import frontmatter, yaml\nfrom frontlint import validate_data\n")
    code = readme[start : readme.index("```", start)]
    shown_start = readme.index("```text\n", start) + len("```text\n")
    shown = readme[shown_start : readme.index("```", shown_start)]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, {})
    assert printed.getvalue() == shown
