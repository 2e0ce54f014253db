"""The tests here check the splitting rules, on digests of a few short lines each: they run
with the story model off, which judges whole pieces of real digests and is tested on its own
(`test_plausible.py`) and, with the rules, on the evaluation sets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.stories.plausible import unjudged


@pytest.fixture(autouse=True)
def rules_only(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("story_model"):
        yield
        return
    with unjudged():
        yield
