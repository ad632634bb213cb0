"""What a rule is and what rules share: the rule interface (:mod:`.base`), one file's data as rules
read it, its fields found through the schema's marks and formats (:mod:`.article_view`), where a
defect is authored (:mod:`.authored`), dates as a site's generator reads them
(:mod:`.generator_dates`), how far apart two names are (:mod:`.edit_distance`), the pages of the
checks built into the reader and engine (:mod:`.reader_checks`), and URL hosts and normalisation."""
