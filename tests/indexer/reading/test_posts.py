"""A post in a discussion (a reply, or the message replies answer) is one story."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from indexer.pipeline import parse_file
from indexer.reading.posts import post_paragraphs

REPLY = """\
Hi all,

Agree with Claire on setting a realistic trajectory. The ICB will pass
through the full £48.6m minimum.

I'd suggest we name that in the narrative.

Regards,
Mark

Mark Penhaligon
Deputy Chief Finance Officer

On Wed, 15 Jan 2025 at 08:20, Claire Oduya <claire@example.org> wrote:

> Rachel, Dev -
>
> Happy with the draft overall.
"""


def test_the_new_text_of_a_reply_is_kept_and_the_rest_left_out() -> None:
    assert post_paragraphs(REPLY) == [
        "Agree with Claire on setting a realistic trajectory. The ICB will pass through the "
        "full £48.6m minimum.",
        "I'd suggest we name that in the narrative.",
    ]


def test_an_attribution_wrapped_over_two_lines_is_not_the_posts_text() -> None:
    quote = (
        "On Mon, 11 May 2020 at 12:52, Cartwright Helen (WREXFORD AND DISTRICT CCG)\n"
        "<helen.cartwright@example.org> wrote:\n> I can share our data specification.\n"
    )
    reply = "That would be brilliant, thank you Helen.\n\nRavi\n"
    assert post_paragraphs(quote + "\n" + reply) == ["That would be brilliant, thank you Helen."]
    assert post_paragraphs(reply + "\n" + quote) == ["That would be brilliant, thank you Helen."]


def test_a_signature_with_no_sign_off_and_an_outlook_header_block() -> None:
    text = (
        "Rachel, Dev -\n\nHappy with the draft overall. My one concern is demand.\n\n"
        "Claire\n\nClaire Oduya\nCorporate Director of Adult Social Care\n\n"
        "________________________________\nFrom: Rachel Tennant <r@example.org>\n"
        "Sent: 14 January 2025 09:12\nSubject: BCF plan\n\nThe first draft is attached."
    )
    assert post_paragraphs(text) == ["Happy with the draft overall. My one concern is demand."]


def test_a_signature_after_the_dash_dash_line() -> None:
    text = "Does anyone have a template for this?\n\n-- \nJo Bloggs\nPractice manager"
    assert post_paragraphs(text) == ["Does anyone have a template for this?"]


def _mail(subject: str, body: str, message_id: str, replies_to: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "someone@example.org"
    message["Subject"] = subject
    message["Date"] = "Wed, 15 Jan 2025 08:20:00 +0000"
    message["Message-ID"] = message_id
    if replies_to:
        message["In-Reply-To"] = message["References"] = replies_to
    message.set_content(body)
    return b"From someone@example.org Wed Jan 15 08:20:00 2025\n" + message.as_bytes() + b"\n"


def test_a_thread_in_an_mbox_is_one_story_per_post(tmp_path: Path) -> None:
    starter = _mail(
        "BCF plan: draft for sign-off",
        "Hi all,\n\nThe first draft of the narrative is attached. Comments by Friday please.\n\n"
        "Thanks,\nRachel\n\nRachel Tennant\nHead of Commissioning\n",
        "<1@example.org>",
    )
    reply = _mail("Re: BCF plan: draft for sign-off", REPLY, "<2@example.org>", "<1@example.org>")
    path = tmp_path / "thread.mbox"
    path.write_bytes(starter + reply)
    stories = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert [(s.headline, s.body.split("\n")[0][:30]) for s in stories] == [
        ("BCF plan: draft for sign-off", "The first draft of the narrati"),
        ("Re: BCF plan: draft for sign-off", "Agree with Claire on setting a"),
    ]


def test_a_forwarded_digest_stays_a_digest(tmp_path: Path) -> None:
    digest = (
        "FYI, see the second story.\n\n---------- Forwarded message ---------\n"
        "From: News <news@example.org>\nSubject: Weekly news\n\n"
        "Trust fined over failings\n\nA hospital trust has been fined £2m after failings.\n\n"
        "Nursing applications fall\n\nApplications to nursing degrees fell again this year.\n"
    )
    path = tmp_path / "fwd.eml"
    path.write_bytes(_mail("Fwd: Weekly news", digest, "<3@example.org>", "<0@example.org>"))
    stories = [s for d in parse_file(path, str(path)) for s in d.stories]
    assert [s.headline for s in stories] == [
        "Trust fined over failings",
        "Nursing applications fall",
    ]


def test_a_post_nobody_answered_is_headed_by_its_subject(tmp_path: Path) -> None:
    """A list post with no replies is read as a digest; its text is one story with no
    headline of its own, so the subject a reader sees heads it."""
    post = _mail(
        "Welsh app procurement: tender published",
        "Digital Health and Care Wales has published the tender for the NHS Wales app, worth\n"
        "an estimated £8.4m over five years. Bids close on 20 November.\n\nOwain\n--\n"
        "Sent from my iPad\n",
        "<4@example.org>",
    )
    path = tmp_path / "list.mbox"
    path.write_bytes(post)
    [story] = [s for digest in parse_file(path, str(path)) for s in digest.stories]
    assert story.headline == "Welsh app procurement: tender published"
    assert story.body.startswith("Digital Health and Care Wales has published")
    assert story.body.endswith("Bids close on 20 November.")


def test_a_quote_introduced_by_who_wrote_it_and_when_is_left_out() -> None:
    text = (
        "The annual verification point will be a real burden for smaller trusts without an\n"
        "authorising engineer on site.\n\n"
        "Mags Tennant wrote on 13/05/2019 16:12:\n\n"
        "> Has anyone drafted a response to the HTM 03-01 consultation yet?\n"
    )
    assert post_paragraphs(text) == [
        "The annual verification point will be a real burden for smaller trusts without an "
        "authorising engineer on site."
    ]
