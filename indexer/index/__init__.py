"""The index on disk: building and updating it, and knowing what it holds.

`store` opens, checks and updates an index folder (one writer at a time); `indexing` is one
`dex index` run, `workers` its worker processes; `manifest` records the files and stories
indexed, `marker` and `checksums` the folder's state and integrity, `ownership` whose folder it
is; `vocabulary` keeps the index's words for wildcards and did-you-mean. `sources` remembers the
folders and files the user indexes, `watching` keeps the index current as they change, and
`changes` tells a reader cheaply that the index changed.

May import: `indexer.engine`, `indexer.pipeline` (and through it the reading stages), shared
data. Never `indexer.search`: searching reads what this package writes.
"""
