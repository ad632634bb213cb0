"""A page or source URL (``webUrl``, ``originalUrl``) whose host is not the provider's domain or a subdomain of it.

## What it does
Reads, in each entry, the values the schema marks ``page-url`` and ``source-url`` and the one it
marks ``provider-domain`` (``webUrl``, ``originalUrl`` and ``provider.domain`` in the bundled
contract).

For the article and for each related entry, compares the host of ``webUrl`` and of
``originalUrl`` with the ``provider.domain`` of the same entry. The host must be the domain
itself or a subdomain of it: ``www.wwlp.com`` matches ``wwlp.com``, but ``notwwlp.com`` does
not. The comparison ignores case and a trailing dot, and an internationalised host matches
its punycode form. An entry without a provider domain, or a URL without a host, is skipped
(``url-syntax`` reports the latter).

Videos are not compared: an entry whose ``type`` is ``video``, and a URL on a video host
(``youtube.com``, ``youtu.be``, ``youtube-nocookie.com``, ``vimeo.com``, ``dailymotion.com``,
``dai.ly``, ``wistia.com``, ``twitch.tv`` and their subdomains). Publishers host their
videos there, so a Microsoft video on YouTube is credited rightly to Microsoft.

## Why
The provider is shown as the source of the story. A URL on another site means either the
provider or the URL was copied from the wrong feed item, and readers are credited to, or
sent to, the wrong publisher.

## Example that fails
```yaml
webUrl: "https://technode.com/2021/07/29/chinas-supreme-court-sets-limits-on-facial-recognition/"
provider:
  name: WWLP
  domain: wwlp.com
```

## Example that passes
```yaml
webUrl: "https://www.wwlp.com/news/massachusetts/new-law-leaves-facial-recognition-debate-unsettled/"
provider:
  name: WWLP
  domain: wwlp.com
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 0 diagnostics; precision not measured on this sample. It catches a URL copied from
another publisher's feed item; the 631 hits it gave on the sample's `_learning/videos`
(Microsoft videos on YouTube) are gone with the video exemption.
"""

from __future__ import annotations

from collections.abc import Iterator

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.article_view import Entry
from frontlint.rule_support.base import Option, RuleContext
from frontlint.rule_support.url_host import url_host
from frontlint.text.shortening import short

ID = "provider-domain"
SEVERITY = Severity.WARNING
FIXABLE = False
OPTIONS: dict[str, Option] = {}

CHECKED_ROLES = ("page-url", "source-url")
# Where publishers host their videos: a URL there is the provider's own video.
VIDEO_HOSTS = (
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "vimeo.com",
    "dailymotion.com",
    "dai.ly",
    "wistia.com",
    "twitch.tv",
)


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield a problem for each article or related URL whose host is outside its provider's domain."""
    for entry in context.view.entries:
        domain = _provider_domain(entry)
        if domain is None or entry.data.get("type") == "video":
            continue
        for role in CHECKED_ROLES:
            field = entry.role(role)
            host = url_host(field[1]) if field is not None and isinstance(field[1], str) else None
            if field is not None and host is not None and not in_domain(host, domain[1]) and not _on_video_host(host):
                yield Problem(
                    ID,
                    f"host {short(host)} is not {short(domain[1])} or a subdomain of it ({_name(domain[0], entry)})",
                    path=field[0],
                )


def _on_video_host(host: str) -> bool:
    """Tell whether ``host`` is a video host or a subdomain of one."""
    return any(in_domain(host, video_host) for video_host in VIDEO_HOSTS)


def _provider_domain(entry: Entry) -> tuple[DataPath, str] | None:
    """Return the path of the entry's value marked ``provider-domain`` and the value stripped, when it is a non-blank string."""
    field = entry.role("provider-domain")
    if field is None or not isinstance(field[1], str) or not field[1].strip():
        return None
    return field[0], field[1].strip()


def _name(path: DataPath, entry: Entry) -> str:
    """Name the domain's place within its entry: ``provider.domain``."""
    return ".".join(str(step) for step in path[len(entry.path) :])


def in_domain(host: str, domain: str) -> bool:
    """Tell whether ``host`` is ``domain`` or a subdomain of it, by whole labels."""
    host, domain = _comparable(host), _comparable(domain)
    return host == domain or host.endswith("." + domain)


def _comparable(name: str) -> str:
    """Lower-case, drop one trailing dot, and write internationalised labels in punycode."""
    name = name.lower().removesuffix(".")
    if name.isascii():  # the IDNA codec leaves an ASCII name as it is, or refuses it: as written either way
        return name
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        # Not a name the IDNA codec accepts (an empty label, say): compare it as written.
        return name
