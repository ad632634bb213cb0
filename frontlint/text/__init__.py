"""Text helpers every layer may use: values shortened to fit a message, strings made safe to show,
rule pages as plain text, and the fingerprints that identify a problem apart from its line."""
