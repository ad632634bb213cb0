"""``--fix``: applying the safe fixes to a file (:mod:`.fixer`) and writing it atomically (:mod:`.atomic_write`)."""
