"""The command palette (Ctrl+P): every bound action, run exactly as its key runs it.

Commands are generated from the bindings of the app, the screen and each pane, so a new binding
is a new command; choosing one runs the binding's action on the node that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from tui.keymap import class_bindings

# Moving a cursor or scrolling is not something to look up in a palette.
NOT_COMMANDS = frozenset(
    {"cursor_down", "cursor_up", "first", "last", "scroll_down", "scroll_up", "scroll_home",
     "scroll_end", "page_down", "page_up", "history_back", "history_forward", "leave", "back",
     "submit", "command_palette", "dismiss", "scroll_left", "scroll_right", "page_left",
     "page_right"}
)  # fmt: skip


def command_nodes(screen: DOMNode) -> Iterator[tuple[str, DOMNode]]:
    """(title, node) for the app, the screen and each pane the screen names in PANES."""
    yield "", screen.app
    yield "", screen
    for title, pane_class in getattr(screen, "PANES", ()):
        for node in screen.query(pane_class):
            yield title, node


def commands(screen: DOMNode) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(name, help, callback) for every action bound on the screen's nodes, once each."""
    app = screen.app
    seen: set[tuple[int, str]] = set()
    for title, node in command_nodes(screen):
        for binding in class_bindings(type(node)):
            action = binding.action
            if not binding.description or action.split("(")[0] in NOT_COMMANDS:
                continue
            if (id(node), action) in seen:
                continue
            seen.add((id(node), action))
            name = f"{title}: {binding.description}" if title else binding.description
            keys = key_help(app, binding)
            yield name, keys, partial(app.run_action, action, node)


def key_help(app: App[object], binding: Binding) -> str:
    """ "key: ^b - what it does", with the user's key map applied."""
    keymap: dict[str, str] = getattr(app, "keymap", {})
    key = keymap.get(binding.id, binding.key) if binding.id else binding.key
    shown = ", ".join(app.get_key_display(Binding(k, binding.action)) for k in key.split(","))
    tip = f" - {binding.tooltip}" if binding.tooltip else ""
    return f"key: {shown}{tip}"


class DexCommands(Provider):
    """Offers the explorer's actions, and "search for …" with whatever is typed."""

    async def discover(self) -> Hits:
        for name, help_text, callback in commands(self.screen):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in commands(self.screen):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
        search_for = getattr(self.screen, "search_for", None)
        typed = query.strip()
        if typed and callable(search_for):
            label = f"Search stories for: {typed}"
            yield Hit(0.01, Text(label), partial(search_for, typed), text=label,
                      help="runs it in the search bar")  # fmt: skip
