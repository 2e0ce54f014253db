"""What `dex` runs to open the explorer: start the index process, then load Textual.

Why a separate step: the index process (tui.index_server) needs about half a second to load
Whoosh and numpy and open the index. Started before Textual is imported, it runs on the other
core during Textual's import and start-up instead of after them.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from tui import locations

if TYPE_CHECKING:
    from tui.app import DexApp


def explorer() -> DexApp:
    """The app, with its index already opening (Textual is imported here, after the start)."""
    # Imports make objects that live as long as the app and little garbage: the collector
    # waits until they are done, then leaves them out of its walks for good (gc.freeze), so a
    # full collection no longer stops the UI for a tenth of a second on a busy machine.
    gc.disable()
    try:
        from tui.index_client import IndexClient

        # The child first, then the session's modules (records, highlighting: ~20 ms).
        client = IndexClient()
        from tui.session import Session

        session = Session(locations.index_dir(), locations.bookmarks_db())
        session.start(client)
        from tui.app import DexApp

        gc.freeze()
    finally:
        gc.enable()
    return DexApp(session=session, freeze_when_ready=True)
