"""The names of the files the engine keeps in an index folder: Whoosh's index name (its table
of contents and segments start with it) and dex's writer lock.

Apart from the engine's other modules because the index marker checks a folder's files by these
names on every look for changes, and must not load Whoosh to do it.
"""

INDEX_NAME = "dex"
WRITE_LOCK = "dex-write.lock"
