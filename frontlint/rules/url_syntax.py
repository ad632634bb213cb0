"""A URL that is empty, not absolute ``http``/``https``, without a valid host, or holding whitespace, invisible characters or HTML references.

## What it does
Reads every value whose schema ``format`` is ``uri``, ``iri``, ``uri-reference`` or
``iri-reference``. With only a ``-reference`` format, a site-relative URL (``/assets/logo.png``)
is right and only its characters are checked (and an empty one is reported as: expected a URL or
a site-relative path).

Checks every URL field (``webUrl``, ``originalUrl``, ``ampWebUrl``, ``cdnAmpWebUrl`` and image
``url``s, provider logos included, in the article and in each related entry) and reports one
that is empty, lacks the ``http://`` or ``https://`` scheme, has no host or an invalid one
(host labels are letters, digits and hyphens, not starting or ending with ``-``; an optional
port is digits), contains whitespace, control characters or invisible characters (format
characters such as a zero-width space, line and paragraph separators such as U+2028), or
holds an HTML character reference such as ``&#038;`` or ``&amp;`` (HTML escaping left in
the URL). The message says where the defect is and what to write instead.

An empty ``webUrl`` of a related entry whose ``type`` is ``video`` is not reported: it is
the feed's way of saying the video has no page of its own. Everywhere else, the article's
own ``webUrl`` included, an empty URL is reported.

Non-ASCII letters are accepted, in the host and elsewhere: the fields hold IRIs, as feeds
write them. A value that is not a string is the schema's business and is skipped here.

The fix makes only the repairs that have one answer, and only when they leave a valid URL:
it trims the ends, deletes invisible characters, percent-encodes spaces and control
characters inside (``%20``), and writes ``&`` for a reference to it (``&#038;``, ``&#38;``,
``&#x26;``, ``&amp;``, ``&AMP;``, and one escaped again such as ``&amp;amp;``). A no-break
or other non-ASCII space inside a URL stands for a space or a hyphen, which only its author
knows: it is reported, not fixed.

## Why
Every one of these URLs is followed by a browser or fetched by a crawler. An unencoded
space, the most common defect, cuts a link short or breaks an image in some clients and is
a different URL in others; a relative or scheme-less URL resolves against the site itself
and points nowhere. An invisible character makes a URL that looks right and is not, and
``&#038;`` (HTML's escape for ``&``) starts a fragment: the parameters after it never reach
the server.

## Example that fails
```yaml
webUrl: "https://www.wwlp.com/news/new law leaves facial recognition debate unsettled/"
images:
  - url: "https://i0.wp.com/www.wwlp.com/wp-content/uploads/court.jpg?w=1200&#038;ssl=1"
    width: 1200
    height: 800
```

## Example that passes
```yaml
webUrl: "https://www.wwlp.com/news/new-law-leaves-facial-recognition-debate-unsettled/"
images:
  - url: "https://i0.wp.com/www.wwlp.com/wp-content/uploads/court.jpg?w=1200&ssl=1"
    width: 1200
    height: 800
```

## Options
None.

## Precision on real articles
Measured on the real sample (`_news` of `../shared/corpus/azure`, 1,982 articles) with the
default settings: 608 diagnostics in 347 files; 60 sampled at random (seed 1) and each opened
at its line: 60 true defects, so precision 100 %. They were `&#038;` in image URLs (330 of
the 608), unencoded spaces (`https://apnews.com/PR Newswire/...`), trailing spaces and
U+2028 before a final `/`; 605 of the 608 are fixed by `--fix` (the 3 others hold U+202F
where a hyphen was meant).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import quote

from frontlint.diagnostic import DataPath, Problem, Severity
from frontlint.rule_support.article_view import ArticleView
from frontlint.rule_support.base import Option, RuleContext
from frontlint.schema.format_checkers import INVISIBLE
from frontlint.text.shortening import short

ID = "url-syntax"
SEVERITY = Severity.ERROR
FIXABLE = True
OPTIONS: dict[str, Option] = {}

EXPECTED = "expected an absolute http:// or https:// URL"
EXPECTED_REFERENCE = "expected a URL or a site-relative path such as /assets/logo.png"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PORT = re.compile(r"[0-9]+")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# An HTML character reference (``&#038;``, ``&#x26;``, ``&amp;``): HTML escaping left in
# a URL. The ones that stand for ``&`` have one fix; a name is checked against HTML's list.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_AMPERSAND = re.compile(r"&(?:#0*38|#[xX]0*26|amp|AMP);")
# References to "&" escaped again ("&amp;amp;") are decoded this many times at most.
_MAX_DECODING_ROUNDS = 8


# URLs that are plainly fine: ASCII host labels, an optional port, then no whitespace,
# control or invisible character. Most URLs are; the character-by-character checks are for
# the rest. The rest of the URL is runs of printable ASCII between runs of other allowed
# characters: the same text as one class of every allowed character, matched twice as fast.
_PLAINLY_VALID = re.compile(
    r"https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?"
    rf"(?::[0-9]+)?(?:[/?#][!-~]*(?:[^!-~\s\x00-\x1f\x7f-\x9f{INVISIBLE}]+[!-~]*)*)?"
)
FIX_HELP = (
    "the fix trims the URL, deletes invisible characters, percent-encodes spaces and control "
    "characters, and writes '&' for an HTML reference to it"
)


def check(context: RuleContext) -> Iterator[Problem]:
    """Yield one problem for each string URL field that is not a well-formed absolute URL."""
    for path, value in context.view.url_fields:
        if not isinstance(value, str):
            continue
        if _PLAINLY_VALID.fullmatch(value) and ("&" not in value or _REFERENCE.search(value) is None):
            continue  # most URLs, settled by one or two matches
        if not value.strip() and _is_related_video_page(context.view, path):
            continue  # a related video's empty webUrl: the feed's way of saying it has no page
        reference = path in context.view.reference_paths
        message = url_defect(value, reference=reference)
        if message is not None:
            fixed = _fix(value, reference)
            yield Problem(ID, message, path=path, replacement=fixed, help=FIX_HELP if fixed else None)


def _is_related_video_page(view: ArticleView, path: DataPath) -> bool:
    """Tell whether ``path`` is the page URL of a related entry whose ``type`` is ``video``."""
    for entry in view.entries[1:]:
        page = entry.role("page-url")
        if page is not None and page[0] == path:
            return bool(entry.data.get("type") == "video")
    return False


def _fix(url: str, reference: bool = False) -> str | None:
    """Return the URL with its unambiguous repairs made, only where that leaves no defect.

    Invisible characters are deleted, the ends trimmed, spaces and control characters
    inside percent-encoded, and HTML references to ``&`` (escaped again too) written as ``&``. Other
    whitespace inside (a no-break space) stands for something only its author knows.
    """
    fixed = _INVISIBLE.sub("", url).strip()
    for _ in range(_MAX_DECODING_ROUNDS):  # "&amp;amp;" is "&" escaped twice
        decoded = _AMPERSAND.sub("&", fixed)
        if decoded == fixed:
            break
        fixed = decoded
    fixed = "".join(quote(char) if _encodable(char) else char for char in fixed)
    if fixed == url or not fixed or url_defect(fixed, reference=reference) is not None:
        return None
    return fixed


def url_defect(url: str, *, reference: bool = False) -> str | None:
    """Return what is wrong with ``url``, the first defect found, or ``None`` when it is fine.

    With ``reference``, the schema's format is ``uri-reference`` or ``iri-reference``: a URL
    without a scheme (``/assets/logo.png``, ``../a``, ``#top``) is right, and only its characters are checked.
    """
    if not url.strip():
        return f"empty URL: {EXPECTED_REFERENCE if reference else EXPECTED}"
    if url != url.strip() or _INVISIBLE.match(url) or _INVISIBLE.match(url[-1]):
        return _character_defect(url)
    if reference and not _has_scheme(url):
        return _character_defect(url) or _reference_defect(url)
    # A missing scheme or host says more than a space further on ("htps//broken url").
    return _structure_defect(url) or _character_defect(url) or _reference_defect(url)


def _has_scheme(url: str) -> bool:
    """Tell whether a URL starts with a scheme (``https:``), as a relative reference never does."""
    match = _SCHEME.match(url)
    return match is not None and "." not in match.group(1)


def _character_defect(url: str) -> str | None:
    """Report the first whitespace, control or invisible character; at either end it is to be removed."""
    for index, char in enumerate(url):
        if not (_is_blank(char) or _INVISIBLE.match(char)):
            continue
        if not _visible(url[:index]):
            return f"URL starts with {_name(char)}: remove it"
        if not _visible(url[index:]):
            return f"URL ends with {_name(char)}: remove it"
        if _encodable(char):
            return f"URL contains {_name(char)} at character {index + 1}: percent-encode it as {quote(char)}"
        if _INVISIBLE.match(char):
            return f"URL contains {_name(char)} at character {index + 1}: delete it"
        return (
            f"URL contains {_name(char)} at character {index + 1}: write what it stands for instead, such as '-' or %20"
        )
    return None


def _reference_defect(url: str) -> str | None:
    """Report the first HTML character reference, saying what to write instead."""
    for match in _REFERENCE.finditer(url):
        reference = match.group()
        if _AMPERSAND.fullmatch(reference):
            instead = "write '&' instead"
        elif reference.startswith("&#") or _is_html_name(reference[1:]):
            instead = "write the character it stands for"
        else:
            continue  # "&name;" that HTML does not know: a parameter, not a reference
        return (
            f"URL contains the HTML character reference {short(reference)} at character {match.start() + 1}: {instead}"
        )
    return None


def _is_html_name(name: str) -> bool:
    """Tell whether ``name`` (with its ``;``) is one of HTML's named character references."""
    # deferred: html.entities is a 2,231-entry table, 1.6 ms, needed only for a URL holding "&name;"
    from html.entities import html5

    return name in html5


def _visible(text: str) -> bool:
    """Tell whether ``text`` holds anything but whitespace and invisible characters."""
    return bool(_INVISIBLE.sub("", text).strip())


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc"


def _encodable(char: str) -> bool:
    """A space or control character: percent-encoded, it is what its author typed."""
    return char == " " or unicodedata.category(char) == "Cc"


def _name(char: str) -> str:
    """Name a whitespace, control or invisible character: a plain space by name, others by code point."""
    if char == " ":
        return "a space"
    category = unicodedata.category(char)
    kind = "control character" if category == "Cc" else "whitespace" if category == "Zs" else "invisible character"
    return f"{kind} U+{ord(char):04X}"


def _structure_defect(url: str) -> str | None:
    """Check scheme, ``//`` and host of a URL free of whitespace."""
    match = _SCHEME.match(url)
    # "example.com:8080/a" parses with scheme "example.com": a dotted scheme is a host.
    if match is None or "." in match.group(1):
        return f"URL has no scheme: {EXPECTED}"
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        return f"URL scheme {short(match.group(1))} is not http or https: {EXPECTED}"
    rest = url[match.end() :]
    if not rest.startswith("//"):
        return f"URL has no '//' after '{match.group(1)}:': expected '{scheme}://' and a host"
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    return _authority_defect(authority.rpartition("@")[2], scheme)


def _authority_defect(host_port: str, scheme: str) -> str | None:
    """Check ``host[:port]`` (user information already removed)."""
    if host_port.startswith("["):
        host, _, tail = host_port[1:].partition("]")
        if not _is_ipv6(host) or (tail and not tail.startswith(":")):
            return f"URL host {short(host_port)} is not a valid IPv6 address: expected [hex:hex:...]"
        has_port, port = bool(tail), tail[1:]
    else:
        host, separator, port = host_port.partition(":")
        if not host:
            return f"URL has no host: expected '{scheme}://' followed by a host name"
        defect = _host_defect(host)
        if defect is not None:
            return defect
        has_port = bool(separator)
    if has_port and not _PORT.fullmatch(port):
        return f"URL port {short(port)} is not a number: expected digits after ':'"
    return None


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


def _host_defect(host: str) -> str | None:
    """Check a host name (or IPv4 address) label by label; one trailing dot is allowed."""
    for label in host.removesuffix(".").split("."):
        if not label:
            return f"URL host {short(host)} has an empty label: expected names separated by single dots"
        bad = next((char for char in label if not _is_label_char(char)), None)
        if bad is not None:
            return f"URL host {short(host)} contains {short(bad)}: expected letters, digits, '-' and '.'"
        if label.startswith("-") or label.endswith("-"):
            return f"URL host {short(host)} has a label starting or ending with '-': expected a letter or digit there"
    return None


def _is_label_char(char: str) -> bool:
    """Letters, digits and hyphens; any script's letters, marks and digits count (IDN)."""
    return char == "-" or unicodedata.category(char)[0] in "LMN"
