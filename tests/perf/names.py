"""Real UK/NHS names and headline shapes that widen the synthetic corpus beyond the samples.

Why: five sample digests name a few dozen entities; a 100k-story archive names thousands. These
lists (most frequent first, where order matters) feed the slot filling in tests/perf/corpus.py.
"""

from __future__ import annotations


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", " ").split(",") if item.strip()]


NATIONAL_ORGS = _lines("""
NHS England
NHSE
Department of Health and Social Care
Care Quality Commission
CQC
British Medical Association
BMA
HSJ
NHS Providers
NHS Confederation
King’s Fund
Nuffield Trust
Health Foundation
NHS Improvement
Royal College of Nursing
RCN
National Institute for Health and Care Excellence
NICE
National Audit Office
NAO
Unison
GMB
Unite
NHS Employers
Treasury
Health Education England
UK Health Security Agency
Public Health England
Monitor
NHS Digital
General Medical Council
Nursing and Midwifery Council
Royal College of GPs
Royal College of Physicians
Royal College of Emergency Medicine
Royal College of Surgeons
Royal College of Midwives
Royal College of Psychiatrists
Academy of Medical Royal Colleges
Healthwatch England
Health and Social Care Committee
Public Accounts Committee
Local Government Association
NHS Resolution
NHS Property Services
NHS Blood and Transplant
Medicines and Healthcare products Regulatory Agency
Office for National Statistics
Institute for Fiscal Studies
Competition and Markets Authority
NHS Business Services Authority
Health Services Safety Investigations Body
NHS Counter Fraud Authority
PwC
Deloitte
KPMG
Capita
Virgin Care
Circle Health
Spire Healthcare
UnitingCare Partnership
Labour
Conservatives
Liberal Democrats
Macmillan Cancer Support
Age UK
St George’s University Hospitals
South Devon Healthcare FT
Western Sussex Hospitals Foundation Trust
Liverpool University Hospitals Foundation Trust
Tower Hamlets Clinical Commissioning Group
Cambridgeshire and Peterborough CCG
""")

PEOPLE = _lines("""
Jeremy Hunt
Simon Stevens
Amanda Pritchard
Wes Streeting
Matt Hancock
Sajid Javid
Steve Barclay
Victoria Atkins
Andrew Lansley
Chris Hopson
Matthew Taylor
Jim Mackey
Julian Kelly
Stephen Powis
Claire Murdoch
Ruth May
Prerana Issar
Navina Evans
Dido Harding
Ian Dalton
Patricia Hewitt
Jennifer Dixon
Richard Murray
Nigel Edwards
Anita Charlesworth
Sally Warren
Siva Anandaciva
Saffron Cordery
Danny Mortimer
Layla McCay
Chaand Nagpaul
Philip Banfield
Vivek Trivedi
Robert Laurenson
Pat Cullen
Nicola Ranger
Sara Gorton
Ian Trenholm
Peter Wyman
Ted Baker
Mike Richards
Sarah-Jane Marsh
Rob Webster
David Sloman
Amanda Doyle
Dave West
Ben Clover
Alan Clamp
Johann Malawana
Neil Modha
Miles Scott
Paula Vasco-Knight
Marianne Griffiths
David Behan
Lord Hunt
Jonathan Pearson-Stuttard
James Illman
Alastair McLellan
""")

FIRST_NAMES = _csv("""
Aisha, Alan, Alison, Amir, Andrew, Angela, Anna, Ben, Bridget, Carol, Catherine, Chris, Claire,
Daniel, David, Deborah, Edward, Elaine, Emma, Fiona, Gareth, Grace, Hannah, Helen, Ian, Imran,
James, Jane, Jo, John, Julie, Karen, Kate, Lucy, Mark, Martin, Michael, Mohammed, Naomi, Neil,
Nick, Nicola, Paul, Peter, Priya, Rachel, Rebecca, Richard, Robert, Ruth, Sam, Sarah, Simon,
Sophie, Stephen, Susan, Tom, Tracey, Victoria, William
""")

SURNAMES = _csv("""
Adams, Ahmed, Allen, Bailey, Baker, Barnes, Bell, Bennett, Brown, Butler, Campbell, Carter,
Chapman, Clarke, Collins, Cook, Cooper, Cox, Davies, Dawson, Edwards, Ellis, Evans, Fisher,
Fletcher, Foster, Gibson, Graham, Gray, Green, Griffiths, Hall, Harris, Harrison, Hill, Holmes,
Hughes, Hussain, Jackson, James, Jenkins, Johnson, Jones, Kelly, Khan, King, Knight, Lee, Lewis,
Marshall, Martin, Mason, Matthews, Mills, Mitchell, Moore, Morgan, Morris, Murphy, Owen, Palmer,
Parker, Patel, Phillips, Powell, Price, Reid, Richards, Roberts, Robinson, Rogers, Russell,
Shaw, Simpson, Singh, Smith, Stevens, Taylor, Thomas, Thompson, Turner, Walker, Ward, Watson,
White, Williams, Wilson, Wood, Wright, Young
""")

PLACES = _csv("""
London, England, UK, Manchester, Birmingham, Leeds, Liverpool, Sheffield, Bristol, Newcastle,
Nottingham, Leicester, Coventry, Bradford, Sunderland, Hull, Plymouth, Wolverhampton, Derby,
Southampton, Portsmouth, Norwich, Cambridge, Oxford, Reading, Milton Keynes, Northampton, Luton,
Corby, Peterborough, Ipswich, Colchester, Chelmsford, Brighton, Exeter, Truro, Gloucester,
Worcester, Hereford, Shrewsbury, Chester, Lancaster, Blackpool, Preston, Bolton, Wigan, Stockport,
Salford, Oldham, Rochdale, Doncaster, Barnsley, Rotherham, Wakefield, Huddersfield, Harrogate,
York, Scarborough, Middlesbrough, Darlington, Durham, Carlisle, Kendal, Lincoln, Grimsby,
Kettering, Bedford, Swindon, Bath, Salisbury, Taunton, Yeovil, Bournemouth, Poole, Basingstoke,
Winchester, Guildford, Maidstone, Canterbury, Margate, Dartford, Croydon, Barnet, Enfield,
Haringey, Tower Hamlets, Lewisham, Southwark, Lambeth, Wandsworth, Hillingdon, Ealing, Harrow,
Watford, Stevenage, St Albans, Hertfordshire, Bedfordshire, Cambridgeshire, Norfolk, Suffolk,
Essex, Kent, Surrey, Sussex, Devon, Cornwall, Somerset, Dorset, Wiltshire, Gloucestershire,
Oxfordshire, Berkshire, Buckinghamshire, Lincolnshire, Nottinghamshire, Derbyshire,
Leicestershire, Staffordshire, Shropshire, Cheshire, Lancashire, Cumbria, Northumberland,
Yorkshire, Wales, Scotland, Northern Ireland, West Midlands, East of England, North West,
South West, Isle of Wight
""")

ICS_AREAS = _lines("""
Cheshire and Merseyside
Cornwall and the Isles of Scilly
Greater Manchester
Kent and Medway
Norfolk and Waveney
North East London
Hampshire and Isle of Wight
Herefordshire and Worcestershire
Hertfordshire and West Essex
Humber and North Yorkshire
Shropshire, Telford and Wrekin
Staffordshire and Stoke-on-Trent
Cambridgeshire and Peterborough
Frimley
Surrey Heartlands
Lancashire and South Cumbria
West Yorkshire
South Yorkshire
Birmingham and Solihull
Black Country
Coventry and Warwickshire
Nottingham and Nottinghamshire
Derby and Derbyshire
Leicester, Leicestershire and Rutland
Bedfordshire, Luton and Milton Keynes
Mid and South Essex
Suffolk and North East Essex
North Central London
North West London
South East London
South West London
Buckinghamshire, Oxfordshire and Berkshire West
Bath and North East Somerset, Swindon and Wiltshire
Bristol, North Somerset and South Gloucestershire
North East and North Cumbria
""")

AMBULANCE_REGIONS = _csv("""
East Midlands, West Midlands, East of England, South Western, North West, North East,
Yorkshire, South Central, South East Coast, London
""")

ROLES = _csv("""
chief executive, chair, finance director, medical director, chief nurse, chief operating officer,
director of strategy, interim chief executive
""")

TOPICS = _csv("""
deficit, waiting list, strike, merger, bed closures, cancer target, A&E performance,
elective recovery, agency spending, pay deal, maternity services, mental health beds, GP access,
dental contract, ambulance handovers, cyber attack, workforce plan, capital funding,
discharge delays, virtual wards, winter pressures, never events, whistleblowing, bullying claims,
board shake-up, procurement, outsourcing, private providers, overseas recruitment,
nurse vacancies, consultant contract, rota gaps, diagnostic waits, community services,
social care funding, prescribing costs, estates backlog, digital records, patient safety,
health inequalities, productivity, corridor care
""")

HEADLINE_PATTERNS = _lines("""
{ORG} to cut {N} jobs in {TOPIC} review
{PERSON} to step down as {ROLE} of {ORG}
{ORG} names {PERSON} as {ROLE}
Exclusive: {ORG} faces {MONEY} {TOPIC} gap
{PLACE} trusts ordered to tackle {TOPIC}
{ORG} rated ‘inadequate’ after {TOPIC} concerns
Revealed: {N} trusts miss {TOPIC} target
{TOPIC} costs rise {PERCENT} at {ORG}
{ORG} and {ORG} agree merger
Regulator steps in at {ORG}
{PERSON} warns on {TOPIC}
{ORG} plans {MONEY} {TOPIC} overhaul
{TOPIC}: {PLACE} leaders push back
Inquiry into {TOPIC} at {ORG} widens
{N} systems in {TOPIC} escalation
{ORG} {TOPIC} plan under fire
Ministers back {TOPIC} deal for {PLACE}
{PLACE} {TOPIC} pilot extended to {N} sites
{ORG} {ROLE} quits over {TOPIC}
Why {TOPIC} matters for {ORG}
{PERSON}: ‘{TOPIC} is our biggest risk’
{ORG} misses {TOPIC} deadline by {N} weeks
{MONEY} bailout for {ORG}
{PLACE} hospitals hit by {TOPIC}
Trust chiefs split over {TOPIC}
{ORG} told to find {MONEY} of savings
""")

MONTHS = _csv("""
January, February, March, April, May, June, July, August, September, October, November, December
""")

STOP = frozenset(
    _csv("""
the, a, an, and, or, but, of, to, in, on, for, with, by, from, at, as, is, are, was, were, be,
been, has, have, had, it, its, this, that, these, those, their, there, they, them, he, she, his,
her, we, our, you, your, who, which, what, when, where, why, how, not, no, more, most, than, then,
so, such, also, into, over, under, about, after, before, while, would, could, should, will, may,
might, must, can, said, says
""")
)

# Affixes that turn sample words into the corpus's long tail of rare words.
PREFIXES = [
    "",
    *_csv("re, pre, de, co, over, under, non, sub, inter, multi, post, counter, mis, out, cross"),
]
SUFFIXES = ["", *_csv("s, ing, ed, ation, al, ity, ness, ment, ive, ism, ist")]
