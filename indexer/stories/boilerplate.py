"""Lines in a digest that are not news: e-mail and web chrome, captions, bylines, dates, headers.

Each test is about how newsletters are built (forwarding notes, footers, share bars, photo
credits), never about a particular newsletter's wording.
"""

from __future__ import annotations

import re

from indexer.first_names import first_names
from indexer.reading.digest_dates import is_date_line
from indexer.reading.mail_marks import is_reply_subject, passed_on


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long lists short)."""
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases written as one string, "|" between them (spaces belong to the phrases)."""
    return tuple(text.split("|"))


_FOLD = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))
_FOOTER_WORDS = (
    "published",
    "produced",
    "prepared",
    "written",
    "compiled",
    "edited",
    "editors",
    "unsubscribe",
    "manage your",
    "registered charity",
    "charity",
    "receiv",
    "sent",
    "preferences",
    "subscription",
    "reserved",
    "©",
    "copyright",
    "(c)",
    "mailing address",
    "registered in",
    "confidential",
    "may not be",
    "do not reply",
    "regulated",
    "constitute",
    "reply stop",
    "licensed under",
    "licenced under",
    "how ",
)

_CHROME = re.compile(
    r"""^[\W_]*(?:
      view\ (?:this\ |the\ )?(?:e-?mail\ |newsletter\ |message\ )?(?:in|on|as)\ (?:your\ |a\ )?
        (?:web\ )?(?:browser|online|web\ ?page)
    | view\ (?:it\ )?online | open\ in\ (?:your\ )?browser | view\ (?:it\ )?on\ [\w.-]+\W*$
    | (?:previous|past|back|earlier|all)\ (?:issues|editions|newsletters|bulletins|digests)\W*$
    | (?:see\ |view\ |browse\ )?(?:all|more)\ (?:events|jobs|vacancies|news|stories|articles
      |posts|updates|webinars|courses)\W*$  # a button under a list: "All events", "View all jobs"
    | archives?\W*$
    | (?:\+\ ?)?follow\W*$ | (?:like|repost|send|retweet)\W*$  # a social post's buttons
    | report\ this\ (?:article|post|comment)\W*$
    | (?:caution:?\ )?this\ e-?mail\ originated\ from\ outside | by\ clicking\b
    | (?:client\ )?confidential\b.{0,20}\bnot\ for\ (?:onward\ )?(?:circulation|distribution)
    | (?:restricted|confidential|official(?:[\ -]sensitive)?)\ ?[:–—-][\ ]
    | (?:official(?:[\ -]sensitive)?|not\ protectively\ marked)\W*$  # a protective marking
    | for\ internal\ circulation\ only
    | internal\ ?[:–—-]\ for\ [\w\ ,&]{2,60}\ only\b  # "INTERNAL - FOR PUBLIC HEALTH STAFF ONLY"
    | (?:please\ )?(?:do\ )?not\ (?:forward|share|circulate)\ (?:this\ )?(?:outside|beyond)\b
    | created\ by\ .{2,60}?,?\ last\ (?:modified|updated|edited)\ by\b  # a wiki page's history
    | for\ (?:members|internal\ use|staff)\ only\b.{0,80}$
    | book\ (?:your|a)\ (?:free\ )?(?:place|ticket|seat) | web\ version | online\ version
    | (?:having\ )?trouble\ (?:viewing|reading|seeing) | can'?t\ see\ (?:this|images)
    | (?:e-?mail\ )?not\ displaying\ (?:correctly|properly)
    | (?:if\ )?(?:this\ |the\ )?(?:e-?mail|message|newsletter)\ (?:doesn't|does\ not|isn't|is\ not)
      \ display
    | if\ (?:someone|somebody|a\ friend|a\ colleague)\ (?:has\ )?forwarded
    | (?:was\ this|forwarded\ this)\ (?:e-?mail|newsletter)
    | forward\ (?:this\ |it\ )?(?:e-?mail\ )?to\ a\ (?:friend|colleague)
    | know\ (?:someone|anyone|a\ colleague)\ who | enjoying\ this\ (?:e-?mail|newsletter)
    | thanks\ for\ reading\b.{0,60}\bsubscribe\b
    | sign\ up\b(?!\ (?:to|for)\ (?!(?:Our|The|This|These|A|An|Free|Updates?|E-?mails?|Alerts?
        |News(?:letters?)?|Twitter|X|Facebook|LinkedIn)\b)(?-i:[A-Z]))  # (a campaign's name)
    | subscribe\b | unsubscribe
    | (?:manage|update|change|edit)\ (?:your\ )?(?:e-?mail\ )?
        (?:preferences|subscriptions?|settings|profile)
    | you\ (?:are\ |were\ )?receiv(?:ing|ed)\ this | you\ are\ subscribed\ to
    | this\ (?:e-?mail|message|newsletter)\ (?:was|is|has\ been)\ sent
    | privacy\ (?:policy|notice|statement) | terms\ (?:and|&)\ conditions
    | terms\ of\ (?:use|service)
    | cookie\ (?:policy|settings|preferences|notice) | we\ use\ cookies | accept\ (?:all\ )?cookies
    | this\ (?:web\ ?)?site\ uses\ cookies
    | (?:read|see|find\ out|learn|discover)\ more\b
    | read\ (?:the\ )?(?:full|whole)\ (?:story|article|report)
    | full\ (?:story|article)\b | continue\ reading | keep\ reading | click\ here | tap\ here
    | follow\ us | share\ (?:this|on|via)\b | tweet\ this | like\ us\ on | connect\ with\ us
    | (?:advertisement|advert|sponsored(?:\ content)?|paid\ post|promoted)\W*$
    | (?:sponsored|promoted|brought\ to\ you)\ by\b | in\ partnership\ with | paid\ partnership
    | add\ us\ to\ your | (?:to\ )?ensure\ (?:delivery|our\ e-?mails)
    | back\ to\ top | skip\ to\ (?:main\ )?content | jump\ to | (?:log|sign)\ ?in\b | log\ ?out\b
    | register\ (?:now|here|today|for\ free) | register\ (?:on|via|at|with)\ [\w.-]+\W*$
    | what\ did\ you\ think\ of\ (?:this|today's|our)\b | tell\ us\ what\ you\ think\b
    | how\ did\ we\ do(?:\ (?:today|this\ week|this\ time))?\W*$
    | how\ (?:was|did\ you\ find)\ (?:this|today's|this\ week's)
      \ (?:issue|edition|e-?mail|newsletter|briefing)\b
    | rate\ (?:this|today's)\ (?:issue|edition|e-?mail|newsletter|briefing)\b
    | all\ rights\ reserved | copyright\b | \(c\)\ \d{4} | our\ mailing\ address
    | registered\ (?:in\ england|office|address|charity|company)
    | contact\ us\b | about\ us\b | (?:download|get)\ (?:the|our)\ app\b
    | \d{1,3}\ ?min(?:ute)?s?\ read\W*$ | read\ in\ (?:the\ )?app\W*$
    | ends\W*$ | (?:please\ )?(?:excuse|apologies\ for)\ (?:any\ )?cross-?posting
    )""",
    re.I | re.X,
)
# The first word of every line `_CHROME` matches that starts with a letter ("e" of "e-mail"),
# and the first three characters such a line can have (a two-letter word and its space): a set
# lookup spares most lines the regex, which tries its alternatives one by one.
_CHROME_FIRST_WORDS = _words(
    """
    view open web online having trouble can cant e email not if was forwarded forward know thanks
    what tell
    enjoying sign subscribe unsubscribe manage update change edit you this privacy terms cookie
    we accept read see find learn discover full continue keep click tap follow share tweet like
    connect advertisement advert sponsored paid promoted brought in add to ensure back skip jump
    log login logout signin register all more browse copyright our registered contact about download
    get
    caution book by client confidential for previous past earlier archive archives ends
    please excuse apologies restricted official created how rate internal do repost send retweet
    report
    """
)
_CHROME_STARTS = frozenset("e-m" if w == "e" else f"{w} "[:3] for w in _CHROME_FIRST_WORDS)
_FOOTER = re.compile(
    r"""(?:unsubscribe | \breply\ stop\b | you\ (?:are\ |were\ )?receiv(?:ing|ed)\ this
    | ^you(?:'re|\ are)\ (?:receiving|getting)\ [\w'’&\ -]{2,40}?\ because\b  # "X Daily"
    | ^you\ receive\ (?:all\ )?(?:messages|e-?mails|this|these)\b
    | this\ (?:e-?mail|message|newsletter)\ (?:was|is|has\ been)\ sent
    | (?:manage|update)\ (?:your\ )?(?:e-?mail\ )?(?:preferences|subscription)
    | (?:manage|update|change)\ your\ (?:[\w-]+\ ){0,2}(?:e-?mail\ )?(?:alerts|preferences|settings)
    | registered\ charity | ^notes?\ (?:to|for)\ editors\b
    | ^how\ (?:was|did\ you\ (?:like|find)|would\ you\ rate)\  # the reader poll at the end
      (?:today['’]s\ |this\ (?:week['’]s\ )?)
      (?:e-?mail|issue|edition|newsletter|briefing|bulletin)\b
    | \bcharity\ \(?(?:registration\ )?(?:no\.?|number)\ ?\d{5}  # "a charity (No. 1184420)"
    | ^[\w'’&.\ -]{2,60}\ (?:is|are)\ (?:published|produced|prepared|written|compiled|edited)
      \ by\b
    | ^this\ (?:alert|e-?mail|message|bulletin|newsletter|briefing|digest|update)
      \ (?:was|is|has\ been)\ (?:prepared|produced|compiled)\ for\b.{0,80}\bby\b
    | (?:please\ )?do\ not\ reply\ to\ this\ (?:e-?mail|message)
    | all\ rights\ reserved | may\ not\ be\ (?:redistributed|reproduced|forwarded|republished)
    | ^\W*(?:copyright\b|\(c\)\ \d{4}) | (?:^|[\s(])©  # not "Ã©", a mis-decoded é
    | our\ mailing\ address | registered\ in\ england | \bto\ stop\ receiving\b
    | ^[\w'’&.,\ -]{2,80}\ (?:is|are)\ authori[sz]ed\ and\ regulated\ by\b
    | \bdoes\ not\ constitute\ (?:\w+\ )?advice\b
    | ^(?:[\w'’&.\ -]{2,60}\ (?:is|are)\ )?licen[sc]ed\ under\b  # "Licensed under CC BY 4.0"
    | \blicen[sc]ed\ under\ the\ open\ (?:government|parliament)\ licen[sc]e\b
    | ^this\ (?:e-?mail|message)\ (?:and\ any\ (?:files|attachments?)\ )?
        (?:transmitted\ with\ it\ )?(?:is|are|may\ be|may\ contain)\ (?:confidential|privileged)
    )""",
    re.I | re.X,
)
# One of these phrases is in every line `_FOOTER` matches (lower-cased; see `_odd_case`).
_FOOTER_PHRASES = _phrases(
    "unsubscribe|receiving this|received this|was sent|is sent|been sent|preferences|subscription"
    "|alerts|settings|registered charity|all rights reserved|©|copyright|(c) |our mailing address"
    "|registered in england|confidential|privileged|published by|produced by|written by"
    "|compiled by|edited by|editors|may not be|do not reply|stop receiving"
    "|authorised and regulated|authorized and regulated|does not constitute|you receive "
    "|because you|prepared for|produced for|compiled for|reply stop|prepared by"
    "|charity (no|charity no|charity number|charity registration|licensed under|licenced under"
    "|how was |how did you |how would you "
)
_TRAILING_MORE = re.compile(
    r"""(?:(?<=[.!?"”’)…])\s*|\s+[|•·–-]\s*|\s*[|•·–-]\s+)
    (?:read\ more(?:\ here)?|see\ more|find\ out\ more|continue\ reading
      |read\ the\ full\ (?:story|article)|full\ story)[\s»›>→…:.\-]*$""",
    re.I | re.X,
)
# What may follow the label (`[\s»›>→…:.\-]`; `\s` is every character `str.isspace` knows).
_AFTER_MORE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + "»›>→…:.-"
_MORE_ENDINGS = ("more", "here", "reading", "story", "article")
_CAPTION = re.compile(
    r"^[(\[]?\s*(?:image|images|photo|photos|photograph|picture|pic|source|credit|illustration|"
    r"graphic|video|main\ image|top\ image)s?(?:\ credit)?\s*[:|/-]",
    re.I | re.X,
)
_ALT_WORDS = 5  # a label in brackets is a word or two ("[Workforce]", "[D1]"); alt text longer
# What a text version prints where a picture was: "[Image: ...]", "(Chart: ...)".
_PLACEHOLDER = re.compile(
    r"^[\[(]\s*(?:image|photo|photograph|picture|chart|graph|graphic|figure|video|logo"
    r"|illustration|map|infographic|diagram)s?\s*(?:\d{1,2}\s*)?[:–-][^\])]*[\])]$",
    re.I,
)
_AGENCY = re.compile(
    r"^[(\[]?\s*(?:getty(?:\ images)?|shutterstock|alamy|pa(?:\ images|\ media|\ wire)?|reuters|"
    r"ap\ photo|istock(?:photo)?|unsplash)\s*[)\]]?$",
    re.I | re.X,
)
# Letters of names beyond ASCII: "Ciarán", "Siân", "Zoë", "Łukasz".
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOWER = "a-zß-öø-ÿ\u0100-\u017f"
_NAME = (  # MacLean, O'Neill
    rf"[{_UPPER}][{_LOWER}'’.-]*(?:[{_UPPER}][{_LOWER}'’.-]*)?[{_LOWER}](?:-[{_UPPER}][{_LOWER}'’]+)?"
)
_CALENDAR = (
    r"(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|the|this|next|last)\b)"
)
_BYLINE = re.compile(
    r"^(?i:by|words by|written by|reporting by|report by|interview by|(?:a\s+)?message from"
    r"|presented by"
    r"|posted by|started by|(?:an?\s+)?guest\s+(?:post|blog|column|piece)\s+by)\s+(?i:"
    + _CALENDAR
    + r")"
    + _NAME
    + r"(?:\s+(?:"
    + _NAME
    + r"|and|&|de|van|von|der|le|la))*\s*(?:[,|/-]\s*[^.]{0,110})?$"
)
_ROLE_BYLINE = re.compile(
    r"^" + _NAME + r"(?:\s+" + _NAME + r"){1,3},\s*(?:[\w-]+\s+){0,4}"
    r"(?i:reporter|correspondent|editor|journalist|writer|columnist|analyst|producer"
    r"|chief\ executive|chair|chairman|chairwoman|director|president|secretary|officer"
    r"|fellow|researcher|economist|adviser|advisor|professor|lecturer|head|manager|lead"
    r"|co-?ordinator|chaplain|matron|dean)"
    r"\b[^.]{0,40}$"
)
# A mailing-list digest's post: its author (and address) and when ("Nadia Karim
# <nadia.karim@nhs.net>: Sep 29 04:12PM +0100", as Google Groups prints it under a topic).
_POSTED_AT = re.compile(
    r"^" + _NAME + r"(?:\s+" + _NAME + r"){0,3}(?:\s+<[^<>\s]+@[^<>\s]+>)?:\s+"
    r"(?i:[a-z]{3}\s+\d{1,2}(?:,?\s+\d{4})?\s+\d{1,2}:\d{2}\s?[ap]m)(?:\s+[+-]\d{4})?$"
)
# A social feed digest's line over a post: "Imran Qureshi posted in Digital Champions",
# "Anna Lisowski published an article in Population Health Management".
_ACTIVITY = re.compile(
    r"^" + _NAME + r"(?:\s+" + _NAME + r"){1,3}\s+(?:posted|published|shared|started|replied"
    r"|commented)(?:\s+(?:an?\s+)?(?:announcement|article|discussion|question|poll|update|post"
    r"|event))?\s+(?:in|to|on)\s+"
    r"(?:[A-Z0-9][\w'’&./+-]*|and|of|the|for|[–&-])(?:\s+(?:[A-Z0-9][\w'’&./+-]*|and|of|the|for|[–&-]))*$"
)  # (the community's name: capitalised words; not "posted on X that the plan is ...")
_READ_TIME = re.compile(r"[\s•·|,–-]*\b\d{1,3}\s?min(?:ute)?s?\s+read\W*$", re.I)
_SOCIAL_WORDS = _words(
    """
    facebook twitter x linkedin instagram youtube tiktok threads bluesky mastodon whatsapp
    email e mail share tweet follow us on rss print copy link
    """
)
_SOCIAL_NETWORKS = _words(
    """
    facebook twitter linkedin instagram youtube tiktok threads bluesky mastodon whatsapp
    """
)
_MENU_SEPARATOR = re.compile(r"\s+[|•·/»›>]\s+|\s*\|\s*")
# "You are here: Home » News » Latest news": where a page sits in its site.
_YOU_ARE_HERE = re.compile(r"^(?:you\s+are\s+here|breadcrumbs?)\s*:?\s*", re.I)
# "Board papers, 28 March 2024 (PDF, 9.2MB)": a link to a document, not text.
_DOCUMENT_LINK = re.compile(r"\((?:pdf|docx?|xlsx?|pptx?|odt|csv)\b[^()]{0,24}\)\W*$", re.I)
# "Okafor C, Little R, et al. Age and Ageing 2023;52:afad071. doi:10.1093/...": a citation.
_CITATION = re.compile(r"\bdoi:\s?10\.|\bdoi\.org/10\.|\b(?:19|20)\d\d;\s?\d+(?:\(\d+\))?:", re.I)
_CITATION_WORDS = (";", "doi")  # one is in every citation; a document link and a member need "("
# "Bridget Ormondroyd (Lab, Wakefield North)": a member named with party and seat.
_MEMBER = re.compile(
    r"^(?:(?:(?:Sir|Dame|Dr|Lord|Baroness)\s)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){1,3}\s)?"
    r"\((?:Lab|Con|LD|Lib Dem|SNP|PC|Green|DUP|SDLP|UUP|Alliance|Reform|Ind|Crossbench|CB)\b"
    r"[^()]{0,40}\)$"
)  # "Jane Smith (Lab, Leeds North)", or "(Con, Boston Fens)" on a line under the name
_WORDS = re.compile(r"[\w']+")
_NEWSLETTER_TALK = re.compile(
    r"""\b(?:must[- ]reads?|round-?ups?|newsletters?|digests?|briefings?|bulletins?|stories
    | in\ (?:this|today's|this\ week's)\ (?:issue|edition|e-?mail|newsletter)
    | (?:this|last)\ (?:week|issue|edition)'s\ | today's\ (?:news|top|edition|headlines|e-?mail)
    | (?:top|latest|today's)\ (?:news|headlines) | welcome\ to | what\ you\ need\ to\ know
    | here\ (?:is|are|'s)\ (?:your|the|what|today|this)
    | (?:the|your)\ week\ in | week\ in\ review | up\ to\ date\ with
    | ^(?:this|next|last)\ (?:week|issue|edition)(?=\ ?:)
    | ^also\ (?:today|this\ week|inside|in\ this\ issue)(?=\ ?:)
    | ^(?:in\ )?today(?=\ ?:) | ^inside(?=\ ?:)
    | this\ is\ (?:a|the|our|your)\ (?:special\ |extra\ |short\ |final\ )?(?:edition|issue)
    | end\ of\ .{0,40}\ (?:digest|newsletter|bulletin) | ^the\ [\w&'’.\ -]{1,30}\ team\W*$
    | this\ (?:issue|edition)\ is\ (?:a\ |an\ )?(?:short|shorter|brief|special|longer|bumper)
    | our\ (?:pick|selection|choice)\ of
    | (?:news|research|analysis|comment|insight|opinion|data|events),\ (?:news|research|analysis
       |comment|insight|opinion|data|events)(?:,|\ and)
    | (?:daily|weekly|monthly|morning|evening|lunchtime|weekend)\ (?:brief|update|edition|news|email
       |e-mail|summary|review|insight|wrap|catch-?up|read))\b""",
    re.I | re.X,
)
# One of these is in every line `_NEWSLETTER_TALK` matches (folded, lower-cased; see `_odd_case`).
_TALK_WORDS = _phrases(
    "must|round|digest|briefing|bulletin|stories|issue|edition|mail|week|today's|news|headlines"
    "|welcome to|need to know|here|up to date|our |research,|analysis,|comment,|insight,|opinion,"
    "|data,|events,|daily |monthly |morning |evening |lunchtime |today|inside| team"
)
_GREETING = re.compile(
    r"^(?:good (?:morning|afternoon|evening)|hello|hi|dear|welcome)(?=[\s,!.]|$)"
    r"|^(?:morning|afternoon|evening)(?=[,!.]|$)",
    re.I,
)


_SPONSOR = re.compile(
    r"""^[\W_]*(?:(?:advertisement|advertorial|advert|sponsored(?:\ content|\ post)?|paid\ post
    | promoted(?:\ content)?|partner\ (?:content|message|spotlight)|from\ our\ partners?)
      (?:\s*[·|•:–—-]\s*(?:in\ (?:association|partnership)\ with|(?:supported|brought\ to\ you)
      \ by)\b.{0,60})?  # "SPONSORED · IN PARTNERSHIP WITH CEDARLINE HEALTH ANALYTICS"
    | (?:sponsored|promoted|supported|brought\ to\ you)\ by\b.{0,60}
    | in\ (?:association|partnership)\ with\b.{0,60}
    | together\ with\ [\w&.'’-]+(?:\ [\w&.'’-]+){0,3})\W*$  # "TOGETHER WITH MEDISYNC": a sponsor
    | ^(?:today's|this\ week's|this\ (?:issue|edition|newsletter|e-?mail|bulletin|briefing))
      \b[\w'’&.\ -]{0,50}\ (?:is|are)\ (?:supported|sponsored|powered|brought\ to\ you)\ by\b""",
    re.I | re.X,
)


_SPONSOR_HINTS = (
    "advert",
    "sponsor",
    "promoted",
    "paid",
    "partner",
    "brought",
    "association",
    "supported by",
    "powered by",
    "together with",
)


# An advert that opens with its label: "SPONSORED: Stock shortages eating your margins? ...".
_LABELLED_ADVERT = re.compile(
    r"^[\W_]*(?:sponsored|advertisement|advertorial|advert|promoted|partner\ content|paid\ post)"
    r"\s*[:|–—-]\s+\S",
    re.I | re.X,
)


def is_labelled_advert(line: str) -> bool:
    """A paragraph that is an advert, its label before it: "SPONSORED: Try it free ..."."""
    return line[:40].lower().lstrip("*_[( ").startswith(_SPONSOR_HINTS) and (
        _LABELLED_ADVERT.match(line) is not None
    )


def is_sponsor_marker(line: str) -> bool:
    """A label ("SPONSORED", "Sponsored by X") whose block is an advertisement, not a story."""
    if line.count(" ") >= 12 and " by " not in line[:70]:
        return False
    lower = line[:70].lower()
    for hint in _SPONSOR_HINTS:  # a cheap filter before the regex
        if hint in lower:
            return _SPONSOR.match(fold(line)) is not None
    return False


def _odd_case(text: str) -> bool:
    """Letters an ignore-case regex takes for "i" or "s" though `str.lower` does not turn them
    into those, so a test on the lower-cased line cannot stand in for the regex."""
    return "ı" in text or "İ" in text or "ſ" in text


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether the lower-cased text holds one of `words` (or letters `_odd_case` names): a
    cheap test before an ignore-case regex that cannot match without one of them."""
    lower = text.lower()
    for word in words:  # a loop, not any(): this runs on every line
        if word in lower:
            return True
    return _odd_case(text)


def fold(text: str) -> str:
    """Typographic quotes and dashes folded to ASCII, for matching only."""
    for fancy, plain in _FOLD:
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


def _is_social(line: str) -> bool:
    if len(line) > 120:
        return False
    lower = line.lower()
    first = _WORDS.search(lower)  # most lines fail on their first word: skip splitting them
    if first is None or first.group() not in _SOCIAL_WORDS:
        return False
    words = _WORDS.findall(lower)
    return all(w in _SOCIAL_WORDS for w in words) and any(w in _SOCIAL_NETWORKS for w in words)


# What a reader can do with a post, as a bar of buttons under it ("Like Comment Share").
_ACTIONS = _words("like comment comments share restack repost retweet reply forward save print")
_ACTION_BAR = 3  # buttons at least, so a one-word line of text stays


def _is_action_bar(line: str) -> bool:
    words = line.lower().split()
    return _ACTION_BAR <= len(words) <= 2 * len(_ACTIONS) and all(w in _ACTIONS for w in words)


def _is_menu(line: str) -> bool:
    """A menu or breadcrumb: three or more short parts set apart by bars, dots, slashes or
    arrows ("You are here: Home » News » Latest news")."""
    line = _YOU_ARE_HERE.sub("", line, count=1)
    if not any(mark in line for mark in ("|", "•", "·", " / ", " » ", " › ", " > ")):
        return False
    parts = [p for p in _MENU_SEPARATOR.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _may_be_chrome(folded: str) -> bool:
    """False for a line `_CHROME` cannot match, judged from its first three characters."""
    start = folded[:3]
    if not start[:1].isalpha() or not start.isascii():
        return True  # leading punctuation or digits ("5 min read"), or letters such as "ſ"
    return start.lower() in _CHROME_STARTS


# A listing page's count of what it found: "1,341 results", "Showing 1 to 20 of 312 results".
_RESULT_COUNT = re.compile(
    r"^(?:showing\ \d[\d,]*\ (?:to|-|–)\ \d[\d,]*\ of\ )?\d[\d,]*\ (?:results?|items?|matches|"
    r"news\ (?:articles|stories)|articles|stories|publications)(?:\ found)?\W*$",
    re.I | re.X,
)


_POLL_WORDS = 12
_POSTED_WHEN_WORDS = 10
_SYMBOL_RUN = re.compile(r"[^\w\s]+")


def _poll(line: str) -> bool:
    """A reader poll's options, each behind an emoji ("🔥 Loved it 👍 It was fine 😴 Meh")."""
    if not line or ord(line[0]) < 0x2000 or line.count(" ") >= _POLL_WORDS:
        return False
    if any(ch in line for ch in ".?!"):
        return False
    runs = _SYMBOL_RUN.findall(line)
    if runs and line.rstrip().endswith(runs[-1]):
        return False  # "🎉 Celebrating our nurses 🎉": a heading dressed up, not options
    return sum(1 for run in runs if any(_emoji(ch) for ch in run)) >= 2  # ("🗺️ Structures": one)


def _emoji(ch: str) -> bool:
    """A pictograph (not an arrow or a star drawn from the text fonts)."""
    code = ord(ch)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF


# A post's author line in a social feed's digest: "Digital Transformation Lead · Tue",
# "Chief Executive · 2d", "Jo Bell · Yesterday at 09:14".
_POSTED_WHEN = re.compile(
    r"^[^·|]{2,60}\s·\s(?:mon|tue|wed|thu|fri|sat|sun|today|yesterday|just\ now|\d{1,2}\s?[mhdw])"
    r"(?:\s+at\s+\d{1,2}[:.]\d\d(?:\s?[ap]m)?)?\s*$",
    re.I | re.X,
)


def is_boilerplate(line: str) -> bool:
    """A line that is chrome, a caption, a byline, a date or a menu, not part of a story."""
    if _poll(line):
        return True
    if " · " in line and line.count(" ") <= _POSTED_WHEN_WORDS and _POSTED_WHEN.match(line):
        return True
    if (line[:1].isdigit() or line[:1] in "Ss") and _RESULT_COUNT.match(line) is not None:
        return True
    words = line.count(" ") + 1
    if words > 40:
        return False
    if line[:1] in "[(" and _PLACEHOLDER.match(line) is not None:
        return True  # "[Image: Radiographer Carys Morgan with the first patient ...]"
    if (
        line[:1] == "["
        and line[-1:] == "]"
        and words >= _ALT_WORDS
        and "[" not in line[1:]
        and "]" not in line[:-1]
    ):
        return (
            True  # "[A vaccinator preparing a dose at the Sevenoaks clinic]": a picture's alt text
        )
    if words <= 25:
        folded = fold(line)
        if _may_be_chrome(folded) and _CHROME.match(folded):
            return True
        if "reader-supported" in folded:  # Substack's box: "X is a reader-supported publication"
            return True
        if " | " in folded and _all_chrome(folded.split("|")):
            return True  # "View on StaffNet | Previous issues"
        if words <= 14 and (
            _CAPTION.match(folded)
            or _AGENCY.match(folded)
            or _BYLINE.match(folded)
            or ("," in folded and _ROLE_BYLINE.match(folded))
        ):
            return True
    if "min" in line and (timed := _READ_TIME.search(line)) is not None:
        rest = line[: timed.start()].strip()
        return not rest or is_date_line(rest) or _BYLINE.match(fold(rest)) is not None
    if words <= 40 and (
        ("(" in line and (_DOCUMENT_LINK.search(line) or _MEMBER.match(line)))
        or (holds_any(line, _CITATION_WORDS) and _CITATION.search(line))
    ):
        return True
    return is_date_line(line) or _is_social(line) or _is_menu(line) or _is_action_bar(line)


def _all_chrome(parts: list[str]) -> bool:
    parts = [part.strip() for part in parts if part.strip()]
    return len(parts) >= 2 and all(_may_be_chrome(p) and _CHROME.match(p) for p in parts)


_MESSAGE_HEADING = re.compile(r"^\s*(?:an?\s+)?message\s+from\b", re.I)


def is_message_heading(line: str) -> bool:
    """ "A message from Nadia": on a line of its own over paragraphs, a leader's message's
    heading; under a headline, the story's byline."""
    return _MESSAGE_HEADING.match(line) is not None


def is_post_activity(line: str) -> bool:
    """ "Imran Qureshi posted in Digital Primary Care Champions": a new post begins under it."""
    return _ACTIVITY.match(fold(line.strip())) is not None


# Who wrote a guest piece, said before it: "Angela Pickering is a district nurse in Hull. She
# writes in a personal capacity.", "Hugh writes: this week's post is from Dr Morwenna Tregear".
_AUTHOR_NOTE = re.compile(
    r"\b(?:writes?|writing)\s+in\s+a\s+personal\s+capacity\b"
    r"|\bviews\s+(?:expressed\s+)?are\s+(?:his|her|their|my)\s+own\b"
    r"|\b(?:this\s+week|this\s+month|today)['’]s\s+(?:guest\s+)?(?:post|blog|column)\s+is\s+(?:from|by)\b",
    re.I,
)
_AUTHOR_NOTE_WORDS = 40


def is_author_note(text: str) -> bool:
    """A note of a few sentences on who wrote the piece under it, and in what capacity."""
    if text.count(" ") >= _AUTHOR_NOTE_WORDS:
        return False
    lower = text.lower()  # (a cheap look for the note's words before the regex's scan)
    if "capacity" not in lower and " own" not in lower and " is " not in lower:
        return False
    return _AUTHOR_NOTE.search(text) is not None


_BYLINE_WORDS = 14  # spaces a byline has fewer of
_BY_WORDS = 20


def is_byline(line: str) -> bool:
    """A byline ("By Jane Smith", "Kate Burrows, health editor") on a line of its own."""
    # (a byline that says "By" may give a long role: "By Dr Hannah Okafor, clinical director
    # for community mental health, Bradford District Care NHS Foundation Trust")
    if line.count(" ") >= (_BY_WORDS if line[:3].lower() == "by " else _BYLINE_WORDS):
        return False
    if " · " in line or " | " in line:  # "Dr Ann Lee, Chair · Mark Bell, Chief Executive"
        # ... or when and by whom: "Tue, 06 Feb 2024 09:12:01 GMT · By Rachel Osei"
        parts = [part for part in re.split(r" [·|] ", line.strip()) if part]
        names = [part for part in parts if not is_date_line(part)]
        return bool(names) and all(is_byline(part) for part in names)
    folded = fold(line.strip())
    return (
        _BYLINE.match(folded) is not None
        or _POSTED_AT.match(folded) is not None
        or _ACTIVITY.match(folded) is not None
        or ("," in folded and _ROLE_BYLINE.match(folded) is not None)
        or (" and " in folded and _names_only(folded))
    )


_PERSON = re.compile(
    r"^(?:(?:Dr|Prof|Professor|Sir|Dame)\.?\s+)?(([A-Z][a-z]+)(?:\s+[A-Z][\w'’-]+){1,2})$"
)


def is_person_name(text: str) -> bool:
    """A person's name and nothing else: a first name the gazetteer knows and a surname, a
    title before them perhaps ("Claire Ashdown", "Dr Anil Varma")."""
    match = _PERSON.match(text)
    return match is not None and match.group(2) in first_names()


def _names_only(line: str) -> bool:
    """Two or more people and nothing else ("Dr Iain Fairlie and Maya Hollis"): each a first
    name and a surname, one at least with a title ("Dr") or a first name the gazetteer knows."""
    people = [_PERSON.match(person) for person in re.split(r",\s+|\s+(?:and|&)\s+", line)]
    return (
        len(people) >= 2
        and all(people)
        and any(
            match.group(2) in first_names() or match.group(0) != match.group(1)
            for match in people
            if match is not None
        )
    )


def is_footer_start(line: str) -> bool:
    """A line from which the rest of an e-mail is footer (unsubscribe, copyright, address)."""
    if line.count(" ") >= 60:
        return False
    lower = line.lower()
    for word in _FOOTER_WORDS:  # a cheap filter before the regular expression
        if word in lower:
            break
    else:
        return False
    # News often says "sent" or "received": test the regex only if it can match (it scans slowly).
    if not any(phrase in lower for phrase in _FOOTER_PHRASES) and not _odd_case(line):
        return False
    return _FOOTER.search(fold(line)) is not None


def strip_read_more(line: str) -> str:
    """Drop a trailing "Read more" link label left by HTML or text e-mails."""
    tail = line[-80:]
    if "more" not in tail and "ead" not in tail and "tory" not in tail:
        return line
    head = line[: len(line) - len(tail)]
    # The label's last word ends the line but for the characters `_TRAILING_MORE` allows after
    # it: most lines that mention reading or a story do not end so, and skip the regex.
    ending = tail.rstrip(_AFTER_MORE)[-7:]
    if ending.lower().endswith(_MORE_ENDINGS) or _odd_case(ending):
        tail = _TRAILING_MORE.sub("", tail)
    return head + tail.rstrip()


# A circular's note on where it goes: "Please display on staff noticeboards."
_DISPLAY_NOTE = re.compile(
    r"^please\s+(?:display|post|put\s+up|pin\s+up)\s+(?:this\s+)?(?:[\w-]+\s+){0,2}on\s+"
    r"(?:[\w-]+\s+){0,3}(?:notice-?\s?boards?|staff\s+rooms?)\b",
    re.I,
)


def is_newsletter_talk(text: str) -> bool:
    """Text about the newsletter itself ("HSJ's roundup of the day's must-read stories")."""
    if text.count(" ") >= 60:
        return False
    folded = fold(text)
    if _GREETING.match(folded) is not None or _DISPLAY_NOTE.match(folded) is not None:
        return True
    lower = folded.lower()
    for word in _TALK_WORDS:  # the regex scans slowly: run it only where it can match
        if word in lower:
            break
    else:
        if not _odd_case(folded):
            return False
    return _NEWSLETTER_TALK.search(folded) is not None


# Talk about the issue that a long sentence of news would not contain by chance.
_INTRO_TALK = re.compile(
    r"""^(?:good\ (?:morning|afternoon|evening)|hello|hi|dear|welcome)\b
    | \bwelcome\ to\b
    | \bin\ (?:this|today's|this\ week's)\ (?:issue|edition|e-?mail|newsletter|briefing|bulletin
      |alert|digest)\b
    | ^(?:this|next|last)\ (?:week|issue|edition)(?:\ ?:|'s\ (?:issue|edition|newsletter))
    | \bhere\ (?:is|are|'s)\ (?:your|our|this\ week's|today's) | \bwhat\ you\ need\ to\ know
    | ^happy\ (?:new\ year|christmas|holidays|easter)\b
    | ^(?:prepared|compiled|produced|edited)\ (?:by|for)\b
    | ^about\ this\ (?:round-?up|bulletin|newsletter|digest|briefing|issue|update|e-?mail)\b
    | \bthis\ (?:issue|edition)\ (?:is|brings|looks|has|includes|covers|reports|features)\b
    | ^this\ (?:bulletin|newsletter|briefing|digest|e-?mail|e-?bulletin)
      \ (?:is|brings|looks|has|includes|covers|summarises|summarizes|gives|lists|collects
      |contains|highlights|rounds\ up|sets\ out)\b
    | ^this\ (?:(?:weekly|monthly|daily|fortnightly|quarterly|annual)\ )?
      (?:update|note|report|page|summary|round-?up|review|paper)
      \ (?:summarises|summarizes|covers|brings|gives|sets\ out|lists|collects|updates
      |provides|describes|outlines|informs|tells)\b
    | ^(?:the\ latest\ )?(?:news|updates?|commentary|analysis|insights?|notes|thinking|blogs?)
      (?:\ and\ [\w-]+)?\ from\ (?:the\ |our\ )  # a page's description under its title
    | ^our\ latest\ (?:thinking|news|analysis|research|insights?|updates|commentary)\b
    | ^(?:(?:short|sharp|regular|weekly|fortnightly|monthly|daily)[,\ ]+){1,3}
      (?:notes|news|commentary|analysis|updates|thoughts|insights?)\ (?:on|about|from)\b
    | ^this\ (?:update|note|report|summary|review|paper)\ (?:has\ been|was|is)
      \ (?:prepared|produced|written|compiled)\b
    | ^this\ (?:update|note|report|summary|round-?up|bulletin|newsletter|briefing|digest)
      \ is\ (?:produced|prepared|compiled|written|intended)\ for\b
    | \bour\ (?:pick|selection|round-?up)\ of | ^(?:in\ )?today\ ?: | ^inside\ ?:
    | ^(?:good\ )?(?:morning|afternoon|evening)\ (?:all|everyone|everybody)\b
    | \bbelow\ (?:are|is|you'll\ find|we)\b
    | \bwe\b[^.]{0,120}?\b(?:share|bring\ you)\ (?:some\ of\ )?(?:the\ )?(?:latest\ )?news
      \ (?:from|of)\b
    | ^(?:please\ )?find\ below\b
    | ^(?:this\ week|today)'s\ (?:list|selection|picks|reading)\ (?:comes|is)\b
    | ^(?:every|each)\ (?:week|day|month|morning|monday|tuesday|wednesday|thursday|friday)\b
      .{0,60}\b(?:we|our|I)\b
    | \bin\ this\ (?:issue|edition),?\ we\b
    | \bthis\ week,?\ we\ (?:also\ )?(?:look|follow|bring|cover|focus|feature|hear|round|highlight
      |explore|examine|turn|share)\b
    | \bthis\ is\ (?:a|the|our|your)\ (?:special\ |extra\ |short\ |final\ )?(?:edition|issue)
    | ^(?:all\ )?the\ latest\ (?:news|updates?|developments)\ (?:from|for|on|about)\b
    | ^(?:to|for|audience|distribution)\ ?:\ | ^please\ (?:share|forward|cascade|circulate)\b
    | ^please\ (?:ensure|make\ sure)\ (?:that\ )?this\ (?:circular|bulletin|newsletter|briefing
      |update|e-?mail|digest)\ is\ (?:seen|read|shared|passed)\b
    | ^(?:our|your|this|an?)\ (?:(?:weekly|monthly|daily|fortnightly|quarterly)\ )?
      (?:digest|round-?up|bulletin|briefing|newsletter|summary)\ of\b
    | ^(?:weekly|monthly|daily|fortnightly|quarterly)\ (?:digest|round-?up|bulletin|briefing
      |newsletter|summary)\ of\b""",
    re.I | re.X,
)


# Every line `_INTRO_TALK` matches opens with one of these or holds one of the phrases after
# them (folded, lower-cased; see `_odd_case`): the regex scans slowly, most sentences skip it.
_INTRO_STARTS = _phrases(
    "good |hello|hi|dear|welcome|this |next |last |happy |prepared |compiled |produced |edited "
    "|in today|today|inside|morning |afternoon |evening |every |each |all the latest |the latest "
    "|to:|to :|for:|for :|audience|distribution|please |our |your |a |an |weekly |monthly "
    "|daily |fortnightly |quarterly |about this |find below|news |update|commentary |analysis "
    "|insight|notes |thinking |blog|short|sharp|regular|weekly,|monthly,|daily,|fortnightly,"
)
_INTRO_PHRASES = _phrases(
    "welcome to|in today's |here |what you need to know|this issue"
    "|this edition|this e|this newsletter|this briefing|this bulletin|this week|this is "
    "|our pick|our selection|our round|below |share |bring you |in this alert|in this digest"
)


def _may_be_intro_talk(folded: str) -> bool:
    """False only where `_INTRO_TALK` cannot match (it scans slowly); a test in
    tests/indexer/stories/test_parse_prefilters.py fails if the regex gains a phrase this misses."""
    lower = folded.lower()
    return (
        lower.startswith(_INTRO_STARTS)
        or any(phrase in lower for phrase in _INTRO_PHRASES)
        or _odd_case(folded)
    )


def is_intro_talk(text: str) -> bool:
    """A long opening sentence that greets the reader or describes the issue: outright, or in
    two of the phrases newsletters describe themselves with ("up to date with" ... "stories")."""
    folded = fold(text)
    if _may_be_intro_talk(folded) and _INTRO_TALK.search(folded) is not None:
        return True
    if not holds_any(folded, _TALK_WORDS):
        return False  # no phrase `_NEWSLETTER_TALK` can match
    return len({m.group().lower() for m in _NEWSLETTER_TALK.finditer(folded)}) >= 2


# A UK postcode on a short line: the sender's postal address in a newsletter footer.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
_POSTCODE_HINT = re.compile(r"[A-Z]\d")  # its district ("SW1"): a quick scan before the regex


def is_postal_address(line: str) -> bool:
    """A short line holding a UK postcode (a footer's mailing address), or a line that opens
    with one ("Federation of X, 9 Temple Gate, Bristol BS1 6PL. A trade union listed ...")."""
    first = line.split(". ", 1)[0]
    if first.count(" ") >= 16 or _POSTCODE_HINT.search(first) is None:
        return False
    return _POSTCODE.search(first) is not None


# "---------- Forwarded message ---------", "-----Original Message-----", "Begin forwarded message:"
_FORWARD_MARK = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded\s+message|original\s+message)\s*-*"
    r"|begin\s+forwarded\s+message:?|_{10,})\s*$",
    re.I,
)
_FORWARD_START = frozenset("-_bB")  # the first character a `_FORWARD_MARK` line can have
_MAIL_HEADER = re.compile(r"^\s*(?:from|sent|date|to|cc|subject|reply-to)\s*:", re.I)
_FORWARD_SCAN = 0.4  # a forwarding note sits near the top of the message
_SUBJECT_LINE = re.compile(r"^subject\s*:(.*)$", re.I | re.M)


def _forwarded_on(rest: str) -> bool:
    """Whether a forwarding line ("---------- Forwarded message ---------") follows soon: the
    message below a forwarder's header block was itself forwarded (an "Original Message" line
    there would be a reply's quote instead)."""
    head = rest[: max(1, int(len(rest) * _FORWARD_SCAN))]
    return any(
        "orward" in line and _FORWARD_MARK.match(line) is not None for line in head.split("\n")
    )


def _chain_ends(rest: str) -> bool:
    """Whether a chain of forwards and replies ends in the message first sent (the last
    subject below is no "RE:" or "FW:"): a chain is read newest first, down to the bulletin,
    where a digest of replies lists them oldest first, each a reply."""
    subjects = _SUBJECT_LINE.findall(rest)
    return bool(subjects) and not is_reply_subject(subjects[-1].strip())


# A labelled field aligned with spaces, as a memo's header sets them: "Action:   Please ...".
_MEMO_FIELD = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)?:\s{2,}\S")


def strip_forwarding(text: str) -> str:
    """Drop a forwarder's note and the quoted header block above a forwarded digest."""
    if ":" not in text:
        return text
    lines = text.split("\n")
    limit = max(1, int(len(text) * _FORWARD_SCAN))
    seen = 0
    for index, line in enumerate(lines):
        if seen > limit:
            break
        seen += len(line) + 1
        marked = line.lstrip()[:1] in _FORWARD_START and _FORWARD_MARK.match(line) is not None
        start = index + 1 if marked else index
        if start >= len(lines) or ":" not in lines[start]:
            continue  # no header block ("From: ...") starts here
        end = start
        fields = {}
        while end < len(lines) and _MAIL_HEADER.match(lines[end]):
            key, value = lines[end].split(":", 1)
            fields[key.strip().lower()] = value.strip()
            end += 1
        while end > start and end < len(lines) and _MEMO_FIELD.match(lines[end]):
            end += 1  # a memo's own fields aligned with them ("Action:   Please display ...")
        if "from" in fields and len(fields) >= (2 if marked else 3):
            rest = "\n".join(lines[end:])
            if not marked and _SUBJECT_LINE.search(rest) is not None:
                if _forwarded_on(rest) or (passed_on(fields) and _chain_ends(rest)):
                    return strip_forwarding(rest)  # forwarded again: the digest is further down
                return text  # header block after header block: a digest of messages
            if marked and _forwarded_on(rest):
                return strip_forwarding(rest)  # an Outlook forward of a Gmail one: read on down
            return rest
    return text


def is_credit_or_footer(line: str) -> bool:
    """A line inside a story's text that is not the story: a caption or picture credit, a
    byline, social links or the start of a footer ("You are receiving this because...").

    Entity extraction skips such lines: a photographer or a newsletter's own name is no
    entity of the story.
    """
    spaces = line.count(" ")
    if spaces >= 60:
        return False
    folded = fold(line.strip())
    if spaces < 14 and (_CAPTION.match(folded) or _AGENCY.match(folded) or _BYLINE.match(folded)):
        return True
    # (the splitter has cut everything after a footer's first line: only its start is looked
    # for here, which keeps this cheap on every line of every story)
    return _STORY_FOOTER.match(folded) is not None or (spaces < 20 and _is_social(folded))


# Lines that address the reader about the newsletter, not about the news, or start a footer.
_STORY_FOOTER = re.compile(
    r"\W*(?:you(?:'re|\ are|\ were)\ receiving\b|you\ received\ this\b|follow\ us\b"
    r"|sign\ up\ (?:to|for|here)\b|forward\ this\b|share\ this\ (?:e-?mail|newsletter)\b"
    r"|©|copyright\b|\(c\)\ \d{4}|unsubscribe\b)",
    re.I | re.X,
)
