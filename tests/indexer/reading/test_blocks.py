"""The block model each structured reader hands the splitter: HTML and Markdown, and render().

Fixtures are small documents written inline, each showing one structural fact a reader must
keep (a heading's level, a list item's number, a bold lead) so the splitter can find the
story template from it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from indexer.blocks import Block, Builder, render
from indexer.reading.html_page import html_to_text
from indexer.reading.markdown_doc import markdown_to_text


def html_blocks(body: str, head: str = "") -> list[Block]:
    return list(html_to_text(f"<html><head>{head}</head><body>{body}</body></html>").blocks)


def md_blocks(source: str) -> list[Block]:
    return list(markdown_to_text(source).blocks)


def groups(blocks: Sequence[Block]) -> list[int]:
    """Group numbers renumbered from 0 in order of appearance: which blocks share a group."""
    seen: dict[int, int] = {}
    return [seen.setdefault(block.group, len(seen)) for block in blocks]


def kinds_and_texts(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in blocks]


# -- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5, 6])
def test_html_heading_keeps_its_level(level: int) -> None:
    blocks = html_blocks(f"<h{level}>Trust fined over breach</h{level}><p>It was fined.</p>")
    assert blocks == [
        Block("heading", "Trust fined over breach", 0, level=level),
        Block("paragraph", "It was fined.", 1),
    ]


def test_html_headings_of_several_levels() -> None:
    blocks = html_blocks(
        "<h2>Workforce</h2><h3>Nurses leave in record numbers</h3><p>Leavers rose.</p>"
        "<h4>Regional picture</h4><p>London was worst hit.</p>"
    )
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 2, "Workforce"),
        ("heading", 3, "Nurses leave in record numbers"),
        ("paragraph", 0, "Leavers rose."),
        ("heading", 4, "Regional picture"),
        ("paragraph", 0, "London was worst hit."),
    ]


def test_html_unordered_list_with_nesting() -> None:
    blocks = html_blocks(
        "<ul><li>Pay</li><li>Workforce<ul><li>Nurses</li><li>Doctors</li></ul></li></ul>"
    )
    assert [(b.kind, b.text, b.level, b.ordered, b.number) for b in blocks] == [
        ("item", "Pay", 1, False, None),
        ("item", "Workforce", 1, False, None),
        ("item", "Nurses", 2, False, None),
        ("item", "Doctors", 2, False, None),
    ]
    # The outer list is one group, the nested list another.
    assert groups(blocks) == [0, 0, 1, 1]


def test_html_ordered_list_numbers_its_items() -> None:
    blocks = html_blocks("<ol><li>First story</li><li>Second story</li><li>Third story</li></ol>")
    assert [(b.kind, b.text, b.level, b.ordered, b.number) for b in blocks] == [
        ("item", "First story", 1, True, 1),
        ("item", "Second story", 1, True, 2),
        ("item", "Third story", 1, True, 3),
    ]
    assert groups(blocks) == [0, 0, 0]


def test_html_ordered_list_inside_a_bulleted_one() -> None:
    blocks = html_blocks("<ul><li>Finance<ol><li>Deficits</li><li>Savings</li></ol></li></ul>")
    assert [(b.text, b.level, b.ordered, b.number) for b in blocks] == [
        ("Finance", 1, False, None),
        ("Deficits", 2, True, 1),
        ("Savings", 2, True, 2),
    ]


def test_html_ordered_list_start_attribute_gives_the_numbers() -> None:
    blocks = html_blocks('<ol start="5"><li>Fifth story</li><li>Sixth story</li></ol>')
    assert [b.number for b in blocks] == [5, 6]


def test_html_list_items_wrapping_paragraphs_share_one_group() -> None:
    blocks = html_blocks(
        "<ul><li><p><b>Trust fined</b> – It was fined.</p></li>"
        "<li><p><b>Lists grow</b> – They grew.</p></li></ul>"
    )
    assert [(b.kind, b.lead) for b in blocks] == [("item", "Trust fined"), ("item", "Lists grow")]
    assert groups(blocks) == [0, 0]


def test_html_table_cells() -> None:
    blocks = html_blocks(
        "<table><tr><td><p>Trust fined over data breach.</p></td>"
        "<td><p>Waiting lists grow again.</p></td></tr></table>"
    )
    assert kinds_and_texts(blocks) == [
        ("cell", "Trust fined over data breach."),
        ("cell", "Waiting lists grow again."),
    ]
    assert groups(blocks) == [0, 1]  # each cell is a block element of its own


def test_html_data_table_is_one_line_of_text() -> None:
    blocks = html_blocks(
        "<table><caption>Waits</caption><tr><th>Trust</th><th>Weeks</th></tr>"
        "<tr><td>North</td><td>18</td></tr></table>"
    )
    assert kinds_and_texts(blocks) == [("paragraph", "Waits: Trust | Weeks; North | 18.")]


def test_html_blockquote_and_its_depth() -> None:
    blocks = html_blocks(
        "<p>The minister said:</p><blockquote>We will not reopen the deal."
        "<blockquote>Not this year.</blockquote></blockquote>"
    )
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("paragraph", "The minister said:", 0),
        ("quote", "We will not reopen the deal.", 1),
        ("quote", "Not this year.", 2),
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<b>", "</b>"),
        ("<strong>", "</strong>"),
        ('<span style="font-weight:bold">', "</span>"),
        ('<span style="font-weight: 700">', "</span>"),
        ('<font style="FONT-WEIGHT: BOLD">', "</font>"),
        ('<a href="https://example.org/story">', "</a>"),
    ],
)
def test_html_emphasis_opening_a_paragraph_is_its_lead(opening: str, closing: str) -> None:
    [block] = html_blocks(f"<p>{opening}Pharmacies close.{closing} More than 400 shut.</p>")
    assert block == Block(
        "paragraph", "Pharmacies close. More than 400 shut.", 0, lead="Pharmacies close."
    )


@pytest.mark.parametrize(
    "body",
    [
        "<p>Said <b>Jane Smith</b> on Monday.</p>",  # bold inside the sentence
        "<p><a>Pharmacies close.</a> More than 400 shut.</p>",  # a link with no href
        "<p><i>Pharmacies close.</i> More than 400 shut.</p>",  # italics are not a lead
        '<p><span style="font-weight: normal">Pharmacies close.</span> More.</p>',
    ],
)
def test_html_no_lead(body: str) -> None:
    [block] = html_blocks(body)
    assert block.lead is None and not block.strong and not block.linked


@pytest.mark.parametrize(
    ("body", "strong", "linked"),
    [
        ("<p><b>Trust fined over breach</b></p>", True, False),
        ('<p><a href="https://example.org/a">Trust fined over breach</a></p>', False, True),
        ('<p><a href="https://example.org/a"><b>Trust fined over breach</b></a></p>', True, True),
        ('<p><b><a href="https://example.org/a">Trust fined over breach</a></b></p>', True, True),
    ],
)
def test_html_whole_block_bold_or_linked(body: str, strong: bool, linked: bool) -> None:
    [block] = html_blocks(body)
    assert block == Block(
        "paragraph", "Trust fined over breach", 0, strong=strong, linked=linked, lead=None
    )


def test_html_cell_with_linked_bold_headline_over_a_standfirst() -> None:
    blocks = html_blocks(
        "<table><tr><td>"
        '<a href="https://example.org/1"><b>Trust fined over data breach</b></a><br>'
        "The regulator imposed a £2m penalty."
        "</td></tr></table>"
    )
    assert blocks == [
        Block("cell", "Trust fined over data breach", 0, strong=True, linked=True),
        Block("cell", "The regulator imposed a £2m penalty.", 0),
    ]


def test_html_list_items_with_leads() -> None:
    blocks = html_blocks(
        "<ol><li><b>Trust fined</b> – The regulator acted.</li>"
        '<li><a href="https://example.org/2">Lists grow</a>: The backlog rose.</li></ol>'
    )
    assert blocks == [
        Block("item", "Trust fined – The regulator acted.", 0, 1, True, 1, lead="Trust fined"),
        Block("item", "Lists grow: The backlog rose.", 0, 1, True, 2, lead="Lists grow"),
    ]


def test_html_rule_and_groups() -> None:
    blocks = html_blocks(
        "<div>Trust fined over breach<br>The regulator acted.<br><br>A new paragraph.</div>"
        "<hr><p>After the rule.</p>"
        "<ul><li>One</li><li>Two</li><li>Three</li></ul>"
        "<p>After the list.</p>"
    )
    assert kinds_and_texts(blocks) == [
        ("paragraph", "Trust fined over breach"),
        ("paragraph", "The regulator acted."),
        ("paragraph", "A new paragraph."),
        ("rule", ""),
        ("paragraph", "After the rule."),
        ("item", "One"),
        ("item", "Two"),
        ("item", "Three"),
        ("paragraph", "After the list."),
    ]
    # <br> breaks a line within the group, <br><br> and each block element start a new one,
    # and a list is one group.
    assert groups(blocks) == [0, 0, 1, 2, 3, 4, 4, 4, 5]


def test_html_masthead_heading_becomes_the_title() -> None:
    page = html_to_text(
        "<html><body><h1>Health Weekly</h1><h2>Trust fined</h2><p>It was fined.</p>"
        "<h2>Lists grow</h2><p>They grew.</p></body></html>"
    )
    assert page.title == "Health Weekly"
    assert kinds_and_texts(page.blocks) == [
        ("heading", "Trust fined"),
        ("paragraph", "It was fined."),
        ("heading", "Lists grow"),
        ("paragraph", "They grew."),
    ]
    assert page.text == "Trust fined\n\nIt was fined.\n\nLists grow\n\nThey grew."


def test_html_page_title_wins_over_the_masthead() -> None:
    page = html_to_text(
        "<html><head><title>Health Weekly | 5 March</title>"
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        "<body><h1>Health Weekly</h1><h2>Trust fined</h2><p>It was fined.</p></body></html>"
    )
    assert page.title == "Health Weekly | 5 March"
    assert str(page.date) == "2024-03-05"
    assert kinds_and_texts(page.blocks) == [
        ("heading", "Trust fined"),
        ("paragraph", "It was fined."),
    ]


def test_html_chrome_is_not_a_block() -> None:
    blocks = html_blocks(
        '<nav><a href="/">Home</a></nav><div class="cookie-banner">We use cookies.</div>'
        "<h2>Trust fined</h2><p>It was fined.</p>"
        '<p class="preheader" style="display:none">Read this in your browser</p>'
    )
    assert kinds_and_texts(blocks) == [("heading", "Trust fined"), ("paragraph", "It was fined.")]


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_numbered_items_with_bold_headlines() -> None:
    blocks = md_blocks(
        "1. **Trust fined over breach** — The regulator acted.\n"
        "2. **Waiting lists grow** — The backlog rose.\n"
        "7. A plain item\n"
    )
    assert blocks == [
        Block(
            "item",
            "Trust fined over breach — The regulator acted.",
            0,
            level=1,
            ordered=True,
            number=1,
            lead="Trust fined over breach",
        ),
        Block(
            "item",
            "Waiting lists grow — The backlog rose.",
            0,
            level=1,
            ordered=True,
            number=2,
            lead="Waiting lists grow",
        ),
        Block("item", "A plain item", 0, level=1, ordered=True, number=7),
    ]


def test_markdown_list_starting_at_a_number() -> None:
    blocks = md_blocks("5. Fifth story\n6. Sixth story\n")
    assert [(b.number, b.ordered) for b in blocks] == [(5, True), (6, True)]


def test_markdown_bullets_and_nesting() -> None:
    blocks = md_blocks("- Pay\n- Workforce\n  - Nurses\n  - Doctors\n")
    assert [(b.kind, b.text, b.level, b.ordered, b.number) for b in blocks] == [
        ("item", "Pay", 1, False, None),
        ("item", "Workforce", 1, False, None),
        ("item", "Nurses", 2, False, None),
        ("item", "Doctors", 2, False, None),
    ]
    assert groups(blocks) == [0, 0, 1, 1]


def test_markdown_loose_list_is_one_group() -> None:
    blocks = md_blocks("1. First story text.\n\n2. Second story text.\n\nAfter the list.\n")
    assert [(b.kind, b.number) for b in blocks] == [("item", 1), ("item", 2), ("paragraph", None)]
    assert groups(blocks) == [0, 0, 1]


def test_markdown_bold_line_over_its_text_is_a_line_of_its_own() -> None:
    blocks = md_blocks(
        "**Pharmacies close in deprived areas**\n"
        "More than 400 pharmacies closed last year.\n\n"
        "**Bold** opens this sentence\nwhich runs on.\n"
    )
    assert blocks == [
        Block("paragraph", "Pharmacies close in deprived areas", 0, strong=True),
        Block("paragraph", "More than 400 pharmacies closed last year.", 0),
        Block("paragraph", "Bold opens this sentence which runs on.", 1, lead="Bold"),
    ]


def test_markdown_linked_headline_lead() -> None:
    [block] = md_blocks("[Trust fined](https://example.org/1) - The regulator acted.\n")
    assert block == Block("paragraph", "Trust fined - The regulator acted.", 0, lead="Trust fined")


@pytest.mark.parametrize("level", [2, 3, 4, 5, 6])
def test_markdown_heading_levels(level: int) -> None:
    blocks = md_blocks(f"{'#' * level} Trust fined over breach\n\nIt was fined.\n")
    assert blocks == [
        Block("heading", "Trust fined over breach", 0, level=level),
        Block("paragraph", "It was fined.", 1),
    ]


def test_markdown_quotes_rule_and_groups() -> None:
    blocks = md_blocks(
        "The minister said:\n\n"
        "> We will not reopen the deal.\n> > Not this year.\n\n"
        "---\n\n"
        "After the rule.\n"
    )
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("paragraph", "The minister said:", 0),
        ("quote", "We will not reopen the deal.", 1),
        ("quote", "Not this year.", 2),
        ("rule", "", 0),
        ("paragraph", "After the rule.", 0),
    ]
    assert groups(blocks) == [0, 1, 2, 3, 4]


def test_markdown_front_matter_title_and_date() -> None:
    md = markdown_to_text(
        '---\ntitle: "Health Weekly"\ndate: 2024-03-05\n---\n\n'
        "# Trust fined over breach\n\nIt was fined.\n"
    )
    assert md.title == "Health Weekly"
    assert md.date == "2024-03-05"
    # A lone top-level heading that is not the title is a story's headline: it stays.
    assert kinds_and_texts(md.blocks) == [
        ("heading", "Trust fined over breach"),
        ("paragraph", "It was fined."),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "# Health Weekly\n\n## Trust fined\n\nIt was fined.\n\n## Lists grow\n\nThey grew.\n",
        "---\ntitle: Health Weekly\n---\n# Health Weekly\n\nIt was fined.\n\n# Lists grow\n\n"
        "They grew.\n",
    ],
    ids=["over-lower-headings", "named-by-front-matter"],
)
def test_markdown_masthead_heading_removed_and_given_as_title(source: str) -> None:
    md = markdown_to_text(source)
    assert md.title == "Health Weekly"
    assert "Health Weekly" not in [b.text for b in md.blocks]
    assert "Health Weekly" not in md.text


def test_markdown_top_heading_over_equal_headings_is_a_story() -> None:
    md = markdown_to_text("# Trust fined\n\nIt was fined.\n\n# Lists grow\n\nThey grew.\n")
    assert md.title is None
    assert [b.text for b in md.blocks if b.kind == "heading"] == ["Trust fined", "Lists grow"]


def test_markdown_render() -> None:
    md = markdown_to_text(
        "# Health Weekly\n\n"
        "## Trust fined\n\n"
        "The regulator *acted* on [Monday](https://example.org).\n\n"
        "---\n\n"
        "- One\n- Two\n"
    )
    assert md.text == "Trust fined\n\nThe regulator acted on Monday.\n\nOne\nTwo"


# -- render and Builder -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "text"),
    [
        ([], ""),
        ([Block("paragraph", "One", 0), Block("paragraph", "Two", 0)], "One\nTwo"),
        ([Block("paragraph", "One", 0), Block("paragraph", "Two", 1)], "One\n\nTwo"),
        (
            [Block("paragraph", "One", 0), Block("rule", "", 1), Block("paragraph", "Two", 2)],
            "One\n\nTwo",
        ),
        ([Block("rule", "", 0), Block("heading", "Head", 1, level=2)], "Head"),
        (
            [Block("heading", "Head", 0, level=2), Block("item", "A", 1), Block("item", "B", 1)],
            "Head\n\nA\nB",
        ),
    ],
)
def test_render(blocks: list[Block], text: str) -> None:
    assert render(blocks) == text


def test_builder_groups_and_whitespace() -> None:
    out = Builder()
    out.new_group()  # nothing added yet: no empty group
    out.add("paragraph", "  Trust \n fined  ")
    out.add("paragraph", "   ")  # nothing to read: not a block
    out.new_group()
    out.new_group()  # twice in a row is still one new group
    out.add("rule", "")
    out.new_group()
    out.add("item", "One", level=1, ordered=True, number=1)
    assert out.blocks == [
        Block("paragraph", "Trust fined", 0),
        Block("rule", "", 1),
        Block("item", "One", 2, level=1, ordered=True, number=1),
    ]


def test_markdown_italic_line_under_a_bold_headline_is_the_byline() -> None:
    from indexer.pipeline import build_digest
    from indexer.records import RawDigest

    source = (
        "**Nurse vacancies top 2,800**\n*BBC Scotland online*\n\n"
        "Official figures show 2,818 posts empty.\n\n"
        "**GP scheme extended**\n*The Courier, p.5*\n\nThe health board will extend its scheme.\n"
    )
    page = markdown_to_text(source)
    assert [b.kind for b in page.blocks][:3] == ["paragraph", "byline", "paragraph"]
    raw = RawDigest("d.md", page.text, None, None, "markdown", blocks=page.blocks)
    stories = build_digest(raw, with_entities=False).stories
    assert [(s.headline, s.byline) for s in stories] == [
        ("Nurse vacancies top 2,800", "BBC Scotland online"),
        ("GP scheme extended", "The Courier, p.5"),
    ]
    assert all("Courier" not in s.body and "BBC" not in s.body for s in stories)


def test_markdown_italic_words_inside_a_line_are_text() -> None:
    page = markdown_to_text("**Trust fined**\n*Exclusive:* the trust was fined £2m.\n")
    assert "byline" not in [b.kind for b in page.blocks]
