"""The registry of lint rules: every rule module, in the order ``frontlint rules`` lists them."""

from __future__ import annotations

from . import (
    amp_cache_url,
    date_future,
    duplicate_article,
    empty_value,
    excerpt_boilerplate,
    filename_date,
    image_dimensions,
    image_duplicate,
    provider_domain,
    related_duplicate,
    related_self,
    secured_format,
    text_html,
    text_whitespace,
    url_insecure,
    url_syntax,
)
from .base import DocumentedCheck, RuleContext, RuleModule, RunWideRule, documentation, summary

# Rules that check one file at a time, run by the engine on every file.
RULES: tuple[RuleModule, ...] = (
    url_syntax,
    url_insecure,
    provider_domain,
    amp_cache_url,
    date_future,
    filename_date,
    image_dimensions,
    image_duplicate,
    related_duplicate,
    related_self,
    text_whitespace,
    text_html,
    excerpt_boilerplate,
    empty_value,
    secured_format,
)

RULES_BY_ID: dict[str, RuleModule] = {rule.ID: rule for rule in RULES}

# Rules whose diagnostics depend on other files of the run (see RunWideRule).
RUN_WIDE_RULES: tuple[RunWideRule, ...] = (duplicate_article,)

# Every rule with a documentation page, per-file and run-wide, by id.
ALL_RULES_BY_ID: dict[str, DocumentedCheck] = {**RULES_BY_ID, **{rule.ID: rule for rule in RUN_WIDE_RULES}}

__all__ = [
    "ALL_RULES_BY_ID", "RULES", "RULES_BY_ID", "RUN_WIDE_RULES", "DocumentedCheck", "RuleContext", "RuleModule", "RunWideRule",
    "documentation", "summary",
]
