"""The version of frontlint: the command's ``--version``, the reports' tool version, the package's metadata."""

__version__ = "0.1.0"
