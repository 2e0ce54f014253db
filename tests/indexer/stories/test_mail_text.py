"""Mail inside plain text (a mailing list's digest of messages): each message a story, what a
mail program or the sender added around it left out."""

from __future__ import annotations

import pytest

from indexer.stories.split import split


def stories(text: str) -> list[tuple[str | None, str]]:
    return [(section.headline, section.body) for section in split(text)]


RULE = "=" * 60


def test_sign_off_before_the_next_topic_is_not_a_story() -> None:
    """A post's sign-off (name, job) ends it, also when a topic's header block comes next."""
    text = f"""{RULE}
Topic: EPR convergence funding
Url: https://lists.example.org/t/c0d93a51
{RULE}

From: Raj Menon <raj@example.org>
Date: Mar 02 05:30PM Z

Has anyone had confirmation of their frontline digitisation allocation yet? We were
told to expect six million over three years.

Raj Menon
CNIO, Mersey Vale Community NHS Trust

{RULE}
Topic: Patient portal adoption figures
Url: https://lists.example.org/t/9a2e6c1f
{RULE}

From: Lorna Quinn <lorna@example.org>
Date: Mar 03 04:40PM Z

We launched our patient portal in October and 18,400 patients have now activated
accounts. Has anyone managed better than 15%?
"""
    found = stories(text)
    assert [headline for headline, _ in found] == [
        "EPR convergence funding",
        "Patient portal adoption figures",
    ]
    assert found[0][1].endswith("six million over three years.")


LETTER = """Dear colleagues,

This week {opening} our two hospitals since the pandemic began, and the teams
have earned a rest they cannot yet take. Admissions are falling, but slowly.

The pressure on our wards is easing, but critical care is still beyond its capacity.

Vaccinating our staff

Our hospital hub has now given a first dose of vaccine to 7,412 colleagues, 81% of the staff.

Our finances

The Board heard that we are on track to break even this year, helped by extra funding.
"""


def test_a_letters_news_after_the_greeting_is_its_lead_story() -> None:
    """'This week we passed a milestone' is news; 'This week we look at' describes the issue."""
    found = stories(LETTER.format(opening="we passed a milestone: 2,000 COVID-19 patients in"))
    assert found[0][0] is None and found[0][1].startswith("This week we passed a milestone")
    found = stories(LETTER.format(opening="we look at vaccination and the finances of"))
    assert not any(body.startswith("This week") for _, body in found)


SIGNED = """Dear colleague,

Our report on district nursing has had more attention than anything we have published this
year, and I want to thank everyone who shared it.

Best wishes,

Hannah Okafor
Director of Policy
{contents}
Holding the line: the district nursing workforce

The number of district nurses working in the NHS in England has fallen by 43% since 2009.

Primary care networks: five questions for the first 100 days

From 1 July almost every GP practice in England will belong to a primary care network.

Smaller trusts held up better this winter

In February small acute trusts saw 88.1% of A&E patients within four hours.
"""
CONTENTS = """
In this email
Holding the line: the district nursing workforce
Primary care networks: five questions for the first 100 days
Smaller trusts held up better this winter
"""


def test_a_letter_signed_off_before_the_contents_introduces_the_issue() -> None:
    found = stories(SIGNED.format(contents=CONTENTS))
    assert [headline for headline, _ in found] == [
        "Holding the line: the district nursing workforce",
        "Primary care networks: five questions for the first 100 days",
        "Smaller trusts held up better this winter",
    ]


def test_a_letter_signed_by_name_and_role_under_its_text_introduces_the_issue() -> None:
    signed = SIGNED.replace("Best wishes,\n\nHannah Okafor\nDirector of Policy", "")
    signed = signed.replace("Dear colleague,\n\n", "")
    signed = signed.replace(
        "shared it.\n",
        "shared it. Primary care networks are about to go live, and the smaller trusts came\n"
        "through the winter better than anyone expected. As ever, reply to this email to tell\n"
        "us what we have missed.\n"
        "Hannah Okafor, Director of Policy\n",
    )
    found = stories(signed.format(contents=CONTENTS))
    assert [headline for headline, _ in found] == [
        "Holding the line: the district nursing workforce",
        "Primary care networks: five questions for the first 100 days",
        "Smaller trusts held up better this winter",
    ]
    assert found[0][1].startswith("The number of district nurses")


def test_a_letter_with_no_contents_after_it_is_the_lead_story() -> None:
    found = stories(SIGNED.format(contents=""))
    assert found[0][0] is None and found[0][1].startswith("Our report on district nursing")


MAILMAN = """Message: 1
Date: Tue, 13 Sep 2016 10:05:52 +0100
From: Mark Tate <mark@example.org>
To: nurses@lists.example.org
Subject: Spirometry - ARTP certification deadline for practice nurses
\tin every CCG?
Content-Type: text/plain; charset="utf-8"

Our CCG has written to practices saying that from April 2017 only nurses on the
national register may do diagnostic spirometry.

Mark Tate
Practice Nurse, Elm Tree Surgery

This message may contain confidential information. If you are not the intended
recipient please inform the sender that you have received the message in error.

Thank you for your co-operation.

------------------------------

Message: 2
Date: Wed, 14 Sep 2016 15:12:09 +0100
From: Anne-Marie Lyle <annemarie@example.org>
To: nurses@lists.example.org
Subject: Cervical screening - HPV primary pilot result letters

For anyone in the pilot areas: we have had several women ring in confused by the
new result letters.
"""


def test_a_folded_subject_is_one_headline() -> None:
    found = stories(MAILMAN)
    assert found[0][0] == (
        "Spirometry - ARTP certification deadline for practice nurses in every CCG?"
    )


def test_a_disclaimer_ends_its_message_not_the_digest() -> None:
    found = stories(MAILMAN)
    assert [headline for headline, _ in found][1:] == [
        "Cervical screening - HPV primary pilot result letters"
    ]
    assert found[0][1].endswith("may do diagnostic spirometry.")


def test_a_posts_opening_line_ending_in_a_colon_is_its_text() -> None:
    """'Hi Mark, answers in between:' opens the reply; the subject stays the headline."""
    text = MAILMAN.replace(
        "For anyone in the pilot areas:", "Hi Mark, answers in between:\n\nFor anyone in the area:"
    )
    found = stories(text)
    assert found[1] == (
        "Cervical screening - HPV primary pilot result letters",
        "Hi Mark, answers in between:\n\nFor anyone in the area: we have had several women "
        "ring in confused by the new result letters.",
    )


def test_a_licence_notice_starts_the_footer() -> None:
    """'... may not be redistributed' is the sender's terms: the footer, under the last story."""
    text = """Forthcoming business

Westminster Hall debate on access to NHS dentistry in rural areas

Lords question on e-cigarettes in NHS premises

This service is provided under licence to the named subscriber and may not be
redistributed. Contains Parliamentary information licensed under the Open Parliament Licence.
"""
    found = stories(SIGNED.format(contents="") + "\n" + text)
    assert not any("licence" in body for _, body in found)


def test_a_note_of_whom_the_issue_is_for_introduces_it() -> None:
    note = (
        "\nTo: GP practices, community pharmacies and out-of-hours providers in the region\n\n"
        "Please share with all clinical staff, practice managers and reception teams.\n"
    )
    text = SIGNED.format(contents=CONTENTS).replace(SIGNED[: SIGNED.index("{contents}")], note)
    assert [headline for headline, _ in stories(text)] == [
        "Holding the line: the district nursing workforce",
        "Primary care networks: five questions for the first 100 days",
        "Smaller trusts held up better this winter",
    ]


BRANCH = """Dear Member,

PAY CAP - TIME TO SCRAP IT

The 1% cap on NHS pay rises, in place since 2013, means a nurse is now worse off.

PARKING PERMITS AT KINGSWESTON

The Trust plans to bring in salary-linked parking charges from 1 September.

DATES FOR YOUR DIARY

Branch committee - Tues 8 Aug, 5.30pm, Seminar Room 2, Kingsweston
National day of action on pay - Weds 13 Sept
Branch AGM - Thurs 19 Oct, 12.30pm, Lecture Theatre (lunch provided, please book)

In solidarity,

Lorraine Pike
Branch Secretary

Twitter: @UNISONSevernHB

Not a member yet? Join online or ask your steward.
"""


def test_a_diary_of_titled_dates_and_a_union_sign_off_end_the_news() -> None:
    assert [headline for headline, _ in stories(BRANCH)] == [
        "PAY CAP - TIME TO SCRAP IT",
        "PARKING PERMITS AT KINGSWESTON",
    ]


def test_a_dated_headline_over_its_text_is_news() -> None:
    """'Urgent question: maternity unit - Thursday 5 July' over a report is no diary entry."""
    text = BRANCH.replace(
        "PARKING PERMITS AT KINGSWESTON\n",
        "Urgent question: Ashdown Park maternity unit - Thursday 5 July\n",
    )
    assert "Urgent question: Ashdown Park maternity unit - Thursday 5 July" in [
        headline for headline, _ in stories(text)
    ]


def test_a_greeting_over_a_post_is_not_its_text() -> None:
    text = MAILMAN.replace(
        "For anyone in the pilot areas:", "Afternoon all,\n\nFor anyone in the pilot areas:"
    )
    assert stories(text)[1][1].startswith("For anyone in the pilot areas:")


def test_a_wrapped_sentence_opening_like_a_byline_is_text() -> None:
    """'Hywel Pritchard, currently chief executive of ...' fills a wrapped line: a sentence."""
    body = (
        "Hywel Pritchard, currently chief executive of Aneurin Bevan University\n"
        "Health Board, will become chief executive of NHS Wales in January, the\n"
        "Welsh Government announced yesterday. He takes over as the service\n"
        "faces a shortfall across the seven health boards.\n"
    )
    sections = "".join(f"SECTION {n}\n\n" for n in range(8))  # lines of their own
    text = (
        sections
        + "New chief executive for NHS Wales\n\n"
        + body
        + "\nPharmacy First referrals below "
        "forecast\n\nReferrals under the scheme reached 1.2 million in its first\nyear, "
        "below the 2 million the Department had expected when it was\nlaunched in January.\n"
    )
    assert stories(text)[0] == ("New chief executive for NHS Wales", " ".join(body.split()))


def test_a_team_signing_off_the_intro_is_no_headline() -> None:
    text = (
        "Hello all,\n\nWith the election under way, this week's round-up is a little shorter "
        "than usual.\n\nThe MHX team\n\n"
        "University Hospitals Birmingham missed the four-hour A&E standard for the 28th month "
        "running.\n\nThe trust said a 14% rise in ambulance arrivals had coincided with the "
        "loss of 46 community beds.\n\n"
        + SIGNED.format(contents="").split("Director of Policy\n", 1)[1]
    )
    found = stories(text)
    assert found[0][0] is None and found[0][1].startswith("University Hospitals Birmingham")


def test_a_line_saying_the_issue_is_short_is_talk_about_it() -> None:
    text = (
        "PH Pulse\nIssue 63 · March 2025\n\n"
        "March brings our annual report season, so this issue is a short one.\n\n"
        "Directors of public health across the region have written to the secretary of "
        "state.\n\nThe letter warns that the changes would weaken local health protection.\n\n"
        + SIGNED.format(contents="").split("Director of Policy\n", 1)[1]
    )
    assert stories(text)[0][1].startswith("Directors of public health")


def test_a_sign_off_over_the_lists_links_still_goes() -> None:
    """groups.io puts a line of links under each post; the sender's name and job above it are
    still the post's sign-off."""
    text = MAILMAN.replace(
        "This message may contain confidential information. If you are not the intended\n"
        "recipient please inform the sender that you have received the message in error.\n\n"
        "Thank you for your co-operation.\n",
        "View/Reply Online (#4418) | Reply To Group | Reply To Sender | Mute This Topic\n",
    )
    found = stories(text)
    assert [headline for headline, _ in found][1:] == [
        "Cervical screening - HPV primary pilot result letters"
    ]


def test_a_letter_saying_what_the_issue_holds_introduces_it() -> None:
    letter = (
        "Dear colleague,\n\nNovember has barely begun and the health service is already "
        "running hot. In this briefing our fellows look at bed occupancy and the winter plan.\n"
        "\nWith best wishes,\n\nDr Eleanor Marsh, Director\n"
    )
    text = letter + SIGNED.format(contents="").split("Director of Policy\n", 1)[1]
    assert [headline for headline, _ in stories(text)] == [
        "Holding the line: the district nursing workforce",
        "Primary care networks: five questions for the first 100 days",
        "Smaller trusts held up better this winter",
    ]


def test_a_digest_forwarded_twice_loses_both_forwarders_notes() -> None:
    text = (
        "Team - sharing this from James. The second piece is useful.\n\n"
        "Cathy Shaw\nDirector of Strategy\n\n"
        "From: James Lee <james@example.org>\nSent: 03 February 2025 09:12\n"
        "To: Cathy Shaw <cathy@example.org>\nSubject: Fwd: Weekly Digest\n\n"
        "Cathy - see item two.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Centre for Health <digest@example.org>\nDate: Fri, 31 Jan 2025 at 07:00\n"
        "Subject: Weekly Digest\nTo: <james@example.org>\n\n"
        "Virtual wards: occupancy stuck at 75%\n\n"
        "NHS England's latest data show 12,650 virtual ward beds, three quarters of them used.\n\n"
        "Neighbourhood health: 12 pilot areas named\n\n"
        "NHS England has named 12 areas to test neighbourhood health services from April.\n"
    )
    assert [s.headline for s in split(text)] == [
        "Virtual wards: occupancy stuck at 75%",
        "Neighbourhood health: 12 pilot areas named",
    ]


LISTSERV = """There are 3 messages totaling 40 lines in this issue.

Topics of the day:

  1. Public health grant cuts - evidence on outcomes? (2)
  2. Seminar: natural experiments in alcohol policy

----------------------------------------------------------------------

Date:    Mon, 20 Nov 2017 10:14:32 +0000
From:    Rhiannon Pugh <rhiannon.pugh@example.gov.uk>
Subject: Public health grant cuts - evidence on outcomes?

Hi all - I'm pulling together evidence for our director of public health on what
the cuts to the grant have done to services since 2015.

Thanks in advance,
Rhiannon

------------------------------

Date:    Tue, 21 Nov 2017 09:02:51 +0000
From:    Centre for Alcohol Policy <capa@example.ac.uk>
Subject: Seminar: natural experiments in alcohol policy

*** Apologies for cross-posting ***

The Centre for Alcohol Policy Evaluation is holding a half-day seminar on natural
experiments in alcohol policy. Places are free but must be booked.

------------------------------

Date:    Tue, 21 Nov 2017 17:20:14 +0000
From:    Sarah Lindqvist <s.lindqvist@example.ac.uk>
Subject: Re: Public health grant cuts - evidence on outcomes?

Adding to the point above: the Local Government Association's survey found that
sexual health budgets were also being squeezed.
"""


def test_a_post_that_greets_the_list_is_a_story_and_cross_posting_notes_are_not() -> None:
    found = stories(LISTSERV)
    assert [headline for headline, _ in found] == [
        "Public health grant cuts - evidence on outcomes?",
        "Seminar: natural experiments in alcohol policy",
        "Re: Public health grant cuts - evidence on outcomes?",
    ]
    assert found[0][1].startswith("Hi all - I'm pulling together evidence")
    assert found[1][1].startswith("The Centre for Alcohol Policy Evaluation")


def test_a_name_and_role_alone_under_the_lead_signs_it_and_is_no_byline_of_the_next() -> None:
    text = (
        "Thank you to everyone who worked over the festive period. We saw 1,412 patients in our\n"
        "emergency departments on 2 January alone, a record for the trust.\n\n"
        "Claire Fenwick, Chief Executive\n\n"
        "## Electronic patient record go-live confirmed for 14 March\n\n"
        "The board has approved go-live of our new electronic patient record on 14 March.\n"
    )
    found = split(text)
    assert [story.headline for story in found] == [
        None,
        "Electronic patient record go-live confirmed for 14 March",
    ]
    assert found[1].byline is None


def test_a_reply_signature_above_the_quoted_original_is_not_a_story() -> None:
    reply = MAILMAN.replace(
        "Mark Tate\nPractice Nurse, Elm Tree Surgery\n\n",
        "Mark\n\nMark Tate | Lead Practice Nurse and Spirometry Trainer\n"
        "Elm Tree Surgery – North Lincolnshire\n\n"
        "-----Original Message-----\nFrom: Ann Lee\nSent: 12 September 2016 11:06\n"
        "Subject: Spirometry\n\nIs anyone else hearing this?\n\n",
    )
    assert [headline for headline, _ in stories(reply)] == [
        "Spirometry - ARTP certification deadline for practice nurses in every CCG?",
        "Cervical screening - HPV primary pilot result letters",
    ]


def test_a_letter_under_a_greeting_the_header_took_introduces_the_issue() -> None:
    text = (
        "THE WARD ROUND\n\nWeekly nursing policy news\nIssue 88 | Friday 15 September 2017\n\n"
        "Hello Sarah,\n\n"
        "It has been a week of two halves: a long-awaited crack in the pay cap on Tuesday, and\n"
        "then the realisation that nurses are not yet on the right side of it. Thanks to everyone\n"
        "who came to the members' evening in Leeds; we will do it again in the spring.\n\n"
        "Rachel, Dev and the team\n"
        f"{CONTENTS}\n"
        "Holding the line: the district nursing workforce\n\n"
        "The number of district nurses working in the NHS in England has fallen by 43%.\n\n"
        "Primary care networks: five questions for the first 100 days\n\n"
        "From 1 July almost every GP practice in England will belong to a network.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "Holding the line: the district nursing workforce",
        "Primary care networks: five questions for the first 100 days",
    ]


def test_headlines_marked_with_chevrons_over_a_blank_line_are_not_quotes() -> None:
    """ ">> HEADLINE" alone, a blank line, then unquoted text, again and again: the digest's
    mark for its headlines (quoted mail has no unquoted paragraphs between single lines)."""
    items = [
        ("COUNCIL RESPONDS TO CASELOAD FINDINGS", "Council has welcomed the caseload survey."),
        ("FELLOWSHIPS OPEN", "Applications are now open for ten community fellowships."),
        ("PAY AWARD STILL NOT PAID", "Members in Northern Ireland have not had the award."),
    ]
    text = "\n\n".join(f">> {headline}\n\n{body}" for headline, body in items)
    assert stories(text) == items


def test_a_chevron_section_label_over_a_headline_in_capitals_stays_out() -> None:
    text = (
        ">> DEVOLVED NATIONS\n\nSCOTLAND PROMISES A NEW STRATEGY\nThe Scottish Government "
        "has announced a new palliative care strategy.\n\n>> ENGLAND\n\nHOSPICE FUNDING "
        "REVIEWED\nThe review of hospice funding will report in June.\n\n>> WALES\n\n"
        "NEW CHARTER\nThe Welsh Government has published a charter for hospices.\n"
    )
    assert [headline for headline, _ in stories(text)] == [
        "SCOTLAND PROMISES A NEW STRATEGY",
        "HOSPICE FUNDING REVIEWED",
        "NEW CHARTER",
    ]


NOTICE = (
    "This message may contain confidential information. If you are not the intended\n"
    "recipient please inform the sender and delete it.\n"
)


def _outlook(sender: str, subject: str, note: str) -> str:
    return (
        f"From: {sender} <{sender.split()[0].lower()}@example.org>\n"
        f"Sent: 18 January 2022 12:30\nTo: All staff <all@example.org>\n"
        f"Subject: {subject}\n\n{note}\n\n{NOTICE}\n"
    )


BULLETIN = (
    "From: Communications <comms@example.org>\nSent: 18 January 2022 09:00\n"
    "To: All users <all@example.org>\nSubject: Staff news\n\n"
    "CAR PARK B CLOSES FROM MONDAY\n\n"
    "Car park B will close from Monday for resurfacing, for six weeks.\n\n"
    "2. Booster clinic hours extended\n"
    "The staff vaccination hub will now open until 8pm on weekdays.\n"
)


@pytest.mark.parametrize(
    "chain",
    [
        [("Lorraine Keys", "FW: FW: Staff news"), ("Medicine Office", "FW: Staff news")],
        [("Sam Whitfield", "RE: Staff news"), ("Helen Crowe", "FW: Staff news")],
    ],
    ids=["forwarded twice", "a reply-all over a forward"],
)
def test_an_outlook_chain_leaves_only_the_bulletin_first_sent(chain: list[tuple[str, str]]) -> None:
    """Outlook marks no forward or reply with a line of its own: the "Sent:" header block over
    "Subject: FW: ..." or "RE: ..." says the message under it is an earlier one in the chain."""
    notes = "".join(_outlook(sender, subject, "See below, thanks.") for sender, subject in chain)
    text = "Hi all, please see below.\n\nGary\n\n" + notes + BULLETIN
    assert [s.headline for s in split(text)] == [
        "CAR PARK B CLOSES FROM MONDAY",
        "Booster clinic hours extended",
    ]


def test_posts_of_a_digest_whose_subjects_answer_others_stay_posts() -> None:
    """A digest's posts carry "Date:", not Outlook's "Sent:": a "Re:" subject among them is a
    post answering another, not a chain to follow down."""
    text = (
        "From: Ann Lee <ann@example.org>\nDate: Mon, 4 Mar 2024 09:00\n"
        "Subject: Re: Virtual ward staffing\n\n"
        "We staff ours with two band 6 nurses and a consultant in reach each morning.\n\n"
        "From: Raj Menon <raj@example.org>\nDate: Mon, 4 Mar 2024 11:00\n"
        "Subject: Re: Virtual ward staffing\n\n"
        "Ours runs on community matrons alone, which works for frailty but not heart failure.\n"
    )
    assert len(split(text)) == 2


def test_a_post_greeting_the_list_about_a_band_and_part_time_posts_is_no_job_advert() -> None:
    text = (
        "From: Raj Menon <raj@example.org>\nDate: Mon, 4 Mar 2024 09:00\n"
        "Subject: Virtual ward staffing\n\n"
        "Ours runs on community matrons alone, which works for frailty but not heart failure.\n\n"
        "From: Ann Lee <ann@example.org>\nDate: Mon, 4 Mar 2024 11:00\n"
        "Subject: Team lead job shares\n\n"
        "Hi everyone, we are looking at job-sharing two band 7 posts after both holders\n"
        "asked to go part-time.\n\n"
        "HR are nervous about accountability for caseload decisions. Any advice welcome.\n"
    )
    last = split(text)[-1]
    assert last.headline == "Team lead job shares"
    assert last.body.startswith("Hi everyone, we are looking at job-sharing")


def test_an_outlook_quote_under_a_post_is_left_out_up_to_the_next_post() -> None:
    text = (
        "From: Mark Ellison <mark@example.org>\nDate: Thu, 29 Sep 2022 16:20:02 +0100\n"
        "Subject: NHS App messaging - anyone live?\n\n"
        "We went live with appointment messages through the NHS App in June, and 61% of\n"
        "messages are now read in the app rather than by text.\n\n"
        "From: Beth Noor <beth@example.org>\nDate: Fri, 30 Sep 2022 09:02:11 +0100\n"
        "Subject: Re: NHS App messaging - anyone live?\n\n"
        "We are live too. The catch is cost: every message that falls back to SMS is charged.\n\n"
        "Beth\n\n"
        "From: Interop-uk <list@example.org> on behalf of Mark Ellison\n"
        "Sent: 29 September 2022 16:20\nTo: interop-uk@example.org\n"
        "Subject: NHS App messaging - anyone live?\n\n"
        "We went live with appointment messages through the NHS App in June.\n\n"
        "From: Sue Park <sue@example.org>\nDate: Fri, 30 Sep 2022 11:40:00 +0100\n"
        "Subject: Shared care records for social care\n\n"
        "Has anyone got an information governance template for care homes joining the shared\n"
        "care record? Ours has stalled at the DPIA.\n"
    )
    assert [s.headline for s in split(text)] == [
        "NHS App messaging - anyone live?",
        "Re: NHS App messaging - anyone live?",
        "Shared care records for social care",
    ]


def test_replies_sharing_their_threads_subject_are_no_running_heads() -> None:
    post = (
        "------------------------------\n\n"
        "Date:    Wed, 4 Apr 2018 1{n}:40:02 +0100\nFrom:    {who} <{who}@example.org>\n"
        "Subject: Re: District nursing caseload data\n\n{text}\n\n"
        "We can compare notes at the network meeting in May if that helps.\n\n"
        "Either way, the national data set needs fixing before the next collection.\n\n{who}\n\n"
        "##############################\n\n"
        "To unsubscribe from the COMMUNITY-HEALTH list, click the link:\n"
        "https://www.example.org/lists/community-health\n\n"
    )
    text = "".join(
        post.format(n=n, who=who, text=text)
        for n, who, text in [
            (0, "Tom", "We stopped using the national data set for caseload counts last year."),
            (1, "Jo", "Thanks Tom, that's really helpful. Would you share the rules you use?"),
            (2, "Marcus", "Our workforce report found only 43 of 101 providers could say."),
        ]
    )
    assert [s.headline for s in split(text)] == ["Re: District nursing caseload data"] * 3


@pytest.mark.story_model
def test_a_short_post_of_a_digest_is_a_story_whatever_the_model_thinks_of_it() -> None:
    post = "From: {who} <{who}@example.org>\nDate: Wed, 4 Apr 2018 1{n}:40:02 +0100\n"
    text = (
        post.format(who="Tom", n=0) + "Subject: Re: District nursing caseload data\n\n"
        "For what it's worth, we stopped using the national community services data set for\n"
        "caseload counts last year, because about 15% of our contacts were not coded to a team.\n"
        "We now count from the rostering system, which the teams keep up to date.\n\n"
        + post.format(who="Jo", n=1)
        + "Subject: Re: District nursing caseload data\n\n"
        "Thanks Tom, that's really helpful. Would you share the reconciliation rules?\n"
    )
    assert [s.headline for s in split(text)] == ["Re: District nursing caseload data"] * 2


@pytest.mark.parametrize("prefix", ["", "RE: "])
def test_a_digest_of_outlook_messages_keeps_every_message(prefix: str) -> None:
    """Posts that carry Outlook's "Sent:" (not "Date:") are no quotes of one another, and
    replies listed oldest first are no chain to follow down to its last message."""
    post = (
        "From: {who} <{who}@example.org>\nSent: 0{n} March 2024 10:00\nTo: team@example.org\n"
        "Subject: {prefix}{subject}\n\n{text}\n\n"
    )
    posts = [
        ("Ann", "Flu clinic dates", "The staff flu clinic opens in the library on Monday."),
        ("Raj", "Theatre lists", "Theatre 3 is closed on Friday and its lists move to theatre 5."),
        ("Sue", "Car park", "Car park B is closed from Monday for six weeks for resurfacing."),
    ]
    text = "".join(
        post.format(who=who, n=n, prefix=prefix, subject=subject, text=body)
        for n, (who, subject, body) in enumerate(posts, start=1)
    )
    assert [s.headline for s in split(text)] == [prefix + subject for _, subject, _ in posts]


def test_a_topic_digest_posts_author_and_time_line_is_a_byline_under_the_topic() -> None:
    """Google Groups prints each topic's title over "Name <address>: Mon D HH:MMPM +zone"."""
    text = """Topic digest
View all topics

    * Bed modelling for winter - 1 Update
    * Discharge data quality - 1 Update

Bed modelling for winter
Priya Sandhu <priya.sandhu@example.org>: Oct 04 09:15AM +0100

We are rebuilding our winter bed model this year and would like to compare notes on
occupancy assumptions with other systems in the region.

Back to top

Discharge data quality
Tom Ellery: Oct 04 02:30PM +0100

Our discharge ready dates are missing for a third of patients, which makes the
weekly figures hard to trust. Has anyone fixed this at source?

Back to top
"""
    sections = split(text)
    assert [s.headline for s in sections] == ["Bed modelling for winter", "Discharge data quality"]
    assert sections[0].byline == "Priya Sandhu <priya.sandhu@example.org>: Oct 04 09:15AM +0100"
    assert sections[1].body.startswith("Our discharge ready dates")


@pytest.mark.parametrize("sign_off", ["Best wishes,", "With every good wish,"])
def test_a_name_under_the_intros_sign_off_signs_it_and_is_no_storys_byline(sign_off: str) -> None:
    text = f"""Dear colleagues,

Thank you for everything you have done over the last ten weeks. This update brings together
the news you may have missed.

{sign_off}
Jo Halloran, Network Manager

============================================================

Hospices receive first share of national funding
The five adult hospices in the network have received their first payments from the fund.

Verification of death guidance updated
Nurses in hospices may now verify an expected death remotely with a second clinician.
"""
    sections = split(text)
    assert [s.headline for s in sections] == [
        "Hospices receive first share of national funding",
        "Verification of death guidance updated",
    ]
    assert sections[0].byline is None


def test_a_social_digests_activity_and_role_lines_are_no_headlines() -> None:
    """Viva Engage and the like: "X posted in Y", "Role · Tue" over each post."""
    text = """Here's what's been happening in your communities this week.

Deborah Kline posted an announcement in Severn Vale ICB – All Staff
Chief Executive · Mon

Our operating plan: what it means for you

NHS England published its planning guidance last week, and for us it means a £38m efficiency
requirement across the system.

----------------------------------------

Imran Qureshi posted in Digital Primary Care Champions
Digital Transformation Lead · Tue

Quick update from the Forest of Dean pilot: 9 of our 11 practices now use the online triage
tool, and same-day handling has risen from 44% to 61% since October.

----------------------------------------

Anna Lisowski published an article in Population Health Management
Head of Population Health Intelligence · Tue

Frailty risk model live in 12 PCNs

Our frailty risk model went live across 12 primary care networks on 3 February, the team said.
"""
    sections = split(text)
    assert [s.headline for s in sections] == [
        "Our operating plan: what it means for you",
        None,
        "Frailty risk model live in 12 PCNs",
    ]
    assert sections[1].body.startswith("Quick update from the Forest of Dean pilot")


def test_an_attribution_wrapped_onto_two_lines_and_a_dash_at_a_lines_start() -> None:
    text = """Send Policy-forum mailing list submissions to
	policy-forum@lists.example.org

Today's Topics:

   1. Social prescribing link worker funding (Anwar Qureshi)
   2. Re: Social prescribing link worker funding (Meg Hollis)

----------------------------------------------------------------------

Message: 2
Date: Thu, 13 Jun 2019 18:21:40 +0100
From: Anwar Qureshi <anwar.qureshi@example.org>
Subject: Social prescribing link worker funding

Hi all, does anyone have a view on how the funding for link workers is being used?

------------------------------

Message: 3
Date: Fri, 14 Jun 2019 07:58:02 +0100
From: Meg Hollis <meg.hollis@example.org>
Subject: Re: Social prescribing link worker funding

On Thu, 13 Jun 2019 at 18:21, Qureshi Anwar (NHS EASTLEIGH AND HAMBLE
<anwar.qureshi@example.org> wrote:
> Hi all, does anyone have a view on how the funding for link workers
> is being used in practice?

Anwar,

The National Association of Link Workers ran a caseload survey last year
- 31% of respondents reported caseloads above 150. I can put you in
touch with their research lead.

Meg
"""
    assert (
        "Re: Social prescribing link worker funding",
        "The National Association of Link Workers ran a caseload survey last year - 31% of"
        " respondents reported caseloads above 150. I can put you in touch with their"
        " research lead.",
    ) in stories(text)
