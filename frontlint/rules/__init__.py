"""The lint rules, one module each, and nothing else: :mod:`frontlint.registry` lists them with every
other check, and :mod:`frontlint.rule_support` holds what a rule is (:mod:`~frontlint.rule_support.base`)
and the helpers rules share."""
