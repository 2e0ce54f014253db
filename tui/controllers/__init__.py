"""The parts a screen is composed of that have no look of their own.

A controller holds the state of one concern, runs its thread workers and turns their answers
into messages that bubble up to the screen, which shows them in its panes. Controllers never
query or change panes; the screen calls their methods and routes pane messages to them.

- `controller.py`: the base class (hidden, and reporting its workers' failures as a message),
  and the one line a failure is reported as
- `opening.py`: opening the session, and what opening found
- `search.py`: queries as typed, more like this, facets, the query history
- `reader.py`: the story the reader shows, and its entities' story counts
- `bookmarks.py`: toggle, notes and tags, delete with undo, bulk add, export
- `saved.py`: saved searches (named in a dialog) and their counts
- `watching.py`: the app's watcher of the sources, and changes another dex made, said in notices
"""
