"""Stories: a `RawDigest` split into the stories a reader sees.

`lines` turns blocks (or plain text by line shape, `lineshape`, with hard wraps joined by
`unwrap` and grid tables written out by `grids`) into the splitter's lines, `items` reading the
marks plain text numbers its items with; `template` finds the pattern the digest repeats;
`split` decides what each line is and assembles stories; `boilerplate` and `debris` say what is
not news; `plausible` is the learned check on each piece the rules keep (a doubted piece joins
the story above, `story_model.json` its weights, `tools/train_story_model.py` its trainer);
`single` reads a feed item or post; `titles` names stories that have no headline.

May import: `indexer.reading` and the shared data modules.
"""
