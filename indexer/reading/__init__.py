"""Reading: files in, `RawDigest`s out, whatever the format, encoding or carrier.

`readers` finds files and picks a reader by content: `html_page` (the DOM, via selectolax),
`markdown_doc` (markdown-it-py), `mail` (.eml, mbox, Maildir), `outlook_msg` (.msg), `feeds`
(RSS and Atom); plain text is read as it is. `textcodec` turns bytes into clean text,
`digest_dates` finds a digest's own date, `posts` and `mail_marks` find a mail post's own words.

May import: `indexer.records`, `indexer.blocks`, `indexer.errors` (nothing of the later stages).
"""
