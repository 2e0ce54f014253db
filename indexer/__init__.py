"""Headless core of Digest Explorer: reading digests, splitting stories, entities, the index.

Nothing in this package imports textual or rich; it returns plain frozen dataclasses. The
stages, each a subpackage whose `__init__` says what it holds and what it may import:

    reading    files to RawDigests: encodings, mail, HTML, Markdown, feeds, .msg, the blocks
    stories    RawDigests to stories: lines, the story template, what is not news
    entities   organisations, people, places, money, percentages, dates
    pipeline   (a module) joins the three: files to Digests with ids, titles and entities
    engine     the one place that talks to Whoosh: schema, analysis, writing, ranking
    index      building and updating the index folder: runs, workers, manifest, integrity
    search     the query language, ranked hits, snippets, facets, suggestions
    bookmarks  the user's bookmarks, their backups and exports

`records`, `blocks`, `errors`, `atomic` and `first_names` are shared by all stages and import
none of them.
`tests/test_layers.py` holds the allowed directions.
"""
