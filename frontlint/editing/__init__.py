"""The text edits a fix makes and the read-back that proves they keep the file's data.

:mod:`.edits` applies edits and picks fixes that do not overlap, :mod:`.scalar_text` writes a
string back in place of one YAML scalar, and :mod:`.read_back` keeps only the fixes whose edited
text reads back as intended. The checking engine offers fixes through them; ``--fix`` and the
language server apply them.
"""
