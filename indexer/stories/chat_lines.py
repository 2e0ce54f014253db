"""A messaging app's exported chat (WhatsApp and apps like it): one line per message, opened by
its date, time and sender ("10/11/2025, 07:52 - Brookvale GP Federation: *Flu clinics*", or
"[10/11/2025, 07:52:10] Name: ..."). Each message becomes a paragraph of its own, without the
stamp; the app's own lines (encryption notices, "X created group", "<Media omitted>", "This
message was deleted") go. What the splitter then sees is the text the senders wrote, with
their bold titles and bullets, as a newsletter sets them.
"""

from __future__ import annotations

import re

_STAMP = re.compile(
    r"^\[?(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}),?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[APap]\.?[Mm]\.?)?\]?"
    r"(?:\s+-)?\s+"
)
# "Name: text" after the stamp; a line with no sender is the app's own.
_SENDER = re.compile(r"^([^:\n]{1,60}?):\s")
_APP_TEXT = re.compile(
    r"^(?:<media omitted>|<attached: [^>]*>|this message was deleted|you deleted this message"
    r"|(?:image|video|audio|sticker|gif|document) omitted|null)$",
    re.I,
)
_MESSAGES = 3  # stamped lines at least, most of the text's first lines


def unfold_chat(text: str) -> str:
    """The text of a chat export as paragraphs of its messages; other text as it is."""
    lines = text.split("\n")
    stamped = [at for at, line in enumerate(lines) if _STAMP.match(line)]
    if len(stamped) < _MESSAGES or stamped[0] > 2:
        return text
    out: list[str] = []
    for line in lines:
        stamp = _STAMP.match(line)
        if stamp is None:
            out.append(line)  # a message's next line (or a blank inside it)
            continue
        rest = line[stamp.end() :]
        sender = _SENDER.match(rest)
        if sender is None:
            continue  # "Messages and calls are end-to-end encrypted", "X created group ..."
        message = rest[sender.end() :].strip()
        if _APP_TEXT.match(message):
            continue
        out += ["", message]
    return "\n".join(out)
