"""Terminal front end of Digest Explorer: the `dex` command line and the Textual app."""
