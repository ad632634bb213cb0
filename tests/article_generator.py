"""Generated news articles in the seed article's format, some with an injected defect.

The tests need many varied articles (processes against one process, the compiled schema check
against python-jsonschema) and must run on a plain clone, so the generator lives here. Each
article is written the way the real feed writes them: quoted strings, an unquoted timestamp,
a provider, topics, images and related entries. A share of them carries one defect drawn
from :data:`DEFECTS`, which covers the schema and every kind of rule.

Run as a script: ``python tests/article_generator.py OUT N [--defects 0.33] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

WORDS = (
    "cloud",
    "court",
    "rules",
    "privacy",
    "model",
    "launch",
    "chip",
    "market",
    "data",
    "security",
    "energy",
    "startup",
    "policy",
    "research",
    "network",
    "battery",
    "vision",
    "speech",
    "robot",
    "city",
)
PROVIDERS = (
    ("Big News Network.com", "bignewsnetwork.com"),
    ("TechNode", "technode.com"),
    ("WWLP", "wwlp.com"),
    ("Jing Daily", "jingdaily.com"),
    ("Biometric Update", "biometricupdate.com"),
    ("The Verge", "theverge.com"),
)
TOPICS = ("AI", "Computer Vision", "Azure", "Security", "Data", "Cloud")
START = datetime(2020, 1, 1, tzinfo=timezone.utc)


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _url(rng: random.Random, domain: str, title: str) -> str:
    return f"https://www.{domain}/news/{rng.randrange(10**8)}/{_slug(title)}"


def _image(rng: random.Random, domain: str) -> dict[str, Any]:
    return {
        "url": f"https://cdn.{domain}/images/{rng.randrange(10**9)}.jpg",
        "width": rng.choice((630, 1280, 1920)),
        "height": rng.choice((420, 720, 1080)),
        "isCached": True,
    }


def _related(rng: random.Random, published: datetime) -> dict[str, Any]:
    name, domain = rng.choice(PROVIDERS)
    title = _phrase(rng, 6)
    return {
        "title": title,
        "excerpt": _phrase(rng, 14) + ".",
        "publishedDateTime": published + timedelta(hours=rng.randrange(1, 72)),
        "webUrl": _url(rng, domain, title),
        "type": "article",
        "provider": {"name": name, "domain": domain},
        "quality": rng.randrange(20, 90),
        "images": [_image(rng, domain)],
    }


def article(rng: random.Random, number: int) -> tuple[str, dict[str, Any]]:
    """A valid article: its file name (``YYYY-MM-DD-slug.md``) and its front matter data."""
    published = START + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    name, domain = rng.choice(PROVIDERS)
    title = f"{_phrase(rng, 7)} {number}"
    url = _url(rng, domain, title)
    data = {
        "category": "news",
        "title": title,
        "excerpt": _phrase(rng, 20) + ".",
        "publishedDateTime": published,
        "originalUrl": url,
        "webUrl": url,
        "type": "article",
        "quality": rng.randrange(10, 100),
        "heat": rng.choice((-1, rng.randrange(100))),
        "published": False,
        "provider": {"name": name, "domain": domain},
        "topics": rng.sample(TOPICS, rng.randrange(1, 4)),
        "images": [_image(rng, domain)],
        "related": [_related(rng, published) for _ in range(rng.randrange(0, 5))],
        "secured": f"{base64.b64encode(rng.randbytes(48)).decode()};{base64.b64encode(rng.randbytes(16)).decode()}",
    }
    return f"{published:%Y-%m-%d}-{_slug(title)}.md", data


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def inject(data: dict[str, Any]) -> None:
        data[key] = value

    return inject


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    def inject(data: dict[str, Any]) -> None:
        del data[key]

    return inject


def _provider(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def inject(data: dict[str, Any]) -> None:
        data["provider"][key] = value

    return inject


def _first_image(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def inject(data: dict[str, Any]) -> None:
        data["images"][0][key] = value

    return inject


def _duplicate_related(data: dict[str, Any]) -> None:
    data["related"] = [_related(random.Random(len(data["title"])), data["publishedDateTime"])] * 2


def _related_to_itself(data: dict[str, Any]) -> None:
    data["related"] = [{**_related(random.Random(1), data["publishedDateTime"]), "webUrl": data["webUrl"]}]


# Each defect changes the data of a valid article; together they reach the schema (types,
# formats, patterns, enums, unknown keys) and the rules.
DEFECTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "title-not-string": _set("title", 12),
    "title-empty": _set("title", ""),
    "type-unknown": _set("type", "Video"),
    "quality-negative": _set("quality", -3),
    "quality-float": _set("quality", 1.5),
    "heat-boolean": _set("heat", True),
    "date-impossible": _set("publishedDateTime", "2021-02-29T00:00:00Z"),
    "date-without-zone": _set("publishedDateTime", "2021-07-28T02:44:00"),
    "date-future": _set("publishedDateTime", datetime(2099, 1, 1, tzinfo=timezone.utc)),
    "url-space": _set("webUrl", "https://www.example.com/a b"),
    "url-insecure": _set("originalUrl", "http://www.example.com/story"),
    "url-relative": _set("webUrl", "/news/story"),
    "unknown-key": _provider("nmae", "someone"),
    "missing-title": _delete("title"),
    "topics-not-list": _set("topics", "AI"),
    "excerpt-whitespace": _set("excerpt", "  Three   spaces,\r\n\r\na paragraph break and a trailing space. "),
    "excerpt-html": _set("excerpt", "Caf&eacute; <b>opens</b> &amp; closes"),
    "excerpt-empty": _set("excerpt", ""),
    "image-zero-width": _first_image("width", 0),
    "image-width-string": _first_image("width", "630"),
    "secured-malformed": _set("secured", "not base64"),
    "video-without-player": _set("type", "video"),
    "related-duplicate": _duplicate_related,
    "related-self": _related_to_itself,
}


def _dump(data: dict[str, Any]) -> str:
    """The front matter as the feed writes it: strings quoted, timestamps bare, keys in order."""
    lines: list[str] = []
    _write(data, lines, "")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def _write(value: Any, lines: list[str], indent: str) -> None:
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            _write(item, lines, indent + "  ")
        elif isinstance(item, list) and item:
            lines.append(f"{indent}{key}:")
            for element in item:
                if isinstance(element, dict):
                    nested: list[str] = []
                    _write(element, nested, indent + "    ")
                    lines.append(f"{indent}  - {nested[0].lstrip()}")
                    lines.extend(nested[1:])
                else:
                    lines.append(f"{indent}  - {_scalar(element)}")
        elif isinstance(item, list):
            lines.append(f"{indent}{key}: []")
        else:
            lines.append(f"{indent}{key}: {_scalar(item)}")


def write_articles(folder: Path, count: int, defect_share: float = 0.1, seed: int = 1) -> dict[str, str]:
    """Write ``count`` articles into ``folder``; return the defect injected into each file that has one."""
    rng = random.Random(seed)
    injected: dict[str, str] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        name, data = article(rng, number)
        if rng.random() < defect_share:
            defect = rng.choice(sorted(DEFECTS))
            DEFECTS[defect](data)
            injected[name] = defect
        (folder / name).write_text(f"---\n{_dump(data)}---\n\n{_phrase(rng, 30)}.\n", encoding="utf-8")
    return injected


def main() -> None:
    """Command line: write N articles into OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--defects", type=float, default=0.1, help="share of articles with a defect")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    injected = write_articles(args.out, args.count, args.defects, args.seed)
    print(f"wrote {args.count} articles to {args.out}, {len(injected)} with a defect")


if __name__ == "__main__":
    main()
