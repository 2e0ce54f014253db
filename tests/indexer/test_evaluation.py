"""Story F1 on digests written apart from the splitting rules ([H]), per format.

All the sets were written by helpers given only tests/fixtures/eval/SPEC.md (never the rules,
the code or dex's output on their files). tests/fixtures/eval20/ is held out: the rules and
the story model are never tuned on it and its misses are not read; it was scored once when
first seen (early on 2026-12-08). Each earlier held-out set was measured untouched and then
became a development set: eval10 to eval19 (each scored once, then tuned on; eval17 was held
out for five rounds),
eval8 and eval9 (held out until both were scored with the story model), eval2 to eval7 and dev/
to dev7/ are tuned on now. tests/fixtures/eval/ (42
digests), the first held-out set, was a guard whose misses were not read until 2026-12-07; it is
a development set with floors of its own now. The floors below are the figures reached when
they were set, less a small margin, so a change that makes splitting worse fails here; raise
them as splitting improves. The goal for the held-out set is 0.97 overall with no format below
0.93 (README). Entity figures have floors too (the entity rules are tuned on eval5 to eval8 and
dev7).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.evaluation import (
    ALL,
    Counts,
    Together,
    by_label,
    entity_counts,
    evaluate_all,
    evaluate_together,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HELD_OUT = [FIXTURES / "eval20" / name for name in ("text", "web", "mail")]
EVAL19 = [FIXTURES / "eval19" / name for name in ("text", "web", "mail")]
EVAL18 = [FIXTURES / "eval18" / name for name in ("text", "web", "mail")]
EVAL16 = [FIXTURES / "eval16" / name for name in ("text", "web", "mail")]
EVAL15 = [FIXTURES / "eval15" / name for name in ("text", "web", "mail")]
EVAL17 = [FIXTURES / "eval17" / name for name in ("text", "web", "mail")]
EVAL14 = [FIXTURES / "eval14" / name for name in ("text", "web", "mail")]
EVAL13 = [FIXTURES / "eval13" / name for name in ("text", "web", "mail")]
EVAL12 = [FIXTURES / "eval12" / name for name in ("text", "web", "mail")]
EVAL11 = [FIXTURES / "eval11" / name for name in ("text", "web", "mail")]
EVAL10 = [FIXTURES / "eval10" / name for name in ("text", "web", "mail")]
EVAL9 = [FIXTURES / "eval9" / name for name in ("text", "web", "mail")]
EVAL8 = [FIXTURES / "eval8" / name for name in ("text", "web", "mail")]
EVAL7 = [FIXTURES / "eval7" / name for name in ("text", "web", "mail")]
EVAL6 = [FIXTURES / "eval6" / name for name in ("text", "web", "mail")]
DEV7 = [FIXTURES / "dev7" / name for name in ("text", "web", "mail")]
DEV8 = [FIXTURES / "dev8" / name for name in ("text", "web")]
DEV9 = [FIXTURES / "dev9" / name for name in ("text", "mail")]
DEV10 = [FIXTURES / "dev10" / name for name in ("text", "text2")]
DEV11 = [FIXTURES / "dev11" / name for name in ("web", "mail")]
DEV12 = [FIXTURES / "dev12" / name for name in ("text", "web", "mail")]
ENTITY_TUNED = [FIXTURES / "eval5" / name for name in ("text", "mix")]
FIRST_HELD_OUT = [FIXTURES / "eval" / name for name in ("text", "web", "mail")]
DEVELOPMENT = [
    FIXTURES / "dev",
    *(FIXTURES / "dev2" / name for name in ("text", "web", "mail")),
    *(FIXTURES / "dev3" / name for name in ("html", "mail")),
    *(FIXTURES / "dev4" / name for name in ("web", "mix")),
    *(FIXTURES / "dev5" / name for name in ("textweb", "mail")),
    *(FIXTURES / "dev6" / name for name in ("text", "web")),
    *(
        FIXTURES / set_name / name
        for set_name in ("eval2", "eval3", "eval4")
        for name in ("text", "web", "mail")
    ),
    *ENTITY_TUNED,
    *DEV7,
]

# eval20 (held out, written 2026-12-08 just after midnight by three helpers given SPEC.md: a
# JISCMail-style network's news, pharmacy and dental committee bulletins, a coroners'
# prevention-of-future-deaths round-up, the text part of a Mailchimp email with [image:] and
# [n] marks, Scottish, Northern Irish and Welsh (bilingual) staff bulletins, an OCRed scanned
# newsletter, PDF annual review text, pandoc's text of a Word document, an org-mode digest, a
# 64-column medical school newsletter, teletext pages, a volunteer's patient group newsletter,
# a trials unit news sheet; Squarespace, WordPress with widgets and comments, Substack,
# Mailchimp archive, Campaign Monitor, Notion and Confluence exports, an intranet print view,
# pandoc HTML, Jekyll/kramdown, MkDocs admonitions and wiki Markdown, WordPress RSS with
# content:encoded, Atom with XHTML content; a JISCMail digest, a multipart/digest, a newsletter
# forwarded as an attachment, HTML-only multipart/related, ISO-8859-1 and windows-1252
# quoted-printable, Thunderbird-saved, Lotus Notes forwards, a reply quoting a digest, a Google
# Takeout mbox, an LMC mbox over three weeks, a Maildir of two), scored once when first seen:
# all 0.921, txt 0.923, md 0.700, html 0.922, feed 1.000, eml 0.947, mbox 1.000, Maildir 1.000;
# entities P 0.946 R 0.914 (the same stories with the code of that session's start; entities
# P 0.941 R 0.914). After that session's rounds on eval19 and dev12: all 0.923, txt 0.929 (the
# rest unchanged). Floors: less about 0.03.
HELD_OUT_FLOORS = {
    "all": 0.89,
    "txt": 0.89,
    "md": 0.67,
    "html": 0.89,
    "feed": 0.97,
    "eml": 0.91,
    "mbox": 0.97,
    "maildir": 0.97,
}
HELD_OUT_ENTITY_FLOOR = (0.91, 0.88)
# eval19 (held out until eval20 came, written 2026-12-07 late at night by three helpers given
# SPEC.md: a pharmacy negotiator's briefing, royal college branch newsletter, PDF board chief
# executive's report, written questions, alumni newsletter, regulator's enforcement tables, think-
# tank text with [n] references, a Word document saved as text, emoji-labelled federation
# bulletin, reStructuredText network update, union circular in numbered paragraphs, care provider
# app e-news, horizon scan, media-monitoring alert; Outlook-saved HTML, Google Docs export,
# SharePoint news, Ghost, Drupal views, Beehiiv, accordions, Obsidian, reference-link and setext
# Markdown, a Mailchimp Markdown export, Hugo RSS, RSS 0.92, Blogger Atom, FeedBurner; Google
# Groups and Mailman 3 digests, HTML-only base64, windows-1252 quoted-printable, an Outlook mobile
# forward, Apple Mail multipart/related, reply-all with a pasted digest, a digest attached to a
# list message, format=flowed, RFC 2047 subjects, two mboxes and a Maildir of three), scored once
# when first seen: all 0.796, txt 0.564, md 0.950, html 0.845, feed 0.870, eml 0.913, mbox 1.000,
# Maildir 1.000; entities P 0.947 R 0.903 (with the code of that session's start: all 0.792, txt
# 0.552). With the story model retrained on eval18: all 0.794, txt 0.556. Then tuned on
# (2026-12-08): all 0.973, txt 0.955, md 1.000, html 0.979, feed 1.000, eml 0.962, mbox 1.000,
# Maildir 1.000; entities P 0.954 R 0.938. Less about 0.03.
EVAL19_FLOORS = {
    "all": 0.94,
    "txt": 0.92,
    "md": 0.97,
    "html": 0.95,
    "feed": 0.97,
    "eml": 0.93,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL19_ENTITY_FLOOR = (0.92, 0.90)
# eval18 (held out, written 2026-12-07 at night by three helpers given SPEC.md: a trust chief
# executive's blog, dental network bulletin, pharmacy negotiator's daily, ambulance staff news,
# mental health charity round-up, research network PDF, LinkedIn article, Teams and Slack
# exports, Welsh health board bulletin, royal college week in review, public health annual
# report PDF, hospice e-news, committee evidence summary; Mailchimp and Campaign Monitor pages,
# WordPress archive, Medium, trust intranet, think-tank cards, Commons Library briefing, a
# FrontPage-era saved page, Jekyll and GitHub-flavoured Markdown, WordPress RSS, jekyll-feed
# Atom, a news site's RSS with media and an RSS 1.0 feed; Campaign Monitor, HTML-only, LISTSERV
# multipart/digest, Lotus Notes, forward-of-forward, ISO-8859-1 union e-news, a practice
# manager's relay, NHSmail circulation, Substack, two mboxes and a Maildir of two), scored once
# when first seen: all 0.830, txt 0.762, md 0.688, html 0.895, feed 0.812, eml 0.829, mbox
# 1.000, Maildir 1.000; entities P 0.928 R 0.883 (with the code of that session's start: all
# 0.834, entities P 0.935 R 0.883; 0.779 by the rules alone); 0.835 after the rounds on dev8
# and dev9. Then tuned on (late that night): all 0.968, txt 0.950, md 1.000, html 0.991, feed
# 1.000, eml 0.914, mbox 1.000, Maildir 1.000; entities P 0.935 R 0.924. Less about 0.03.
EVAL18_FLOORS = {
    "all": 0.94,
    "txt": 0.92,
    "md": 0.97,
    "html": 0.96,
    "feed": 0.97,
    "eml": 0.88,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL18_ENTITY_FLOOR = (0.91, 0.90)
# eval17 (held out too, written 2026-12-07 at the end of the evening by three helpers given
# SPEC.md: a commissioning policy update, hospital charity, Scottish and Northern Irish staff
# briefs, trainee newsletter, media summary, PDF board report, inspection round-up, epidemiology
# note, federation bulletin, Outlook text export, health questions, Healthwatch digest, union
# e-news; Squarespace, board papers, Drupal listing, Mailchimp archive, two-column Campaign
# Monitor, council accordions, a Medium long read, Jekyll, Obsidian and GitLab wiki Markdown,
# reports RSS, regulator Atom, podcast XML and a Google Alerts feed; Apple Mail and Thunderbird
# replies and forwards, JISCMail, Viva, Substack, multipart/related, ISO-8859-15, a regional
# director's weekly, a core brief, an LPC email, two mboxes and a Maildir of three), scored once
# when first seen: all 0.881, txt 0.785, md 0.895, html 0.886, feed 0.950, eml 0.979, mbox
# 1.000, Maildir 0.957; entities P 0.917 R 0.843 (with the splitter of that session's start:
# all 0.867, eml 0.911; entities P 0.917 R 0.823; 0.856 by the rules alone). Less about 0.03.
# After the round tuned on eval16 (that night): all 0.886, txt 0.791, html 0.917, mbox 0.966
# (one story more or less in its mbox: not read, the floor lowered to 0.93); entities P 0.915
# R 0.871. After the rounds on dev8 and dev9: all 0.888, txt 0.798; entities P 0.917 R 0.873.
# After the round on eval18 (and the story model retrained on it): all 0.889, html 0.904, md
# 0.923; entities P 0.918 R 0.877; 0.887 after the rounds on dev10 and dev11. Then tuned on
# (late that night): all 0.952, txt 0.930, md 0.947, html 0.892, feed 1.000, eml 1.000, mbox
# 1.000, Maildir 1.000; entities P 0.921 R 0.878. Floors: less about 0.03.
EVAL17_FLOORS = {
    "all": 0.92,
    "txt": 0.90,
    "md": 0.91,
    "html": 0.86,
    "feed": 0.97,
    "eml": 0.97,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL17_ENTITY_FLOOR = (0.90, 0.85)
# eval16: held out and scored once (all 0.912, txt 0.902, md 0.933, html 0.943, feed 0.944,
# eml 0.876, mbox 0.867, Maildir 1.000; entities P 0.936 R 0.834), then tuned on (that night):
# all 0.991, txt 0.981, md 1.000, html 0.986, feed 1.000, eml 1.000, mbox 1.000, Maildir 1.000;
# entities P 0.957 R 0.912.
EVAL16_FLOORS = {
    "all": 0.96,
    "txt": 0.95,
    "md": 0.97,
    "html": 0.95,
    "feed": 0.97,
    "eml": 0.97,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL16_ENTITY_FLOOR = (0.94, 0.89)
# dev8 (24 digests written 2026-12-07 at night to tune on: plain text, Markdown and feeds): 0.804
# at first sight, then all 0.933, txt 0.957, md 0.857, feed 0.971; entities P 0.930 R 0.908.
DEV8_FLOORS = {"all": 0.90, "txt": 0.93, "md": 0.83, "feed": 0.94}
DEV8_ENTITY_FLOOR = (0.91, 0.89)
# dev9 (24 more written that night to tune on: plain text and mail): text 0.562 at first sight
# (mail 0.869 when first scored, after some of the text rules), then all 0.951, txt 0.917, eml
# 0.992; entities P 0.913 R 0.887.
DEV9_FLOORS = {"all": 0.92, "txt": 0.88, "eml": 0.96}
DEV9_ENTITY_FLOOR = (0.90, 0.87)
# dev10 (24 plain-text digests written late on 2026-12-07 to tune on, plain text being the
# format every held-out set split worst): 0.682 and 0.795 for its two halves at first sight,
# then all 0.934; entities P 0.922 R 0.838.
DEV10_FLOORS = {"all": 0.90, "txt": 0.90}
DEV10_ENTITY_FLOOR = (0.90, 0.81)
# dev11 (27 digests of web pages, feeds and mail written that night to tune on): web 0.951 and
# mail 0.882 at first sight, then all 0.988, md 0.917, every other format 1.000; entities P
# 0.936 R 0.948.
DEV11_FLOORS = {
    "all": 0.95,
    "md": 0.88,
    "html": 0.97,
    "feed": 0.97,
    "eml": 0.97,
    "mbox": 0.97,
    "maildir": 0.97,
}
DEV11_ENTITY_FLOOR = (0.91, 0.92)
# dev12 (written 2026-12-08 by two helpers given SPEC.md, to tune on: a drug safety update,
# NICE round-up, written answers, Hansard summary, press-cuttings alert, staff news saved from
# mail, a mental health trust's brief, public health bulletin, PCN and hospice newsletters,
# funding calls, Healthwatch reports, a stroke network's Markdown, a Budget briefing, PDF board
# report text, Outlook's text of HTML; Pandoc, Obsidian, Bear, Hugo, Docusaurus, Notion and
# GitHub Markdown; Drupal, Buttondown, Dotdigital, MailerLite, GOV.UK-style, LinkedIn and press
# release pages; a quoted-printable circular, a list reply, multipart/alternative that differs,
# a forward, a Mailman 2 digest, table cells, base64, an mbox of three): first sight all 0.840,
# txt 0.739, md 0.895, html 0.916, eml 0.986, mbox 1.000; after its round all 0.964, txt 0.966,
# md 0.974, html 0.927, eml 0.986, mbox 1.000; entities P 0.920 R 0.921. Less about 0.03.
DEV12_FLOORS = {"all": 0.93, "txt": 0.93, "md": 0.94, "html": 0.88, "eml": 0.95, "mbox": 0.97}
DEV12_ENTITY_FLOOR = (0.89, 0.88)
# eval15: held out and scored once (all 0.883; 0.858 with the splitter of that session's start;
# 0.865 by the rules alone), then tuned on: all 0.944, txt 0.870, md 1.000, html 0.986, feed
# 1.000, eml 0.958, mbox 1.000, Maildir 1.000; entities P 0.924 R 0.880.
EVAL15_FLOORS = {
    "all": 0.91,
    "txt": 0.84,
    "md": 0.97,
    "html": 0.95,
    "feed": 0.97,
    "eml": 0.92,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL15_ENTITY_FLOOR = (0.91, 0.86)
# eval14: held out and scored once (all 0.875; 0.870 with the splitter of that session's
# start; 0.865 by the rules alone), then tuned on: all 0.935, txt 0.870, md 0.923, mdx 1.000,
# html 0.947, feed 1.000, eml 0.954, mbox 1.000, Maildir 1.000; entities P 0.937 R 0.940.
EVAL14_FLOORS = {
    "all": 0.90,
    "txt": 0.84,
    "md": 0.89,
    "mdx": 0.89,
    "html": 0.91,
    "feed": 0.97,
    "eml": 0.92,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL14_ENTITY_FLOOR = (0.92, 0.92)
# eval13: held out and scored once (all 0.893, the same as with the splitter of that session's
# start; 0.874 by the rules alone), then tuned on: all 0.972, txt 0.954, md 0.984, html 0.952,
# feed 1.000, eml 0.993, mbox 1.000, Maildir 1.000; entities P 0.908 R 0.933.
EVAL13_FLOORS = {
    "all": 0.94,
    "txt": 0.92,
    "md": 0.95,
    "html": 0.92,
    "feed": 0.97,
    "eml": 0.96,
    "mbox": 0.97,
    "maildir": 0.97,
}
EVAL13_ENTITY_FLOOR = (0.89, 0.91)
# eval12: held out and scored once (all 0.884; 0.843 with the splitter of that session's start),
# then tuned on: all 0.955, txt 0.922, md 0.923, html 0.961, feed 1.000, eml 1.000, mbox
# 1.000, Maildir 1.000; entities P 0.903 R 0.906; less about 0.03.
EVAL12_FLOORS = {
    "all": 0.92,
    "txt": 0.89,
    "md": 0.89,
    "html": 0.93,
    "feed": 0.97,
    "eml": 0.97,
    "mbox": 0.97,
    "maildir": 0.93,  # three messages: one piece the model joins or not moves it 0.04
}
EVAL12_ENTITY_FLOOR = (0.89, 0.89)
# eval11: held out and scored once (all 0.842; 0.809 with the splitter of that session's start),
# then tuned on: all 0.913, txt 0.877, md 0.836, html 0.951, feed 1.000, eml 0.920, mbox 1.000,
# Maildir 0.929; entities P 0.946 R 0.920; less about 0.03.
EVAL11_FLOORS = {
    "all": 0.88,
    "txt": 0.84,
    "md": 0.80,
    "html": 0.92,
    "feed": 0.97,
    "eml": 0.89,
    "mbox": 0.97,
    "maildir": 0.89,
}
EVAL11_ENTITY_FLOOR = (0.92, 0.89)
# eval10: held out and scored once (2026-12-07 afternoon: all 0.847; 0.770 with the splitter of
# that session's start), then tuned on: all 0.929, txt 0.917, md 0.842, html 0.914, feed 1.000,
# eml 0.977, mbox 1.000, Maildir 0.909; entities P 0.896 R 0.899; less about 0.03.
EVAL10_FLOORS = {
    "all": 0.90,
    "txt": 0.88,
    "md": 0.81,
    "html": 0.88,
    "feed": 0.97,
    "eml": 0.94,
    "mbox": 0.97,
    "maildir": 0.88,
}
EVAL10_ENTITY_FLOOR = (0.88, 0.88)
# eval8 and eval9: held out until scored with the story model (eval8 0.799 -> 0.829, eval9
# 0.840 -> 0.850), then tuned on (2026-12-07 afternoon): eval8 all 0.923, txt 0.929, md 0.925,
# html 0.941, feed 0.944, eml 0.866, mbox 1.000, Maildir 0.950, entities P 0.897 R 0.952;
# eval9 all 0.902, txt 0.901, md 0.852, html 0.957, feed 0.944, eml 0.875, mbox 0.800, Maildir
# 0.978, entities P 0.919 R 0.905. Floors: those figures less about 0.03.
EVAL8_FLOORS = {
    "all": 0.89,
    "txt": 0.90,
    "md": 0.89,
    "html": 0.91,
    "feed": 0.91,
    "eml": 0.83,
    "mbox": 0.97,
    "maildir": 0.92,
}
EVAL8_ENTITY_FLOOR = (0.88, 0.93)
EVAL9_FLOORS = {
    "all": 0.87,
    "txt": 0.87,
    "md": 0.82,
    "html": 0.92,
    "feed": 0.91,
    "eml": 0.84,
    "mbox": 0.77,
    "maildir": 0.94,
}
EVAL9_ENTITY_FLOOR = (0.90, 0.88)
# eval7: held out for two rounds (0.77 at first sight, 0.776 after the next round), then tuned
# on (2026-12-07 late: all 0.893, txt 0.870, md 0.692, html 0.969, feed 1.000, rdf 1.000, eml
# 0.944, mbox 0.914, Maildir 1.000; entities P 0.845 R 0.895); with the story model, trained on
# it, all 0.921, txt 0.910, md 0.750, html 1.000; less about 0.03.
EVAL7_FLOORS = {
    "all": 0.89,
    "txt": 0.88,
    "md": 0.72,
    "html": 0.97,
    "feed": 0.97,
    "rdf": 0.97,
    "eml": 0.91,
    "mbox": 0.88,
    "maildir": 0.97,
}
EVAL7_ENTITY_FLOOR = (0.83, 0.88)
# eval6: held out until it was scored once (2026-12-07: all 0.90), then tuned on (all 0.970,
# txt 0.960, md 0.987, html 0.985, feed 1.00, eml 0.969, mbox 0.903, Maildir 1.00); less 0.03.
EVAL6_FLOORS = {
    "all": 0.94,
    "txt": 0.93,
    "md": 0.95,
    "html": 0.95,
    "feed": 0.97,
    "eml": 0.94,
    "mbox": 0.87,
    "maildir": 0.97,
}
# The first held-out set's F1 when last set (2026-12-07 late: all 0.968, txt 0.969, md 0.966,
# html 0.983, feed 1.00, eml 0.984, mbox 0.852, Maildir 0.988), less about 0.03.
FIRST_HELD_OUT_FLOORS = {
    "all": 0.94,
    "txt": 0.94,
    "md": 0.93,
    "html": 0.95,
    "feed": 0.97,
    "eml": 0.95,
    "mbox": 0.82,
    "maildir": 0.95,
}
# dev to dev7 with eval2 to eval5 (0.963 when set, 2026-12-07 late; dev7 at first sight 0.71,
# tuned to 0.917).
DEVELOPMENT_FLOOR = 0.95
# Entity (precision, recall) on eval6: first scored 2026-12-07 at P 0.913 R 0.919; the entity
# rules have been tuned on it since, P 0.928 R 0.952 when last set; less about 0.01.
EVAL6_ENTITY_FLOOR = (0.91, 0.94)
# Entity (precision, recall) on dev7 (a development set for the entity rules since its first
# scoring at P 0.889 R 0.912): P 0.923 R 0.921 when last set (2026-12-07); less about 0.01.
DEV7_ENTITY_FLOOR = (0.91, 0.91)
# Entity (precision, recall) on eval5, over all labels and per label, when last set (2026-12-07:
# all P 0.912 R 0.932; ORG 0.944 0.872, PERSON 0.960 0.941, PLACE 0.865 0.811, MONEY 0.968 1.000,
# PERCENT 0.978 1.000, DATE 0.815 0.962; after the rules tuned on eval6, all R 0.938, ORG P
# 0.946 R 0.891, PLACE 0.867 0.821), less about 0.01.
ENTITY_FLOORS = {
    ALL: (0.90, 0.93),
    "ORG": (0.93, 0.88),
    "PERSON": (0.95, 0.93),
    "PLACE": (0.85, 0.81),
    "MONEY": (0.95, 0.99),
    "PERCENT": (0.96, 0.99),
    "DATE": (0.80, 0.95),
}


def _fallen(scores: dict[str, tuple[float, float, float]], floors: dict[str, float]) -> dict:
    return {
        fmt: round(scores[fmt][2], 3) for fmt, floor in floors.items() if scores[fmt][2] < floor
    }


def _entities_hold(together: Together, floor: tuple[float, float]) -> None:
    precision, recall, _ = together.entities[ALL].figures()
    assert precision >= floor[0] and recall >= floor[1], f"P {precision:.3f} R {recall:.3f}"


@pytest.fixture(scope="module")
def held_out() -> Together:
    return evaluate_together(HELD_OUT)


@pytest.mark.parametrize("fmt", sorted(HELD_OUT_FLOORS))
def test_held_out_story_f1_per_format(held_out: Together, fmt: str) -> None:
    precision, recall, f1 = held_out.stories[fmt]
    assert f1 >= HELD_OUT_FLOORS[fmt], f"{fmt}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_every_held_out_format_is_scored(held_out: Together) -> None:
    assert set(held_out.stories) == set(HELD_OUT_FLOORS)


def test_held_out_entity_figures(held_out: Together) -> None:
    _entities_hold(held_out, HELD_OUT_ENTITY_FLOOR)


@pytest.mark.parametrize(
    ("folders", "floors", "entity_floor"),
    [
        (EVAL8, EVAL8_FLOORS, EVAL8_ENTITY_FLOOR),
        (EVAL9, EVAL9_FLOORS, EVAL9_ENTITY_FLOOR),
        (EVAL10, EVAL10_FLOORS, EVAL10_ENTITY_FLOOR),
        (EVAL11, EVAL11_FLOORS, EVAL11_ENTITY_FLOOR),
        (EVAL12, EVAL12_FLOORS, EVAL12_ENTITY_FLOOR),
        (EVAL13, EVAL13_FLOORS, EVAL13_ENTITY_FLOOR),
        (EVAL14, EVAL14_FLOORS, EVAL14_ENTITY_FLOOR),
        (EVAL15, EVAL15_FLOORS, EVAL15_ENTITY_FLOOR),
        (EVAL16, EVAL16_FLOORS, EVAL16_ENTITY_FLOOR),
        (EVAL17, EVAL17_FLOORS, EVAL17_ENTITY_FLOOR),
        (EVAL18, EVAL18_FLOORS, EVAL18_ENTITY_FLOOR),
        (EVAL19, EVAL19_FLOORS, EVAL19_ENTITY_FLOOR),
        (DEV8, DEV8_FLOORS, DEV8_ENTITY_FLOOR),
        (DEV9, DEV9_FLOORS, DEV9_ENTITY_FLOOR),
        (DEV10, DEV10_FLOORS, DEV10_ENTITY_FLOOR),
        (DEV11, DEV11_FLOORS, DEV11_ENTITY_FLOOR),
        (DEV12, DEV12_FLOORS, DEV12_ENTITY_FLOOR),
    ],
    ids=[
        "eval8",
        "eval9",
        "eval10",
        "eval11",
        "eval12",
        "eval13",
        "eval14",
        "eval15",
        "eval16",
        "eval17",
        "eval18",
        "eval19",
        "dev8",
        "dev9",
        "dev10",
        "dev11",
        "dev12",
    ],
)
def test_tuned_sets_do_not_fall_back(
    folders: list[Path], floors: dict[str, float], entity_floor: tuple[float, float]
) -> None:
    together = evaluate_together(folders)
    assert set(together.stories) == set(floors)
    assert not _fallen(together.stories, floors)
    _entities_hold(together, entity_floor)


def test_eval7_tuned_on_does_not_fall_back() -> None:
    eval7 = evaluate_together(EVAL7)
    assert set(eval7.stories) == set(EVAL7_FLOORS)
    assert not _fallen(eval7.stories, EVAL7_FLOORS)
    _entities_hold(eval7, EVAL7_ENTITY_FLOOR)


def test_eval6_tuned_on_does_not_fall_back() -> None:
    eval6 = evaluate_together(EVAL6)
    assert not _fallen(eval6.stories, EVAL6_FLOORS)
    _entities_hold(eval6, EVAL6_ENTITY_FLOOR)


def test_dev7_entity_figures() -> None:
    _entities_hold(evaluate_together(DEV7), DEV7_ENTITY_FLOOR)


@pytest.fixture(scope="module")
def entity_tuned() -> Together:
    return evaluate_together(ENTITY_TUNED)


@pytest.mark.parametrize("label", sorted(ENTITY_FLOORS))
def test_entity_figures_on_eval5(entity_tuned: Together, label: str) -> None:
    precision, recall, f1 = entity_tuned.entities[label].figures()
    floor_p, floor_r = ENTITY_FLOORS[label]
    figures = f"{label}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    assert precision >= floor_p and recall >= floor_r, figures


def test_first_held_out_set_does_not_fall_back() -> None:
    assert not _fallen(evaluate_all(FIRST_HELD_OUT), FIRST_HELD_OUT_FLOORS)


def test_development_sets_story_f1() -> None:
    precision, recall, f1 = evaluate_all(DEVELOPMENT)["all"]
    assert f1 >= DEVELOPMENT_FLOOR, f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_entity_figures_per_label() -> None:
    gold = {
        "required": [
            {"text": "NHS England", "types": ["ORG"]},
            {"text": "Leeds", "types": ["PLACE"]},
        ],
        "optional": [{"text": "next week", "types": ["DATE"]}],
    }
    parsed = [
        {
            "entities": [
                {"text": "NHS England", "label": "ORG"},
                {"text": "Wakefield", "label": "PLACE"},
                {"text": "next week", "label": "DATE"},
            ]
        }
    ]
    figures = by_label(gold, parsed)
    assert figures["ORG"] == (1.0, 1.0)
    assert figures["PLACE"] == (0.0, 0.0)  # Leeds missed, Wakefield not in the gold
    assert figures["DATE"] == (1.0, 1.0)  # optional: neither right nor wrong


def test_entity_counts_pool_over_folders() -> None:
    """Folders pool by their counts, not by averaging their figures."""
    first = entity_counts(
        {"required": [{"text": "NHS England", "types": ["ORG"]}]},
        [{"entities": [{"text": "NHS England", "label": "ORG"}]}],
    )
    second = entity_counts(
        {"required": [{"text": "Leeds", "types": ["PLACE"]}, {"text": "Hull", "types": ["PLACE"]}]},
        [{"entities": [{"text": "Leeds", "label": "PLACE"}, {"text": "York", "label": "PLACE"}]}],
    )
    total = Counts()
    total.add(first[ALL])
    total.add(second[ALL])
    assert (total.hits, total.wanted, total.good, total.named) == (2, 3, 2, 3)
    assert total.figures()[:2] == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert second["PLACE"].figures()[:2] == (0.5, 0.5)


def test_every_gold_digest_is_read_without_a_problem() -> None:
    # A rule that raises on one layout turns that digest into "cannot parse" and no stories:
    # the figures only fall a little, so name the digest here.
    from tests.evaluation import _parse

    problems = []
    for gold in sorted(FIXTURES.rglob("stories.gold.json")):
        entries = json.loads(gold.read_text(encoding="utf-8"))
        names = [name for name, entry in entries.items() if isinstance(entry, dict)]
        _, found = _parse(gold.parent, [name for name in names if "stories" in entries[name]])
        problems.extend(str(problem) for problem in found)
    assert problems == []
