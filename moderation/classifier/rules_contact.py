"""Contact details: phone numbers, emails, social-media handles, street addresses.

Members are anonymous, and a contact detail in a post is the usual first step of
grooming or of someone being identified. A forum `@handle` mention is not contact
detail, and neither are public helpline numbers: we want those shared.
"""

import re

from moderation.classifier.labels import NORMAL, PERSONAL_INFO
from moderation.classifier.rules import (
    Context,
    Rule,
    context_for,
    negated,
    pattern_rule,
    phrases,
    sentence_bounds,
)

# Helplines as digit strings, so any spacing of them is recognised. Numbers shorter
# than seven digits (116 123, 999, 111, 988, 911, 000, 85258, 741741...) never look
# like a phone number to the rules below, so only the long ones are listed.
HELPLINES = frozenset(
    {
        "08001111",  # Childline
        "0800585858",  # CALM
        "08000684141",  # Papyrus HOPELINE247
        "07860039967",  # Papyrus text line
        "03001233393",  # Mind infoline
        "03003047000",  # SANEline
        "08088084994",  # The Mix
        "08082000247",  # National Domestic Abuse Helpline
        "08088010525",  # Switchboard LGBT+
        "08081640123",  # Samaritans Welsh-language line
        "08000121112",  # Beat (eating disorders) adult line
        "18002738255",  # US National Suicide Prevention Lifeline (before 988)
        "18006624357",  # SAMHSA helpline
        "1800551800",  # Kids Helpline (Australia)
        "1800247247",  # Pieta (Ireland)
        "0800543354",  # Lifeline Aotearoa
        "08001000",  # Nummer gegen Kummer-style short free lines
        "0800838587",  # Breathing Space (Scotland)
        "08001381619",  # Combat Stress (veterans)
        "08088021212",  # Veterans' Gateway
        "08004708090",  # The Silver Line (older people)
        "08088010677",  # Beat (eating disorders) helpline
        "03003300630",  # Switchboard LGBT+ (national rate)
        "08088004444",  # Shelter (housing)
        "1300224636",  # Beyond Blue (Australia)
        "18338564566",  # Talk Suicide Canada (1-833-456-4566)
        "18664887386",  # The Trevor Project (US)
        "18007997233",  # US National Domestic Violence Hotline
    }
)

_DIGIT_RUN = re.compile(r"(?<![\w.,£$€])(?:\+|\()?\d(?:[ \t().\-]{0,3}\d)+\)?(?!\w)")
_US_NUMBER = re.compile(r"(?:\+?1[ .\-]?)?\(?[2-9]\d{2}\)?[ .\-]?\d{3}[ .\-]?\d{4}")
_PHONE_CUE = re.compile(
    r"\b(call|text|ring|phone|number|no\.?|num|mob(ile)?|cell|tel|whats ?app|reach me"
    r"|contact me|my digits)\b[^.!?\n]{0,25}$",
    re.I,
)
_NUMBER_WORD = (
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|hundred"
    r"|double|triple|treble|\d+)"
)
_NUMBER_WORDS = re.compile(rf"\b{_NUMBER_WORD}(?:[\s,\-]+{_NUMBER_WORD}){{6,}}\b", re.I)
_WORD_DIGITS = {"double": -2, "triple": -3, "treble": -3}
# A spelt-out number needs nine digits to look like a phone, or seven after a cue
# ("my number is five five five, oh one three two").
SPELT_DIGITS, SPELT_DIGITS_AFTER_CUE = 9, 7


def _is_helpline(digits: str) -> bool:
    national = "0" + digits[2:] if digits.startswith("44") else digits
    return digits in HELPLINES or national in HELPLINES


def _looks_like_phone(text: str, run: str, start: int) -> bool:
    digits = re.sub(r"\D", "", run)
    if _is_helpline(digits):
        return False
    if run.startswith("+"):
        return 8 <= len(digits) <= 15
    if digits.startswith("00"):
        return 10 <= len(digits) <= 15
    if digits.startswith("0"):
        return 10 <= len(digits) <= 11
    if _US_NUMBER.fullmatch(run.strip()):
        return True
    cue = _PHONE_CUE.search(text[max(0, start - 40) : start])
    return bool(cue) and 7 <= len(digits) <= 15


def _find_phones(context: Context):
    for match in _DIGIT_RUN.finditer(context.text):
        if _looks_like_phone(context.text, match.group(0), match.start()):
            yield match.span()


def _spoken_digit_count(words: list[str]) -> int:
    count, repeat = 0, 1
    for word in words:
        if word in _WORD_DIGITS:
            repeat = -_WORD_DIGITS[word]
            continue
        # "nine hundred" is three digits: the hundred adds two.
        digits = len(word) if word.isdigit() else 2 if word == "hundred" else 1
        count, repeat = count + repeat * digits, 1
    return count


def _find_phones_in_words(context: Context):
    """ "oh seven seven double oh nine...": a number spelt out to dodge filters."""
    for match in _NUMBER_WORDS.finditer(context.text):
        words = re.split(r"[\s,\-]+", match.group(0).lower())
        spelt = sum(not w.isdigit() for w in words) >= 3
        starts_like_phone = words[0] in {"zero", "oh", "o", "nought", "0", "double"}
        cue = _PHONE_CUE.search(context.text[max(0, match.start() - 40) : match.start()])
        digits = _spoken_digit_count(words)
        long_enough = (
            digits >= SPELT_DIGITS if starts_like_phone else digits >= SPELT_DIGITS_AFTER_CUE
        )
        if spelt and (starts_like_phone or cue) and long_enough:
            yield match.span()


_TLD = r"(?:com|net|org|co ?(?:\.|dot) ?uk|uk|io|edu|ac ?(?:\.|dot) ?uk|gov ?(?:\.|dot) ?uk|ie)"
_AT = r"(?: ?[(\[{<] ?at ?[)\]}>] ?| at | ?@ ?)"
_DOT = r"(?: ?[(\[{<] ?dot ?[)\]}>] ?| dot |\.)"
_PROVIDER = r"(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|protonmail|proton|aol|btinternet)"
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b", re.I)
EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+\-])[\w.+\-]{{2,}}(?: dot [\w\-]+)*{_AT}(?:[\w\-]{{2,}}{_DOT}{_TLD}|{_PROVIDER})"
    r"(?![\w])",
    re.I,
)

_PLATFORM = (
    r"insta(?:gram)?|ig|snap(?:chat)?|sc|tik ?tok|discord|twitter|x|whats ?app|telegram"
    r"|kik|face ?book|fb|threads|bluesky|bsky|reddit|youtube|twitch|tumblr|signal|wickr"
    # LINE the app, not Shout's "text line" or a "crisis line".
    r"|wechat|viber|skype|onlyfans|(?<!text.)(?<!crisis.)(?<!phone.)(?<!support.)(?<!advice.)"
    r"(?<!help.)line|psn|xbox|steam|bereal|vinted|depop|roblox|minecraft"
    r"|fortnite|linkedin"
)
SOCIAL_INVITE = phrases(
    r"(?:add|follow|message|msg|dm|pm|text|hmu|hit me up|find|reach|contact|talk to|chat"
    rf" to|chat with|friend|sub) (?:me |us )?(?:on|at|over|via) (?:the |my )?(?:{_PLATFORM})",
    rf"(?:my|our) (?:{_PLATFORM}) (?:name |handle |username |user |id |tag )?(?:is|=|:|-)"
    r" ?@?(?:[\w.]*[\d_.][\w.]*|[\w.]{3,}(?= ?(?:$|[.!,\n])))",
    rf"(?:{_PLATFORM}) ?(?:name|handle|username|user|id|tag)? ?[:=] ?@?[\w.]{{3,}}",
    rf"(?:{_PLATFORM}) (?:is|name is|handle is|username is) @?[\w.]*[\d_.][\w.]*",
    rf"on (?:{_PLATFORM}) as @?[\w.]{{3,}}",
    r"(?:kik|snap|snapchat|whatsapp|telegram|discord|insta|dm me on) me(?! up)",
)
# Asking members for their contact details, or offering to come to them.
CONTACT_ASKED = phrases(
    r"(?:give|send|tell|dm|pm|message|text) (?:me|us) (?:your|ur|yr|their) (?:(?:"
    rf"{_PLATFORM}) )?(?:numbers?|usernames?|handles?|snaps?|whats ?app|insta|address|addy"
    r"|socials|deets)",
    r"(?:drop|post|share|leave) (?:your|ur|yr) (?:(?:"
    rf"{_PLATFORM}) )?(?:numbers?|usernames?|handles?|snaps?|socials|whats ?apps?) (?:below|here"
    r"|in the comments)",
    r"swap (?:snaps|numbers|socials|usernames|handles|insta|whats ?app|deets|contact details)",
    r"how old (?:are|r) (?:you|u)[,?]* (?:and|&) (?:where|whereabouts|where abouts)",
    r"(?:i can|i could|i'?ll|i will|happy to|let me) (?:\w+ )?(?:drive|come|pop|cycle|get the"
    r" (?:bus|train)) (?:over |round |down |up )?(?:to (?:you|yours|your (?:place|house|flat))"
    r"|and (?:see|meet) (?:you|u))(?![\w'])",
)
_NOT_A_HANDLE = re.compile(
    r"(?:is|=|:|-) ?(private|public|dead|gone|deleted|down|blocked|empty|off|boring|new|old)\W*$",
    re.I,
)
DISCORD_TAG = re.compile(r"(?<![\w#])[\w.]{2,32}#\d{4}(?!\w)")
MENTION = "@member"
AT_WORD = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)")
_AT_CUE_BEFORE = re.compile(
    rf"(\b(?:{_PLATFORM})\b|twitter/x|\badd me\b(?! as)|\bfollow me\b|\bdm me\b|\bhmu\b"
    r"|\bhit me up\b|\bmessage me\b|\bfind me\b|\bmy (?:user)?name\b|\bhandle\b)[^.!?\n]{0,40}$",
    re.I,
)
_AT_CUE_AFTER = re.compile(
    rf"^[^.!?\n]{{0,20}}?\b(?:on|at|via) (?:{_PLATFORM})\b|^ ?\((?:{_PLATFORM})\)", re.I
)


# "the page at nhs.uk" is prose: a plain " at " with a real domain counts only when
# the name before it looks like a username or the domain is a mail provider.
_PROSE_AT = re.compile(rf"^[A-Za-z]+ at (?!{_PROVIDER})[\w\-]+\.[\w.]+$", re.I)


def _find_disguised_emails(context: Context):
    for match in EMAIL_OBFUSCATED.finditer(context.text):
        found = match.group(0)
        if not EMAIL.fullmatch(found) and not _PROSE_AT.match(found):
            yield match.span()


def _find_social_invites(context: Context):
    for match in SOCIAL_INVITE.finditer(context.text):
        if not _NOT_A_HANDLE.search(match.group(0)):
            yield match.span()


def _at_word_is_social(context: Context, match: re.Match) -> bool:
    """Forum mention or social handle? With a list of forum handles, anything not on
    it is social; without one, only an @word near a platform cue is."""
    if context.handles is not None:
        return match.group(1).lower() not in context.handles
    start, end = match.span()
    before = context.text[max(0, start - 60) : start]
    return bool(_AT_CUE_BEFORE.search(before) or _AT_CUE_AFTER.search(context.text[end:]))


def forum_mentions(text: str, handles=None) -> list[tuple[int, int]]:
    """Spans of the @mentions of forum members (see _at_word_is_social)."""
    context = context_for(text, handles)
    return [m.span() for m in AT_WORD.finditer(text) if not _at_word_is_social(context, m)]


def mentions_masked(text: str, handles=None) -> str:
    """The text with every forum mention replaced by "@member". The model then learns
    nothing from particular handles, and a mention looks nothing like a social handle."""
    for start, end in reversed(forum_mentions(text, handles)):
        text = text[:start] + MENTION + text[end:]
    return text


def _find_social_handles(context: Context):
    for match in AT_WORD.finditer(context.text):
        if _at_word_is_social(context, match):
            yield match.span()
    for match in DISCORD_TAG.finditer(context.text):
        yield match.span()


# A full name given as the writer's or someone else's ("I'm Helen Proctor", "my ex is
# Liam Booth", "Dr Anil Kapoor"). Case matters: names are written capitalised.
_NAME = r"[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?"
FULL_NAME = re.compile(
    rf"(?:(?i:my (?:full )?name is|my name'?s|name'?s|i'?m|i am|this is|call me|named|called"
    rf"|(?:my|his|her|their|our) (?:[\w']+ ){{0,2}}(?:is|was)) |\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.? )"
    rf"({_NAME}(?: {_NAME}){{1,2}})\b"
)
# Capitalised words that follow "I'm" or "is" without being a name.
_NOT_NAME_WORDS = """
I Im The A An And But So Not Just Really Very Still Now Here There This That It Its My Your
Our Their His Her Mental Health Christmas Boxing Day Easter New Year Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August September
October November December English British Welsh Scottish Irish GP NHS Wall Guide Guides
Harbour Samaritans God Jesus Lord Mum Dad Mom Nan Gran Grandad Sky
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def _find_full_names(context: Context):
    for match in FULL_NAME.finditer(context.text):
        words = match.group(1).replace("-", " ").split()
        if not any(word.strip("'\u2019") in _NOT_NAMES for word in words):
            yield match.span(1)


# A full name beside where the person can be found: a school year, a university, a
# workplace, a social network ("Nathan Cole, Year 13 at Ridgeway", "Callum Pryce who
# works at the Halfords", "Search 'Bex Harland Pottery' on Facebook"). A name that is
# part of the place ("Leeds Beckett University") is not one.
_PLACE_WORDS = (
    r"Uni|University|College|High|Academy|School|Sixth|Primary|Hospital|Centre|Center|Road"
    r"|Street|Lane|Park|Ward|Hall|House|Trust|Council|Clinic|Surgery|Practice"
)
_PERSON_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
NAME_BESIDE_PLACE = re.compile(
    rf"\b({_PERSON_NAME} {_PERSON_NAME})\b(?! (?:{_PLACE_WORDS})\b)(?!-)"
)
_FINDABLE_AT = re.compile(
    r"\b(?:[Yy]ear \d{1,2}\b|(?:Academy|High|School|Sixth Form|Uni|University|College|Primary)\b"
    r"|Clinic|Surgery|Practice|Hospital"
    r"|(?i:facebook|insta(?:gram)?|linkedin|tiktok)\b|works? (?:at|for)\b|working at\b)"
)
_FINDABLE_WINDOW = 60
# Capitalised pairs near a school or a university that are services, courses or events.
_NOT_PERSON_WORD_LIST = """
First Aid Open Day Student Students Union Services Service Support Wellbeing Counselling
Freshers Week Team Society Club Group Department Library Careers Halls Exam Exams Board Head
Form Tutor Class Mock Sports Health Care Unit Mind Minds Disability Advice Centre Office
Welfare Pastoral Nurse Officer Network Guild Chaplaincy Medical School Boys Girls Park
"""


_NOT_PEOPLE = (
    _NOT_NAMES | frozenset(_NOT_PERSON_WORD_LIST.split()) | frozenset(_PLACE_WORDS.split("|"))
)


def _find_names_beside_places(context: Context):
    text = context.text
    for match in NAME_BESIDE_PLACE.finditer(text):
        words = match.group(1).replace("-", " ").split()
        if any(word.strip("'\u2019") in _NOT_PEOPLE for word in words):
            continue
        low, high = sentence_bounds(text, match.start(), match.end())
        window = text[
            max(low, match.start() - _FINDABLE_WINDOW) : min(high, match.end() + _FINDABLE_WINDOW)
        ]
        if _FINDABLE_AT.search(window.replace(match.group(1), "")):
            yield match.span(1)


# Postcode inward codes never use C, I, K, M, O or V; lower-case "2nd" and "4th" are
# ordinals ("B33 8TH" is a postcode).
UK_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d(?!(?-i:st|nd|rd|th)\b)"
    r"[ABD-HJLNP-UW-Z]{2})\b",
    re.I,
)
_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Terrace"
    r"|Place|Pl|Gardens|Grove|Court|Ct|Boulevard|Blvd|Square|Sq|Mews|Row|Walk|Parade)"
)
# A capitalised street name after a house number ("42 Elm Road"), or any street
# after "I live at" and the like; lower-case "3 miles down the road" is neither.
STREET_ADDRESS = re.compile(rf"\b\d{{1,4}}[A-Za-z]?,? (?:[A-Z][a-z'\-]+ ){{1,3}}{_STREET}\b")
STREET_ADDRESS_AFTER_CUE = re.compile(
    r"\b(?:live|living|address is|flat|house|staying|come to|i'?m) (?:at |on |is |in )?"
    rf"(?:number |no\.? )?\d{{1,4}}[a-z]?,? (?:[a-z'\-]+ ){{1,3}}{_STREET}\b",
    re.I,
)


RULES = (
    Rule("phone_number", PERSONAL_INFO, NORMAL, _find_phones),
    Rule("phone_number_in_words", PERSONAL_INFO, NORMAL, _find_phones_in_words),
    pattern_rule("email_address", PERSONAL_INFO, NORMAL, EMAIL, plain=False),
    Rule("email_address_disguised", PERSONAL_INFO, NORMAL, _find_disguised_emails),
    Rule("offsite_contact_invite", PERSONAL_INFO, NORMAL, _find_social_invites),
    pattern_rule("contact_details_asked", PERSONAL_INFO, NORMAL, CONTACT_ASKED, unless=(negated,)),
    Rule("social_media_handle", PERSONAL_INFO, NORMAL, _find_social_handles),
    Rule("full_name", PERSONAL_INFO, NORMAL, _find_full_names),
    Rule("full_name", PERSONAL_INFO, NORMAL, _find_names_beside_places),
    pattern_rule("uk_postcode", PERSONAL_INFO, NORMAL, UK_POSTCODE, plain=False),
    pattern_rule("street_address", PERSONAL_INFO, NORMAL, STREET_ADDRESS, plain=False),
    pattern_rule("street_address", PERSONAL_INFO, NORMAL, STREET_ADDRESS_AFTER_CUE, plain=False),
)
