"""Feeds: RSS 2.0, RSS 1.0 and Atom items, their encodings, broken feeds and sniffing."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from indexer.reading.feeds import FeedError, FeedItem, looks_like_feed, read_feed

CARRIERS = Path(__file__).resolve().parents[2] / "fixtures" / "carriers"
FEEDS = (
    "health_policy_daily.rss",
    "health_policy_weekly.atom",
    "health_policy_headlines.rdf",
    "cp1252_declared.rss",
    "bom_utf8_declared_cp1252.rss",
)


def read(name: str) -> tuple[str | None, list[FeedItem]]:
    return read_feed((CARRIERS / name).read_bytes())


def rss(items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>Bulletin</title>{items}</channel></rss>"
    ).encode()


# -- RSS 2.0 -------------------------------------------------------------------------------------


def test_rss2_items_in_document_order() -> None:
    title, items = read("health_policy_daily.rss")
    assert title == "Health Policy Daily & Weekly"
    assert [item.headline for item in items] == [
        "Trusts told to cut agency spend by 10% & publish figures",
        "Regulator rates Northfield maternity unit inadequate",
        "Integrated care boards asked to merge back offices",
    ]
    assert {item.feed_title for item in items} == {title}


def test_rss2_content_encoded_wins_over_the_cdata_description() -> None:
    first = read("health_policy_daily.rss")[1][0]
    assert first.body.startswith("<p>NHS England has told trusts in the Midlands")
    assert "<em>Health Policy Daily</em>" in first.body and first.body_is_html
    assert first.date == dt.date(2024, 3, 5)
    assert first.link == "https://digest.example.org/2024/03/agency-spend"


def test_a_pictures_caption_in_media_rss_is_not_the_items_text() -> None:
    items = (
        "<item><title>Brexit delay: suppliers told to keep stockpiles</title>"
        "<description>Medicine suppliers have been told to keep their six-week stockpiles in "
        "place after EU leaders agreed to delay Brexit until at least 12 April.</description>"
        '<media:content url="https://ex.org/warehouse.jpg" medium="image">'
        '<media:description type="plain">Boxed medicines on racking in Runcorn'
        "</media:description></media:content></item>"
    )
    data = rss(items).replace(
        b'<rss version="2.0">',
        b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">',
    )
    (item,) = read_feed(data)[1]
    assert item.body.startswith("Medicine suppliers have been told")


def test_rss2_cdata_description_is_html() -> None:
    second = read("health_policy_daily.rss")[1][1]
    assert second.body.startswith("<p>The Care Quality Commission") and second.body_is_html
    assert "<strong>nine</strong>" in second.body


def test_rss2_plain_description_is_not_called_html() -> None:
    third = read("health_policy_daily.rss")[1][2]
    assert third.body == (
        "Ministers want the 42 integrated care boards in England to share payroll and finance"
        " teams by 2026."
    )
    assert not third.body_is_html


def test_rss2_date_is_the_day_as_written_not_utc() -> None:
    # 00:15 British Summer Time on 2 April is still 1 April in UTC.
    _, items = read("health_policy_daily.rss")
    assert items[1].date == dt.date(2024, 4, 2)
    assert items[2].date == dt.date(2024, 4, 3)  # dc:date, no pubDate


def test_item_with_neither_title_nor_body_is_skipped() -> None:
    _, items = read("health_policy_daily.rss")
    assert "https://digest.example.org/2024/04/empty" not in {item.link for item in items}
    _, items = read_feed(rss("<item><title>Only a title</title></item><item><link>x</link></item>"))
    assert [(item.headline, item.body) for item in items] == [("Only a title", "")]


def test_title_entities_decoded_and_tags_removed() -> None:
    _, [item] = read_feed(
        rss(
            "<item><title>Don&amp;#8217;t   &lt;b&gt;panic&lt;/b&gt;&lt;br/&gt;yet</title>"
            "<description>x</description></item>"
        )
    )
    assert item.headline == "Don’t panic yet"


# -- Atom ----------------------------------------------------------------------------------------


def test_atom_html_and_xhtml_content() -> None:
    title, items = read("health_policy_weekly.atom")
    assert title == "Health Policy Weekly"  # type="html" title, tags removed
    html_entry, xhtml_entry, text_entry = items
    assert html_entry.body.startswith("<p>Twelve GP practices in Leeds")
    assert "Patients &amp; carers" in html_entry.body and html_entry.body_is_html
    assert xhtml_entry.headline == "Dental contract reform delayed"
    assert xhtml_entry.body.startswith("<p>The Department of Health and Social Care")
    assert "<em>deeply disappointing</em>" in xhtml_entry.body and xhtml_entry.body_is_html
    assert text_entry.body == "A&E waits rose by 4% in April.\n\nTrusts blame bed occupancy."
    assert not text_entry.body_is_html


def test_atom_published_before_updated_as_written() -> None:
    gp, dental, _ = read("health_policy_weekly.atom")[1]
    assert gp.date == dt.date(2024, 5, 9)  # published 21:30 -04:00; updated is the 10th
    assert dental.date == dt.date(2024, 5, 8)  # only updated


def test_atom_links_but_never_an_id() -> None:
    gp, dental, text_entry = read("health_policy_weekly.atom")[1]
    assert gp.link == "https://digest.example.org/2024/05/gp-evenings"
    assert dental.link == "https://digest.example.org/2024/05/dental"
    assert text_entry.link is None  # feedparser offers the tag: id


# -- RSS 1.0 -------------------------------------------------------------------------------------


def test_rss1() -> None:
    title, items = read("health_policy_headlines.rdf")
    assert title == "Health Policy Headlines"
    assert [(item.headline, item.date) for item in items] == [
        ("Ambulance handover delays fall for third month", dt.date(2024, 2, 1)),
        ("Pharmacy First expands to contraception", dt.date(2024, 2, 2)),
    ]
    assert items[0].body.startswith("Average handover times")
    assert items[1].link == "https://digest.example.org/2024/02/pharmacy"


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cp1252_declared.rss", "bom_utf8_declared_cp1252.rss"])
def test_windows_1252_declared(name: str) -> None:
    # The second file says windows-1252 but is UTF-8 with a BOM: the BOM wins.
    title, [item] = read(name)
    assert title == "Café Society ‘Health’ Bulletin"
    assert item.headline == "£1.2bn “rescue” fund for hospices – what it means"
    assert "NHS England’s regional teams" in item.body
    assert item.date == dt.date(2024, 1, 15)


# -- not feeds -----------------------------------------------------------------------------------


def test_malformed_feed() -> None:
    with pytest.raises(FeedError, match=r"^malformed feed: mismatched tag at line \d+$"):
        read("malformed.rss")


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>NHS</title></head><body><p>Hi</p></body></html>",
        b"Trust fined\n\nThe trust was fined \xc2\xa31m.\n",
        b'<?xml version="1.0"?><note><to>Board</to><body>Meeting moved</body></note>',
        b"",
        bytes(range(256)) * 4,
    ],
    ids=["html", "text", "other-xml", "empty", "binary"],
)
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(FeedError) as caught:
        read_feed(data)
    assert str(caught.value) and "\n" not in str(caught.value)


def test_a_valid_feed_with_no_items() -> None:
    assert read_feed(rss("")) == ("Bulletin", [])


def test_bytes_naming_a_file_are_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss("<item><title>From the file</title></item>"))
    with pytest.raises(FeedError):
        read_feed(str(path).encode())


def test_no_entity_or_dtd_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the feed reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    prolog = (
        f'<!DOCTYPE rss SYSTEM "http://dtd.example.org/rss.dtd" ['
        f'<!ENTITY local SYSTEM "{secret.as_uri()}">'
        f'<!ENTITY remote SYSTEM "http://entities.example.org/x.txt">]>'
    )
    _, [item] = read_feed(
        rss(
            "<item><title>A &local; B &remote; C</title><description>d</description></item>", prolog
        )
    )
    assert "SECRET" not in (item.headline or "") and (item.headline or "").startswith("A")


# -- sniffing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FEEDS)
def test_sniff_fixtures(name: str) -> None:
    assert looks_like_feed((CARRIERS / name).read_bytes())


@pytest.mark.parametrize(
    "head",
    [
        b'<rss version="2.0"><channel>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generator: x -->\n<rss version="2.0">',
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">',
        b'<?xml version="1.0"?>\n<feed\n  xmlns="http://www.w3.org/2005/Atom"\n  xml:lang="en">',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/">',
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0">'.encode("utf-16"),
    ],
    ids=["rss", "bom-comment", "rss091-doctype", "atom", "rss1", "utf16"],
)
def test_sniff_feeds(head: bytes) -> None:
    assert looks_like_feed(head)


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html>\n<html lang=en><head><link rel=alternate type=application/rss+xml>",
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><rss>',
        b"Our RSS feed has moved. <rss> is not a tag here.\n",
        b'<?xml version="1.0"?><note><to>Board</to></note>',
        b'<?xml version="1.0"?><feed><entry>not Atom</entry></feed>',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/>',
        b"<!-- a -->" * 800 + b"<html>",
        b"",
    ],
    ids=["html", "xhtml", "text", "other-xml", "feed-no-ns", "rdf-not-rss", "comments", "empty"],
)
def test_sniff_not_feeds(head: bytes) -> None:
    assert not looks_like_feed(head)


def test_a_byline_opening_an_item_is_its_byline_not_its_text(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    item = (
        "<item><title>Councils face £1.1bn Covid gap</title><content:encoded><![CDATA["
        "<p><em>By Dr Simone Achebe, Association of County Care Directors</em></p>"
        "<p>Councils expect to spend £2.9bn more on adult social care this year.</p>"
        "]]></content:encoded></item>"
    )
    feed = rss(item).replace(
        b'<rss version="2.0">',
        b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(feed)
    [story] = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert story.byline == "By Dr Simone Achebe, Association of County Care Directors"
    assert story.body == "Councils expect to spend £2.9bn more on adult social care this year."


def test_an_items_title_repeated_over_its_text_is_not_its_text(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    text = "Councils raised £382m through the 2% precept in 2016/17, a survey finds."
    items = (
        "<item><title>Precept raised £382m</title><description><![CDATA["
        f"<b>Precept raised £382m</b><br />{text}]]></description></item>"
        "<item><title>Precept raised £382m again</title><description><![CDATA["
        f"Precept raised £382m again – {text}]]></description></item>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(items))
    stories = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert [s.body for s in stories] == [text, text]


def test_a_list_in_an_items_text_keeps_its_items_apart(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    items = (
        "<item><title>Winter beds</title><description><![CDATA[<ol>"
        "<li><a href='/a'>Hospitals told to cancel routine operations</a> Healthcare Ledger</li>"
        "<li><a href='/b'>Royal College of Surgeons: 4.1 million waiting</a> Care Weekly</li>"
        "</ol>]]></description></item>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(items))
    [story] = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert story.body.split("\n\n") == [
        "Hospitals told to cancel routine operations Healthcare Ledger",
        "Royal College of Surgeons: 4.1 million waiting Care Weekly",
    ]
    assert "Royal College of Surgeons" in [e.text for e in story.entities]


def test_a_note_naming_the_items_author_is_its_byline(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    feed = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>'
        "<entry><title>Respite beds are scarce</title><author><name>Dev Chaudhary</name></author>"
        '<updated>2017-08-22T09:30:00+01:00</updated><content type="html">'
        "&lt;p&gt;&lt;em&gt;Dev Chaudhary is our policy officer.&lt;/em&gt;&lt;/p&gt;"
        "&lt;p&gt;Nursing home beds in England fell by 4,000 in two years.&lt;/p&gt;"
        "</content></entry></feed>"
    )
    path = tmp_path / "blog.atom"
    path.write_text(feed, encoding="utf-8")
    [story] = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert story.byline == "Dev Chaudhary is our policy officer."
    assert story.body == "Nursing home beds in England fell by 4,000 in two years."


@pytest.mark.parametrize(
    "note",
    [
        "By Dr Hannah Okafor, clinical director for community mental health, Bradford District "
        "Care NHS Foundation Trust",
        "Angela Pickering is a district nursing team leader in east Hull. She writes in a "
        "personal capacity.",
        "Hugh writes: this week’s post is from Dr Morwenna Tregear, a consultant anaesthetist "
        "in Truro. Her views are her own.",
    ],
    ids=["long-role", "personal-capacity", "editors-note"],
)
def test_a_guest_posts_note_on_its_writer_is_its_byline(tmp_path: Path, note: str) -> None:
    from indexer.pipeline import parse_file

    text = "Nursing home beds in England fell by 4,000 in two years."
    item = (
        "<item><title>Guest post: respite beds are scarce</title><description><![CDATA["
        f"<p>{note}</p><p>{text}</p>]]></description></item>"
    )
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(item))
    [story] = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert (story.byline, story.body) == (note, text)


def test_what_closes_an_item_without_being_its_text_is_left_out(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    def item(title: str, html: str) -> str:
        return f"<item><title>{title}</title><description><![CDATA[{html}]]></description></item>"

    items = [
        item(
            "Regulator fines care home group",
            "<p>The authority fined Brightwell Care £250,000 after failings at three homes.</p>"
            "<p><a href='https://x.example/d'>Read the full decision</a></p>",
        ),
        item(
            "Board papers published",
            "<p>Papers for the board meeting on 12 March are now available.</p>"
            "<p>Embargoed until 00:01 on 3 March 2026.</p>",
        ),
        item(
            "Hub opens in Liskeard",
            "<p>The community hub opened on Monday with GP and mental health teams.</p>"
            "<p>Notes to editors</p><p>The ICB serves 900,000 people.</p>"
            "<p>The post Hub opens in Liskeard appeared first on NHS Tamar ICB.</p>",
        ),
        item(
            "A&amp;E waits for people in crisis",
            "<p><em>Updated 20 February to include the college's response.</em></p>"
            "<p>People in mental health crisis spent a median of 11.5 hours in A&amp;E.</p>",
        ),
    ]
    path = tmp_path / "feed.rss"
    path.write_bytes(rss("".join(items)))
    bodies = [s.body for digest in parse_file(path, str(path)) for s in digest.stories]
    assert bodies == [
        "The authority fined Brightwell Care £250,000 after failings at three homes.",
        "Papers for the board meeting on 12 March are now available.",
        "The community hub opened on Monday with GP and mental health teams.",
        "People in mental health crisis spent a median of 11.5 hours in A&E.",
    ]


def test_an_items_title_and_metadata_repeated_over_its_text_are_left_out(tmp_path: Path) -> None:
    from indexer.pipeline import parse_file

    def item(title: str, html: str) -> str:
        return f"<item><title>{title}</title><description><![CDATA[{html}]]></description></item>"

    drupal = (  # Drupal's feeds: the title, author and date as spans above the body
        "<span>Amber heat-health alert issued from Friday</span>\n<span>ph_comms</span>\n"
        "<span><time>Wed, 17/07/2024 - 11:20</time></span>\n"
        "<div><p>The UK Health Security Agency has issued an amber alert for the region.</p></div>"
    )
    items = [
        item("Amber heat-health alert issued from Friday", drupal),
        item(  # a first sentence that opens with the title's words is text
            "Trust fined",
            "<p>Trust fined £1m after a patient died, the regulator said on Monday.</p>"
            "<p>It will appeal.</p>",
        ),
    ]
    path = tmp_path / "feed.rss"
    path.write_bytes(rss("".join(items)))
    bodies = [s.body for digest in parse_file(path, str(path)) for s in digest.stories]
    assert bodies == [
        "The UK Health Security Agency has issued an amber alert for the region.",
        "Trust fined £1m after a patient died, the regulator said on Monday.\n\nIt will appeal.",
    ]
