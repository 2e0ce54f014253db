"""Headless core of Digest Explorer: reading digests, splitting stories, entities, the index.

Nothing in this package imports textual or rich; it returns plain frozen dataclasses.

From a file to stories (the [H] design):

- `readers` finds files and picks a reader by content: `html_text` (HTML through its DOM),
  `markdown_text` (markdown-it-py), `mail` (.eml, mbox, Maildir files), `outlook_msg` (.msg),
  `feeds` (RSS and Atom: each item one story); plain text is read as it is.
- Every structured reader gives `blocks.Block`s: headings with levels, paragraphs, list items
  with numbers and bold or linked leads, cells, quotes.
- `lines` turns blocks (or plain text, by line shape, with mail inside it read as mail) into
  the splitter's lines: running heads gone, hard wraps joined (`unwrap`), and headline leads
  cut where the digest's template is a lead (`template`).
- `segment` decides what each line is and assembles stories; `boilerplate` and `debris` say
  what is not news (chrome, footers, contents lists, events, vacancies, sponsor blocks...).
- `pipeline` gives the stories ids, titles, dates and entities; `dex parse --explain` prints
  each line's decision from `segment.split_digest(..., explain=True)`.
"""
