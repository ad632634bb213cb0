"""The language server's parts, without a server: positions, documentation links, schema lookups,
what the cursor is on, suppression edits. The server itself is driven over stdio in test_lsp_server.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.workspace import Workspace

from frontlint.diagnostic import Diagnostic, Severity
from frontlint.lsp.code_actions import code_actions, suppression_edit
from frontlint.lsp.completion import completions, yaml_scalar
from frontlint.lsp.documents import DocumentLinter, Linted, is_markdown
from frontlint.lsp.editor_text import EditorProtocol, EditorTextDocument, EditorWorkspace, changed
from frontlint.lsp.hover import hover_text
from frontlint.lsp.positions import UTF8, UTF16, UTF32, DocumentPositions
from frontlint.lsp.schema_lookup import choices_of, subschemas_at
from frontlint.lsp.server import FrontlintServer
from frontlint.lsp.yaml_cursor import Spot, completion_spots, node_at
from frontlint.reading.positions import LineIndex
from frontlint.reporters.doc_links import doc_url
from frontlint.schema.contract import load_schema
from helpers import REPO

# "é" is one UTF-16 unit and two UTF-8 bytes; "😀" (U+1F600, astral) two units and four bytes.
LINE = 'title: "é😀 x"'


@pytest.mark.parametrize(("encoding", "character"), [(UTF16, 12), (UTF8, 15), (UTF32, 11)])
def test_a_column_after_non_ascii_and_astral_characters_counts_the_encodings_units(encoding, character):
    positions = DocumentPositions(LineIndex(f"---\n{LINE}\n---\n"), encoding)
    column = LINE.index("x") + 1  # frontlint counts code points: 12
    assert positions.to_lsp(2, column) == (1, character)
    assert positions.from_lsp(1, character) == (2, column)


def test_a_byte_order_mark_the_editor_keeps_moves_the_first_line_only():
    positions = DocumentPositions(LineIndex("---\nx: 1\n"), UTF16, bom=True)
    assert (positions.to_lsp(1, 1), positions.to_lsp(2, 1)) == ((0, 1), (1, 0))
    assert positions.from_lsp(0, 1) == (1, 1)


def test_positions_past_a_line_or_the_text_are_clamped():
    positions = DocumentPositions(LineIndex("ab\r\ncd"), UTF16)
    assert positions.to_lsp(1, 3) == (0, 2)  # the end of line 1, before "\r\n"
    assert positions.from_lsp(0, 99) == (1, 3)
    assert positions.from_lsp(7, 0) == (2, 3)
    assert positions.offset(1, 1) == 5


def lsp_range(line: int, character: int, end_line: int, end_character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


# Each of U+2028, U+2029, U+0085, VT, FF, FS, GS, RS ends a line for str.splitlines, none for an editor.
NOT_BREAKS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


@pytest.mark.parametrize(
    ("text", "where", "encoding", "expected"),
    [
        (f"a{NOT_BREAKS}b\nc\n", lsp_range(1, 0, 1, 0), UTF16, f"a{NOT_BREAKS}b\n>c\n"),
        (f"a{NOT_BREAKS}b\nc\n", lsp_range(0, 10, 0, 10), UTF16, f"a{NOT_BREAKS}b>\nc\n"),
        ("a\r\nb\rc\nd", lsp_range(2, 1, 3, 0), UTF16, "a\r\nb\rc>d"),  # "\r\n" and a lone "\r" end lines
        ("😀x\n", lsp_range(0, 2, 0, 3), UTF16, "😀>\n"),  # the emoji is two UTF-16 units
        ("😀x\n", lsp_range(0, 4, 0, 5), UTF8, "😀>\n"),  # four UTF-8 bytes
        ("😀x\n", lsp_range(0, 1, 0, 2), UTF32, "😀>\n"),
        ("ab\ncd", lsp_range(0, 99, 7, 0), UTF16, "ab>"),  # past a line's end and the text's: clamped
        ("ab\ncd", lsp_range(1, 1, 0, 1), UTF16, "a>d"),  # a range backwards: from the earlier to the later
        ("\ufeffab", lsp_range(0, 1, 0, 2), UTF16, "\ufeff>b"),  # a byte order mark sent is a character
    ],
)
def test_a_change_is_placed_as_the_editor_places_it(text, where, encoding, expected):
    assert changed(text, where, ">", encoding) == expected


def test_an_open_documents_lines_are_the_editors():
    document = EditorTextDocument("file:///a.md", f"a{NOT_BREAKS}b\r\nc\rd\n\ne")
    assert document.lines == (f"a{NOT_BREAKS}b\r\n", "c\r", "d\n", "\n", "e")
    edit = types.TextDocumentContentChangePartial(lsp_range(4, 0, 4, 1), "E")
    document.apply_change(edit)
    assert document.source == f"a{NOT_BREAKS}b\r\nc\rd\n\nE"


def test_the_servers_workspace_keeps_the_editors_documents():
    protocol = FrontlintServer().protocol
    assert isinstance(protocol, EditorProtocol)
    protocol._workspace = Workspace("file:///site", types.TextDocumentSyncKind.Incremental, None, "utf-8")
    workspace = protocol.workspace
    assert isinstance(workspace, EditorWorkspace)
    assert (workspace.root_uri, workspace.position_encoding) == ("file:///site", "utf-8")
    workspace.put_text_document(types.TextDocumentItem("file:///site/a.md", "markdown", 1, "x\u2028y\nz"))
    document = workspace.get_text_document("file:///site/a.md")
    assert isinstance(document, EditorTextDocument) and document.lines == ("x\u2028y\n", "z")


def test_a_rules_documentation_link_is_its_module_and_a_built_in_checks_is_the_line_of_its_page():
    rules = REPO / "frontlint" / "rules"
    assert doc_url("url-syntax") == (rules / "url_syntax.py").as_uri() + "#L1"
    link = doc_url("schema/enum")
    pages = REPO / "frontlint" / "rule_support" / "reader_checks.py"
    assert link is not None and link.startswith(pages.as_uri() + "#L")
    line = int(link.rpartition("#L")[2])
    assert "JSON Schema" in pages.read_text(encoding="utf-8").splitlines()[line - 1]
    assert doc_url("no-such-rule") is None


def test_hover_text_of_a_nested_key_follows_items_and_references():
    assert hover_text(load_schema(), ("related", 3, "webUrl")) == (
        "`$.related[3].webUrl`: string\n\n"
        "Canonical URL of the related article; an empty string for a related video that has no page of its own."
    )
    assert hover_text(load_schema(), ("type",)) == (
        "`$.type`\n\none of `article`, `video`\n\nKind of item: `article`, or `video` (which carries `featuredContent`)."
    )
    assert hover_text(load_schema(), ("layout",)) is None  # a site's own key: the schema says nothing of it


def test_choices_are_offered_only_where_the_schema_lists_every_value():
    schema = load_schema()
    assert choices_of(subschemas_at(schema, ("related", 0, "type"))) == ["article", "video"]
    assert choices_of(subschemas_at(schema, ("published",))) == [True, False]
    assert choices_of(subschemas_at(schema, ("related", 0, "webUrl"))) == []  # a URL, or ""


def test_a_recursive_schema_is_followed_as_deep_as_the_path():
    from frontlint.schema.contract import schema_from_document

    node = {"type": "object", "description": "A node.", "properties": {"child": {"$ref": "#/$defs/node"}}}
    recursive = schema_from_document({"$defs": {"node": node}, "$ref": "#/$defs/node"})
    assert hover_text(recursive, ("child", "child", "child")) == "`$.child.child.child`: object\n\nA node."


class Counted(str):
    """A listed value that counts the comparisons made of it."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_the_values_of_a_long_enum_are_told_apart_without_comparing_each_pair():
    """A 2 MB schema can list 200,000 values: comparing each with those before took hours (hover and completion)."""
    values = [Counted(f"v{n}") for n in range(2000)]
    Counted.comparisons = 0
    assert choices_of([{"enum": [*values, *values[:10]]}, {"const": values[0]}]) == values
    assert Counted.comparisons <= 2 * len(values)  # each pair compared: 2,000,000
    assert choices_of([{"enum": [1, True, 1.0, "1", [1], [True], {"a": 1, "b": 2}, {"b": 2, "a": 1}, None]}]) == [
        1,
        True,
        1.0,
        "1",
        [1],
        [True],
        {"a": 1, "b": 2},
        None,
    ]


def test_completion_follows_a_recursive_schema_and_nested_combinators_to_the_enum():
    from frontlint.schema.contract import schema_from_document

    inner: dict[str, Any] = {"enum": ["talk", "workshop"]}
    for _ in range(20):
        inner = {"allOf": [inner]}
    node = {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}, "kind": inner}}
    schema = schema_from_document({"$defs": {"node": node}, "$ref": "#/$defs/node"})
    positions = DocumentPositions(LineIndex("---\nchild:\n  child:\n    kind: \n---\n"))
    assert [item.label for item in completions(schema, positions, 3, 10)] == ["talk", "workshop"]


def test_completion_where_a_value_has_more_subschemas_than_are_visited_offers_those_visited():
    from frontlint.schema.contract import schema_from_document

    alternatives = [{"enum": [f"v{n}"]} for n in range(1000)]
    schema = schema_from_document({"type": "object", "properties": {"kind": {"anyOf": alternatives}}})
    positions = DocumentPositions(LineIndex("---\nkind: \n---\n"))
    assert [item.label for item in completions(schema, positions, 1, 6)] == [f"v{n}" for n in range(255)]


def text_and_offset(marked: str) -> tuple[LineIndex, int]:
    """The text without its ``|`` and the offset where it was."""
    return LineIndex(marked.replace("|", "")), marked.index("|")


ARTICLE = "---\ntitle: x\n{}\nprovider:\n  name: N\nrelated:\n  - title: a\ntopics:\n  - AI\n---\nbody\n"


@pytest.mark.parametrize(
    ("marked", "spots"),
    [
        (ARTICLE.format("ty|"), [Spot("key", (), 13, frozenset({"title", "provider", "related", "topics"}))]),
        (ARTICLE.format("type: vi|"), [Spot("value", ("type",), 19)]),
        (
            ARTICLE.replace("  name: N\n", "  name: N\n  do|\n").format(""),
            [Spot("key", ("provider",), 36, frozenset({"name"}))],
        ),
        (
            ARTICLE.replace("title: a\n", "title: a\n    |\n").format(""),
            [Spot("key", ("related", 0), 60, frozenset({"title"}))],
        ),
        (ARTICLE.format("") + "body |", []),  # the body: nothing to complete
    ],
)
def test_completion_spots(marked, spots):
    lines, offset = text_and_offset(marked)
    assert completion_spots(lines, offset) == spots


def test_the_node_under_the_cursor_is_a_key_with_its_span_or_a_value():
    lines, offset = text_and_offset("---\nrelated:\n  - web|Url: https://a.example\n---\n")
    assert node_at(lines, offset) == (("related", 0, "webUrl"), (17, 23))
    lines, offset = text_and_offset("---\ntopics: [a, |b]\n---\n")
    assert node_at(lines, offset) == (("topics", 1), (16, 17))
    lines, offset = text_and_offset("---\ntitle: [unclosed|\n---\n")
    assert node_at(lines, offset) is None


@pytest.mark.parametrize(
    ("line", "inserted"),
    [
        ("webUrl: http://a  ", (1, 17, 1, 19, "  # frontlint: ignore[url-insecure]")),
        ("webUrl: http://a  # frontlint: ignore[url-syntax]", (1, 49, 1, 49, ", url-insecure")),
        ("webUrl: http://a # frontlint: ignore[] -- why", (1, 38, 1, 38, "url-insecure")),
    ],
)
def test_the_ignore_comment_is_written_at_the_end_of_the_line_or_joins_the_one_there(line, inserted):
    assert tuple(suppression_edit(line, 1, "url-insecure")) == inserted


def test_values_are_completed_as_yaml_that_reads_back_as_them():
    assert [yaml_scalar(value) for value in ["video", "yes", "a: b", True, None, 3]] == [
        "video",
        '"yes"',
        '"a: b"',
        "true",
        "null",
        "3",
    ]
    deep = ["[" * 5000, "- " * 3000 + "x", "{a: " * 2000 + "b" + "}" * 2000]  # thousands of YAML levels
    assert [yaml_scalar(value) for value in deep] == [f'"{value}"' for value in deep]


def test_markdown_is_known_by_the_editors_language_or_the_files_name():
    assert is_markdown("/a/b.md") and is_markdown("/a/B.MARKDOWN") and is_markdown("/a/notes", "markdown")
    assert not is_markdown(str(Path("/a/frontlint.toml")), "toml")


def test_completion_in_front_matter_full_of_aliases_visits_each_node_once():
    levels = ["l0: &l0 [x, x]"] + [f"l{n}: &l{n} [*l{n - 1}, *l{n - 1}]" for n in range(1, 40)]
    lines, offset = text_and_offset("---\n" + "\n".join(levels) + "\nti|\n---\n")
    (spot,) = completion_spots(lines, offset)
    assert (spot.kind, spot.path, len(spot.present)) == ("key", (), 40)


def test_every_checks_documentation_link_names_a_file_there():
    from frontlint.registry import ALL_CHECKS

    for check in ALL_CHECKS:
        link = doc_url(check.id)
        assert link is not None, check.id
        assert Path(link.removeprefix("file://").partition("#")[0]).is_file(), link


EVERYTHING = types.Range(types.Position(0, 0), types.Position(10_000, 0))


def _images(count: int) -> str:
    """An article whose ``count`` images each have a zero width (one image-dimensions problem a line)."""
    image = '  - url: "https://example.com/{}.jpg"\n    width: 0\n    height: 420\n'
    return "---\ntitle: Many images\nimages:\n" + "".join(image.format(n) for n in range(count)) + "---\n"


def _counted(linted: Linted, relinted: list[str], broken_when: int = 0) -> Linted:
    """``linted`` whose relint records each text; one with ``broken_when`` comments or more gets a new problem."""
    assert linted.relint is not None
    relint = linted.relint

    def counted(text: str) -> list[Diagnostic]:
        relinted.append(text)
        new = [Diagnostic("x.md", 1, 1, 1, 1, Severity.ERROR, "yaml-syntax", "broken")]
        return relint(text) + (new if broken_when and text.count("# frontlint") >= broken_when else [])

    return linted._replace(relint=counted)


@pytest.mark.slow
def test_the_ignore_actions_of_a_whole_document_are_checked_with_one_lint_of_its_changed_text(tmp_path):
    """An editor asks for the actions of a selection (every line, after select-all): each "ignore"
    offered is checked, all in one lint, never one lint each (300 lints of a large document: minutes)."""
    linted = DocumentLinter().lint(str(tmp_path / "many.md"), _images(300))
    relinted: list[str] = []
    found = code_actions(_counted(linted, relinted), DocumentPositions(linted.lines), "file:///m.md", EVERYTHING)
    ignoring = [action.title for action in found if action.title.startswith("Ignore")]
    assert ignoring.count("Ignore image-dimensions on this line") == 300
    assert len(relinted) == 1


def test_where_the_ignore_comments_together_break_the_text_the_first_ten_are_checked_one_by_one(tmp_path):
    linted = DocumentLinter().lint(str(tmp_path / "some.md"), _images(12))
    relinted: list[str] = []
    found = code_actions(_counted(linted, relinted, broken_when=2), DocumentPositions(linted.lines), "f:", EVERYTHING)
    ignoring = [action.title for action in found if action.title.startswith("Ignore")]
    assert ignoring == ["Ignore schema/required on this line"] + ["Ignore image-dimensions on this line"] * 9
    assert len(relinted) == 1 + 10


def test_the_fix_all_action_is_made_once_per_lint_of_a_document(tmp_path):
    """An editor asks for code actions at every move of the cursor: fix-all (a whole ``--fix``) is not made again."""
    server = FrontlintServer()
    linted = DocumentLinter().lint(str(tmp_path / "a.md"), '---\nwebUrl: " https://example.com/a "\n---\n')
    positions = DocumentPositions(linted.lines)
    first = server.fix_all("file:///a.md", linted, positions)
    assert first is not None and first.title == "Fix all frontlint problems in this file (1)"
    assert server.fix_all("file:///a.md", linted, positions) is first
    again = DocumentLinter().lint(str(tmp_path / "a.md"), linted.text)  # a new lint: made again
    assert server.fix_all("file:///a.md", again, positions) is not first
