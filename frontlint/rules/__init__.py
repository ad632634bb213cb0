"""The registry of lint rules: every rule module, in the order ``frontlint rules`` lists them."""

from __future__ import annotations

from .base import RuleContext, RuleModule, summary

RULES: tuple[RuleModule, ...] = ()

RULES_BY_ID: dict[str, RuleModule] = {rule.ID: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_ID", "RuleContext", "RuleModule", "summary"]
