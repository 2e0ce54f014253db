"""Entities: organisations, people, places, money, percentages and dates in a story's text.

`extractor` runs one story through the rest: `story_text` blanks what is not the story;
`field_text` holds a field's tokens and the candidate spans every rule returns; `gazetteer`
loads the curated names in `lists/` and `gazetteer_matches` finds them in a field; rules find
what no list holds: `orgs_by_head` organisations by their last word (where "and" joins two
names is `joined_names`'), `orgs_by_opening` by an introducer or first word ("the charity X",
"Healthwatch X"), `bodies` by their kind, `person_rules` people, `places` compass-point and
context places, `sites` streets, parks and buildings by their last word, `hospitals` hospitals
by their short names, `initialisms` the acronyms a digest spells out elsewhere ("AHWU" for the
union its masthead names), `areas` the areas it names its care systems by ("Tamar and Moor"
for "NHS Tamar and Moor ICB"); `quantities` and `date_periods` read money, percentages and
dates with their values. Story-wide passes then give names their canonical forms
(`full_names`, `org_names`) and aliases (`aliases`); `mentions` cleans and remembers a
mention's text; `word_lists` holds the words the rules consult.

May import: `indexer.stories` (what is a byline or footer) and the shared data modules.
"""
