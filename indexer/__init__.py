"""Headless core of Digest Explorer: reading digests, splitting stories, entities, the index.

Nothing in this package imports textual or rich; it returns plain frozen dataclasses.
"""
