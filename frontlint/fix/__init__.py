"""``--fix``: edits of a scalar's own text, the read-back safety net, and atomic writes."""
