"""ArticleView: the walks over one file's data that the rules share, each done once per view."""

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
    assert view.entries == (((), ARTICLE), (("related", 0), related[0]), (("related", 2), related[2]))
    assert view.image_lists == (
        (("images",), ARTICLE["images"]),
        (("provider", "images"), ARTICLE["provider"]["images"]),
        (("related", 0, "images"), related[0]["images"]),
    )
    assert view.images == (
        (("images", 0), {"url": "https://a.example/1.png"}),
        (("provider", "images", 0), {"url": "https://p.example/logo.png"}),
        (("related", 0, "images", 0), {"width": 1}),
    )
    assert view.url_fields == (
        (("webUrl",), "https://a.example/1"),
        (("related", 0, "ampWebUrl"), 3),
        (("images", 0, "url"), "https://a.example/1.png"),
        (("provider", "images", 0, "url"), "https://p.example/logo.png"),
    )
    assert view.text_fields == ((("title",), "T"), (("related", 0, "excerpt"), "E"), (("related", 2, "title"), None))


def test_data_of_any_shape_gives_empty_walks():
    for data in (None, [], "text", 3, {"related": "not a list", "images": {"url": "x"}}):
        view = ArticleView(data)
        walks = (view.image_lists, view.images, view.url_fields, view.text_fields)
        assert walks == ((), (), (), ()), data
        assert view.entries == (() if not isinstance(data, dict) else (((), data),))


def test_a_walk_is_done_once_per_view_and_never_shared_between_views():
    first, second = ArticleView({"title": "A"}), ArticleView({"title": "B"})
    assert first.text_fields is first.text_fields
    assert second.text_fields == ((("title",), "B"),)
    assert first.text_fields == ((("title",), "A"),)


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
