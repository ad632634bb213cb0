"""Checking one file: the engine, the one place a diagnostic is finalised, inline suppressions, fingerprints."""
