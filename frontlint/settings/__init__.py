"""What a run is configured with: the configuration keys (:mod:`.keys`), the resolved :class:`~.resolved.Settings`
of one configuration, and the gitignore-style patterns they hold (:mod:`.path_patterns`, :mod:`.globs`)."""
