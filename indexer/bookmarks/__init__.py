"""Bookmarks: the user's own data, the one thing that cannot be rebuilt from the digests.

`store` is the bookmarks database (notes, tags, snapshots of the story), `saved` the saved
searches kept in it, `schema` its tables and migrations, `backups` its rolling backups and
restore; `export` writes bookmarks for other tools (JSON, Markdown, CSV, RIS, CSL-JSON, a notes
vault).

May import: the shared data modules, `indexer.reading.textcodec` and `indexer.stories.titles`;
never the index or the engine (bookmarks keep their own snapshot of each story).
"""
