"""Outlook .msg files: bodies, subjects and dates, what is not a message, and the test writer.

The fixtures in tests/fixtures/carriers/ are made by tests/msg_writer.py from the messages
below; `python -m tests.indexer.reading.test_outlook_msg` writes them again after a change.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import extract_msg
import olefile
import pytest

from indexer.reading.outlook_msg import MsgError, MsgParts, read_msg
from tests.msg_writer import cfb_file, msg_file

CARRIERS = Path(__file__).resolve().parents[2] / "fixtures" / "carriers"

PLAIN_STORIES = (
    "HEALTH POLICY BRIEFING\r\n"
    "Tuesday 5 March 2024\r\n"
    "\r\n"
    "Trusts told to cut agency spend by 10%\r\n"
    "NHS England has told trusts in the Midlands to cut agency staffing spend by 10% this year\r\n"
    "and to publish monthly figures. Boards that miss the target will face a review.\r\n"
    "\r\n"
    "Northfield maternity unit rated inadequate\r\n"
    "The Care Quality Commission has rated the maternity unit at Northfield General Hospital\r\n"
    "inadequate after inspectors found staffing gaps on nine of twelve shifts.\r\n"
    "\r\n"
    "Integrated care boards asked to merge back offices\r\n"
    "Ministers want the 42 integrated care boards in England to share payroll and finance teams\r\n"
    "by 2026, saving an estimated £120m a year.\r\n"
)
HTML_STORIES = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>The Week in Health Policy</title></head>
<body>
<h1>The Week in Health Policy</h1>
<h2>GP practices to offer evening appointments in Leeds</h2>
<p>Twelve GP practices in Leeds will open until 8pm on weekdays from June, in a pilot funded by
the West Yorkshire integrated care board.</p>
<h2>Dental contract reform delayed until 2025</h2>
<p>The Department of Health and Social Care has delayed changes to the NHS dental contract. The
British Dental Association called the delay \u201cdeeply disappointing\u201d.</p>
<h2>\u00a31.2bn fund for hospices</h2>
<p>The fund will be run by NHS England\u2019s regional teams over two years.</p>
</body></html>
"""
FIXTURES: dict[str, dict[str, Any]] = {
    "briefing_plain.msg": {
        "subject": "Health Policy Briefing \u2013 5 March 2024",
        "body": PLAIN_STORIES,
        "delivered": dt.datetime(2024, 3, 5, 7, 2, tzinfo=dt.UTC),
    },
    "week_in_health_policy_html.msg": {
        "subject": "The Week in Health Policy: 13 April 2024",
        "body": None,
        "html": HTML_STORIES.encode("cp1252"),
        # Sent at 00:20 British Summer Time: still 12 April in UTC.
        "headers": "Date: Sat, 13 Apr 2024 00:20:00 +0100\r\nSubject: The Week\r\n",
        "submitted": dt.datetime(2024, 4, 12, 23, 20, tzinfo=dt.UTC),
        "delivered": dt.datetime(2024, 4, 12, 23, 21, tzinfo=dt.UTC),
    },
}


def fixture(name: str) -> bytes:
    return (CARRIERS / name).read_bytes()


# -- the writer, checked against the libraries that read the format --------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixtures_are_what_the_writer_makes(name: str) -> None:
    assert fixture(name) == msg_file(**FIXTURES[name])


@pytest.mark.parametrize(
    "sizes",
    [
        [0, 1, 63, 64, 65],
        [4095, 4096, 4097],
        [3000] * 12,  # a mini stream and mini FAT of several sectors
        [70_000, 10],  # a FAT of two sectors
    ],
    ids=["small", "cutoff", "many-mini", "large"],
)
def test_olefile_reads_back_every_stream(sizes: list[int]) -> None:
    streams = {f"stream{i:02d}{'x' * (i % 3)}": bytes([i]) * size for i, size in enumerate(sizes)}
    ole = olefile.OleFileIO(cfb_file(streams), raise_defects=olefile.DEFECT_INCORRECT)
    assert sorted("/".join(path) for path in ole.listdir()) == sorted(streams)
    for name, data in streams.items():
        assert ole.openstream(name).read() == data


@pytest.mark.parametrize(
    "body",
    ["Short body.", "Café £5 “quoted”\r\n" * 400],  # the second needs sectors of its own
    ids=["mini", "large"],
)
def test_extract_msg_reads_back_the_writer(body: str) -> None:
    delivered = dt.datetime(2024, 3, 5, 7, 2, 30, tzinfo=dt.UTC)
    submitted = dt.datetime(2024, 3, 5, 6, 59, tzinfo=dt.UTC)
    data = msg_file("Subject £", body, html=b"<p>Hi</p>", delivered=delivered, submitted=submitted)
    message = extract_msg.openMsg(io.BytesIO(data))
    try:
        assert isinstance(message, extract_msg.Message)
        assert message.subject == "Subject £"
        assert message.body == body
        assert message.htmlBody == b"<p>Hi</p>"
        assert message.receivedTime == delivered
        assert message.date == submitted
    finally:
        message.close()


# -- reading ---------------------------------------------------------------------------------------


def test_plain_text_digest() -> None:
    parts = read_msg(fixture("briefing_plain.msg"))
    assert parts.subject == "Health Policy Briefing – 5 March 2024"
    assert parts.date == dt.date(2024, 3, 5)  # delivery time, the only one it has
    assert parts.html is None
    assert parts.text == PLAIN_STORIES.replace("\r\n", "\n")
    assert "Northfield maternity unit rated inadequate\nThe Care Quality" in parts.text


def test_html_digest() -> None:
    parts = read_msg(fixture("week_in_health_policy_html.msg"))
    assert parts.subject == "The Week in Health Policy: 13 April 2024"
    assert parts.text is None
    assert parts.html == HTML_STORIES  # decoded as its meta tag says: windows-1252
    assert "<h2>£1.2bn fund for hospices</h2>" in parts.html


def test_date_prefers_the_header_then_submit_then_delivery() -> None:
    assert read_msg(fixture("week_in_health_policy_html.msg")).date == dt.date(2024, 4, 13)
    submitted = dt.datetime(2024, 4, 12, 23, 20, tzinfo=dt.UTC)
    delivered = dt.datetime(2024, 4, 13, 0, 5, tzinfo=dt.UTC)
    assert read_msg(msg_file("S", "B", submitted=submitted, delivered=delivered)).date == (
        dt.date(2024, 4, 12)
    )
    assert read_msg(msg_file("S", "B", delivered=delivered)).date == dt.date(2024, 4, 13)
    assert read_msg(msg_file("S", "B")).date is None


def test_html_without_a_declared_charset_is_utf8() -> None:
    parts = read_msg(msg_file("S", "Plain", html="<p>Café £5</p>".encode()))
    assert parts == MsgParts("S", None, "Plain", "<p>Café £5</p>")


ENCAPSULATED_HTML = (
    rb"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}"
    rb"{\*\htmltag19 <html>}{\*\htmltag50 <body>}{\*\htmltag64 <h2>}"
    rb"\htmlrtf {\b \htmlrtf0 Hospices get \'a31.2bn\htmlrtf }\htmlrtf0 {\*\htmltag72 </h2>}"
    rb"{\*\htmltag64 <p>}The fund is run by NHS England\'92s teams.{\*\htmltag72 </p>}"
    rb"{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"
)


def test_html_wrapped_in_the_rtf_body() -> None:
    # How Outlook often saves an HTML newsletter: a plain body and HTML inside compressed RTF.
    parts = read_msg(msg_file("S", "Hospices get £1.2bn", rtf=ENCAPSULATED_HTML))
    assert parts.text == "Hospices get £1.2bn"
    assert parts.html == (
        "<html><body><h2>Hospices get £1.2bn</h2>"
        "<p>The fund is run by NHS England’s teams.</p></body></html>"
    )


@pytest.mark.parametrize(
    "rtf",
    [rb"{\rtf1\ansi\deff0 Plain RTF body\par}", b"not RTF at all", rb"{\rtf1\fromhtml1 {"],
    ids=["rtf-only", "not-rtf", "broken-encapsulation"],
)
def test_rtf_body_without_html_leaves_the_text(rtf: bytes) -> None:
    assert read_msg(msg_file("S", "Plain", rtf=rtf)) == MsgParts("S", None, "Plain", None)


# -- what is not a message -------------------------------------------------------------------------


def one_line_error(data: bytes) -> str:
    with pytest.raises(MsgError) as caught:
        read_msg(data)
    reason = str(caught.value)
    assert reason and "\n" not in reason
    return reason


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"From: someone\n\nNot Outlook\n", b"%PDF-1.7\n" + b"\0" * 2000],
    ids=["empty", "short", "mail", "pdf"],
)
def test_not_a_msg_file(data: bytes) -> None:
    assert one_line_error(data).startswith("not an Outlook .msg file")


def test_damaged_ole_file() -> None:
    data = msg_file("S", "B")
    assert one_line_error(data[:700]).startswith("damaged Outlook message")
    assert one_line_error(data[:8] + b"\xff" * 1600).startswith("damaged Outlook message")


@pytest.mark.parametrize(
    "data",
    [
        cfb_file({"WordDocument": b"\xec\xa5" + b"\0" * 600, "1Table": b"\0" * 100}),
        msg_file("S", "B", message_class=None),
    ],
    ids=["word", "no-message-class"],
)
def test_ole_file_that_is_not_a_message(data: bytes) -> None:
    assert "not an Outlook message" in one_line_error(data)


@pytest.mark.parametrize("message_class", ["IPM.Contact", "IPM.Appointment", "IPM.Unknown"])
def test_outlook_items_that_are_not_mail(message_class: str) -> None:
    assert "not a mail message" in one_line_error(msg_file("S", "B", message_class=message_class))


@pytest.mark.parametrize(
    "data",
    [msg_file("Subject only", None), msg_file("S", " \r\n ", html=b" \n")],
    ids=["none", "blank"],
)
def test_message_without_a_body(data: bytes) -> None:
    assert one_line_error(data) == "Outlook message has no body"


# -- logging ---------------------------------------------------------------------------------------


def test_extract_msg_logs_nothing_and_levels_are_restored(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    before = {name: logging.getLogger(name).level for name in ("extract_msg", "RTFDE")}
    read_msg(fixture("briefing_plain.msg"))  # extract-msg logs about the streams it lacks
    with pytest.raises(MsgError):
        read_msg(msg_file("S", "B")[:700])  # and logs an error before raising
    assert not [r for r in caplog.records if r.name.startswith(("extract_msg", "RTFDE"))]
    assert {name: logging.getLogger(name).level for name in before} == before
    logging.getLogger("extract_msg.test").warning("still heard")
    assert [r.getMessage() for r in caplog.records] == ["still heard"]


def test_levels_are_restored_after_overlapping_reads() -> None:
    before = logging.getLogger("extract_msg").level
    data = fixture("briefing_plain.msg")
    with ThreadPoolExecutor(max_workers=4) as pool:
        subjects = set(pool.map(lambda _: read_msg(data).subject, range(16)))
    assert subjects == {"Health Policy Briefing – 5 March 2024"}
    assert logging.getLogger("extract_msg").level == before


if __name__ == "__main__":
    for fixture_name, message in FIXTURES.items():
        (CARRIERS / fixture_name).write_bytes(msg_file(**message))
        print("wrote", CARRIERS / fixture_name)
