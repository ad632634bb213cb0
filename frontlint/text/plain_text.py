"""Rule pages as plain text for a terminal: what ``frontlint rules`` and ``frontlint rule ID`` print.

The pages are module docstrings written with Markdown headings and fences and RST code spans.
In plain text a code span loses its backticks (````webUrl```` reads webUrl); one that holds a
space or no letter or digit is quoted instead, where it would blend into the sentence
(````---```` reads '---'). A ``## Heading`` line is the heading, underlined. A fenced code
block loses its fences and is indented four spaces; its text is kept as written.
"""

from __future__ import annotations

import re

_CODE_SPAN = re.compile(r"``(.+?)``|`([^`\n]+)`")
_HEADING = re.compile(r"#{1,6} +(.*)")
_FENCE = "```"
_CODE_INDENT = "    "


def plain_text(page: str) -> str:
    """Return a documentation page as plain text: no backticks, heading marks or fences."""
    lines: list[str] = []
    in_code = False
    for line in page.split("\n"):
        if line.startswith(_FENCE):
            in_code = not in_code
            continue
        if in_code:
            lines.append(_CODE_INDENT + line if line else line)
            continue
        heading = _HEADING.fullmatch(line)
        if heading is not None:
            title = plain_inline(heading.group(1))
            lines.extend((title, "-" * len(title)))
        else:
            lines.append(plain_inline(line))
    return "\n".join(lines)


def plain_inline(text: str) -> str:
    """Return prose with its code spans written plainly: ``webUrl`` as webUrl, ``---`` as '---'."""
    return _CODE_SPAN.sub(_plain_span, text)


def _plain_span(match: re.Match[str]) -> str:
    code = match.group(1) if match.group(1) is not None else match.group(2)
    if any(char.isspace() for char in code) or not any(char.isalnum() for char in code):
        return f"'{code}'"
    return code
