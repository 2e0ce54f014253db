"""Searching the index: the query language, ranked hits, snippets, facets and suggestions.

`query` checks and rewrites what the user typed (fields, aliases, dates, money, bookmarks;
`query_dates` for dates as people type them); `searcher` opens the index (`open_index`) and
answers searches, stories and facets; `snippets` picks and marks the passage shown; `trends`
counts matches per week, month or year and the entities that rose or fell (from the date column
and entity postings, stories with only a file date apart).

May import: `indexer.engine`, `indexer.index` (to open and check a folder), shared data.
"""
