"""Names in running text that are people or organisations, not places, events or titles.

Every run of two or three capitalised words is a candidate person; context rules it out:
a place preposition before it ("in New Haven", "at Standing Rock"), a place or event word
in it ("Chatham Islands", "Davis Cup"), or a possessive organisation after it. A demonym
before a name is dropped ("Canadian Denis Shapovalov" is Denis Shapovalov).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

# Latin letters with accents as well ("António", "Erdoğan", "Łukasz"). Latin Extended-A mixes
# capitals and small letters, so it stands in both classes.
UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
LOWER = "a-zß-öø-ÿĀ-ſ"
# "Rublev", "McLachlan", "Bautista-Agut", "O'Neill"; never a possessive "’s".
NAME_TOKEN = rf"[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:[-’'](?!s\b)[{UPPER}]?[{LOWER}]+)?"
# "Donald J. Trump", "Osama bin Laden", "Alex de Minaur": an initial or a particle inside.
_PARTICLE = r"(?:bin|ibn|al|de|del|della|di|da|du|van|von|der|den|la|le|dos|das)"
# "Raed al-Saleh", "Mohamed el-Sisi": a particle joined to the surname.
_JOINED = rf"(?:al|el|ad|as|an|ash|at|az|bin|ibn|ben|abu|abd)-[{UPPER}][{LOWER}]+"
NAME = (
    rf"(?:{NAME_TOKEN}(?: [{UPPER}]\.)?(?: (?:{_PARTICLE} ){{0,2}}(?:{NAME_TOKEN}|{_JOINED})){{1,2}}"
    rf"|(?<![\w.])(?:[{UPPER}]\. ){{1,2}}{NAME_TOKEN})"  # "S. Somanath", not "U.S. Treasury"
)
ROLE_WORDS = (
    "spokesperson|spokeswoman|spokesman|president|vice president|prime minister|foreign minister"
    "|defen[cs]e minister|minister|secretary-general|secretary|commander|editor-in-chief|editor"
    "|ambassador|general|chancellor|senator|governor|mayor|director|chairman|chairwoman|chair|leader"
    "|analyst|journalist|official|envoy|adviser|advisor|correspondent|chief|head|representative"
    "|premier|deputy|ombudsman|researcher|professor|expert|lawmaker|mp|speaker|superintendent|sheriff"
    "|chief executive|executive|ceo|founder|co-founder|manager|coach|captain|judge|prosecutor|attorney"
    "|lawyer|officer|doctor|ranger|elder|fellow|economist|strategist|scientist|astrophysicist|author"
    "|reporter|commissioner|councillor|councilman|congressman|congresswoman|representative|investor"
    "|activist|organizer|organiser|founder|owner|partner|player|physician|consultant|surgeon|dean"
    "|administrator|director-general|treasurer|comptroller|inspector|curator|auditor|regulator|trustee"
    "|headteacher|principal|pastor|rabbi|imam|bishop|cardinal|archbishop|vicar|lecturer|member"
    "|fly-half|scrum-half|full-back|goalkeeper|winger|striker"
)
_ROLE = re.compile(rf"(?:{ROLE_WORDS})$", re.I)
# Words that end an organisation's name ("Ministry of …", "… Alliance").
ORG_HEADS = (
    "Ministry|Council|Organization|Organisation|Agency|Department|Office|Parliament|Assembly|Government"
    "|Union|Committee|Commission|Court|Republic|Kremlin|Pentagon|Alliance|Nations|Party|Bank|Fund"
    "|Authority|Association|Institute|University|Corporation|Corp|Group|Company|Federation|Exchange"
    "|Press|Center|Centre|Centers|Centres|Hospital|Foundation|Administration|Police|Network|Service|Guild|Corps|Project"
    "|Society|Board|Bureau|Coalition|League|Movement|Front|Army|Brotherhood|Holdings|Inc|Ltd|LLC|Times"
    "|International|Post|Journal|Tribune|Herald|Gazette|Telegraph|Capital|Partners|Ventures|Nation|Tribe"
    "|Systems|Technologies|Industries|Solutions|Airlines|Motors|Pharmaceuticals|Labs|Networks|Energy"
    "|Devices|Instruments|Electronics|Semiconductors?|Therapeutics|Biosciences|Robotics|Communications"
    "|Associates|Senate|Congress|Representatives|Commons|Lords|Duma|Knesset|Bundestag|Cabinet"
    "|School|College|Academy|Laboratory|Observatory|Museum|Library|Clinic|Charity|Trust|Reserve|Survey"
    "|Services|Shipping|Logistics|Stores|Airport|Co|Securities|Insurance|Rail|Railways|Airways"
    # Orchestras, zoos, public bodies and newspapers: "Lakeshore Symphony Orchestra", "Denver
    # Zoo", "Planning Inspectorate", "The Bellingham Courier", "Cardiology Letters".
    "|Orchestra|Philharmonic|Symphony|Choir|Ensemble|Ballet|Opera|Zoo|Aquarium|Inspectorate"
    "|Directorate|Secretariat|Tribunal|Courier|Chronicle|Echo|Observer|Examiner|Inquirer|Ledger"
    "|Sentinel|Letters|Bulletin"
)
_ORG_WORD = re.compile(rf"\b(?:{ORG_HEADS})\b")
# Words that make a capitalised run a place, a thing or an event rather than a person.
_NOT_PERSON = re.compile(
    r"\b(?:Islands?|Beach|County|City|River|Lake|Mountains?|Valley|Street|Avenue|Road|Square|Bay"
    r"|Coast|Sea|Ocean|Province|State|States|Region|Hills|Peninsula|Airport|Stadium|Arena|Museum"
    r"|Cup|Finals?|Open|Games|Championships?|Awards?|Prize|Day|Week|War|Treaty|Act|Bill|Law|Street"
    r"|Magazine|Journal|Times|Post|News|Tribune|Herald|Daily|Online|Media|Capitol|Statehouse|House"
    r"|Church|Mosque|Temple|Palace|Tower|Bridge|Square|Centre|Center|Station|Camp|Reservation|Falls"
    r"|Way|Bang|Age|Era|Series|Conference|Summit|Festival|Olympics|League|Club|Team|Plan|Program"
    r"|Programme|Report|Index|Average|Fund|Exchange|Nation|Nations|Africa|America|Asia|Europe|Zealand"
    r"|Korea|Kingdom|Arabia|Emirates|Republic|Union|Guard|Force|Forces|Department|Office|International"
    r"|Capital|Partners|Ventures|Investments|Bank|Group|Institute|University|College|School|Hospital"
    r"|Council|Committee|Commission|Agency|Association|Party|Ministry|Court|Police|Army|Navy|Death"
    r"|Systems|Technologies|Industries|Solutions|Airlines|Motors|Pharmaceuticals|Labs|Networks|Energy"
    r"|Telescope|Collider|Satellite|Mission|Bowl|Tour|Marathon|Grand|Disease|Syndrome|Virus|Fever|Flu"
    r"|Amendment|Constitution|Declaration|Agreement|Accord|Pact|Protocol|Convention|Highway|Route"
    r"|Boulevard|Building|Market|Mall|Airport|Harbour|Harbor|Canal|Desert"
    r"|Island|Glacier|Volcano|Strait|Gulf|Channel|Basin|Delta|Plain|Plateau|Zone|Strip|Bank"
    r"|Foundation|Trust|Society|Memorial|Library|Democrats|Republicans|Conservatives|Liberals|Socialists"
    r"|Greens|Tories|Labour|Unionists|Nationalists|Reserve|Survey|Service|Devices|Instruments|Electronics"
    r"|Semiconductors?|Materials|Therapeutics|Biosciences|Dynamics|Robotics|Brands|Resources|Petroleum"
    r"|Communications|Entertainment|Pictures|Records|Studios|Associates|Senate|Congress|Representatives"
    r"|Storm|Hurricane|Typhoon|Cyclone|Crescent|Societies|Services|Shipping|Logistics|Stores"
    r"|Orchestra|Philharmonic|Choir|Zoo|Aquarium|Inspectorate|Tribunal|Courier|Chronicle|Letters)\b"
)
# A place or thing noun right after a run: "the High Atlas mountains", "the Ingenuity Mars
# helicopter", "the Sputnik V vaccine".
_PLACE_AFTER = re.compile(
    r" (?:mountains?|range|river|valley|region|province|desert|village|town|city|county|district|islands?"
    r"|lake|sea|coast|peninsula|plateau|basin|delta|hills|forest|park|gorge|canyon|plain|oblast"
    r"|helicopter|rover|spacecraft|probe|telescope|satellite|rocket|ship|vessel|aircraft|jet|plane|drone"
    r"|missile|vaccine|drug|app|device|phone|model|engine|reactor|pipeline|bridge|dam|tunnel"
    r"|tram|tramway|railway|metro|subway|line)\b"
)
# A place or time preposition right before a run: "in New Haven", "from South Taranaki".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|to|into|across|outside|inside|around|toward|towards)\s+$")
# "Canadian Denis Shapovalov": a nationality before a name is not part of it.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|ch|i|ic)$")
# Capitalised at a sentence's start, never the first word of a name ("As Emily Feng reports").
_LEAD = frozenset(
    {"As", "But", "And", "When", "While", "If", "After", "Before", "Since", "The", "A", "An", "In", "On",
     "At", "For", "From", "With", "By", "To", "Of", "Then", "So", "Yet", "Although", "Though", "Because",
     "Like", "Unlike", "Under", "Over", "During", "Meanwhile", "Also", "Even", "Still", "Now", "Here",
     "There", "This", "That", "These", "Those", "Both", "Only", "Just", "Per", "Via", "Dear", "Thanks"}
)  # fmt: skip
# First words of places ("San Francisco", "Fort Laramie", "Hong Kong", "Tel Aviv").
_PLACE_START = frozenset(
    {"San", "Santa", "Los", "Las", "Fort", "Port", "Lake", "Mount", "New", "North", "South", "East", "West",
     "Upper", "Lower", "Greater", "Saint", "St", "Hong", "Sri", "Abu", "Buenos", "Tel", "Costa", "Puerto",
     "El", "Sierra", "Burkina", "Cape", "Rio", "Sao", "São", "Kuala", "Baton", "Des", "Addis", "Dar",
     "Phnom", "Santo", "Hanoi", "Ho", "Nizhny", "Novi", "Rostov", "Sharm", "Ras", "Tierra"}
)  # fmt: skip
# "Friends of the Earth Netherlands", "Confederation of British Industry": the run is the tail
# of a longer name whose first word is not a title ("Secretary of State Antony Blinken").
_NAME_TAIL = re.compile(r"\b(?P<word>[A-Z][\w-]*+) of (?:the )?$")
# The capitalised words that carry a run on: "James Webb| Space Telescope".
_RUN_ON = re.compile(r"(?: (?:[A-Z]\.|[A-Z][\w’'-]*+)){1,4}")
_ADJECTIVE = re.compile(r"[A-Z][\w]*-(?:based|led|born|backed|owned|run|bred|raised)$")
_GROUP = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|i|ist)s$")
# A full stop may end the sentence after one ("with the FBI."), not run on into a ticker (".DJI").
_ACRONYM = re.compile(r"(?<![\w.&$=-])[A-Z]{2,6}(?![\w&-]|\.\w|\s?\d)")
# Capitals that are not organisations: countries, time zones, titles, units.
_NOT_ORG = frozenset(
    {"US", "USA", "UK", "UAE", "GMT", "UTC", "BST", "EST", "EDT", "PST", "PDT", "CET", "CEO", "CFO", "COO",
     "TV", "AM", "PM", "OK", "ID", "DC", "PR", "AI", "IT", "GDP", "MP", "MPS", "USD", "EUR", "GBP", "JPY",
     "DNA", "HIV", "RNA", "NB", "PS"}
)  # fmt: skip


_WHOLE_NAME = re.compile(rf"(?<![\w’'-]){NAME}(?![\w-]|[’'][a-rt-z])")
TITLES = (
    "Gov|Governor|President|President-elect|Sen|Senator|Rep|Judge|Justice|Coach|Dr|Mr|Mrs|Ms|Prof"
    "|Professor|Superintendent|Sheriff|Chief|Minister|Secretary|Mayor|Speaker|Chairman|General|Captain"
    "|Officer|Detective|Sergeant|Constable|Lieutenant|Colonel|Agent|Director|Commissioner|Ambassador"
    "|Prince|Princess|King|Queen|Pope|Bishop"
    "|Rev|Father|Sister|Saint|St|Sgt|Lt|Col|Cpl|Capt|Insp|Det|Supt"
    # Plural titles before two names ("Presidents Richard Nixon and Gerald Ford").
    "|Presidents|Senators|Sens|Reps|Governors|Judges|Justices|Generals|Ministers|Mayors|Secretaries"
    "|Drs|Professors|Coaches|Directors|Ambassadors"
)
_TITLE = re.compile(rf"(?:{TITLES})$")
#: Capitalised titles and role words before a name ("Detective Inspector", "Chief Executive").
#: A royal's title stays part of the name ("King Charles III").
TITLE_RUN = (
    rf"(?:(?!(?:King|Queen|Prince|Princess|Pope|Emperor|Empress)\b)"
    # Capitalised words may lead the title ("Chief Financial Officer", "Police Chief").
    rf"(?:[A-Z][\w-]*+ ){{0,3}}?(?:(?:{TITLES})\b|(?=[A-Z])(?i:{ROLE_WORDS})\b)\.? ){{0,4}}"
)
# Offices that end a title and are not surnames ("Senate Majority Leader"; unlike "Ken Doctor").
_OFFICE = re.compile(
    r"(?:Leader|President|Minister|Secretary|Spokes(?:man|woman|person)|Director|Chair(?:man|woman)|Governor"
    r"|Senator|Mayor|Commissioner|Officer|Editor|Executive|Manager|Superintendent|Sheriff|Ambassador"
    r"|Advis[eo]r|Official|Representative|Correspondent|Chancellor|Premier|Envoy)$"
)
_NUMBER_WORD = re.compile(
    r"\b(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twenty|Thirty|Forty|Fifty|Sixty|Seventy"
    r"|Eighty|Ninety|Hundred|Thousand|Mile|Miles)\b"
)


# Capitalised words that never start or end a name.
NOT_NAMES = frozenset(
    {*calendar.month_name[1:], *calendar.day_name, "On", "In", "At", "The", "A", "An", "This", "That",
     "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "His", "Her", "Their", "Our", "But",
     "And", "Or", "If", "As", "After", "Before", "Since", "Until", "While", "When", "Why", "What", "How",
     "Who", "From", "For", "With", "By", "To", "Of", "Over", "Under", "Most", "Many", "Some", "Several",
     "Mr", "Mrs", "Ms", "Dr", "King", "Queen", "Prince", "Princess", "Pope", "President", "Prime", "Minister",
     "Secretary", "General", "Deputy", "Commander",
     "Editor", "Chief", "Foreign", "Defense", "Defence", "Security", "Council", "Ministry", "State",
     "Affairs", "United", "Nations", "Republic", "Second", "First", "Third", "New", "Old", "North", "South",
     "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "St", "Saint", "Get", "Share",
     "Leave", "Read", "More", "Published", "Sources", "Source", "According", "Regarding", "Russian",
     "Armenian", "Azerbaijani", "American", "British", "European", "Turkish", "Ukrainian", "Iranian"}
)  # fmt: skip


_ITEM = r"[A-Z][\w’'-]*+(?: [A-Z][\w’'-]*+){0,3}"
# A list of three or more names: "Maple Ridge, Harlan Park, Orchard Hill and Lincoln Elementary".
_LIST = re.compile(rf"{_ITEM}(?:, {_ITEM}){{1,}},? (?:and|or) {_ITEM}")
_SCHOOL = re.compile(r"\b(?:Elementary|Primary|Secondary|Middle|Junior|Infants)\b")


def _place_lists(text: str) -> list[tuple[int, int]]:
    """Spans of lists whose members are alike: when one is a place, school or body ("Lincoln
    Elementary"), none of them is a person."""
    return [
        m.span()
        for m in _LIST.finditer(text)
        if any(_NOT_PERSON.search(item) or _ORG_WORD.search(item) or _SCHOOL.search(item)
               for item in re.split(r",? (?:and|or) |, ", m.group(0)))
    ]  # fmt: skip


def listed_places(text: str) -> Iterator[str]:
    """The names of several words in a list with a place, school or body in it that are no
    body themselves ("Harlan Park" of "Maple Ridge, Harlan Park, … and Lincoln Elementary"):
    no person wherever the article names them ("whose two children attend Harlan Park")."""
    for a, b in _place_lists(text):
        for item in re.split(r",? (?:and|or) |, ", text[a:b]):
            if " " in item and not _ORG_WORD.search(item) and not _NOT_PERSON.search(item):
                yield item  # "Kansas City Star" of a list of newspapers stays a body


def person_candidates(text: str) -> Iterator[str]:
    """Two- and three-word capitalised runs in ``text`` that may name a person.

    Quote the text's quotations out first: names inside quotation marks are titles or
    nicknames ("Caja Magica", a song's title).
    """
    lists = _place_lists(text)
    for m in _WHOLE_NAME.finditer(text):
        if any(a <= m.start() < b for a, b in lists):
            continue  # "Maple Ridge, Harlan Park, Orchard Hill and Lincoln Elementary"
        words = m.group(0).split()
        run_on = _RUN_ON.match(text, m.end())
        more = run_on.group(0).split() if run_on else []
        while len(words) > 1 and words[0] in _LEAD:
            words.pop(0)  # "As Emily Feng reports"
        size = len(words)
        while (
            len(words) + len(more) > 2
            and words[0] not in ROYAL
            and any(p.match(words[0]) for p in (_DEMONYM, _TITLE, _ROLE, _ADJECTIVE))
        ):
            words.pop(0)  # "Canadian Denis Shapovalov", "Superintendent Jennifer McCormick"
            # The window slides on: "Chief Executive Jensen| Huang", "President George| W.
            # Bush('s)", "President Recep Tayyip| Erdoğan".
            while more and (len(words) < size or words[-1].endswith(".")):
                words.append(re.sub(r"[’']s$", "", more.pop(0)))
        if more and re.fullmatch(r"[IVX]+", more[0]):
            words.append(more.pop(0))  # "King Charles III"
        if (
            len(words) < 2
            or any(_TITLE.match(w) for w in words[words[0] in ROYAL :])
            or words[0] in _PLACE_START
            or _OFFICE.match(words[-1])
        ):
            continue  # "Republican Gov", "San Francisco", "Senate Majority Leader"
        if _GROUP.match(words[-1]) or (_DEMONYM.match(words[0]) and words[-1][-1] == "s"):
            continue  # "Karabakh Armenians", "Tunisian Islamists"
        name = " ".join(words)
        if _NUMBER_WORD.search(name) or in_context_not_a_person(text, m.start(), m.end(), name):
            continue
        if text[m.end() : m.end() + 2] in ("’s", "'s") and _NOT_PERSON.match(text, m.end() + 3):
            continue
        if _PARTY.fullmatch(name):
            continue  # "Liberal Democrat", a party
        yield name


# A party named by its members' words: "Liberal Democrat", "Social Democrats", "Free Democrat".
_PARTY = re.compile(
    r"(?:(?:Liberal|Social|Christian|Free|Democratic|Labour|Green|Conservative|Republican|Progressive"
    r"|National|Socialist|Independent) )+(?:Democrats?|Republicans?|Conservatives?|Liberals?"
    r"|Socialists?|Greens?|Nationalists?|Unionists?|Progressives?|Independents?)"
)


def _plural_owner(text: str, end: int, name: str) -> bool:
    """Whether the name is a plural possessive inside a body's name ("Ontario Teachers' Pension
    Plan", "the Cyclists' Union")."""
    if not name.endswith("s") or text[end : end + 1] not in ("’", "'"):
        return False
    run_on = _RUN_ON.match(text, end + 1)
    rest = run_on.group(0) if run_on else ""
    return bool(_NOT_PERSON.search(rest) or _ORG_WORD.search(rest))


def in_context_not_a_person(text: str, start: int, end: int, name: str) -> bool:
    """Whether the words around ``name`` (at ``text[start:end]``) make it a place, body or
    thing rather than a person: it runs on into such a word ("James Webb Space Telescope"),
    a place preposition comes before it ("in New Haven"), a place or thing noun after it
    ("the High Atlas mountains", "the Ingenuity Mars helicopter"), or it ends a longer name
    ("Friends of the Earth Netherlands", but not "Secretary of State Antony Blinken")."""
    if _plural_owner(text, end, name):
        return True  # "Ontario Teachers' Pension Plan"
    run_on = _RUN_ON.match(text, end)
    whole = name + (run_on.group(0) if run_on else "")
    if _NOT_PERSON.search(whole) or _ORG_WORD.search(whole):  # "Indian Space Research Organisation"
        return True
    if _PLACE_BEFORE.search(text, max(0, start - 12), start) or _PLACE_AFTER.match(text, end):
        return True
    tail = _NAME_TAIL.search(text, max(0, start - 40), start)
    return tail is not None and not any(p.match(tail["word"]) for p in (_TITLE, _ROLE, _OFFICE))


# "Lai Ching-te", "Tsai Ing-wen": a romanised given name (lower case after its hyphen) after
# the family name; "Bankman-Fried" and "Bautista-Agut" are surnames.
_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


#: Titles that are part of a name as it is used ("King Charles III", "Pope Francis").
#: Plural nouns for people that open sentences as subjects ("Owners will be notified"), never a body.
PEOPLE_NOUNS = frozenset(
    {"Owners", "Residents", "Officials", "Analysts", "Investors", "Customers", "Users", "Parents",
     "Students", "Teachers", "Workers", "Drivers", "Passengers", "Voters", "Critics", "Experts",
     "Scientists", "Researchers", "Doctors", "Nurses", "Patients", "Shoppers", "Fans", "Players",
     "Witnesses", "Survivors", "Rescuers", "Volunteers", "Authorities", "Prosecutors", "Lawmakers",
     "Officers", "Protesters", "Campaigners", "Dealers", "Farmers", "Locals", "Families", "Employees",
     "Members", "Supporters", "Opponents", "Observers", "Economists", "Traders", "Regulators",
     "Engineers", "Firefighters", "Villagers", "Tenants", "Landlords", "Buyers", "Sellers", "Visitors",
     "Tourists", "Travellers", "Travelers", "Commuters", "Motorists", "Homeowners", "Consumers",
     "Citizens"}
)  # fmt: skip
ROYAL = frozenset({"King", "Queen", "Prince", "Princess", "Pope", "Emperor", "Empress"})


def untitled(name: str) -> str:
    """A name without the titles before it ("Councillor Janet Oduya" → "Janet Oduya",
    "Professor Oliver Nkemelu" → "Oliver Nkemelu"); a royal's title stays."""
    words = name.split()
    while len(words) > 2 and words[0] not in ROYAL and (_TITLE.match(words[0]) or _ROLE.match(words[0])):
        words.pop(0)
    return " ".join(words)


def surname(name: str) -> str:
    """The word of a person's name used alone: the last, or the first in "Lai Ching-te"; a
    royal's name without the title ("Charles III" for "King Charles III")."""
    words = name.split()
    if words[0] in ROYAL:
        return " ".join(words[1:])
    return words[0] if len(words) == 2 and _GIVEN_NAME.match(words[1]) else words[-1]


# "respiratory syncytial virus (RSV)": an acronym of words in lower case is a term.
_TERM = re.compile(r"((?:\b[a-z][\w-]* ){2,6})\(([A-Z]{2,8})\)")


def acronyms(text: str) -> Iterator[str]:
    """All-capital words that may name an organisation (NPR, MSCI, ICC)."""
    for m in _ACRONYM.finditer(text):
        if m.group(0) not in _NOT_ORG:
            yield m.group(0)


def terms(text: str) -> Iterator[str]:
    """Acronyms the text defines from words in lower case ("respiratory syncytial virus (RSV)")."""
    for m in _TERM.finditer(text):
        letters = "".join(w[0] for w in m.group(1).split())
        if letters.upper().endswith(m.group(2)):
            yield m.group(2)
