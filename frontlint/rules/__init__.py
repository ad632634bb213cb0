"""The lint rules, one module each; :mod:`.registry` lists them with every other check."""

from __future__ import annotations

from frontlint.rules.base import Check, Option, RuleContext, RuleModule, RunWideRule, summary

__all__ = ["Check", "Option", "RuleContext", "RuleModule", "RunWideRule", "summary"]
