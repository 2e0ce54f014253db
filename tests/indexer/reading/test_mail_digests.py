"""Mail digests split into stories: which part of a message is read, and how the messages a
mailing list's digest holds become stories."""

from __future__ import annotations

from pathlib import Path

from indexer.pipeline import parse_file
from indexer.reading.posts import post_paragraphs
from indexer.stories.boilerplate import strip_forwarding
from indexer.stories.unwrap import join_wrapped


def stories(path: Path) -> list[tuple[str | None, str]]:
    [digest] = parse_file(path, str(path), with_entities=False)
    return [(story.headline, story.body) for story in digest.stories]


def alternative(plain: str, html: str) -> str:
    """A multipart/alternative message with both parts, as a list server sends a digest."""
    return (
        "From: list@example.org\nTo: members@example.org\nSubject: Digest, 2 updates\n"
        "Date: Thu, 03 Mar 2022 08:24:51 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="b1"\n\n'
        f"--b1\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n"
        f"--b1\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b1--\n"
    )


POSTS_PLAIN = """\
==========================================================
Topic: Shared care record go-live
Url: https://lists.example.org/t/7b1e2c94
==========================================================

---------- 1 of 2 ----------
From: Tom Aske <tom@example.org>
Date: Mar 02 04:12PM Z

We go live with the shared care record across four trusts on 4 April. For those
who have been through this: what caught you out?

Tom

---------- 2 of 2 ----------
From: Jenna Park <jenna@example.org>
Date: Mar 02 07:48PM Z

We went live in Cumbria in November and lost six weeks to the data-sharing
agreements. Start on them early.

On Wed, 2 Mar 2022 at 16:12, Tom Aske <tom@example.org> wrote:

> We go live with the shared care record across four trusts on 4 April.
"""


def _post(sender: str, address: str, text: str) -> str:
    return (
        f'<div><div style="color:#5f6368"><span style="font-weight:500">{sender}</span> '
        f'&lt;<a href="mailto:{address}">{address}</a>&gt;: Mar 02 04:12PM Z</div>'
        f"<div>{text}</div></div>"
    )


POSTS_HTML = (
    '<div><div><a href="https://lists.example.org/t/7b1e2c94" style="font-weight:500">'
    "Shared care record go-live</a></div>"
    + _post(
        "Tom Aske",
        "tom@example.org",
        "We go live with the shared care record across four trusts on 4 April. For those<br>"
        "who have been through this: what caught you out?<br><br>Tom",
    )
    + _post(
        "Jenna Park",
        "jenna@example.org",
        "We went live in Cumbria in November and lost six weeks to the data-sharing<br>"
        "agreements. Start on them early.<br><br>On Wed, 2 Mar 2022 at 16:12, Tom Aske "
        "&lt;tom@example.org&gt; wrote:<br><blockquote>We go live with the shared care "
        "record across four trusts on 4 April.</blockquote>",
    )
    + "</div>"
)


def test_digest_of_posts_is_read_from_its_plain_part(tmp_path: Path) -> None:
    """The HTML part renders each post's header block as prose; the plain part keeps it, so
    each post is a story under its topic."""
    path = tmp_path / "digest.eml"
    path.write_text(alternative(POSTS_PLAIN, POSTS_HTML))
    found = stories(path)
    assert [headline for headline, _ in found] == ["Shared care record go-live"] * 2
    assert found[0][1].startswith("We go live with the shared care record")
    assert found[1][1] == (
        "We went live in Cumbria in November and lost six weeks to the data-sharing "
        "agreements. Start on them early."
    )


def test_a_bottom_posted_reply_keeps_its_new_text_below_the_quote() -> None:
    reply = (
        "On 02/10/2019 11:20, Priya Natarajan wrote:\n"
        "> Does anyone know whether the deadline is being extended?\n\n"
        "I asked the same question at the regional meeting on Friday. There will be no\n"
        "formal extension.\n\n"
        "Linda\n"
    )
    assert post_paragraphs(reply) == [
        "I asked the same question at the regional meeting on Friday. There will be no "
        "formal extension."
    ]


def test_a_mime_digest_gives_one_story_for_each_message_it_carries(tmp_path: Path) -> None:
    from email.message import EmailMessage
    from email.mime.message import MIMEMessage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    digest = MIMEMultipart("mixed")
    digest["From"] = "list-request@example.org"
    digest["Subject"] = "ukhi-discuss Digest, Vol 12, Issue 3"
    digest["Date"] = "Tue, 14 Apr 2020 12:00:00 +0100"
    digest.attach(
        MIMEText(
            "Today's Topics:\n\n   1. Shielded patient flags (Neil)\n   2. IG sign-off (Farah)\n"
        )
    )
    posts = MIMEMultipart("digest")
    for sender, subject, text in [
        (
            "Neil <n@example.org>",
            "Shielded patient flags",
            "We've had reports from three practices that flags are missing.",
        ),
        (
            "Farah <f@example.org>",
            "Re: IG sign-off",
            "For what it's worth, we took the view that consent was implied.",
        ),
    ]:
        post = EmailMessage()
        post["From"], post["Subject"] = sender, subject
        post["Date"] = "Mon, 13 Apr 2020 09:00:00 +0100"
        post.set_content(text)
        posts.attach(MIMEMessage(post))
    digest.attach(posts)
    path = tmp_path / "digest.eml"
    path.write_bytes(digest.as_bytes())
    found = stories(path)
    assert [headline for headline, _ in found] == ["Shielded patient flags", "Re: IG sign-off"]
    assert found[0][1].startswith("We've had reports")


TOPIC_DIGEST = """\
carers-forum@example.org\tGoogle Groups
Topic digest
View all topics

 * Assessments paused during charging review - 2 Updates
 * Earnings limit to rise to £123 - 1 Update

Assessments paused during charging review

Bea Olowe <bea@example.org>: Mar 04 09:12AM

The county council confirmed yesterday that new carers' assessments have been
paused for six weeks while it reviews its charging policy.

--
Bea Olowe
Policy Officer

Tom Green <tom@example.org>: Mar 04 02:40PM

Same thing happened in Norfolk in 2017 and the ombudsman found against them.

Back to top

Earnings limit to rise to £123

Sunita Mehra <sunita@example.org>: Mar 04 05:02PM

The DWP has confirmed the earnings limit will rise from £120 to £123 a week.

Back to top
"""


def test_a_topic_digest_marking_posts_with_one_line_gives_a_story_a_post(tmp_path: Path) -> None:
    """ "Name <address>: Mar 04 09:12AM" opens each post, under the topic named in the
    contents: each post is a story headed by its topic, whichever part the message shows."""
    path = tmp_path / "topics.eml"
    html = "<div>" + TOPIC_DIGEST.replace("\n\n", "</div><div>").replace("<", "&lt;") + "</div>"
    path.write_text(alternative(TOPIC_DIGEST, html))
    found = stories(path)
    assert [headline for headline, _ in found] == [
        "Assessments paused during charging review",
        "Assessments paused during charging review",
        "Earnings limit to rise to £123",
    ]
    assert found[0][1].startswith("The county council confirmed yesterday")
    assert found[0][1].endswith("charging policy.")
    assert found[1][1].startswith("Same thing happened in Norfolk")


def test_a_digest_attached_under_a_covering_note_is_read(tmp_path: Path) -> None:
    """The message says "please find attached"; the digest is the attached text file, and
    the covering note is no story."""
    digest = (
        "WEEKLY DIGEST -- No. 38\n\n"
        "1. BOOSTER CLINICS CONFIRMED\n---------------------------\n\n"
        "Eight of the alliance's 11 PCNs have signed up to deliver boosters from 4 October,\n"
        "with two sites opening first.\n\n"
        "2. UNSPENT ALLOCATION WARNING\n----------------------------\n\n"
        "Finance leads estimate that the alliance is on track to leave £640,000 of its\n"
        "allocation unspent this year, mostly because of vacant posts.\n"
    )
    path = tmp_path / "weekly.eml"
    path.write_text(
        "From: Alliance office <office@example.org>\nTo: members@example.org\n"
        "Subject: Weekly digest No. 38\nDate: Fri, 24 Sep 2021 16:41:07 +0100\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n'
        "--b1\nContent-Type: text/plain; charset=utf-8\n\n"
        "Dear all,\n\nPlease find attached this week's digest.\n\nHave a good weekend,\n\nSarah\n"
        "--b1\nContent-Type: text/plain; charset=utf-8\n"
        'Content-Disposition: attachment; filename="digest_38.txt"\n\n'
        f"{digest}\n--b1--\n"
    )
    found = stories(path)
    assert [headline for headline, _ in found] == [
        "BOOSTER CLINICS CONFIRMED",
        "UNSPENT ALLOCATION WARNING",
    ]
    assert found[1][1].startswith("Finance leads estimate")


def test_an_attached_digest_is_read_under_a_note_with_a_long_disclaimer(tmp_path: Path) -> None:
    """The note points to the attachment; its signature and disclaimer make it longer than
    half the digest, which is still what the message carries."""
    digest = (
        "## Urgent question: ambulance handovers\n\nGranted an urgent question on 20 November, "
        "the member for Halifax asked about handover delays at the county's hospitals.\n\n"
        "## NHS capital allocations\n\nA written ministerial statement confirmed the capital "
        "allocations for trusts in the region for the coming year.\n\n"
        "## Lords committee on GP access\n\nThe Lords Public Services Committee published its "
        "report on access to general practice, saying access was worse than at any time.\n"
    )
    disclaimer = (
        "This message may contain confidential information. If you are not the intended "
        "recipient please inform the sender that you have received the message in error "
        "before deleting it. Please do not disclose, copy or distribute information in this "
        "e-mail or take any action in relation to its contents."
    )
    path = tmp_path / "roundup.eml"
    path.write_text(
        "From: Public affairs <pa@example.org>\nTo: governors@example.org\n"
        "Subject: Parliamentary round-up\nDate: Fri, 22 Nov 2024 16:41:07 +0000\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n'
        "--b1\nContent-Type: text/plain; charset=utf-8\n\n"
        "Dear all,\n\nPlease find attached this week's parliamentary round-up.\n\n"
        f"Kind regards,\n\nImran\n\n{disclaimer}\n"
        "--b1\nContent-Type: text/plain; charset=utf-8\n"
        'Content-Disposition: attachment; filename="roundup.md"\n\n'
        f"{digest}\n--b1--\n"
    )
    assert [headline for headline, _ in stories(path)] == [
        "Urgent question: ambulance handovers",
        "NHS capital allocations",
        "Lords committee on GP access",
    ]


def test_a_reply_above_a_quoted_newsletter_gives_the_newsletters_stories(tmp_path: Path) -> None:
    """A reply whose quoted original is a whole newsletter: the newsletter's stories are what
    the message holds, not the two lines of the reply."""
    items = [
        ("Handover delays cost 210,000 crew hours over winter", "Ambulance crews in England"),
        ("Hear and treat rates pass 9%", "The share of 999 calls resolved over the phone"),
        ("East Midlands NHS 111 re-procurement paused", "Commissioners have paused the"),
    ]
    newsletter = "".join(
        f"{headline}\n{'-' * len(headline)}\n\n{opening} rose again this winter, figures "
        "compiled from all ten English ambulance trusts show, and the association said the "
        "trend would continue into the spring without more beds.\n\n"
        for headline, opening in items
    )
    path = tmp_path / "reply.eml"
    path.write_text(
        "From: Marcus <marcus@example.org>\nTo: Dee <dee@example.org>\n"
        "Subject: RE: Ambulance Matters - issue 41\nDate: Tue, 3 May 2016 09:40:00 +0100\n"
        "In-Reply-To: <41@ambulanceleaders.example.org>\n\n"
        "Dee,\n\nAgree on the handover item - worth raising at Thursday's meeting.\n\nMarcus\n\n"
        "-----Original Message-----\nFrom: Ambulance Matters [mailto:news@example.org]\n"
        "Sent: 03 May 2016 07:00\nTo: Dee\nSubject: Ambulance Matters - issue 41\n\n"
        f"AMBULANCE MATTERS\nIssue 41 - May 2016\n\n{newsletter}"
    )
    found = stories(path)
    assert [headline for headline, _ in found] == [headline for headline, _ in items]
    assert found[0][1].startswith("Ambulance crews in England rose again")


def _outlook_block(sender: str, subject: str) -> str:
    return (
        f"<p><b>From:</b> {sender} &lt;office@example.org&gt;<br><b>Sent:</b> 18 January 2022"
        f" 12:30<br><b>To:</b> All staff<br><b>Subject:</b> {subject}</p>"
    )


def test_an_html_bulletin_forwarded_down_an_outlook_chain_is_read_from_the_first(
    tmp_path: Path,
) -> None:
    html = (
        "<p>Hi all, see below.</p><p>Gary</p>"
        + _outlook_block("Lorraine Keys", "FW: FW: Staff news")
        + "<p>Please cascade to your teams, thanks.</p><p>Confidential: if you are not the"
        " intended recipient, delete this message.</p>"
        + _outlook_block("Medicine Office", "FW: Staff news")
        + "<p>Forwarding for info, IT are aware.</p>"
        + _outlook_block("Communications Team", "Staff news")
        + "<h2>Car park B closes from Monday</h2><p>Car park B will close from Monday for"
        " resurfacing.</p><h2>Booster clinic hours extended</h2><p>The staff vaccination hub"
        " will now open until 8pm.</p>"
    )
    path = tmp_path / "fw.eml"
    path.write_text(
        "From: gary@example.org\nTo: ward7@example.org\nSubject: FW: FW: FW: Staff news\n"
        "Date: Wed, 19 Jan 2022 08:00:00 +0000\nMIME-Version: 1.0\n"
        f"Content-Type: text/html; charset=utf-8\n\n<html><body>{html}</body></html>\n"
    )
    assert [headline for headline, _ in stories(path)] == [
        "Car park B closes from Monday",
        "Booster clinic hours extended",
    ]


def _mbox_message(subject: str, text: str, *headers: str) -> str:
    extra = "".join(f"{header}\n" for header in headers)
    return (
        "From list@example.org Mon Oct  2 09:00:00 2023\n"
        f"From: Ann Lee <ann@example.org>\nTo: list@example.org\nSubject: {subject}\n"
        f"Date: Mon, 02 Oct 2023 09:00:00 +0100\nMessage-ID: <{abs(hash(subject))}@example.org>\n"
        f"{extra}\n{text}\n\n"
    )


def test_out_of_office_replies_and_list_reminders_are_no_stories(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    path.write_text(
        _mbox_message(
            "ECDS v4 go-live and A&E dashboards",
            "Has anyone rebuilt their A&E dashboards for ECDS v4 yet? Ours broke on go-live.",
        )
        + _mbox_message(
            "Automatic reply: ECDS v4 go-live and A&E dashboards",
            "Thank you for your email. I am out of the office until Monday 9 October.",
            "Auto-Submitted: auto-replied",
        )
        + _mbox_message(
            "lists.example.org mailing list memberships reminder",
            "This is a reminder, sent out once a month, about your list memberships.",
        )
    )
    digests = parse_file(path, str(path), with_entities=False)
    headlines = [story.headline for digest in digests for story in digest.stories]
    assert headlines == ["ECDS v4 go-live and A&E dashboards"]


def test_a_reply_above_a_newsletter_quoted_in_marks_gives_the_newsletters_stories(
    tmp_path: Path,
) -> None:
    """A phone's reply quotes the newsletter in "> " marks under "On ..., X wrote:"."""
    items = [
        (
            "CONSULTATION ON THE NEIGHBOURHOOD PLAN CLOSES",
            "The consultation on the plan's",
            "neighbourhood chapter closes on 30 January, with more than 9,000 replies",
        ),
        (
            "WEALD ICB MERGER APPROVED",
            "NHS England has approved the merger of Weald",
            "ICB with its neighbour from 1 April, creating a board for 2.7 million",
        ),
        (
            "FOUR-HOUR PERFORMANCE AT 74.9%",
            "Type 1 departments in the region saw 74.9%",
            "of patients within four hours in December, against a target of 78%",
        ),
    ]
    newsletter = "".join(
        f"> {headline}\n> {opening}\n> {rest} people, the board heard.\n>\n"
        for headline, opening, rest in items
    )
    path = tmp_path / "reply.eml"
    path.write_text(
        "From: Sam <sam@example.org>\nTo: Jo <jo@example.org>\n"
        "Subject: Re: Weald Briefing - Monday 12 January\nDate: Mon, 12 Jan 2026 08:10:00 +0000\n"
        "In-Reply-To: <88@weald.example.org>\n\n"
        "Does the merger change our contract?\n\nSent from my iPhone\n\n"
        "On 12 Jan 2026, at 07:15, Weald Briefing <news@weald.example.org> wrote:\n\n"
        f"> WEALD BRIEFING\n> Monday 12 January 2026\n>\n{newsletter}"
        "> Weald Briefing | news@weald.example.org | Manage subscription\n"
    )
    found = stories(path)
    assert [headline for headline, *_ in found] == [headline for headline, *_ in items]
    assert found[1][1].startswith("NHS England has approved the merger of Weald ICB with")


def test_a_reply_carrying_a_bulletins_items_in_its_own_words_gives_them(tmp_path: Path) -> None:
    """Items sent round for sign-off in a reply: the reply's own text holds the stories."""
    items = [
        ("ELECTIVE RECOVERY: LONG WAITS DOWN TO 212", "The number of patients waiting more"),
        ("RUNNING COST CUT: CONSULTATION OPENS", "Staff consultation on the new structure"),
        ("URGENT TREATMENT CENTRE: DECISION DEFERRED", "A decision on moving the centre"),
    ]
    text = "".join(
        f"{headline}\n{opening} than expected was reported to the board\non Thursday, "
        f"with a further update due in {month}.\n\n"
        for (headline, opening), month in zip(
            items, ("September", "October", "November"), strict=True
        )
    )
    path = tmp_path / "reply.eml"
    path.write_text(
        "From: Nadia <nadia@example.org>\nTo: Comms <comms@example.org>\n"
        "Subject: RE: Board papers\nDate: Thu, 6 Jul 2023 14:10:00 +0100\n"
        "In-Reply-To: <77@example.org>\n\n"
        "Hi all,\n\nFor the staff bulletin tomorrow, here are the three items we agreed:\n\n"
        f"{text}Shout if anything looks wrong.\n\nThanks,\nNadia\n\n"
        "From: Ivan <ivan@example.org>\nSent: 06 July 2023 11:02\nTo: Nadia\n"
        "Subject: Board papers\n\nHappy with all three.\n"
    )
    found = stories(path)
    assert [headline for headline, _ in found] == [headline for headline, _ in items]
    assert found[1][1].startswith("Staff consultation on the new structure than expected")


def test_a_forward_of_a_forward_quoted_in_marks_and_wrapped_again_gives_the_stories(
    tmp_path: Path,
) -> None:
    """Outlook quoted the forward (">", ">>") and wrapped the long quoted lines again, pushing
    their last words onto lines without the marks."""
    body = (
        "Hi all,\n\nSee below from Claire. Please have a read before our team meeting.\n\n"
        "Thanks\nBen\n\n"
        "> -----Original Message-----\n> From: Claire Hutchins <claire@example.nhs.net>\n"
        "> Sent: 22 September 2025 08:14\n> Subject: Fwd: The Ward Round - Issue 87\n>\n"
        "> Morning all - worth sharing with your teams.\n>\n> Begin forwarded message:\n>\n"
        ">> From: The Ward Round <wardround@example.nhs.net>\n"
        ">> Subject: The Ward Round - Issue 87\n>> Date: 19 September 2025 at 16:02:11 BST\n>>\n"
        ">> THE WARD ROUND\n>> Issue 87 | Friday 19 September 2025\n>>\n"
        ">> DIGITAL STAFF PASSPORT PILOT STARTS IN NOTTINGHAM\n>>\n"
        ">> Nurses at Nottingham University Hospitals and Sherwood Forest Hospitals\n"
        ">> will be the first in the region to use a digital staff passport, which\nlets\n"
        ">> them move between trusts without repeating mandatory training or\n"
        ">> pre-employment checks. The pilot starts on 6 October and runs until March.\n>>\n"
        ">> A REGIONAL STANDARD FOR PRECEPTORSHIP\n>>\n"
        ">> From 1 January 2026, every NHS trust in the East Midlands will offer\nnewly\n"
        ">> registered nurses, midwives and nursing associates a 12-month\npreceptorship\n"
        ">> with at least 20 hours of protected learning time, under a new standard.\n>>\n"
        ">> NMC CONSULTS ON REVALIDATION CHANGES\n>>\n"
        ">> The Nursing and Midwifery Council has opened a 12-week consultation on\n"
        ">> changes to revalidation. The consultation closes on 12 December, and\nthe\n"
        ">> NMC says any changes would apply from April 2026.\n"
    )
    path = tmp_path / "fw.eml"
    path.write_text(
        "From: Ben Adebayo <ben@example.nhs.net>\nTo: Ward 307\n"
        "Subject: FW: Fwd: The Ward Round - Issue 87\nDate: Mon, 22 Sep 2025 09:02:00 +0100\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body
    )
    found = stories(path)
    assert [headline for headline, _ in found] == [
        "DIGITAL STAFF PASSPORT PILOT STARTS IN NOTTINGHAM",
        "A REGIONAL STANDARD FOR PRECEPTORSHIP",
        "NMC CONSULTS ON REVALIDATION CHANGES",
    ]
    assert "digital staff passport, which lets them move" in found[0][1]
    assert "offer newly registered nurses" in found[1][1]


FORWARDED_TWICE = """\
All - FYI, please read the winter section.

Thanks
Dawn

-----Original Message-----
From: Gareth Lowe <gareth@example.org>
Sent: 22 November 2019 08:47
To: HESKETH, Dawn <dawn@example.nhs.net>
Subject: Fwd: North West Regional Update - Issue 19 - 21 November 2019

Dawn - item 3 is the PCN estates money I mentioned, worth a look before we meet on Friday.

G

---------- Forwarded message ---------
From: NHS England North West Communications <nw@example.net>
Date: Thu, 21 Nov 2019 at 16:02
Subject: North West Regional Update - Issue 19 - 21 November 2019
To: <gareth@example.org>


NHS England and NHS Improvement - North West
REGIONAL UPDATE | Issue 19 | 21 November 2019
"""


def test_an_outlook_forward_of_a_gmail_forward_is_read_from_the_newsletter() -> None:
    """Below Outlook's "Original Message" block, the second forwarder's note and initial are
    no story: the newsletter starts under Gmail's "Forwarded message" block."""
    assert strip_forwarding(FORWARDED_TWICE).lstrip().startswith("NHS England and NHS Improvement")


def test_a_long_line_ending_in_in_runs_on_where_the_wrap_width_is_unknown() -> None:
    lines = [
        "All 212 outstanding learning disability mortality reviews in",
        "Lancashire and South Cumbria have now been allocated, and 87%",
    ]
    assert join_wrapped([lines]) == [[(0, 1, " ".join(lines))]]
    assert join_wrapped([["Sign in", "Your account"]]) == [
        [(0, 0, "Sign in"), (1, 1, "Your account")]
    ]
