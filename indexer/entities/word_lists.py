"""Word lists the entity rules consult: what starts a sentence, ends an organisation's name,
introduces a person, and so on.

Why a module of its own: the rules read better without a page of vocabulary above them, and
these lists are what one tunes when a digest shows a new habit of phrase.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that start sentences and are never the first word of a name.
STOPWORDS = _words("""
a an the and or but nor so yet if as at by for from in into of off on onto out over to up upon
with within without about above after against along among around before behind below beneath
beside besides between beyond despite down during except inside near since through throughout
till toward towards under underneath unlike until via versus whether while although though
because unless whereas once when where why how what which who whom whose that this these those
it its he she they we i you his her their our my your him them us me there here then now
not no yes all any both each every either neither few many more most much several some such
other another same own only just even still already also too very quite rather really almost
however meanwhile moreover furthermore instead indeed overall elsewhere separately similarly
likewise nationally locally previously currently recently today yesterday tomorrow tonight
later earlier
first second third last next one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred
former new big small large major senior exclusive revealed analysis comment insight breaking
update plus why watch read essential top key latest lead leading local national regional
central chief deputy interim acting acute several most many some ahead amid across beyond
according following given including regarding concerning despite after please thanks thank
mr mrs ms dr sir dame lord lady professor is are was were be been being has have had do does
did will would shall should can could may might must let lets says said warns told tells asks
""")

# The last word of an organisation's name.
HEADS = _words("""
Trust FT ICS ICB CCG Group Board System Partnership Commission Authority Council Institute Agency
Service Hospital Hospitals Infirmary Foundation Association Society Federation
Confederation Alliance Network Office Department Ministry Centre Center College University
School Committee Union Party Company Ltd Limited plc PLC LLP Inc Corporation Consortium
Collaborative Surgery Healthcare Forum Inspectorate Executive Academy Faculty Clinic Hospice
Court Tribunal Inquiry Police Constabulary LMC LPC LDC LOC PCN CIC Ventures Technologies
Economics Labs Therapeutics Pharmaceuticals STP UHB LHB LMCs Panel Taskforce Coalition Hub
Parliament Assembly Senedd Directorate Bureau Observatory Fund Programme Scheme Charity Practice
Body Services Research Systems Consultants Mosque Synagogue Gurdwara Commissioner CSU ICP League
Unit Registry Database Club CCGs Sub-Committee Subcommittee Collective Partners Chemists Pharmacy
""")
# Plural heads that end one body's name only after areas joined by "and" ("Bristol, North Somerset
# and South Gloucestershire CCGs", as the CCGs of a shared team were known); "four Surrey CCGs"
# are several bodies of one place.
JOINT_HEADS = _words("CCGs")
# Heads that say what kind of body a name of generic words is ("Mental Health Taskforce").
KIND_HEADS = _words(
    "Taskforce Panel Coalition Body Inquiry Tribunal Court Committee Programme Forum Unit Registry"
    " Sub-Committee Subcommittee Collective"
)
# What a centre is for when it is a venue ("the Education Centre", "Civic Centre, Market
# Street"): with no name of its own, where a meeting is held, not who holds it.
VENUE_KINDS = _words(
    "Conference Leisure Civic Education Resource Shopping Sports Exhibition Community"
)
# Heads that are also a person's post ("the Children's Commissioner", "Commissioner Jo Bell").
POST_HEADS = _words("Commissioner")
# Heads that take "of"/"for" and a name after them ("University of Leeds").
OF_HEADS = _words("""
University College Department Ministry Institute Office Society Association Federation Academy
Faculty Council Board Commission Committee Union Agency Authority Centre Hospital Hospitals
Alliance Network School Court Bank Museum Chamber Fund Scheme Programme Panel Taskforce Coalition
Commissioner League Unit
""")
# Heads that take "on" and a subject after them ("All-Party Parliamentary Group on Health").
ON_HEADS = _words("Group Commission Taskforce")
# Heads of things an organisation runs as well as of organisations ("NHS Resolution's
# Maternity Incentive Scheme"): a name ending in one does not take in a known organisation.
WEAK_HEADS = _words("Fund Scheme Programme")
# Words that alone make no particular organisation ("Foundation Trust", "Integrated Care Board").
GENERIC = _words("""
NHS Foundation Trust Trusts Hospital Hospitals University Teaching Healthcare Health Care
Community Mental Partnership Integrated System Board Clinical Commissioning Group Ambulance
Service Services Acute Specialist General District Royal ICS ICB CCG FT Local Regional Primary
Secondary Social Council County City Borough Authority Public Independent Private Commission
Institute Agency Office Department Committee Association Society College School Centre Network
Alliance Fund Unit Medical Nursing Dental Joint Special Executive Select Provider Providers
Commissioners The A An This That Each Every Another Any All Some Our Their Its Your My New
Working Steering Task Reference Advisory Expert Stakeholder Oversight Programme Project Delivery
Diagnostic Diagnostics Surgical Elective Urgent Emergency Treatment Children Women Maternity
Military Field Virtual Trade Combined Place Wellbeing GP GPs PCN PCNs Chief Non-Executive Medicine
Crown Magistrates Coroner's Coroners Employment Appeal Covid
""")
GENERIC = GENERIC | HEADS
# Words never first in an organisation's name, wherever they stand ("the Chief Executive").
NEVER_FIRST = _words("the a an this that these those chief deputy interim acting former senior")
CONNECTORS = _words("and of the for & upon on")
# Stopwords that open a sentence as often as a name, kept where a name follows them in capitals
# to its head: "National Child Measurement Programme data for 2022/23 show ...".
NAME_OPENERS = _words("national joint royal british united")
# Words that take "of" inside a name besides the heads ("Countess of Chester Hospital").
OF_OWNERS = _words(
    "Isle Isles Countess Duke Duchess Prince Princess Queen King Hospitals Royal Colleges Vale"
)
# Owners whose possessive is part of a hospital's name ("King's College Hospital").
POSSESSIVE_OWNERS = _words("King Queen Guy Prince Princess Children Women Addenbrooke Mary")

TITLES = _words(
    "Dr Sir Dame Professor Prof Lord Baroness Lady Mr Mrs Ms Miss Cllr Councillor Rev Reverend Revd"
    " Imam Rabbi Sister"
)
PEER_TITLES = _words("Lord Baroness Lady")
# Titles of an office or a rank, not of the person: a name is written without them ("Cllr Jo
# Bell", a ward sister's "Sister Jo Bell").
OFFICE_TITLES = _words("Cllr Councillor Rev Reverend Revd Imam Rabbi Sister")
# Verbs that open a request and take a person's name after them ("Contact Jo Bell at the
# office", "Email Jo Bell"): the name starts after the verb.
REQUESTS = _words("Contact Email Call Phone Ring Ask Write Tell Invite Meet Join Welcome Thank")
PARTICLES = _words("van von der den de da di du le la bin al")
ROLES = _words("""
executive chair chairman chairwoman chairperson president director secretary minister editor
correspondent reporter officer lead leader chief boss spokesman spokeswoman spokesperson
MP MEP MSP peer adviser advisor consultant surgeon physician nurse midwife paramedic GP
economist analyst fellow commissioner coroner judge founder partner governor councillor mayor
chancellor ombudsman inspector researcher author academic campaigner whistleblower manager
clinician doctor psychiatrist trustee columnist presenter professor lecturer registrar
CEO deputy colleague predecessor successor counterpart writer commentator expert pharmacist
dentist anaesthetist cardiologist oncologist radiologist epidemiologist statistician scientist
lawyer barrister solicitor QC KC chairs directors secretaries sister matron chaplain
midwives nurses paramedics physiotherapist therapist receptionist volunteer carer
administrator technician radiographer sonographer optometrist dietitian podiatrist
""")
ROLES_LOWER = frozenset(w.lower() for w in ROLES)
# Words that open a post of two words in capitals ("Chief Executive", "Medical Director"): the
# name after such a post is a person's, whatever the first name.
POST_OPENERS = _words("Chief Deputy Medical Managing Clinical Interim Acting Executive Finance")
SAY_VERBS = _words("""
said says writes wrote explains explained argues argued told tells warned warns added adds
points pointed revealed reveals believes thinks admitted insisted claimed commented stressed
suggested suggests noted notes urged urges called calls described describes announced
announces confirmed confirms considers examines asks asked highlights outlines reflects
discusses predicts questions looks has had is was will
""")
# Verbs of speech that say so only with "to" after them ("Jonah Feldman talks to ..."; "Fair Pay
# Agreement talks begin" is a noun).
SAY_TO_VERBS = _words("talks speaks spoke")
AUXILIARIES = _words("has have had is was will would could should can must may might")
MONTHS_DAYS = _words("""
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""")
SHORT_MONTHS = _words("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
# Common nouns that introduce an organisation's name ("pathology provider Synnovis").
ORG_INTRODUCERS = _words("""
company firm provider supplier consultancy charity tank union regulator insurer startup
start-up contractor outsourcer giant manufacturer operator developer publisher
""")
# Words before a place name that is also a common word ("in Reading", "near Bath").
CONTEXT_WORDS = _words("in at from near to around across outside of into towards serving covering")
NOT_BEFORE_FIRST_NAME = _words("St Saint Lake Mount Port Fort Cape Queen King Prince Princess")
# Words after a place name that make it an address ("Tavistock Square"), not the place.
STREET_WORDS = _words("Square Street Road Lane Avenue Gardens Terrace Crescent Row Walk Way Close")

# Words that start an organisation's name and take a place or name after them
# ("Healthwatch Devon", Welsh "Ysbyty Gwynedd").
PREFIX_HEADS = _words("Healthwatch Ysbyty")
# Months that are also surnames ("Dame Ruth May", "Theresa May"): a name may end in one.
SURNAME_MONTHS = _words("May June March August")

# Last words of things a body runs, publishes or awards rather than bodies ("NHS Jobs", "NHS
# Staff Survey", "NHS Rainbow Badge", "King's Ambulance Service Medal"): a name ending so, or
# going on with one, is no body.
THINGS = _words("""
Medal Medals Prize Lecture Fellowship Scholarship
Plan Plans Framework Survey Badge Jobs Checks Check Constitution Pledge Standard Standards
Contract Mandate Tariff Workforce Pension Pensions Award Awards Week Day Charter Pass Number
Login Website Campaign Strategy Review Guidance Pathway Healthcare Covid PFI Pharmacy
Model Dashboard Data Account Card Portal Budget Budgets Payments Pay Bursary Bursaries Licence
License API Wi-Fi WiFi ID Terms R&D
""")


def is_thing(word: str) -> bool:
    """Is a word one of THINGS, in a capitals headline too ("THE NHS WORKFORCE")?"""
    return word in THINGS or (word.isupper() and word.capitalize() in THINGS)


# A body's branch in a nation ("BMA Scotland"); "Northern" only before "Ireland".
NATIONS = _words("Scotland Wales Cymru England Northern")
# The words of a local newspaper's title after its place ("Hull Daily Mail", "Yorkshire Post").
NEWSPAPER_TITLES = _words("""
Mail Post Echo Times Telegraph Herald Gazette Chronicle Express Star Standard Journal Mirror
Argus Courier Advertiser Observer Guardian Sentinel Examiner Citizen Press News Mercury
""")
NEWSPAPER_DAYS = _words("Daily Evening Sunday Morning Weekly")
# Broadcasters whose channels, stations and regions go by their name and more ("BBC Radio 4",
# "BBC Radio 5 Live", "ITV West Country", "BBC Look North").
BROADCASTERS = _words("BBC ITV Sky LBC")
# The words a body named for its purpose is built on ("Skills for Care", "Action on Smoking").
PURPOSE_WORDS = _words("for on")
# Words after a name that make it act: "Monitor has ordered", "Skills for Care estimates".
ACTING_WORDS = (
    SAY_VERBS
    | AUXILIARIES
    | _words("""
are were estimates estimated found finds published publishes wants wanted welcomed welcomes
launched launches urged warned
""")
)
# Posts that end in "General" ("Attorney General"): not a hospital ("Wyvern General").
GENERAL_POSTS = _words("""
Attorney Auditor Director Secretary Surgeon Inspector Registrar Solicitor Postmaster Comptroller
Accountant Governor Advocate Paymaster Consul Adjutant Quartermaster
""")
# What "Royal" goes with that is not a hospital ("Royal Mail", "Royal Assent").
NOT_HOSPITALS = _words("""
Mail Navy Air Assent Family Household Charter Mint Opera Ballet Courts Parks Mile Warrant
Commission Collection Institution Highness Marines Engineers Signals Artillery Dutch Ascot Albert
Exchange Academy Society Bank Borough Town Box Jelly Flush Wedding Baby
""")
# Lower-case plural kinds after a list of names: each name is one such body ("A and B hospitals").
PLURAL_KINDS = _words("hospitals sites surgeries practices hospices infirmaries")
# Languages "in" takes as it takes places ("in Welsh"), beside those ending "-ish", "-ian", "-ese".
LANGUAGES = _words("Welsh Urdu Hindi Punjabi Bengali Arabic Gaelic Scots Irish French German Dutch")
# Endings of abstract and collective nouns, which a place's name hardly ever has (the towns that
# do, "Penzance", are in the gazetteer): "in Statements", "(Finance)", "(Communications)".
NOUN_ENDINGS = tuple(
    _words("ment ments tion tions sion sions ance ances ence ences ness ity ities ics ology")
)
# Endings of the names of fields of medicine, which no surname has: a name stops before one
# ("Dr Gareth Lowe Gastroenterology", "Dr Ann Bell Paediatrics": a table's row run together).
SPECIALTY_ENDINGS = ("ology", "ologies", "ics", "iatry")
# Parties as Hansard and digests abbreviate them beside an MP's seat: "(Con, Taunton Deane)".
PARTIES = _words("""
Con Lab LD SNP PC Plaid Green DUP SDLP SF UUP Ind Alba Reform Crossbench Conservative Labour
""")
# Parties of two words, written in full beside a seat: "(Liberal Democrat, Westmorland and
# Lonsdale)", "(Plaid Cymru, Dwyfor Meirionnydd)".
PARTY_PAIRS = frozenset(
    (
        "Liberal Democrat",
        "Liberal Democrats",
        "Lib Dem",
        "Lib Dems",
        "Plaid Cymru",
        "Green Party",
        "Reform UK",
        "Scottish Conservative",
        "Scottish Labour",
        "Welsh Labour",
        "Welsh Conservative",
    )
)

# Compass points that make a part of a place ("north London", "Barnsley East").
COMPASS = frozenset(("North", "South", "East", "West", "Central", "Mid"))
# King's and Queen's Counsel, written after a barrister's name ("Simon Agyeman KC").
SILKS = frozenset(("KC", "QC"))
# The letters of a member of a parliament or assembly after a name ("Jane Roe MP (Seat)").
MEMBERS = frozenset(("MP", "MPs", "MSP", "MLA"))
