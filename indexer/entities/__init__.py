"""Entities: organisations, people, places, money, percentages and dates in a story's text.

`extractor` runs one pass over the tokens; `gazetteer` loads the curated names in `lists/`;
`rules` finds trusts, systems, councils and people by shape, `bodies` organisations named by
their kind, `places` compass-point places, `sites` streets, parks and buildings by their last
word, `hospitals` hospitals by their short names, `initialisms` the acronyms a digest spells
out elsewhere ("AHWU" for the union its masthead names), `areas` the areas it names its care
systems by ("Tamar and Moor" for "NHS Tamar and Moor ICB"), `word_lists` the words the rules
consult; `quantities` and `date_periods` read money, percentages and dates with their values.

May import: `indexer.stories` (what is a byline or footer) and the shared data modules.
"""
