"""ArticleView: the walk over one file's data beside the schema's plan, shared by the rules, done once per view."""

from __future__ import annotations

from frontlint.rule_support.article_view import ArticleView

ARTICLE = {
    "title": "T",
    "webUrl": "https://a.example/1",
    "images": [{"url": "https://a.example/1.png"}, "not a mapping"],
    "provider": {"name": "P", "images": [{"url": "https://p.example/logo.png"}]},
    "related": [
        {"excerpt": "E", "ampWebUrl": 3, "images": [{"width": 1}]},
        "not a mapping",
        {"title": None, "provider": {"images": "not a list"}},
    ],
}


def test_each_walk_holds_what_is_there_in_document_order():
    view = ArticleView(ARTICLE)
    related = ARTICLE["related"]
    assert [(entry.path, entry.data) for entry in view.entries] == [
        ((), ARTICLE),
        (("related", 0), related[0]),
        (("related", 2), related[2]),
    ]
    assert view.entries[0].role("page-url") == (("webUrl",), "https://a.example/1")
    assert view.entries[1].role("amp-url") == (("related", 0, "ampWebUrl"), 3)
    assert view.entries[1].role("page-url") is None
    assert view.entries[1].key_for("page-url") == "webUrl"
    assert view.images == (
        (("images", 0), {"url": "https://a.example/1.png"}),
        (("provider", "images", 0), {"url": "https://p.example/logo.png"}),
        (("related", 0, "images", 0), {"width": 1}),
    )
    assert view.url_fields == (
        (("webUrl",), "https://a.example/1"),
        (("images", 0, "url"), "https://a.example/1.png"),
        (("provider", "images", 0, "url"), "https://p.example/logo.png"),
        (("related", 0, "ampWebUrl"), 3),
    )
    assert [(field.path, field.value, field.entry) for field in view.text_fields] == [
        (("title",), "T", 0),
        (("related", 0, "excerpt"), "E", 1),
        (("related", 2, "title"), None, 2),
    ]


def test_data_of_any_shape_gives_empty_walks():
    for data in (None, [], "text", 3, {"related": "not a list", "images": {"url": "x"}}):
        view = ArticleView(data)
        walks = (view.images, view.url_fields, view.text_fields)
        assert walks == ((), (), ()), data
        assert [entry.path for entry in view.entries] == ([] if not isinstance(data, dict) else [()])


def test_a_walk_is_done_once_per_view_and_never_shared_between_views():
    first, second = ArticleView({"title": "A"}), ArticleView({"title": "B"})
    assert first.text_fields is first.text_fields
    assert [field.value for field in second.text_fields] == ["B"]
    assert [field.value for field in first.text_fields] == ["A"]


def test_related_web_urls_are_the_related_entries_non_blank_string_web_urls():
    view = ArticleView(
        {
            "webUrl": "https://a.example/own",
            "related": [
                {"webUrl": "https://a.example/1"},
                {"webUrl": " "},
                {"webUrl": 3},
                {"title": "no webUrl"},
                "not a mapping",
                {"webUrl": "https://a.example/5"},
            ],
        }
    )
    assert view.related_web_urls == (
        (("related", 0, "webUrl"), "https://a.example/1"),
        (("related", 5, "webUrl"), "https://a.example/5"),
    )
    assert view.related_web_urls is view.related_web_urls
    assert ArticleView({"webUrl": "https://a.example/own"}).related_web_urls == ()
