"""Posts of a mailing-list digest read from its HTML part: a reply's quote and its "wrote:"
line, and a post's sign-off that ends the post, not the digest.

Each digest here is small and written for the rule it tests; none is a copy of a fixture.
"""

from __future__ import annotations

from indexer.blocks import Block
from indexer.stories.debris import is_mail_chrome
from indexer.stories.split import split

ASK = (
    "We are recruiting two care coordinators and the job descriptions we inherited say band 4, "
    "but the reimbursement cap only just covers band 4 at the top of the scale."
)
ANSWER = (
    "Yes, but only up to the cap; our six practices pay the rest, about £3,200 a year per post, "
    "because losing a trained coordinator costs us far more in recruitment."
)
MORE = (
    "We had the same letter from our ICB on 7 October. Our underspend is £86,000, almost all of "
    "it because two posts took eight months to fill, and we can roll some of it into Q4."
)


def post(group: int, subject: str, *texts: str) -> list[Block]:
    blocks = [Block("paragraph", subject, group, strong=True)]
    blocks += [Block("paragraph", text, group + 1 + at) for at, text in enumerate(texts)]
    return blocks


def test_a_reply_loses_its_wrote_line_and_the_quote_under_it() -> None:
    blocks = [
        *post(0, "Care coordinator band 4 or 5?", ASK),
        *post(
            2,
            "Re: Care coordinator band 4 or 5?",
            "On Wed, Oct 12, 2022 at 09:30 AM, Ann Lee wrote:",
        ),
        Block("quote", "Has anyone had a band 5 post reimbursed?", 4),
        Block("paragraph", ANSWER, 5),
    ]
    found = [(s.headline, s.body) for s in split("", blocks)]
    assert found == [
        ("Care coordinator band 4 or 5?", ASK),
        ("Re: Care coordinator band 4 or 5?", ANSWER),
    ]


def test_a_quote_in_a_newsletter_with_no_wrote_line_is_kept() -> None:
    blocks = [*post(0, "Care coordinator band 4 or 5?", ASK), Block("quote", ANSWER, 2)]
    assert split("", blocks)[0].body == f"{ASK}\n\n{ANSWER}"


def test_a_posts_sign_off_ends_the_post_and_the_next_reply_goes_on() -> None:
    blocks = [
        *post(0, "ARRS underspend: clawback letter", MORE, MORE.replace("86,000", "12,000")),
        *post(3, "Care coordinator band 4 or 5?", ASK, "Many thanks", "Lauren"),
        *post(7, "Re: Care coordinator band 4 or 5?", ANSWER, "Tariq"),
    ]
    assert [s.headline for s in split("", blocks)] == [
        "ARRS underspend: clawback letter",
        "Care coordinator band 4 or 5?",
        "Re: Care coordinator band 4 or 5?",
    ]


def test_the_link_outlook_puts_after_its_line_is_part_of_it() -> None:
    assert is_mail_chrome("Get Outlook for iOS<https://aka.ms/o0ukef>")
