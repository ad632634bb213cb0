"""Baselines: the baseline file, and the baseline each configuration names for its files."""
