"""What a rule is and what rules share: the rule interface (:mod:`.base`), one file's data as rules
read it (:mod:`.article_view`), where a defect is authored (:mod:`.authored`), the pages of the
checks built into the reader and engine (:mod:`.reader_checks`), and URL hosts and normalisation."""
