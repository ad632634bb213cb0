"""Front-matter dialects: YAML, TOML and JSON behind one interface (:mod:`frontlint.dialects.base`)."""
