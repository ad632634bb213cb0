"""``frontlint init``: find a site checkout's collections, and write a configuration and schemas that fit them.

:mod:`~frontlint.init.collections` finds the collections (Jekyll, Hugo, Astro, or plain folders),
:mod:`~frontlint.init.front_matter` reads their files, :mod:`~frontlint.init.article_fit` tells
whether the bundled article contract fits one, :mod:`~frontlint.init.inference` infers a schema
for the others, and :mod:`~frontlint.init.config_text` writes the commented ``frontlint.toml``.
"""
