"""One run over many files: discovery, sources, checking each (in worker processes), run-wide rules."""
