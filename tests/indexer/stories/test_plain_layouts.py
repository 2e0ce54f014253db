"""Plain-text layouts read from their shape: capitals leads, banners, numbering and table
columns, hanging indents, lettered items, chat exports, aligned fields and PDF page breaks.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

import textwrap

from indexer.reading.textcodec import tidy
from indexer.stories.lines import Line, _url_only, text_groups
from indexer.stories.split import split

PROSE = (
    "The regulator said on Tuesday that the trust had made progress on staffing but that "
    "waiting times in the emergency department were still too long for many patients."
)
MORE = (
    "Managers have been asked to publish an action plan by the end of the month and to report "
    "back to the board in the spring, when inspectors will return."
)


def headlines(text: str) -> list[str | None]:
    return [story.headline for story in split(text)]


def test_capitals_lead_closed_by_a_full_stop_keeps_its_colon() -> None:
    text = (
        "MENTAL HEALTH BILL: CHARITIES WRITE TO THE PRIME MINISTER. " + PROSE + "\n\n"
        "WORK CAPABILITY CHANGES CONFIRMED. " + MORE + "\n\n"
        "WALES: NEW STRATEGY OUT FOR CONSULTATION. " + PROSE + "\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "MENTAL HEALTH BILL: CHARITIES WRITE TO THE PRIME MINISTER",
        "WORK CAPABILITY CHANGES CONFIRMED",
        "WALES: NEW STRATEGY OUT FOR CONSULTATION",
    ]
    assert stories[1].paragraphs[0].startswith("Managers have been asked")


def test_a_headline_between_runs_of_marks_loses_them() -> None:
    text = f"*** Blood stocks fall below four days ***\n\n{PROSE}\n\n== Donor appeal ==\n\n{MORE}\n"
    assert headlines(text) == ["Blood stocks fall below four days", "Donor appeal"]


def test_a_numbering_column_before_a_headline_is_dropped() -> None:
    text = f"ITEM 4  STRATEGY REFRESH\n\n{PROSE}\n\nITEM 5  WINTER REVIEW\n\n{MORE}\n"
    assert headlines(text) == ["STRATEGY REFRESH", "WINTER REVIEW"]


def test_a_table_of_records_under_a_label_is_not_a_story() -> None:
    text = (
        f"Strategy refresh approved\n\n{PROSE}\n\n"
        "ACTIONS AGREED\n"
        "  A25/07  Measures for the cost of living priority   S Adeyinka   July\n"
        "  A25/08  Joint winter plan to the partnership        F Marsh      September\n"
    )
    assert headlines(text) == ["Strategy refresh approved"]


def test_a_list_item_wrapped_to_its_hanging_indent_is_one_item() -> None:
    text = (  # wrapped at 66 columns: "July" would not have fitted after "6"
        "O negative red cell stocks have been below four days for most of\n"
        "September, partly because of a summer dip in donor attendance and\n"
        "partly because hospitals are ordering O negative for patients who\n"
        "are not group O negative.\n\n"
        "TRAINING\n"
        "  - Better Blood regional education day, Sheffield, 12 October\n"
        "  - Serious Hazards of Transfusion (SHOT) annual symposium, 6\n"
        "    July 2017\n"
        "    (save the date)\n"
    )
    group = text_groups(text, [])[-1]
    assert [line.text for line in group] == [
        "TRAINING",
        "Better Blood regional education day, Sheffield, 12 October",
        "Serious Hazards of Transfusion (SHOT) annual symposium, 6 July 2017 (save the date)",
    ]


def test_a_line_under_a_list_item_that_is_not_wrapped_stays_its_own() -> None:
    text = (
        "1. League tables, round three\n"
        "   Health Service Journal | 13 Jan\n\n"
        f"   {PROSE}\n\n"
        "2. Closing the doors\n"
        "   Institute for Government | 12 Jan\n\n"
        f"   {MORE}\n"
    )
    assert headlines(text)[0] == "League tables, round three"


def test_lettered_items_lose_their_letters() -> None:
    text = (
        "Inside this issue\n  A. From the chair\n  B. Election results\n\n"
        f"A. FROM THE CHAIR\n\n{PROSE}\n\nB. ELECTION RESULTS\n\n{MORE}\n"
    )
    assert headlines(text) == ["FROM THE CHAIR", "ELECTION RESULTS"]


def test_a_single_capital_and_full_stop_is_not_a_letter() -> None:
    text = f"A. N. Other joins the board\n\n{PROSE}\n\nBudget agreed\n\n{MORE}\n"
    assert headlines(text)[0] == "A. N. Other joins the board"


def test_diary_lines_with_a_date_and_a_time_are_events() -> None:
    text = (
        f"Non-executives reappointed\n\n{PROSE}\n\n"
        "DATES FOR YOUR DIARY\n"
        "  Council of Governors (public)  Wed 18 May 2022, 5pm, Education\n"
        "  Centre\n"
        "  Annual Members' Meeting        Thu 15 Sep 2022, 6pm, venue tbc\n"
    )
    assert headlines(text) == ["Non-executives reappointed"]


CHAT = f"""Microsoft Teams - channel conversation export
Team:      Strategy (NHS Harrowden ICB)
Channel:   Policy news
Exported:  03/10/2024 17:42 by Laura Steyn

Kiran Bhatt   01/10/2024 08:52
Engagement exercise to open on 21 October
{PROSE}
https://www.gov.uk/news/engagement
👍 5   💬 2 replies

    Laura Steyn   01/10/2024 09:05
    Useful, thanks. Can we get a line on this into the board pack?

    Kiran Bhatt   01/10/2024 09:07
    Will do.

---

Laura Steyn   01/10/2024 14:03
Reminder: the horizon-scanning meeting on Thursday has moved to 2pm in Boardroom 2.
👍 4

---

Owen Price   01/10/2024 11:16 (edited)
LMC says 38 practices now limit daily contacts
{MORE}
"""


def test_a_chat_export_gives_one_story_per_headlined_post() -> None:
    stories = split(CHAT)
    assert [s.headline for s in stories] == [
        "Engagement exercise to open on 21 October",
        "LMC says 38 practices now limit daily contacts",
    ]
    text = " ".join(p for s in stories for p in s.paragraphs)
    assert "Useful, thanks" not in text  # a reply in the thread
    assert "Reminder" not in text  # a post with no headline is talk, not news
    assert "👍" not in text and "Exported" not in text


def test_aligned_fields_are_metadata() -> None:
    text = "Meeting digest\nChair:       Cllr Joanne Whitfield\nPresent:     16 voting members\n"
    dropped: list[Line] = []
    assert [[line.text for line in group] for group in text_groups(text, dropped)] == [
        ["Meeting digest"]
    ]
    assert [line.note for line in dropped] == ["dropped: a block of fields"] * 2


def test_an_items_aligned_fields_are_kept_as_its_details() -> None:
    text = (
        "[D1] Vaccination as a Condition of Deployment\n"
        "     House:       House of Commons, Westminster Hall\n"
        "     Opened by:   Daniel Brereton MP (Con, Stafford North)\n"
        "     Summary:\n"
        f"       {PROSE}\n\n"
        "[D2] Health and Care Bill: Committee stage (day 9)\n"
        "     House:       House of Lords, Grand Committee\n"
        "     Witnesses:   Dr Simon Kerr, Chair, British Medical Association council\n"
        "     Summary:\n"
        f"       {MORE}\n"
    )
    found = split(text)
    assert [s.headline for s in found] == [
        "Vaccination as a Condition of Deployment",
        "Health and Care Bill: Committee stage (day 9)",
    ]
    assert found[1].details == (
        "House: House of Lords, Grand Committee",
        "Witnesses: Dr Simon Kerr, Chair, British Medical Association council",
    )


def test_a_form_feed_is_a_page_break_between_lines() -> None:
    assert tidy("foot of page 1     Page 1 of 2\n\fHead of page 2\n") == (
        "foot of page 1     Page 1 of 2\nHead of page 2\n"
    )
    assert tidy("Page 1 of 2\fHead") == "Page 1 of 2\nHead"


def test_a_paragraph_cut_by_a_page_break_is_joined_again() -> None:
    line = "Annual Report and Accounts 2016/17"
    wrapped = (
        "Following a comprehensive inspection in July 2016, the Care Quality\n"
        "\n\n"
        f"Performance report                                           14\n\f{line}\n\n"
        "Commission published its report in November rating the trust good\n"
        "overall and outstanding for being caring. Inspectors praised the\n"
        "community teams.\n"
    )
    body = (  # wrapped at 72 columns: "Quality" above ends a full line
        "The hub opened in April and brings together GP, community nursing and\n"
        "mental health teams in one building on the site of the old cottage\n"
        "hospital in the town.\n"
    )
    text = tidy(
        f"{line}\n\nCommunity hub opens\n\n{body}\n"
        f"Care Quality Commission rates the trust good\n\n{wrapped}\n"
        f"Performance report                                           15\n\f{line}\n\n"
        f"Staff survey results\n\n{body}"
    )
    stories = split(text)
    rated = next(s for s in stories if s.headline == "Care Quality Commission rates the trust good")
    assert rated.paragraphs[0].startswith("Following a comprehensive inspection")
    assert "Commission published its report" in rated.paragraphs[0]


def test_do_not_reply_closes_the_digest() -> None:
    text = (
        f"Donor appeal\n\n{PROSE}\n\n"
        "This update is for healthcare professionals. Do not reply to this email.\n"
        "NHS Blood and Transplant, 500 North Bristol Park, Filton, Bristol.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == ["Donor appeal"]
    assert "Do not reply" not in " ".join(stories[0].paragraphs)


def test_indented_stars_and_stars_one_under_another_are_list_items() -> None:
    text = (
        "KEY DATES\n* Wed 24 Nov - Deadline to register for the webinar\n"
        "* Fri 26 Nov - Last date for the e-learning\n\n"
        "RESOURCES\n  * New: flexible working toolkit, updated for the\n"
        "    Employment Relations Act 2023\n"
    )
    lines = [line for group in text_groups(text, []) for line in group]
    assert [(line.text, line.bulleted) for line in lines[1:3]] == [
        ("Wed 24 Nov - Deadline to register for the webinar", True),
        ("Fri 26 Nov - Last date for the e-learning", True),
    ]
    assert lines[-1].text == (
        "New: flexible working toolkit, updated for the Employment Relations Act 2023"
    )


def test_a_star_at_the_margin_over_text_is_still_a_heading() -> None:
    text = f"* Trust fined over data breach\n{PROSE}\n\n* Waiting lists grow\n{MORE}\n"
    assert headlines(text) == ["Trust fined over data breach", "Waiting lists grow"]


def test_numbered_reference_links_are_not_text() -> None:
    text = (
        f"Trust fined over data breach\n\n{PROSE}\n\nWaiting lists grow\n\n{MORE}\n\n"
        "[1] https://www.example.org/one\n[12] https://www.example.org/twelve\n"
    )
    assert split(text)[-1].paragraphs == (MORE,)


def test_a_letter_signed_with_a_name_over_a_role_introduces_the_issue() -> None:
    letter = (
        "Hi everyone,\n\n"
        "Another busy week ahead with boosters, flu and the hypertension service. Below is "
        "everything you need to know this week.\n\n"
        "Adele Brennan\nChief Officer, Mersey Vale LPC\n\n"
    )
    dropped: list[Line] = []
    text_groups(letter, dropped)
    assert [(line.text, line.note) for line in dropped] == [
        ("Adele Brennan", "dropped: a signature (a name over a role)"),
        ("Chief Officer, Mersey Vale LPC", "dropped: a signature (a name over a role)"),
    ]
    text = (
        f"{letter}BOOSTER SITES TO EXTEND HOURS\n\n{PROSE}\n\nFLU: RECORD EVERY VACCINE\n\n{MORE}\n"
    )
    assert headlines(text) == ["BOOSTER SITES TO EXTEND HOURS", "FLU: RECORD EVERY VACCINE"]


def test_a_press_release_end_mark_is_not_text() -> None:
    text = f"Trust fined over data breach\n\n{PROSE}\n\n– Ends –\n\nWaiting lists grow\n\n{MORE}\n"
    assert split(text)[0].paragraphs == (PROSE,)


def test_an_indented_body_wraps_sooner_by_its_indent() -> None:
    text = (
        "Our new emergency department opened its doors on Monday after three years of\n"
        "building work, and more than 400 patients were seen on the first day. Staff\n"
        "moved across overnight without a single delayed handover.\n\n"
        "Car parking charges frozen\n~~~~~~~~~~~~~~~~~~~~~~~~~~\n\n"
        "    Staff parking charges will stay at 2016 levels until at least April\n"
        "    2018, the board agreed on Thursday. The decision follows a survey in\n"
        "    which 1,200 staff said costs were a reason to leave.\n\n"
        "New chief nurse appointed\n~~~~~~~~~~~~~~~~~~~~~~~~~\n\n"
        "    Dr Ama Boateng will join us as chief nurse in September from Royal\n"
        "    Cornwall Hospitals NHS Trust, where she has been deputy chief nurse\n"
        "    since 2014.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories][-2:] == [
        "Car parking charges frozen",
        "New chief nurse appointed",
    ]
    assert stories[-1].paragraphs[0].startswith("Dr Ama Boateng will join us as chief nurse")


def test_a_source_line_under_a_paragraph_is_not_joined_to_it() -> None:
    items = [
        ("Capital allocations confirmed", "NHS England letter, 28 October"),
        ("Estates backlog passes £13bn", "NHS Digital, ERIC 2023/24"),
    ]
    text = "\n\n".join(
        f"{n}) {head}\nNHS England has confirmed operational capital of £4.2bn for systems next\n"
        f"year, with a further £1.1bn held back for performance incentives.\nSource: {source}"
        for n, (head, source) in enumerate(items, 1)
    )
    stories = split(text)
    assert [s.headline for s in stories] == [head for head, _ in items]
    assert all(s.paragraphs[-1].endswith("for performance incentives.") for s in stories)


def test_an_underlined_headline_after_a_label_and_its_link_is_a_headline() -> None:
    text = (
        "Strike dates confirmed for January\n"
        "==================================\n"
        f"{PROSE}\n\n"
        "Full list of trusts and picket locations:\n"
        "<https://example.org/strike/locations>\n\n"
        "Minister refuses to reopen the pay award\n"
        "----------------------------------------\n"
        f"{MORE}\n"
    )
    assert headlines(text) == [
        "Strike dates confirmed for January",
        "Minister refuses to reopen the pay award",
    ]


def test_a_link_placeholder_ends_a_standfirst_not_a_headline() -> None:
    text = (
        "*Energy bill relief extended to NHS trusts*\n"
        "Trusts will be covered by the six-month price cap, easing a £900m rise. [link]\n\n"
        "*Regulator warns of gridlock in urgent care*\n"
        "Delays in discharge are stopping patients getting timely emergency care. [link]\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Energy bill relief extended to NHS trusts",
        "Regulator warns of gridlock in urgent care",
    ]
    assert stories[1].paragraphs == (
        "Delays in discharge are stopping patients getting timely emergency care.",
    )


def test_a_line_ending_in_until_runs_on_into_a_date() -> None:
    text = (
        f"Strike dates confirmed for January\n\n{PROSE}\n\n"
        "Mandate check: update your details now\n\n"
        "Our current mandate for industrial action runs until\n"
        "6 January 2026. If we need to re-ballot, every member must\n"
        "have a correct home address on their record, or they\n"
        "cannot vote. Log in to your account and check it today.\n"
    )
    story = split(text)[1]
    assert story.headline == "Mandate check: update your details now"
    assert story.paragraphs[0].startswith("Our current mandate for industrial action runs until 6")


def test_guillemet_marked_headlines_lose_their_marks() -> None:
    text = (
        f"ON THE WARDS\n\n» Corridor care reported daily\n{PROSE}\n\n"
        f"» Recruits fall by half\n{MORE}\n"
    )
    assert headlines(text) == ["Corridor care reported daily", "Recruits fall by half"]


def test_a_table_laid_out_with_tabs_is_records_not_headlines() -> None:
    text = (
        f"Consultant appointments\n\n{PROSE}\n\n"
        "Name\tSpecialty\tStart date\n"
        "Dr Ann Lee\tEmergency Medicine\t3 October 2022\n"
        "Miss Ruth Khan\tTrauma and Orthopaedics\t7 November 2022\n"
    )
    assert headlines(text) == ["Consultant appointments"]
    assert tidy("Dr Ann Lee\tEmergency Medicine") == "Dr Ann Lee  Emergency Medicine"


def test_a_diary_set_with_dot_leaders_is_not_stories() -> None:
    text = (
        f"Boards go live in July\n\n{PROSE}\n\n"
        "KEY DATES\n"
        "December 2022 ...... Interim integrated care strategies due\n"
        "March 2023 ......... Joint forward plans due\n"
    )
    assert headlines(text) == ["Boards go live in July"]


def test_a_lone_emphasised_lead_set_off_by_a_dash_is_a_run_in_headline() -> None:
    text = (
        f"Junior doctors' contract imposed\n\n{PROSE}\n\n"
        "ALSO TODAY\n\n"
        "*New contract to be phased in from October* – The health secretary told MPs that\n"
        "the contract will be introduced in stages, starting with obstetrics trainees.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Junior doctors' contract imposed",
        "New contract to be phased in from October",
    ]
    assert stories[1].paragraphs[0].startswith("The health secretary told MPs")


def test_a_browsers_printed_footer_is_a_bare_link() -> None:
    """A page printed from webmail ends with its address and the page's number: no text."""
    assert _url_only("https://mail.google.com/mail/u/0?ik=5d8e2f71&view=pt&search=all   1/3")
    assert not _url_only("https://example.org/report is due on 1/3")


def test_run_in_titles_one_under_another_are_items() -> None:
    text = (
        f"Pay award confirmed\n\n{PROSE}\n\n"
        "IN BRIEF\n"
        "Sepsis screening. The regulator has published revised guid-\n"
        "ance asking trusts to screen all emergency admissions.\n"
        "Cancer waits. The 62-day standard was missed for the 38th\n"
        "month in a row in February.\n"
        "New deputy CNO. Ruth Adeyemi has been appointed interim deputy\n"
        "chief nursing officer from 1 May.\n"
    )
    assert headlines(text) == [
        "Pay award confirmed",
        "Sepsis screening",
        "Cancer waits",
        "New deputy CNO",
    ]


def test_a_short_sentence_opening_a_line_of_prose_is_no_title() -> None:
    text = (
        "Pay award confirmed\n\n"
        "The award was confirmed on Tuesday. Unions had asked for more.\n"
        "It was late. Ministers said the delay was unavoidable this year.\n"
    )
    assert headlines(text) == ["Pay award confirmed"]


def test_a_paragraph_wrapped_short_of_the_page_keeps_its_first_line() -> None:
    """A paragraph wrapped a little narrower than the digest's other text: its first line,
    ending in a name that runs on, is no headline."""
    text = (
        "Cancer centre opening date confirmed\n\n"
        "A long paragraph of the digest at its full width sets the wrap widths\n"
        "for everything below it, so that a narrower paragraph looks as if it is\n"
        "not wrapped at all to a reader measuring each line against the widest\n"
        "line of them all in the digest, which is what the splitter did at first.\n\n"
        "Treatment centre to open in June\n\n"
        "    The Shuttle reports that the £19.5m Kidderminster Cancer\n"
        "    Treatment Centre will open to its first patients on 5 June,\n"
        "    bringing chemotherapy and radiotherapy closer to home for around\n"
        "    3,200 patients a year from the Wyre Forest area, with a photo\n"
        "    of the chief executive with the League of Friends, who\n"
        "    raised £1.2m towards the building.\n"
    )
    stories = split(text)
    assert stories[-1].headline == "Treatment centre to open in June"
    assert stories[-1].paragraphs[0].startswith("The Shuttle reports that the £19.5m")


def test_a_headline_ending_with_the_month_of_may_does_not_run_on() -> None:
    text = (
        "• Category M prices cut from May\n"
        "  Reimbursement prices for 420 generic medicines will fall from 1 May, removing about"
        " £15m a quarter from community pharmacy income.\n\n"
        "• NICE backs rimegepant for acute migraine\n"
        "  The institute has recommended rimegepant for acute migraine in adults who have not"
        " responded to two triptans.\n\n"
        "• Blood pressure checks pass 1,000 pharmacies\n"
        "  More than 1,000 community pharmacies have signed up to the case-finding service"
        " since it launched.\n"
    )
    assert split(text)[0].headline == "Category M prices cut from May"


def test_starred_items_whose_title_and_text_run_on_indented_are_list_items() -> None:
    text = (
        "ALSO REPORTED\n\n"
        "* CQC fees to rise by up to 20% - Consultation on 2017/18 fees\n"
        "  closes on 4 August, the regulator said on Monday. (Pulse)\n"
        "* Smoking rate falls to 16.9% - Public Health England figures for\n"
        "  2015 show the lowest rate on record. (Daily Telegraph)\n"
        "* Sugar levy consultation published - The Treasury's soft drinks\n"
        "  levy will start in April 2018, with two rates. (BBC)\n"
    )
    assert [story.headline for story in split(text)] == [
        "CQC fees to rise by up to 20%",
        "Smoking rate falls to 16.9%",
        "Sugar levy consultation published",
    ]


def test_a_line_ending_in_a_small_word_runs_on_where_the_wrap_width_is_unknown() -> None:
    # Too few wrapped lines to measure the width: "the" at a line's end still shows a wrap.
    text = (
        "WEEKLY ROUND-UP\n\n"
        "**Ballot result announced for resident doctors**\n"
        "Resident doctors in England voted for strikes, the union announced on Monday.\n\n"
        "**Workforce plan delayed again**\n"
        "The long-term workforce plan will not now be published before the\n"
        "Budget on 15 March, Downing Street said.\n\n"
        "**Training posts expanded in Part A**\n"
        "Another 400 posts will open in the spring, the deanery said.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Ballot result announced for resident doctors",
        "Workforce plan delayed again",
        "Training posts expanded in Part A",
    ]
    assert stories[1].paragraphs == (
        "The long-term workforce plan will not now be published before the Budget on 15 March, "
        "Downing Street said.",
    )


def test_a_figure_placeholder_filling_the_wrap_width_is_not_joined_to_the_line_under_it() -> None:
    wrapped = (
        "Waiting lists grew again in the autumn, and the number of people waiting\n"
        "more than a year for treatment rose for the third month running, the\n"
        "figures show.\n\n"
    )
    text = (
        "CHART 1  Waiting lists keep growing\n\n"
        "[Figure: stacked area chart, waiting list by weeks waited, 2018/19 to now]\n"
        "Source: NHS England; our analysis.\n\n" + wrapped + "CHART 2  Beds are full\n\n"
        "General and acute bed occupancy stayed above 94% for the whole of the\n"
        "winter, against the 85% that is thought to be safe, the data show.\n"
    )
    stories = split(text)
    assert stories[0].paragraphs[0].startswith("Waiting lists grew again")


def test_a_short_title_ending_in_a_small_word_stays_a_headline() -> None:
    text = (
        "Dates to look out for\nThe consultation on the plan closes on 3 May, the board said.\n\n"
        "New chair for the board\nThe board appointed a new chair on Monday, after a long search.\n"
    )
    assert headlines(text) == ["Dates to look out for", "New chair for the board"]


def test_a_title_with_a_comma_is_a_lead_among_dashed_leads() -> None:
    text = (
        "Windows 11 - " + PROSE + "\n\n"
        "Power BI licences - " + MORE + "\n\n"
        "Farewell, Keith - After 31 years, senior analyst Keith Marlow retires at the end of July"
        " and leaves with our thanks for the dashboards he built.\n"
    )
    assert headlines(text) == ["Windows 11", "Power BI licences", "Farewell, Keith"]


def test_a_comma_before_a_dash_alone_opens_a_sentence() -> None:
    text = "In its report, Left Behind - Care Work in England said " + PROSE + "\n"
    assert headlines(text) == [None]


def test_a_full_line_ending_in_in_wraps_onto_the_next() -> None:
    text = (
        "1  Emergency performance falls to lowest level on record\n\n"
        "Only 83.6% of patients attending major emergency departments in\n"
        "England in October were admitted, transferred or discharged within\n"
        "four hours, the worst performance since the current standard was\n"
        "introduced in 2004.\n"
        "In the North East, trolley waits rose by 41%.\n"
        "Chief executives in the region said bed occupancy is above 95%.\n\n"
        "2  Delayed transfers: councils warn of gap\n\n"
        "Councils say the money promised for social care will not cover the\n"
        "winter, and hospitals will see more delayed transfers of care as a\n"
        "result of the shortfall in home care packages this year.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Emergency performance falls to lowest level on record",
        "Delayed transfers: councils warn of gap",
    ]
    assert stories[0].paragraphs[0].startswith("Only 83.6% of patients attending major")


def test_a_quotation_of_two_sentences_is_a_headline() -> None:
    text = (
        'OPINION\n\n"We stopped calling it winter pressure. It\'s just pressure now"\n'
        "Emergency nurse Ruth Adebayo-Lewis on twelve-hour shifts and why she has stopped"
        " counting the trolleys.\n\n"
        "Nursing degree applications rise for second year running\n"
        "UCAS figures show 31,940 applicants for nursing courses by the January deadline.\n"
    )
    assert headlines(text) == [
        '"We stopped calling it winter pressure. It\'s just pressure now"',
        "Nursing degree applications rise for second year running",
    ]


def test_a_colon_lead_runs_to_the_full_stop_of_its_second_part() -> None:
    text = (
        "Category M adjustment: " + PROSE + "\n\n"
        "Minor Ailments Scheme: Treatment Card changes. " + MORE + "\n\n"
        "Access payments: Eleven pharmacies qualify. " + PROSE + "\n"
    )
    assert headlines(text) == [
        "Category M adjustment",
        "Minor Ailments Scheme: Treatment Card changes",
        "Access payments",  # "Eleven pharmacies qualify." is the text's first sentence
    ]


def test_labelled_details_wrapped_onto_a_second_line_stay_details() -> None:
    question = (
        "To ask the Secretary of State for Health and Social Care, how many people were waiting"
        " more than 18 weeks for physiotherapy in each area."
    )
    text = (
        "Physiotherapy: Waiting Lists\n"
        "Asked by: Helen Carrow (Labour, Wythenshawe)\n"
        "Answered by: Philip Dunmore, Minister of State for Health\n\n"
        f"{question}\n\n"
        "Speech and Language Therapy: Children\n"
        "Asked by: Kirsty MacLennan (Scottish National Party, Dunfermline and\n"
        "Kincardine)\n"
        "Answered by: Nadia Rahman, Parliamentary Under-Secretary of State for\n"
        "Children and Families\n\n"
        f"{question}\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Physiotherapy: Waiting Lists",
        "Speech and Language Therapy: Children",
    ]
    assert all(s.paragraphs == (question,) for s in stories)
    assert stories[1].details == (
        "Asked by: Kirsty MacLennan (Scottish National Party, Dunfermline and Kincardine)",
        "Answered by: Nadia Rahman, Parliamentary Under-Secretary of State for Children and"
        " Families",
    )


def test_a_date_wrapped_before_its_year_is_one_line() -> None:
    text = (
        "Cloud telephony deadline extended\n"
        "Practices still using analogue phone systems now have until 31 March\n"
        "2024 to move to cloud-based telephony, NHS England said on Tuesday.\n\n"
        "Pay award: practices left to fund the rise\n"
        "The department has confirmed an uplift that leaves practices to fund part of it.\n"
    )
    stories = split(text)
    assert [s.headline for s in stories] == [
        "Cloud telephony deadline extended",
        "Pay award: practices left to fund the rise",
    ]
    wrapped = "until 31 March 2024 to move to cloud-based telephony, NHS England said on Tuesday."
    assert stories[0].paragraphs[0].endswith(wrapped)


def test_a_speakers_name_wrapped_before_said_is_not_a_field() -> None:
    text = (
        "Inspectors visit next week\n\n"
        "   In our last inspection, in March 2015, the trust was\n"
        "   rated “requires improvement”. Director of nursing Helen\n"
        "   Gartside said: “Just be yourselves, and be honest about\n"
        "   what is good and what we still need to fix.”\n"
    )
    [story] = split(text)
    assert story.paragraphs == (
        "In our last inspection, in March 2015, the trust was rated “requires improvement”."
        " Director of nursing Helen Gartside said: “Just be yourselves, and be honest about"
        " what is good and what we still need to fix.”",
    )


def test_figures_set_as_headlines_are_headlines() -> None:
    rule = "~" * 36
    figures = ["£11.6bn", "7.61 million", "70.3%", "£1.4bn", "152,000"]
    text = f"\n\n{rule}\n\n".join(f"{figure}\n\n{PROSE}" for figure in figures) + "\n"
    stories = split(text)
    assert [s.headline for s in stories] == figures  # not page numbers, running heads, times
    assert all(s.paragraphs == (PROSE,) for s in stories)


def test_bulleted_items_with_a_title_and_a_colon_before_lower_case_text() -> None:
    text = (
        "Also worth knowing\n\n"
        "•  Pharmacy First: community pharmacies in the Midlands carried out 14,820 consultations"
        " in March, the first full month of the service.\n\n"
        "•  Staff survey: the 2023 NHS Staff Survey results for the region show that 62.4% of"
        " staff would recommend their organisation as a place to work.\n"
    )
    assert [s.headline for s in split(text)] == ["Pharmacy First", "Staff survey"]


def test_numbered_items_with_a_title_closed_by_a_full_stop_or_a_colon() -> None:
    text = (
        "1. National alert on oxygen cylinder storage. A National Patient\n"
        "   Safety Alert issued by NHS England on 8 January requires every\n"
        "   trust to review how it stores and handles oxygen cylinders.\n\n"
        "2. Never events - wrong-site surgery still the most common:\n"
        "   Provisional data for April to November 2025 show 198 never\n"
        "   events reported in England, compared with 221 a year earlier.\n\n"
        "3. PSIRF two years on: what you told us. Our survey of 86\n"
        "   patient safety specialists found most welcome the framework.\n"
    )
    assert [s.headline for s in split(text)] == [
        "National alert on oxygen cylinder storage",
        "Never events - wrong-site surgery still the most common",
        "PSIRF two years on: what you told us",
    ]


def test_emoji_bullets_before_bold_leads() -> None:
    text = (
        "💉 *FLU & COVID:* 3,412 flu jabs done across the group since 1 Oct, 22% up on this time"
        " last year, with Long Eaton the top branch.\n\n"
        "⚠️ *RECALL:* Class 2 MHRA drug alert for co-codamol capsules from Medreach Generics;"
        " quarantine any stock and return it by Friday.\n\n"
        "Any Qs message Dan or your area manager. Reply STOP to leave this broadcast list.\n"
    )
    assert headlines(text) == ["FLU & COVID", "RECALL"]


def test_press_cuttings_lose_the_source_before_each_headline() -> None:
    text = (
        f"THE GUARDIAN - Waiting list falls for fourth month\n{PROSE}\n\n"
        f"HSJ - Trusts told to cut corporate headcount\n{MORE}\n\n"
        f"THE TIMES (p.14) - Social care reform has stalled\n{PROSE}\n"
    )
    assert headlines(text) == [
        "Waiting list falls for fourth month",
        "Trusts told to cut corporate headcount",
        "Social care reform has stalled",
    ]


def test_a_records_place_and_labelled_fields_under_its_name_are_details() -> None:
    text = (
        f"Fernlea House\nConsett, County Durham\nRating: Requires improvement (Good)\n{PROSE}\n\n"
        f"Holmside Lodge\nStanley, County Durham\nRating: Inadequate\n{MORE}\n"
    )
    stories = split(text)
    assert [(s.headline, s.paragraphs) for s in stories] == [
        ("Fernlea House", (PROSE,)),
        ("Holmside Lodge", (MORE,)),
    ]
    assert stories[0].details == ("Consett, County Durham", "Rating: Requires improvement (Good)")


def test_a_run_of_paragraphs_opening_with_title_sentences_among_others() -> None:
    titled = [
        "Dentistry",  # one word: no greeting ("Jo,") for all it looks like a name
        "Nurses announce 48-hour strike",
        "ICS review seeks evidence on targets",
        "Ambulance response times improve",
        "Discharge fund: second tranche released",
    ]
    text = "TOP STORIES\n\n" + "\n\n".join(f"{title}. {PROSE}" for title in titled)
    text += f"\n\nALSO TODAY\n\n{MORE}\n\n{PROSE}\n\n{MORE} And more besides.\n"
    assert headlines(text) == [*titled, "ALSO TODAY"]


def test_capitals_leads_closed_by_a_colon_or_a_dash() -> None:
    text = (
        "BUSIEST BANK HOLIDAY ON RECORD - " + PROSE + "\n\n"
        "CATEGORY 2 PERFORMANCE: " + MORE + "\n\n"
        "FREEDOM TO SPEAK UP: " + PROSE + "\n"
    )
    assert headlines(text) == [
        "BUSIEST BANK HOLIDAY ON RECORD",
        "CATEGORY 2 PERFORMANCE",
        "FREEDOM TO SPEAK UP",
    ]


PAGE = """\
New research hub opens in Hexham
A dedicated clinical research facility opened at Tynedale Com-
munity Hospital in Hexham on 6 March, with four treatment bays
and a private consultation room. Margaret Lowther, our Patient
Research Ambassador of the Year (see page 3).
Targets for the year
The Department of Health has confirmed the High Level Objec-
tives for the network in 2017/18. Our funding allocation for
the year is £11.8m, a reduction of

Research Matters  |  Issue 9  |  Page 2

1.2% in cash terms, and partners will hear theirs by April.
Non-
executive directors of the Tynedale Community Trust and the
board agreed the objectives on 2 March.
"""


def test_a_pdfs_text_joins_its_words_and_paragraphs_broken_at_lines_and_pages() -> None:
    """A capitalised word broken to fit the line is joined where the digest writes it whole
    ("Community", "objectives"), a compound is not ("Non-executive"); a cross-reference to a
    page is no page mark; a paragraph runs on over a page break into a figure."""
    stories = split(PAGE)
    assert [story.headline for story in stories] == [
        "New research hub opens in Hexham",
        "Targets for the year",
    ]
    hub, targets = (" ".join(story.paragraphs) for story in stories)
    assert "Tynedale Community Hospital" in hub and hub.endswith("(see page 3).")
    assert "High Level Objectives for" in targets
    assert "a reduction of 1.2% in cash terms" in targets
    assert "Non-executive directors" in targets


def test_short_headlines_at_the_margin_over_text_indented_under_them_are_stories() -> None:
    """A two-column bulletin flattened to text; a long line wrapped to a hanging indent stays
    one line ("... Lecture Theatre 2, Tamar Valley" / "    General Hospital ...")."""
    text = (
        "WORKFORCE\n\n"
        "Sponsored workers: what happens now\n"
        "    Since the closure of the overseas\n"
        "    care worker visa route in July\n"
        "    2025, providers can only sponsor\n"
        "    workers already in the UK.\n\n"
        "Council fee rates for 2026/27\n"
        "    Early proposals from our councils\n"
        "    show a wide range of uplifts, from\n"
        "    3.2% in Hull to 6.0% in Leeds.\n"
    )
    assert [(s.headline, s.body[:20]) for s in split(text)] == [
        ("Sponsored workers: what happens now", "Since the closure of"),
        ("Council fee rates for 2026/27", "Early proposals from"),
    ]


def test_a_word_documents_bullets_with_o_sub_points_are_items_and_their_text() -> None:
    # Word saves its second-level bullets as "o" after tabs: each "•" item's headline, with
    # its "o" points as the text under it.
    text = tidy(
        "Practice Managers' Update\nIssue 9\n\nCONTRACTS AND FINANCE\n\n"
        "\t•\tExtended access funding confirmed\n"
        f"\t\to\t{PROSE}\n\t\to\t{MORE}\n"
        "\t•\tPrescribing Quality Scheme 2017/18\n"
        f"\t\to\t{MORE}\n\t\to\tPractices will be enrolled automatically.\n"
    )
    found = split(text)
    assert [(s.headline, s.body[:30]) for s in found] == [
        ("Extended access funding confirmed", PROSE[:30]),
        ("Prescribing Quality Scheme 2017/18", MORE[:30]),
    ]
    assert found[1].body.endswith("enrolled automatically.")


def test_a_text_browsers_link_marks_before_bulleted_headlines_leave_the_bullets() -> None:
    # A text browser's dump numbers each link: "* [8]Headline – text": the mark goes, and
    # the bullet and the run-in headline stay.
    text = (
        "ELSEWHERE THIS WEEK\n\n"
        "     * [8]GP partner numbers fall again – NHS England figures show\n"
        "       19,870 fully qualified GP partners in January, 3.1% fewer\n"
        "       than a year earlier.\n"
        "     * [9]Delayed discharges at record level in Scotland – Public Health\n"
        "       Scotland counted 2,046 people delayed in hospital at its February\n"
        "       census.\n"
    )
    assert [(s.headline, s.body[:24]) for s in split(text)] == [
        ("GP partner numbers fall again", "NHS England figures show"),
        ("Delayed discharges at record level in Scotland", "Public Health Scotland c"),
    ]


def test_headings_in_capitals_a_contents_list_names_in_title_case_are_no_running_heads() -> None:
    # Each heading comes twice, in the contents and over its piece, in another case: the
    # same heading, not a page's running head that changes only in its number.
    sections = ["From the Chair", "Posts saved at Plymouth", "Members in the news"]
    text = (
        "BRANCH NEWSLETTER | AUTUMN 2019\n\nInside this issue\n"
        + "".join(f"    {name}\n" for name in sections)
        + "\n\n"
        + "".join(f"{name.upper()}\n\n{PROSE}\n\n{MORE}\n\n\n" for name in sections)
    )
    assert headlines(text) == [name.upper() for name in sections]


def test_a_reports_section_number_before_a_figure_is_no_word_of_its_headline() -> None:
    text = (
        "2.   NATIONAL CONTEXT\n\n"
        "2.1  2022/23 priorities and operational planning guidance\n\n"
        f"     {PROSE}\n\n"
        "2.2  Health and Care Bill\n\n"
        f"     {MORE}\n"
    )
    assert headlines(text) == [
        "2022/23 priorities and operational planning guidance",
        "Health and Care Bill",
    ]


def test_a_line_ending_on_over_a_date_runs_on_into_it() -> None:
    # Wrapped a little short of the page: "on" / "11 March." is one sentence, not a line
    # of its own over an entry that opens with a date.
    text = (
        "OBITUARIES\n\n"
        "Professor Alan Rusbridge FRCP (1934-2021)\n\n"
        "Alan Rusbridge, who taught cardiology to three decades of St\n"
        "Aldhelm's students, died on 2 May at the age of 87. He joined\n"
        "the school as a lecturer in 1966 and became its first professor\n"
        "of cardiovascular medicine in 1979, leading the review of the\n"
        "curriculum in the 1980s. He is survived by his wife, Joan, three\n"
        "children and seven grandchildren.\n\n"
        "Dr Margaret Ekwueme (MBBS 1961)\n\n"
        "We were sorry to learn of the death of Margaret Ekwueme on\n"
        "11 March. One of the first women from Nigeria to qualify at\n"
        "St Aldhelm's, she returned to Lagos, where she founded a\n"
        "paediatric clinic that still bears her name.\n"
    )
    found = split(text)
    assert [s.headline for s in found] == [
        "Professor Alan Rusbridge FRCP (1934-2021)",
        "Dr Margaret Ekwueme (MBBS 1961)",
    ]
    assert found[1].body.startswith("We were sorry to learn of the death of Margaret Ekwueme on 11")


def test_an_interviews_byline_is_the_storys_byline() -> None:
    text = (
        "ALUMNI IN FOCUS\n\n"
        '"I never expected to be running a field hospital"\n\n'
        "Interview by Kate Brennan, Alumni Officer\n\n"
        f"{PROSE}\n\n{MORE}\n"
    )
    [story] = split(text)
    assert (story.headline, story.byline) == (
        '"I never expected to be running a field hospital"',
        "Interview by Kate Brennan, Alumni Officer",
    )


def test_a_list_of_long_links_does_not_widen_the_wrap_of_the_text() -> None:
    # The links, one to a line, wrap nothing: measured as wrapped lines they made the page
    # seem wider than it is, and "... 10 Year Health" / "Plan will fail ..." a headline.
    url = "https://haldeninstitute.us12.list-manage.com/track/click?u=7f3c1a9d2e&id=91af0{}&e=5c0d"
    text = (
        "OUR RESEARCH\n\n"
        "Why the left shift keeps stalling\n\n"
        "   Every major NHS plan since the Five Year Forward View in 2014 has\n"
        "   promised to move care out of hospitals. The share of the budget spent\n"
        "   on acute care has nonetheless risen in eight of the last ten years.\n"
        "   In this long read, Owen argues that the forthcoming 10 Year Health\n"
        "   Plan will fail too unless integrated care boards are allowed to hold\n"
        "   budgets for at least three years.\n\n"
        "Spending review: what health should ask for\n\n"
        "   With the spending review now expected in June, the Treasury has asked\n"
        "   the Department of Health and Social Care to model settlements of\n"
        "   between 2% and 3.6% a year.\n\n"
        "References\n\n" + "\n".join(f"   {n}. {url.format(n)}" for n in range(1, 9)) + "\n"
    )
    assert [s.headline for s in split(text)] == [
        "Why the left shift keeps stalling",
        "Spending review: what health should ask for",
    ]


def test_lines_of_one_word_over_lower_case_show_no_wrap_width() -> None:
    from indexer.stories.unwrap import wrap_width

    # Each pair runs on in lower case, but a line of one word measures no wrap column.
    assert wrap_width([["Hello", "world"], ["Menu", "home"], ["Search", "news"]]) is None


def test_written_questions_under_their_topics_are_stories_with_the_question_first() -> None:
    # A topic, its fields, "Q:" and "A:" paragraphs wrapped to a hanging indent after the
    # label: the topic heads the story; the question (labels off) opens its text.
    def question(topic: str, asked: str, answer: str) -> str:
        return (
            f"{topic}\n"
            "  Asked by:  Karen Whitlock (Labour, Salford Quays)           UIN 125873\n"
            "  Tabled:    30 January 2018          Answered: 5 February 2018\n\n"
            f"  Q: {asked}\n\n"
            "  A: Philip Dunmore (Minister of State for Health)\n"
            f"     {answer}\n\n\n"
        )

    text = "WRITTEN QUESTIONS\n\n" + (
        question(
            "Nurses: EU Nationals",
            "How many nurses and midwives from other EU countries have left the\n"
            "     Nursing and Midwifery Council register since June 2016?",
            "The Nursing and Midwifery Council is the independent regulator.",
        )
        + question(
            "Junior Doctors: Rotas",
            "To ask the Secretary of State for Health and Social Care, what\n"
            "     assessment he has made of gaps in junior doctor rotas.",
            "Health Education England does not collect rota gap data centrally.",
        )
    )
    found = split(text)
    assert [(s.headline, s.body[:40]) for s in found] == [
        ("Nurses: EU Nationals", "How many nurses and midwives from other "),
        ("Junior Doctors: Rotas", "To ask the Secretary of State for Health"),
    ]
    assert found[0].body.endswith("The Nursing and Midwifery Council is the independent regulator.")


def test_a_brief_with_numbers_before_slashes_and_starred_titled_items() -> None:
    text = (
        "THE FRIDAY BRIEF\nIssue 212  .  Friday 2 May 2025\n" + "=" * 60 + "\n\n"
        "01 / Out-of-area placements fall to 11\n\n"
        "The number of people placed in beds outside the Trust has\n"
        "fallen from 34 in October to 11, the lowest since 2019.\n\n"
        "02 / Welcome, Olamide Adebayo\n\n"
        "Olamide Adebayo joined us on Thursday as Director of\n"
        "Nursing, Quality and Professions.\n\n"
        " IN BRIEF\n\n"
        "* Parking permits. Renewals for 2025/26 open on 6 May; the\n"
        "  price stays at £10 a month for staff on Bands 1 to 4.\n\n"
        "* Pay award. The Government has accepted a 3.6% rise for\n"
        "  Agenda for Change staff, to be paid in August.\n"
    )
    assert [(s.headline, s.body[:20]) for s in split(text)] == [
        ("Out-of-area placements fall to 11", "The number of people"),
        ("Welcome, Olamide Adebayo", "Olamide Adebayo join"),
        ("Parking permits", "Renewals for 2025/26"),
        ("Pay award", "The Government has a"),
    ]


def test_in_a_digest_of_titles_over_indented_text_a_long_title_is_one_too() -> None:
    items = [
        ("Depression in children and young people: identification", PROSE),
        ("Chronic obstructive pulmonary disease: antimicrobial prescribing", MORE),
        ("Hypertension in adults: diagnosis and management", PROSE),
    ]
    text = "CLINICAL GUIDELINES\n\n" + "".join(
        f"{title}\n" + "".join(f"  {line}\n" for line in textwrap.wrap(body, 62)) + "\n"
        for title, body in items
    )
    assert [(s.headline, s.body) for s in split(text)] == items


def test_a_sections_letter_before_its_label_in_capitals_is_no_word_of_it() -> None:
    text = (
        "A  NEWS FROM THE FUND\n\nFunding round opens\n\n" + PROSE + "\n\n"
        "C  FORTHCOMING CALLS\n\n" + MORE + "\n"
    )
    assert headlines(text) == ["Funding round opens", "FORTHCOMING CALLS"]


def test_a_day_at_a_lines_end_and_its_month_on_the_next_are_one_date() -> None:
    text = (
        "2.1 Critical incident stood down\n\n"
        "The critical incident declared on 31 December was stood down on 6\n"
        "January.\n\n"
        "2.2 Staff flu vaccination uptake reached 79.2% of frontline staff by 18\n"
        "January, above the national CQUIN target of 75% and our best ever result.\n"
    )
    found = split(text)
    assert not any(s.headline and s.headline.endswith(" 18") for s in found)
    assert any("by 18 January, above" in s.body for s in found)


def test_a_tables_caption_inside_a_story_is_its_text_not_a_headline() -> None:
    text = (
        "DEPARTMENTAL BUDGETS\n\n"
        "The settlement gives the department a real-terms rise of 2.8% a year, front-loaded\n"
        "into the first two years of the period.\n\n"
        "Table 1: DHSC budgets (£ billion, cash)\n\n"
        "Resource (RDEL)     202.0    209.6    216.1\n"
        "Capital (CDEL)       13.6     15.2     15.9\n\n"
        "Capital rises fastest, but most of it is already committed to hospital building.\n\n"
        "OUR VIEW\n\n" + PROSE + "\n"
    )
    assert headlines(text) == ["DEPARTMENTAL BUDGETS", "OUR VIEW"]
