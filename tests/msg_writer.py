"""Write minimal Outlook `.msg` files, so the .msg reader can be tested without sample files.

extract-msg reads `.msg` files but has no way to make a message (its OleWriter copies compound
files; nothing composes a property stream), and no real message can be shipped. So this writes
the smallest file Outlook's format allows, independently of the reader, and the tests check that
olefile and extract-msg read it back. Two layers, each after its Microsoft specification:

- `cfb_file`: a Compound File Binary (MS-CFB) version 3 file, 512-byte sectors, holding streams
  at the top level only. Streams under 4,096 bytes live in the mini stream (64-byte mini
  sectors), larger ones in sectors of their own. No DIFAT sectors, so files up to about 7 MB.
- `msg_file`: an Outlook message (MS-OXMSG) in it: the `__properties_version1.0` stream of a
  top-level message (a 32-byte header, then one 16-byte entry per property: fixed-size values
  inline, strings and binaries as their size with the data in a `__substg1.0_TTTTPPPP` stream).
"""

from __future__ import annotations

import datetime as dt
import struct

import compressed_rtf  # installed with extract-msg

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

PT_LONG = 0x0003
PT_SYSTIME = 0x0040
PT_UNICODE = 0x001F
PT_BINARY = 0x0102
PR_MESSAGE_CLASS = 0x001A
PR_SUBJECT = 0x0037
PR_CLIENT_SUBMIT_TIME = 0x0039
PR_TRANSPORT_MESSAGE_HEADERS = 0x007D
PR_MESSAGE_DELIVERY_TIME = 0x0E06
PR_MESSAGE_FLAGS = 0x0E07
PR_BODY = 0x1000
PR_HTML = 0x1013
PR_RTF_COMPRESSED = 0x1009
MSGFLAG_READ = 0x1
READABLE_WRITABLE = 0x2 | 0x4
_FILETIME_EPOCH = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)


# -- MS-CFB --------------------------------------------------------------------------------------


def _pack(*fields: tuple[str, int | bytes]) -> bytes:
    """Little-endian fields, each (struct code, value), so a layout reads like the spec's table."""
    return b"".join(struct.pack("<" + code, value) for code, value in fields)


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\0" * (-len(data) % size)


def _chain(first: int, count: int) -> list[int]:
    """FAT entries for `count` consecutive sectors from `first`: each points to the next."""
    return [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN] if count else []


def _sort_key(name: str) -> tuple[int, str]:
    """CFB orders siblings by name length first, then by upper-cased name (MS-CFB 2.6.4)."""
    return len(name), name.upper()


def _tree(ids: list[int], left: dict[int, int], right: dict[int, int]) -> int:
    """Link sorted entry ids into a balanced binary search tree; return its root id.

    Every node is black. olefile and extract-msg walk the tree without checking colours; a
    strict red-black checker would want the lowest level red.
    """
    if not ids:
        return NOSTREAM
    middle = len(ids) // 2
    root = ids[middle]
    left[root] = _tree(ids[:middle], left, right)
    right[root] = _tree(ids[middle + 1 :], left, right)
    return root


def _dir_entry(
    name: str,
    kind: int,
    *,
    left: int = NOSTREAM,
    right: int = NOSTREAM,
    child: int = NOSTREAM,
    start: int = ENDOFCHAIN,
    size: int = 0,
) -> bytes:
    """One 128-byte directory entry (kind 5 the root storage, 2 a stream, 0 unused)."""
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    if len(encoded) > 64:
        raise ValueError(f"CFB names are at most 31 characters: {name!r}")
    return _pack(
        ("64s", encoded),
        ("H", len(encoded)),
        ("B", kind),
        ("B", 1),  # colour: black
        ("I", left),
        ("I", right),
        ("I", child),
        ("16s", b""),  # CLSID
        ("I", 0),  # state bits
        ("Q", 0),  # creation time
        ("Q", 0),  # modification time
        ("I", start),
        ("Q", size),
    )


_UNUSED_ENTRY = _dir_entry("", 0, start=0)


def cfb_file(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file holding `streams` (name -> data) in its root storage."""
    names = sorted(streams, key=_sort_key)
    sectors: list[bytes] = []  # the file after its header, one 512-byte sector each
    fat: list[int] = []  # the next sector of each sector's chain

    def place(data: bytes) -> int:
        """Append `data` as a chain of whole sectors; return its first sector (or ENDOFCHAIN)."""
        if not data:
            return ENDOFCHAIN
        first, padded = len(sectors), _pad(data, SECTOR)
        sectors.extend(padded[i : i + SECTOR] for i in range(0, len(padded), SECTOR))
        fat.extend(_chain(first, len(padded) // SECTOR))
        return first

    mini_stream = b""
    mini_fat: list[int] = []
    starts: dict[str, int] = {}
    for name in names:
        data = streams[name]
        if data and len(data) < MINI_CUTOFF:
            starts[name] = len(mini_stream) // MINI_SECTOR
            mini_fat += _chain(starts[name], -(-len(data) // MINI_SECTOR))
            mini_stream += _pad(data, MINI_SECTOR)
        else:
            starts[name] = place(data)

    mini_stream_start = place(mini_stream)
    mini_fat_bytes = _pad(struct.pack(f"<{len(mini_fat)}I", *mini_fat), SECTOR) if mini_fat else b""
    mini_fat_start = place(mini_fat_bytes)

    left: dict[int, int] = {}
    right: dict[int, int] = {}
    ids = {name: number for number, name in enumerate(names, start=1)}
    root_child = _tree([ids[name] for name in names], left, right)
    entries = [
        _dir_entry(
            "Root Entry", 5, child=root_child, start=mini_stream_start, size=len(mini_stream)
        )
    ]
    for name in names:
        entries.append(
            _dir_entry(
                name,
                2,
                left=left[ids[name]],
                right=right[ids[name]],
                start=starts[name],
                size=len(streams[name]),
            )
        )
    entries += [_UNUSED_ENTRY] * (-len(entries) % (SECTOR // 128))
    directory_start = place(b"".join(entries))

    fat_count = 1
    while len(sectors) + fat_count > fat_count * (SECTOR // 4):
        fat_count += 1
    if fat_count > 109:
        raise ValueError("too large for a file without DIFAT sectors")
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREESECT] * (fat_count * (SECTOR // 4) - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [fat_bytes[i : i + SECTOR] for i in range(0, len(fat_bytes), SECTOR)]

    difat = [fat_start + i for i in range(fat_count)] + [FREESECT] * (109 - fat_count)
    header = _pack(
        ("8s", SIGNATURE),
        ("16s", b""),  # CLSID
        ("H", 0x003E),  # minor version
        ("H", 3),  # major version 3: 512-byte sectors
        ("H", 0xFFFE),  # byte order: little-endian
        ("H", 9),  # sector shift: 2**9 bytes
        ("H", 6),  # mini sector shift: 2**6 bytes
        ("6s", b""),
        ("I", 0),  # directory sectors: always 0 in version 3
        ("I", fat_count),
        ("I", directory_start),
        ("I", 0),  # transaction signature
        ("I", MINI_CUTOFF),
        ("I", mini_fat_start),
        ("I", len(mini_fat_bytes) // SECTOR),
        ("I", ENDOFCHAIN),  # first DIFAT sector: none
        ("I", 0),  # DIFAT sectors
    ) + struct.pack("<109I", *difat)
    return header + b"".join(sectors)


# -- MS-OXMSG ------------------------------------------------------------------------------------


def _filetime(moment: dt.datetime) -> int:
    """100-nanosecond intervals since 1601-01-01 UTC."""
    return (moment - _FILETIME_EPOCH) // dt.timedelta(microseconds=1) * 10


def msg_file(
    subject: str | None,
    body: str | None,
    *,
    html: bytes | None = None,
    rtf: bytes | None = None,
    delivered: dt.datetime | None = None,
    submitted: dt.datetime | None = None,
    headers: str | None = None,
    message_class: str | None = "IPM.Note",
) -> bytes:
    """A top-level Outlook message with no recipients or attachments; times must be aware.

    `rtf` is an RTF document, stored compressed (MS-OXRTFCP) as Outlook keeps its rich bodies,
    often with the HTML body wrapped inside it (MS-OXRTFEX) and no separate HTML stream.
    """
    strings = {
        PR_MESSAGE_CLASS: message_class,
        PR_SUBJECT: subject,
        PR_TRANSPORT_MESSAGE_HEADERS: headers,
        PR_BODY: body,
    }
    entries: list[tuple[int, int, bytes]] = []  # (property id, type, 8-byte value)
    streams: dict[str, bytes] = {}

    def variable(prop: int, kind: int, data: bytes) -> None:
        streams[f"__substg1.0_{prop:04X}{kind:04X}"] = data
        size = len(data) + 2 if kind == PT_UNICODE else len(data)
        entries.append((prop, kind, struct.pack("<II", size, 0)))

    for prop, text in strings.items():
        if text is not None:
            variable(prop, PT_UNICODE, text.encode("utf-16-le"))
    if html is not None:
        variable(PR_HTML, PT_BINARY, html)
    if rtf is not None:
        variable(PR_RTF_COMPRESSED, PT_BINARY, compressed_rtf.compress(rtf, compressed=True))
    for prop, moment in ((PR_CLIENT_SUBMIT_TIME, submitted), (PR_MESSAGE_DELIVERY_TIME, delivered)):
        if moment is not None:
            entries.append((prop, PT_SYSTIME, struct.pack("<Q", _filetime(moment))))
    entries.append((PR_MESSAGE_FLAGS, PT_LONG, struct.pack("<I4x", MSGFLAG_READ)))

    header = struct.pack("<8xIIII8x", 0, 0, 0, 0)  # next recipient/attachment ids, counts
    properties = b"".join(
        struct.pack("<II", prop << 16 | kind, READABLE_WRITABLE) + value
        for prop, kind, value in sorted(entries)
    )
    streams["__properties_version1.0"] = header + properties
    return cfb_file(streams)
