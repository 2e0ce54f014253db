"""Channel exports: posts of headlines copied from Teams, and a Slack export with its link
markup, emoji short codes, inline replies and day dividers.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

from indexer.stories.split import split

FIRST = (
    "The consultants committee has rejected the offer of a 4.95% uplift, saying it fails to "
    "address the erosion of the last 15 years. (BBC News)"
)
SECOND = (
    "Figures for September show 7.77 million cases on the elective waiting list, a new record, "
    "with 389,952 people waiting more than a year. (The Guardian)"
)

TEAMS = f"""Comms > Daily Headlines
(copied from Microsoft Teams, 09/11/2023 17:20)

[08/11/2023 08:41] Hannah Okafor
Good morning all. Today's headlines below, please don't forward outside the organisation.

Consultants reject pay offer as talks end
{FIRST}

Waiting list reaches 7.77 million
{SECOND}

👍 6   ❤️ 1

[08/11/2023 09:15] Raj Patel
Thanks Hannah. I'll pin the lines in the Statements channel.
"""


def test_a_post_of_headlines_in_a_channel_gives_its_stories_and_no_talk() -> None:
    stories = split(TEAMS)
    assert [(s.headline, s.paragraphs) for s in stories] == [
        ("Consultants reject pay offer as talks end", (FIRST,)),
        ("Waiting list reaches 7.77 million", (SECOND,)),
    ]


SLACK = f"""Channel: #policy-radar
Workspace: Kestrel Health Analytics

==================== Monday, February 9th, 2026 ====================

[08:47] Priya Raman
:newspaper: *Monday round-up* — two from the weekend
• *ICB mergers: 14 clusters confirmed* — {FIRST}
• *Waiting list dips below 7.2m* — {SECOND}
  :eyes: 3   :+1: 2
  ↳ 2 replies
    [12:20] Sam Whitlock: The CSU bit is huge for the Midlands work.
    [12:22] Priya Raman: yes, 3pm?

==================== Tuesday, February 10th, 2026 ====================

[14:37] Sam Whitlock
<https://www.example.org/reports/capital|NAO: NHS capital backlog hits £15.9bn>
Quick one: the National Audit Office says the maintenance backlog grew by £2.1bn last year.
"""


def test_a_slack_export_reads_its_links_and_leaves_out_reactions_and_replies() -> None:
    stories = split(SLACK)
    assert [s.headline for s in stories] == [
        "ICB mergers: 14 clusters confirmed",
        "Waiting list dips below 7.2m",
        "NAO: NHS capital backlog hits £15.9bn",
    ]
    text = " ".join(" ".join(s.paragraphs) for s in stories)
    assert ":eyes:" not in text and "Sam Whitlock" not in text and "February" not in text


def test_a_slack_posts_title_keeps_its_place_with_its_link_pasted_after_it() -> None:
    text = (
        "#policy-news\n\n"
        "Ben Harlow  8:52 AM\n"
        "*Discharge to assess: funded recovery support cut from six weeks to four from October*"
        " https://www.gov.uk/government/publications/hospital-discharge-service-policy-and-model\n"
        f"{FIRST}\n"
        ":eyes: 3  :+1: 2\n\n"
        "Chloe Marsh  9:10 AM\n"
        "*Waiting list dips below 7.2m* https://www.example.org/news/waiting-list\n"
        f"{SECOND}\n"
    )
    assert [(s.headline, s.paragraphs) for s in split(text)] == [
        (
            "Discharge to assess: funded recovery support cut from six weeks to four from October",
            (FIRST,),
        ),
        ("Waiting list dips below 7.2m", (SECOND,)),
    ]


def test_a_podcasts_chapter_marks_are_no_chat_posts_and_leave_the_headline() -> None:
    text = (
        "IN THIS EPISODE\n\n"
        "[02:10] NEWS IN BRIEF\n"
        "Nurses in the Royal College of Nursing have rejected the government's pay offer of 5%\n"
        "for 2023/24, although most other unions on the NHS Staff Council accepted it.\n\n"
        '[11:45] INTERVIEW: "FOUR HOURS WAS NEVER ABOUT FOUR HOURS"\n'
        "Dr Sam Achebe, consultant in emergency medicine, tells Kemi why he thinks the\n"
        "four-hour standard should survive, but only alongside 12-hour waits from arrival.\n\n"
        "[34:20] THE NUMBERS\n"
        "Kemi digs into the April data: 74.6% of patients were seen within four hours in\n"
        "type 1 to 3 emergency departments, and the waiting list rose to 7.4 million.\n"
    )
    assert [story.headline for story in split(text)] == [
        "NEWS IN BRIEF",
        'INTERVIEW: "FOUR HOURS WAS NEVER ABOUT FOUR HOURS"',
        "THE NUMBERS",
    ]


def test_a_messaging_apps_export_gives_its_messages_without_their_stamps() -> None:
    text = f"""10/11/2025, 07:41 - Messages and calls are end-to-end encrypted. Learn more.
10/11/2025, 07:41 - Brookvale GP Federation created group "BVF Announcements"
10/11/2025, 07:52 - Brookvale GP Federation: *Flu clinics on Saturdays*
{FIRST}
10/11/2025, 07:53 - Brookvale GP Federation: <Media omitted>
11/11/2025, 16:20 - Brookvale GP Federation: This message was deleted
[11/11/2025, 16:24:10] Brookvale GP Federation: *Waiting list at a record*
{SECOND}
"""
    stories = split(text)
    assert [(s.headline, s.paragraphs) for s in stories] == [
        ("Flu clinics on Saturdays", (FIRST,)),
        ("Waiting list at a record", (SECOND,)),
    ]


def test_show_notes_chapter_marks_past_any_hour_are_no_chat_times() -> None:
    """ "[10:20] Discharge: the £600m question" reads like a chat message and "[43:50] Quick
    fire" like a post's author, but a mark past 23 minutes shows they are chapters."""
    text = (
        "THE WAITING ROOM: a health policy podcast\n"
        "Released Thursday 18 May 2023 · 48 min\n\n"
        "SHOW NOTES\n\n"
        f"[01:45] GP contract imposed for 2023/24\n{FIRST}\n\n"
        f"[10:20] Discharge: the £600m question\n{SECOND}\n\n"
        f"[43:50] Quick fire\n{FIRST}\n\n"
        "CREDITS\nPresented by Nadia Rahman and Ollie Fenwick. Produced by Chris Oduya.\n"
    )
    assert [story.headline for story in split(text)] == [
        "GP contract imposed for 2023/24",
        "Discharge: the £600m question",
        "Quick fire",
    ]
