"""Layouts that publishing tools give HTML digests, each read as the stories a reader sees."""

from __future__ import annotations

from indexer.reading.html_page import html_to_text
from indexer.stories.split import split


def stories(html: str) -> list[tuple[str | None, str]]:
    page = html_to_text(html)
    return [(s.headline, s.body) for s in split(page.text, page.blocks)]


def test_listing_with_a_date_after_each_linked_headline() -> None:
    html = """<main><h1>News</h1><ul>
    <li><a href="/a">Hospital trust rated inadequate after inspection</a>
        <span class="date">3 October 2018</span>
        <p>The regulator rated the trust inadequate.</p></li>
    <li><a href="/b">GP practice put into special measures</a>
        <time datetime="2018-10-02">2 October 2018</time><p>A practice in Leeds was placed in
        special measures.</p></li></ul></main>"""
    assert stories(html) == [
        (
            "Hospital trust rated inadequate after inspection",
            "The regulator rated the trust inadequate.",
        ),
        (
            "GP practice put into special measures",
            "A practice in Leeds was placed in special measures.",
        ),
    ]


def test_category_label_under_each_heading_is_not_the_headline() -> None:
    html = """<main>
    <h2><a href="/1">Ambulance response times: February figures</a></h2>
    <div class="category"><a href="/c/performance">Performance</a></div>
    <p>Category 1 patients waited an average of seven minutes.</p>
    <h2><a href="/2">Association responds to the Long Term Plan</a></h2>
    <div class="category"><a href="/c/policy">Policy</a></div>
    <p>We have published our full response to the plan.</p></main>"""
    assert stories(html) == [
        (
            "Ambulance response times: February figures",
            "Category 1 patients waited an average of seven minutes.",
        ),
        (
            "Association responds to the Long Term Plan",
            "We have published our full response to the plan.",
        ),
    ]


def test_heading_whose_anchor_contains_a_chrome_word_is_kept() -> None:
    html = """<article><h3 id="trusts-to-share-a-back-office">Trusts to share a back office</h3>
    <p>Two trusts will merge their finance and HR teams from July.</p>
    <h3 id="waiting-list-falls">Waiting list falls</h3>
    <p>The list fell to 7.4 million.</p></article>"""
    assert [headline for headline, _ in stories(html)] == [
        "Trusts to share a back office",
        "Waiting list falls",
    ]


def test_email_cells_with_bold_linked_headline_over_standfirst() -> None:
    html = """<title>Care Matters Midlands | 14 November 2024</title>
    <table><tr><td style="font-size:11px">View this email in your browser</td></tr>
    <tr><td><h1>Care Matters Midlands</h1></td></tr>
    <tr><td><a href="/1"><b>Care homes face £2.8m a month National Insurance bill</b></a>
    <br>
    Our analysis of the Budget shows the rise will hit independent providers hardest.</td></tr>
    <tr><td><a href="/2"><b>ICB agrees 4.5% fee uplift</b></a><br>
    The board approved the rise for 2025-26 on Tuesday.</td></tr></table>"""
    page = html_to_text(html)
    assert page.title == "Care Matters Midlands | 14 November 2024"  # the masthead is no story
    assert stories(html) == [
        (
            "Care homes face £2.8m a month National Insurance bill",
            "Our analysis of the Budget shows the rise will hit independent providers hardest.",
        ),
        ("ICB agrees 4.5% fee uplift", "The board approved the rise for 2025-26 on Tuesday."),
    ]


def test_byline_paragraph_becomes_the_story_byline() -> None:
    html = """<article><h2>Waiting list falls</h2><p class="byline">By Kirsty MacLean, Research
    Associate</p><p>The list fell to 7.4 million.</p>
    <h2>Strike called off</h2><p>The union called off the strike.</p></article>"""
    page = html_to_text(html)
    first, second = split(page.text, page.blocks)
    assert (first.headline, first.byline, first.body) == (
        "Waiting list falls",
        "By Kirsty MacLean, Research Associate",
        "The list fell to 7.4 million.",
    )
    assert second.byline is None


def test_article_whose_class_names_its_author_is_not_a_byline() -> None:
    html = """<main><article class="post author-jane"><h2>Waiting list falls</h2>
    <p>The list fell to 7.4 million in March, the lowest figure for two years.</p>
    </article></main>"""
    assert stories(html) == [
        (
            "Waiting list falls",
            "The list fell to 7.4 million in March, the lowest figure for two years.",
        )
    ]


def test_cards_whose_parts_are_told_apart_only_by_class() -> None:
    """A card of inline elements (kicker, linked headline, time, teaser): each part is a line
    as the page shows it, not one run of words that becomes a long headline."""
    card = """<li class="card"><span class="card__kicker">{kicker}</span>
        <a class="card__headline" href="/{n}">{headline}</a>
        <time class="card__date" datetime="2026-02-0{n}">{n} February 2026</time>
        <p class="card__teaser">{teaser}</p></li>"""
    items = [
        ("Pay", "Pay body recommends 3.2% rise for nurses", "The recommendation would cost £2bn."),
        ("Education", "Nursing applications fall again", "UCAS data shows a third fall."),
        ("Regulation", "GMC publishes first data on associates", "The council had 38 complaints."),
    ]
    html = "<main><ul>{}</ul></main>".format(
        "".join(
            card.format(n=n, kicker=k, headline=h, teaser=t) for n, (k, h, t) in enumerate(items, 1)
        )
    )
    assert stories(html) == [(headline, teaser) for _, headline, teaser in items]


def test_a_section_the_contents_links_to_is_kept_whatever_its_id_says() -> None:
    """id="social-prescribing" holds "social", a word of share bars; but the page's own
    contents list jumps to it, so it names content, not chrome."""
    html = """<main><ol><li><a href="#social-prescribing">Social prescribing</a></li></ol>
    <section id="budget"><h3>Budget 2018: what it means</h3><p>The Budget gave the NHS more
    money than expected, but nothing for social care.</p></section>
    <section id="social-prescribing"><h3>Social prescribing</h3>
    <p>NHS England wants every practice to have a link worker.</p></section></main>"""
    assert [h for h, _ in stories(html)] == ["Budget 2018: what it means", "Social prescribing"]


def test_a_dateline_styled_apart_is_not_the_text() -> None:
    html = """<main><h3>Wales sets out its plan</h3>
    <p><span class="dateline">CARDIFF, 6 November &ndash;</span> The Welsh Government has
    published its first progress report.</p>
    <h3>Scotland’s waiting times plan</h3>
    <p><span class="dateline">EDINBURGH &ndash;</span> A month after the plan, 71% of
    outpatients were seen within 12 weeks.</p></main>"""
    assert stories(html) == [
        ("Wales sets out its plan",
         "The Welsh Government has published its first progress report."),
        ("Scotland’s waiting times plan",
         "A month after the plan, 71% of outpatients were seen within 12 weeks."),
    ]  # fmt: skip


def test_a_source_under_each_linked_headline_is_a_label_however_long() -> None:
    """Press cuttings: a linked headline, the paper it is from, the summary. Two-word sources
    show the template; a three-word one under another headline is a label too."""
    row = """<tr><td><a href="/{n}">{headline}</a></td><td>{source}</td></tr>
    <tr><td colspan="2">{summary}</td></tr>"""
    items = [
        ("A&E waits worst on record", "The Guardian",
         "Only 89.1% of patients were seen within four hours last month, the worst on record."),
        ("Nurse vacancies top 40,000", "BBC News",
         "NHS Improvement data show a rise in vacant nursing posts for the third quarter running."),
        ("Hull trust bids for £42m rebuild", "Hull Daily Mail",
         "The trust has submitted a business case for a new emergency department in the city."),
    ]  # fmt: skip
    rows = "".join(
        row.format(n=n, headline=h, source=s, summary=t) for n, (h, s, t) in enumerate(items)
    )
    html = f"<table>{rows}</table>"
    assert stories(html) == [(headline, summary) for headline, _, summary in items]


def test_a_members_party_and_seat_under_the_name_is_not_a_headline() -> None:
    row = """<tr><td><a href="/q/{n}">{subject}</a></td><td>{name}<br>({party})</td>
    <td>18 Mar 2024</td><td>{summary}</td></tr>"""
    items = [
        ("Dental Services: Lincolnshire", "Sarah Collingwood", "Con, Boston Fens",
         "Asked how many NHS dental contracts in Lincolnshire have been handed back since "
         "April 2022, the minister said 14 had been."),
        ("Hospices: Finance", "Tom Ashdown", "Lab, Ashby North",
         "The minister said the department would publish hospice funding allocations for "
         "the coming year by the end of April."),
    ]  # fmt: skip
    rows = "".join(
        row.format(n=n, subject=s, name=m, party=p, summary=t)
        for n, (s, m, p, t) in enumerate(items)
    )
    assert stories(f"<table>{rows}</table>") == [(s, t) for s, _, _, t in items]


RECORDS = """<main><table><thead><tr><th>Ref.</th><th>Subject</th><th>Asked by</th>
<th>Date</th><th>Summary</th></tr></thead><tbody>
<tr><td>HL1204</td><td><a href="/q/1">Dental Services</a></td>
<td>Baroness Hale<br>Lords Crossbench</td><td>1 Feb 2021</td>
<td>Asked how many NHS dental courses of treatment were delivered in 2020. The minister said
the figure fell by two thirds against 2019.</td></tr>
<tr><td>EDM 231</td><td><a href="/q/2">Hospitals: Car Parking</a></td>
<td>Ian Lavery<br>Commons Lab, Wansbeck</td><td>2 Feb 2021</td>
<td>Asked when free hospital car parking for NHS staff will end. The minister said it would
continue for as long as the pandemic lasted.</td></tr>
</tbody></table></main>"""


def test_a_table_of_records_is_one_story_a_row_without_its_details() -> None:
    found = stories(RECORDS)
    assert [headline for headline, _ in found] == ["Dental Services", "Hospitals: Car Parking"]
    assert found[0][1].startswith("Asked how many NHS dental courses")
    assert all("Crossbench" not in body and "Feb 2021" not in body for _, body in found)
    page = html_to_text(RECORDS)
    details = [section.details for section in split(page.text, page.blocks)]
    assert all(len(fields) == 1 and "Feb 2021" in fields[0] for fields in details), details


def test_a_table_of_figures_stays_one_line_of_text() -> None:
    html = """<main><h2>Waiting lists grow</h2><p>The waiting list grew again in March.</p>
    <table><tr><th>Month</th><th>Waiting</th><th>Change</th></tr>
    <tr><td>January</td><td>7.2m</td><td>+1%</td></tr>
    <tr><td>February</td><td>7.3m</td><td>+1%</td></tr></table></main>"""
    blocks = html_to_text(html).blocks
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph"]
    assert blocks[-1].text.startswith("Month | Waiting | Change; January | 7.2m")


def test_a_cell_made_bold_by_its_style_is_a_strong_block() -> None:
    html = """<table><tr><td style="font-size:18px;font-weight:bold">Trust fined £2m</td></tr>
    <tr><td>The regulator fined the trust over maternity failings.</td></tr></table>"""
    first = html_to_text(html).blocks[0]
    assert first.text == "Trust fined £2m" and first.strong


def test_a_form_that_wraps_the_whole_page_keeps_the_page() -> None:
    html = """<body><form class="search"><input name="q"><p>Search this site</p></form>
    <form method="post" id="aspnetForm"><div id="main">
    <h1>Government must act now to stem the loss of nurses, say MPs</h1>
    <p>The Government must do more to keep experienced nurses in the NHS, the committee said
    in a report published today.</p></div></form></body>"""
    text = html_to_text(html).text
    assert "keep experienced nurses" in text and "Search this site" not in text


def test_a_linked_card_title_with_two_sentences_is_still_the_headline() -> None:
    html = """<main><div class="card"><div class="tag">Integration</div>
    <div class="title"><a href="/b/1">Integrated care boards go live next week. Here’s what
    will actually change</a></div>
    <div class="excerpt">On 1 July, 42 integrated care boards take over from 106 clinical
    commissioning groups, and most patients will notice nothing on day one.</div></div>
    <div class="card"><div class="tag">Social care</div>
    <div class="title"><a href="/b/2">Why the social care cap will cost more</a></div>
    <div class="excerpt">Our modelling suggests the cap will cost councils £1.4bn a year more
    than the department has allowed for.</div></div></main>"""
    assert [h for h, _ in stories(html)] == [
        "Integrated care boards go live next week. Here’s what will actually change",
        "Why the social care cap will cost more",
    ]


def test_a_bold_opening_sentence_is_the_lead_story_text_not_its_headline() -> None:
    html = """<main><p class="byline">Harriet Kale, chief reporter</p>
    <p><strong>Trusts in England will have to report every month how many patients they treat
    in corridors and other temporary spaces, from April, the health secretary said.</strong></p>
    <p>The move follows a week in which 21 trusts declared critical incidents.</p>
    <h2>Flu admissions reach a new high</h2><p>Flu admissions reached 5,408 a day.</p></main>"""
    found = stories(html)
    assert found[0][0] is None and found[0][1].startswith("Trusts in England will have to report")
    assert found[1][0] == "Flu admissions reach a new high"


def test_story_cards_named_promo_are_the_page_not_promotions() -> None:
    cards = "".join(
        f'<div class="gs-c-promo"><h3>{headline}</h3><p class="gs-c-promo-summary">{text}</p></div>'
        for headline, text in [
            ("Hull A&E declares critical incident", "Patients are urged to stay away."),
            ("Doncaster maternity unit rated inadequate", "The regulator found staff shortages."),
            ("GP surgery to close", "Its 6,000 patients must re-register elsewhere."),
        ]
    )
    html = f'<main>{cards}<div class="promo-box"><p>Try our app: download it today</p></div></main>'
    found = stories(html)
    assert [h for h, _ in found] == [
        "Hull A&E declares critical incident",
        "Doncaster maternity unit rated inadequate",
        "GP surgery to close",
    ]
    assert found[0][1] == "Patients are urged to stay away."


def test_related_news_with_standfirsts_are_stories() -> None:
    html = (
        "<html><body><div class='news-article'><h2>Government must act to keep nurses</h2>"
        "<p>The Government must do more to keep experienced nurses in the NHS, the Committee "
        "says in a report published today.</p>"
        "<p>More nurses are now leaving the register than joining it, and the number of "
        "applications to nursing degree courses fell by a third after the bursary ended.</p>"
        "<p>The Committee calls on Health Education England to publish a nursing retention "
        "strategy by the summer and to report on it every year.</p></div>"
        "<div class='related-news'><h2>More news from the Committee</h2><ul>"
        "<li><h3><a href='/a'>Brexit and medicines supply: Committee to question industry</a>"
        "</h3><p>Representatives of the pharmaceutical industry will give evidence on 20 "
        "March.</p></li>"
        "<li><h3><a href='/b'>Childhood obesity follow-up inquiry launched</a></h3>"
        "<p>The Committee is inviting written evidence by 13 April 2018.</p></li>"
        "</ul></div></body></html>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "Government must act to keep nurses",
        "Brexit and medicines supply: Committee to question industry",
        "Childhood obesity follow-up inquiry launched",
    ]


def test_items_headed_by_bold_paragraphs_under_an_intro_sentence_are_stories() -> None:
    """ "Three things you need to know:" introduces a list, but items that each open with a
    bold paragraph over their own text are the digest's stories, not the intro's list."""
    html = """<p>Good morning,</p><p>Three things you need to know this week:</p><ol>
    <li><p><b>Online access to records: go-live moved</b></p><p>NHS England has pushed back
    the date patients will see new record entries to 1 November.</p></li>
    <li><p><b>Reception staff abuse: new poster pack</b></p><p>Following our survey, we have
    produced a free poster pack.</p></li>
    <li><p><b>Cost of living: practice staff pay</b></p><p>Practices are not bound by the
    4.5% award, but many will want to match it.</p></li></ol>"""
    assert [headline for headline, _ in stories(html)] == [
        "Online access to records: go-live moved",
        "Reception staff abuse: new poster pack",
        "Cost of living: practice staff pay",
    ]
    assert stories(html)[1][1] == "Following our survey, we have produced a free poster pack."


def test_a_substack_subscribe_box_is_not_a_story() -> None:
    html = """<article><h2>Waiting list validation</h2><p>Trusts removed 412,000 pathways
    from the waiting list after validation in the year to March.</p>
    <h2>One chart: overnight beds</h2><p>General and acute beds open overnight averaged
    102,400 in the third quarter, up 1.9% on a year earlier.</p>
    <p>Harriet &amp; Tom</p>
    <div class="subscription-widget-wrap"><p>Queue Theory is a reader-supported publication.
    To receive new posts and support our work, consider becoming a free or paid subscriber.</p>
    <button>Subscribe</button></div></article>"""
    assert [headline for headline, _ in stories(html)] == [
        "Waiting list validation",
        "One chart: overnight beds",
    ]


def _accordion_section(number: int, title: str, summary: str, text: str) -> str:
    return (
        '<div class="govuk-accordion__section"><div class="govuk-accordion__section-header">'
        '<h2 class="govuk-accordion__section-heading"><button type="button" '
        f'class="govuk-accordion__section-button" aria-controls="c{number}">'
        f'<span class="govuk-accordion__section-heading-text">{title}</span>'
        '<span class="govuk-visually-hidden">, </span>'
        f'<span class="govuk-accordion__section-summary govuk-body">{summary}</span>'
        '<span class="govuk-accordion__section-toggle"><span>Show<span '
        'class="govuk-visually-hidden"> this section</span></span></span></button></h2></div>'
        f'<div id="c{number}" class="govuk-accordion__section-content" hidden="until-found">'
        f'<p class="govuk-body">{text}</p></div></div>'
    )


def test_a_closed_accordions_sections_are_stories_under_their_headings() -> None:
    """GOV.UK's accordion: each heading's text is in a button, a summary beside it, and the
    section's text hidden until opened or found (hidden="until-found")."""
    page = (
        "<html><body><main><h1>Device safety update: May 2023</h1>"
        '<div class="govuk-accordion">'
        + _accordion_section(
            1,
            "Glucose monitors: readings may lag after app update",
            "Advice for diabetes teams",
            "We have received 63 reports of sensor readings lagging by up to 20 minutes.",
        )
        + _accordion_section(
            2,
            "Infusion pump recall extended to two further batches",
            "Field safety notice update",
            "The maker has extended its recall of the SP-400 syringe driver to two lots.",
        )
        + '</div><p hidden>Not shown at all.</p><span class="sr-only">Skip</span>'
        "</main></body></html>"
    )
    assert stories(page) == [
        (
            "Glucose monitors: readings may lag after app update",
            "Advice for diabetes teams\n\nWe have received 63 reports of sensor readings "
            "lagging by up to 20 minutes.",
        ),
        (
            "Infusion pump recall extended to two further batches",
            "Field safety notice update\n\nThe maker has extended its recall of the SP-400 "
            "syringe driver to two lots.",
        ),
    ]


def test_a_posts_time_and_author_under_its_linked_title_are_its_byline() -> None:
    """A list server's post: a bold linked title, then "when · By whom" in grey, then text."""
    post = (
        '<div><div style="font-weight:bold"><a href="/t/{n}">{title}</a></div>'
        '<div style="color:#888">Tue, 06 Feb 2024 {time} GMT &middot; By {who}</div>'
        "<div><p>{text}</p></div></div>"
    )
    html = post.format(
        n=1,
        title="Mortality dashboard launched",
        time="09:12:01",
        who="Rachel Osei",
        text="A new dashboard breaks down deaths by local authority, updated monthly.",
    ) + post.format(
        n=2,
        title="Analyst posts at risk in ICB cuts",
        time="11:47:36",
        who="Tom Hargreaves",
        text="Integrated care boards must cut running costs by 30% in real terms.",
    )
    page = html_to_text(html)
    found = split(page.text, page.blocks)
    assert [(s.headline, s.byline) for s in found] == [
        ("Mortality dashboard launched", "Tue, 06 Feb 2024 09:12:01 GMT · By Rachel Osei"),
        ("Analyst posts at risk in ICB cuts", "Tue, 06 Feb 2024 11:47:36 GMT · By Tom Hargreaves"),
    ]
    assert found[1].body == "Integrated care boards must cut running costs by 30% in real terms."


def test_a_sign_up_box_nested_three_deep_is_dropped_and_the_stories_after_it_kept() -> None:
    box = (
        '<div class="kg-card kg-signup-card"><div class="kg-signup-card-content">'
        '<div class="kg-signup-card-text"><h2>Enjoying the newsletter?</h2>'
        "<p>Get it in your inbox every Thursday. Free, no spam, unsubscribe any time.</p>"
        "</div></div></div>"
    )
    html = (
        "<main><h2>Rota deal agreed</h2><p>Resident doctors at four trusts have voted 71% in"
        " favour of a local agreement on rotas.</p>"
        f"{box}"
        "<h2>Pharmacy top-up agreed</h2><p>The department has agreed a £65m uplift to the"
        " community pharmacy contractual framework.</p></main>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "Rota deal agreed",
        "Pharmacy top-up agreed",
    ]


def test_numbered_headings_lose_their_numbers_and_footnotes_are_no_story() -> None:
    html = (
        "<main>"
        + "".join(
            f'<h2><span class="num">{n}</span> {title}</h2><p>{text}</p>'
            for n, title, text in [
                (
                    1,
                    "The independent investigation",
                    "The investigation found the NHS in a"
                    " critical condition after a decade of underinvestment.",
                ),
                (
                    2,
                    "Autumn Budget 2024",
                    "The Budget announced a £22.6 billion increase in the"
                    " day-to-day health budget over two years.",
                ),
                (
                    3,
                    "GP collective action",
                    "GP partners in England have been taking collective"
                    " action since August, limiting daily appointments.",
                ),
            ]
        )
        + '<ol class="footnotes"><li id="fn1">Report of the investigation, 2024. '
        '<a href="#r1">↩</a></li><li id="fn2">Budget 2024, table 2.1. <a href="#r2">↩</a>'
        "</li></ol></main>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "The independent investigation",
        "Autumn Budget 2024",
        "GP collective action",
    ]


def test_a_footnotes_marker_in_a_paragraph_is_no_text() -> None:
    html = (
        "<main><h2>Budget boost for the NHS</h2><p>The Budget announced a £22.6 billion"
        ' increase over two years.<sup><a href="#fn1">1</a></sup></p>'
        "<h2>GP collective action</h2><p>GP partners have limited daily appointments since"
        ' August.<sup><a href="#fn2">2</a></sup></p></main>'
    )
    assert stories(html) == [
        (
            "Budget boost for the NHS",
            "The Budget announced a £22.6 billion increase over two years.",
        ),
        ("GP collective action", "GP partners have limited daily appointments since August."),
    ]


def test_text_made_bold_by_a_class_of_the_style_sheet_is_a_lead() -> None:
    """Google Docs' export: no <b>, only classes a <style> makes bold."""
    html = (
        "<html><head><style>.c1{font-weight:700;font-family:Arial}.c2{color:#000}</style>"
        "</head><body>"
        '<p><span class="c1">Flu vaccines 2018/19:</span><span class="c2"> Public Health England'
        " now recommends the adjuvanted vaccine for everyone aged 65 and over.</span></p>"
        '<p><span class="c1">e-Referral paper switch-off:</span><span class="c2"> From 1 June'
        " the hospital will reject paper referrals for first outpatient appointments.</span></p>"
        "</body></html>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "Flu vaccines 2018/19",
        "e-Referral paper switch-off",
    ]


def test_readers_comments_under_a_post_are_not_stories() -> None:
    paragraph = "<p>{} said the figures were the worst on record for the time of year.</p>"
    html = (
        "<article><h1>The week in waits</h1>"
        f"<h3>Corridor care spreads</h3>{paragraph.format('The royal college')}"
        f"<h3>Handover delays</h3>{paragraph.format('The investigations body')}"
        "<div class='discussion'><h4>Discussion about this post</h4>"
        "<div class='comment'><span class='commenter'>Mark T</span>"
        "<p>The corridor figures match what we are seeing in Stoke. Grim.</p></div></div>"
        "</article>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "Corridor care spreads",
        "Handover delays",
    ]


def test_a_tables_bold_item_column_titles_its_rows_not_the_linked_lead() -> None:
    rows = "".join(
        f"<tr><td><p><strong>{title}</strong></p></td><td><p>{text}</p></td>"
        f"<td><p><a href='/users/{lead}'>{lead}</a></p></td><td><span>IN PROGRESS</span></td></tr>"
        for title, text, lead in [
            (
                "Urgent response specification",
                "NHS England has shared a draft service "
                "specification for the two-hour crisis response standard in the plan.",
                "Priya Nair",
            ),
            (
                "Community data set fields",
                "From April members must submit waiting-time data "
                "for fourteen community services to the national data set.",
                "Tom Ashcroft",
            ),
        ]
    )
    html = (
        "<main><h1>Weekly policy notes</h1><table><tr><th>Item</th><th>Summary</th>"
        f"<th>Lead</th><th>Status</th></tr>{rows}</table></main>"
    )
    assert [headline for headline, _ in stories(html)] == [
        "Urgent response specification",
        "Community data set fields",
    ]


def test_a_wiki_pages_history_line_and_a_link_preview_card_are_not_stories() -> None:
    html = (
        "<div class='page-metadata'>Created by <span class='author'>Priya Nair</span>, last "
        "modified by <span class='editor'>Tom Ashcroft</span> on Jan 23, 2020</div>"
        "<main><h2>The capital carve-out</h2><p>The small print shows that only half of the "
        "capital budget reaches trusts as operational capital this year.</p>"
        "<figure class='kg-card kg-bookmark-card'><a href='https://example.org/documents'>"
        "<div class='kg-bookmark-title'>Budget 2021: documents</div>"
        "<div class='kg-bookmark-description'>Documents relating to the Budget.</div></a>"
        "</figure><p>Spread across 42 systems, that is roughly £96m a year each.</p>"
        "<h2>Elective top-up</h2><p>NHS England confirmed how the extra funding will be "
        "shared between systems that exceed their activity targets.</p></main>"
    )
    found = stories(html)
    assert [headline for headline, _ in found] == ["The capital carve-out", "Elective top-up"]
    assert found[0][1].endswith("roughly £96m a year each.")


_IN_BRIEF = """<h2 class="widget-title">In brief</h2><div class="textwidget">
    <p><strong>Walk-in hours cut.</strong> The urgent treatment centre will close at 10pm rather
    than midnight from 2 October, because few patients were arriving after ten.</p>
    <p><strong>Hospital parking</strong> &#8211; Free parking for blue badge holders and carers has
    been extended at the community hospital after we raised complaints in June.</p></div>"""
_SIDEBAR = f"""<div class="widget-area" role="complementary">
    <aside class="widget widget_search"><form><input type="search"></form></aside>
    <aside class="widget widget_text">{_IN_BRIEF}</aside>
    <aside class="widget widget_recent_entries"><h2 class="widget-title">Recent posts</h2>
    <ul><li><a href="/1">Maternity unit keeps its status</a></li></ul></aside></div>"""
_POST = """<article><h2>Maternity unit keeps its status</h2><p>The trust has dropped plans to
    downgrade the maternity unit after a public consultation drew 4,000 replies.</p></article>"""
_BRIEF_STORIES = [
    (
        "Walk-in hours cut",
        "The urgent treatment centre will close at 10pm rather than midnight from 2 October,"
        " because few patients were arriving after ten.",
    ),
    (
        "Hospital parking",
        "Free parking for blue badge holders and carers has been extended at the community"
        " hospital after we raised complaints in June.",
    ),
]


def test_news_in_a_sidebar_widget_beside_the_main_content_is_read() -> None:
    html = f"<body><main>{_POST}{_POST.replace('Maternity', 'Stroke')}</main>{_SIDEBAR}</body>"
    assert [headline for headline, _ in stories(html)][-2:] == [
        "Walk-in hours cut",
        "Hospital parking",
    ]
    assert stories(html)[-2:] == _BRIEF_STORIES


def test_news_in_a_sidebar_of_a_page_without_a_main_element_is_read() -> None:
    html = f"<body><div class='content'>{_POST}</div>{_SIDEBAR}</body>"
    assert stories(html)[-2:] == _BRIEF_STORIES
    assert "Recent posts" not in [headline for headline, _ in stories(html)]


def test_a_letter_signed_off_in_the_middle_of_a_newsletter_does_not_end_it() -> None:
    html = """<body><h2>A letter from our Chief Executive</h2>
    <p>I am delighted to tell you that our new inpatient wing opened to patients in December,
    after three years of fundraising by our supporters across the county.</p>
    <p>There is harder news too. Like hospices across the country, we face rising costs, and
    the grant we receive from the integrated care board covers less than a third of them.</p>
    <p>We have written to the board to ask for a fairer settlement, and we will tell you what
    it says when it replies in the spring. Thank you for standing with us.</p>
    <p>With warm wishes,</p><p>Helen Burrows<br>Chief Executive</p>
    <h2>Hospice news</h2><h3>Shops have a record year</h3>
    <p>Our 14 charity shops raised £1.26m in 2025, 11% more than the year before, thanks to
    the 380 volunteers who run them.</p>
    <h3>New day therapy group</h3>
    <p>From 2 February we will run a weekly day therapy group at the Westfield centre for
    people living with a life-limiting illness.</p></body>"""
    assert [headline for headline, _ in stories(html)] == [
        "A letter from our Chief Executive",
        "Shops have a record year",
        "New day therapy group",
    ]


def test_cards_linking_a_heading_and_its_standfirst_heading_are_stories() -> None:
    """Medium's cards: one link around a bold <h2> title and an <h3> summary in sentences."""
    cards = [
        (
            "Linking ambulance and A&E data in Leicestershire",
            "Twelve months and two data sharing agreements later, we have a linked dataset "
            "covering 410,000 journeys.",
        ),
        (
            "Why our board stopped getting RAG ratings",
            "Red, amber and green dashboards told the board what it wanted to hear. Funnel "
            "plots told it the truth.",
        ),
        (
            "Modelling winter bed demand",
            "Our central forecast says the trust will need 96 extra general and acute beds in "
            "January if flu peaks early.",
        ),
    ]
    html = (
        "<style>.be{font-weight:700}</style><main><h1>Health Data Stories</h1>"
        + "".join(
            f'<article><p><a href="/@a">Tomasz Nowak</a></p><a href="/p/{n}">'
            f'<h2 class="be">{title}</h2><div><h3>{summary}</h3></div></a>'
            "<div><span>Sep 12</span><span>11 min read</span></div></article>"
            for n, (title, summary) in enumerate(cards)
        )
        + "</main>"
    )
    assert stories(html) == cards


def test_a_writer_and_a_day_split_by_a_dot_under_a_cells_headline_are_its_details() -> None:
    cell = (
        '<td><a href="https://ex.org/{n}"><strong>{title}</strong></a>'
        "<span>{writer} &middot; {day}</span><br />{text}</td>"
    )
    rows = [
        ("The GP contract deal matters more than it looks", "Helen Marsh", "11 March 2019"),
        ("Is it time to stop counting delayed transfers?", "Tom Ashworth", "8 March 2019"),
    ]
    text = "The five-year contract commits £1.8bn a year by 2023/24 to primary care networks."
    html = (
        "<table><tr>"
        + "".join(
            cell.format(n=n, title=title, writer=writer, day=day, text=text)
            for n, (title, writer, day) in enumerate(rows)
        )
        + "</tr></table>"
    )
    page = html_to_text(html)
    found = split(page.text, page.blocks)
    assert [(s.headline, s.body) for s in found] == [(title, text) for title, _, _ in rows]
    assert [s.details for s in found] == [(f"{writer} · {day}",) for _, writer, day in rows]


def test_a_round_ups_paragraphs_with_leads_in_words_and_a_dash_are_its_stories() -> None:
    brief = [
        (
            "Dentistry",
            "The urgent dental care scheme delivered 612,000 appointments in six months.",
        ),
        (
            "Social care",
            "The commission on adult social care will report in March, its chair said.",
        ),
        ("Data", "The ONS estimates 8.2% of working-age adults are inactive through sickness."),
    ]
    html = (
        "<h2>Ministers move £1.2bn to community care</h2><p>Ministers confirmed the move on "
        "Tuesday, with the money to follow patients out of hospital from April.</p>"
        "<h2>IN BRIEF</h2>"
        + "".join(f"<p>{lead} — {text}</p>" for lead, text in brief)
        + "<h2>Dental access: where to get help</h2><p>Dental access remains the issue people "
        "contact us about most often – 41 of the 96 enquiries we received in October.</p>"
    )
    assert stories(html)[1:] == [
        *brief,
        (
            "Dental access: where to get help",
            "Dental access remains the issue people contact us about most often – 41 of the 96 "
            "enquiries we received in October.",
        ),
    ]


def test_bold_leads_that_hold_their_items_numbers_are_headlines() -> None:
    # A Google Docs export: each item's number is inside its bold lead, set by a CSS class.
    items = [
        ("Long Term Plan implementation framework published", "Systems must plan by November."),
        ("Pensions and extra sessions", "The department has opened a consultation on pensions."),
        ("Winter capital", "Systems were asked to bid for a share of £12m of capital."),
    ]
    html = "<style>.c1{font-weight:700}</style><h1>National</h1>" + "".join(
        f'<p><span class="c1">{n}. {lead}.</span><span> {text}</span></p>'
        for n, (lead, text) in enumerate(items, start=1)
    )
    assert stories(html) == items
