"""Configuration: reading configuration files, the resolved settings, each file's configuration, path patterns."""
