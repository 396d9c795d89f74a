"""Threats to other people, and abuse aimed at another member.

A threat needs the writer as the one acting and a person as the target: "I'm going
to hurt him" fires; "my boss will kill me if I'm late", "I could murder a pizza" or
"this heat is killing me" do not. "kys" is harassment, not the writer's own risk.
"""

import re

from moderation.classifier.labels import HARASSMENT, HARM_TO_OTHERS, HIGH, IMMINENT_RISK, URGENT
from moderation.classifier.rules import (
    Context,
    Rule,
    at_a_thing,
    earnest,
    hyperbole,
    looking_back,
    negated,
    pattern_rule,
    phrases,
    reported,
    sentence_bounds,
    topic_talk,
)

_PERSON = (
    r"him|her|them|you|u|ya|y'?all|everyone|everybody|people|some ?one|somebody|all of (?:you"
    r"|them)|(?:this|that) (?:\w+ )?(?:guy|girl|man|woman|person|kid|lad|bloke|bitch|bastard"
    r"|prick|twat|cunt|dick)|the (?:lot of them|bullies|bully|teacher|kids)"
    r"|(?:my|his|her|our|their|the) (?:\w+ )?(?:mum|mom|mother|dad|father|brother|sister|bro"
    r"|sis|boss|manager|teacher|ex|partner|husband|wife|boyfriend|girlfriend|bf|gf|flatmate"
    r"|roommate|housemate|neighbou?rs?|colleagues?|co-?workers?|step\w+|friends?|son|daughter"
    r"|kids?|baby|family|classmates?|bull(?:y|ies)|landlord|uncle|aunt|cousin|grandad"
    r"|grandma|nan)"
)
_VIOLENCE = (
    r"kill|murder|stab|shoot|strangle|choke|hurt|beat|batter|attack|poison|bash|smash|punch"
    r"|slit|burn|torture|knife|run over|glass|torch|shove|push|end|hit|cut|break|deck|sort out"
)
_WEAPON = (
    r"knife|knives|blade|bat|gun|shotgun|rifle|taser|crowbar|hammer|machete|axe|tools|kitchen"
    r" knife|pen"
)
# The writer as the one who acts; "could" and "would" stay out ("I could kill him"
# after a long day is venting; the model still sees it).
_SUBJECT = (
    r"i'?m|im|i am|i'?ll|ill|i will|i'?m gonna|imma|i'?ma|i want to|i wanna|i'?d like to"
    r"|gonna|going to"
)
_INTENT = r"going to|gonna|gunna|about to|planning to|plan to|want to|wanna|ready to|decided to"
_W = r"(?:(?!not\b|never\b|n'?t\b|no\b)\w+ )?"
_VICTIM = r"him|her|them|you|u"
_LIST = (
    r"(?:i'?ve|i have|i) (?:got|made|written|wrote|kept|keep|have) a list"
    r"(?: of (?:people|everyone|names))?"
)

# A capitalised name as the target ("I'm going to kill Darren"), with only the verbs
# that cannot be about a place or a shop ("I'll hit Tesco later").
_NAMED = r"(?-i:[A-Z][a-z]{2,})(?! (?-i:[A-Z]))"
_VIOLENCE_TO_NAMED = r"kill|murder|stab|shoot|strangle|batter|beat up|punch|glass|hurt|knife|poison"

THREAT = phrases(
    r"(?:make|making) (?:him|her|them|\w+) bleed",
    r"(?:bleach|poison|rat poison|antifreeze|laxatives?) in (?:his|her|their|my \w+'?s?) (?:tea"
    r"|coffee|drink|food|dinner)",
    r"missed(?: (?:him|her|them))?[.!,]* (?:\w+ )?(?:won'?t|wont|will not) miss (?:next time"
    r"|again|this time)",
    rf"(?:{_SUBJECT}) {_W}(?:(?:{_INTENT}) )?{_W}(?:{_VIOLENCE_TO_NAMED})\w* {_NAMED}",
    rf"(?:{_SUBJECT}) {_W}(?:(?:{_INTENT}) )?{_W}(?:{_VIOLENCE})\w* (?:up )?(?:{_PERSON})",
    rf"i'?ll (?:\w+ ){{1,6}}(?:and|then) (?:{_VIOLENCE})\w* (?:{_VICTIM})",
    rf"(?:put|putting) (?:{_VICTIM}|my \w+) (?:in hospital|on the floor|through (?:a|the) (?:window"
    r"|wall)|in the ground|in a coffin|down the stairs)",
    r"(?:break|breaking|smash|smashing|cave|caving) (?:his|her|their|your|ur|every) (?:\w+ )?"
    r"(?:face|head|arms?|legs?|jaw|nose|skull|neck|bones?)",
    r"(?:set|setting) (?:his|her|their|your) (?:house|car|flat|place) on fire",
    r"with (?:him|her|them) (?:inside|in it|in them)",
    r"(?:shoving|pushing) (?:him|her|them) (?:down|off|in front)",
    r"(?:end|ending|finish|finishing) (?:him|her)(?=\s*[.!,]|\s+(?:before|if|when|for))",
    r"end up in (?:hospital|a coffin|the ground|a wheelchair)",
    r"(?:getting|get|got) (?:it coming|what'?s coming)",
    # Letting a member know they have been traced: "I worked out your town from your
    # old posts".
    r"(?:worked out|found out|figured out|tracked down|traced|know) (?:where (?:you|u) (?:live"
    r"|work|go to school)|(?:your|ur) (?:home )?(?:address|town|street|school|workplace|house"
    r"|real name))(?! (?:is|was) (?:lovely|beautiful|nice|gorgeous))",
    r"(?:is|are|'s|'re) (?:getting it|getting hurt)(?=\s*[.!,]|\s+this|$)",
    r"(?:make|making) (?:them|him|her|you|everyone|all of them|my \w+) (?:all )?(?:pay|feel what)",
    r"i'?ll find (?:you|out who you are|where you live)",
    r"(?:they'?ll|they will|you'?ll|you will|he'?ll|she'?ll) (?:all )?(?:pay|be sorry|regret it)"
    r" (?:for (?:this|what)|when i)",
    r"(?:is|are) going to regret",
    r"(?:(?:no idea|(?:don'?t|dont|do not) know) )?what i (?:think|dream|fantasi[sz]e) about"
    r" doing to (?:them|him|her|you|people)",
    # A list of people kept with a grievance or a time ("Ive got a list. Five names.
    # Everyone who made this year hell"); a list of baby names or of errands is not.
    rf"{_LIST}\W{{1,3}}(?!of\b)(?:\w+ )?names",
    rf"{_LIST}[^.!?]{{0,50}}(?:wronged|hurt me|bullied|laughed at|looked the other way"
    r"|made (?:my|this|that|our) \w+ (?:a )?hell|get what|what'?s coming|get them|pay for"
    r"|their names|the means)",
    rf"{_LIST}\W{{1,3}}(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow"
    r"|tonight|soon)(?=[.!]|\s*$)",
    r"i know where (?:you|u|he|she|they) (?:live|lives|work|works|sleep|park|parks|drink"
    r"|drinks)s?",
    r"i know (?:his|her|their) (?:routine|movements|shifts|route|rota)",
    r"(?:sitting|sat|waiting|parked) outside (?:his|her|their|the) (?:house|flat|place) (?:for"
    r" (?:an?|\w+) hours?|most nights|every night|all night)",
    r"(?:he|she|they)(?:'s| is| are|'re|'ll| will)? (?:not|n'?t|never|won'?t) (?:be )?walk(?:ing)?"
    r" (?:away|home|out)(?! alone| on (?:his|her|their) own| by (?:him|her|them)sel| at night"
    r"| in the dark)",
    r"(?:make|making) sure (?:he|she|they) (?:can'?t|cannot|won'?t) (?:walk|talk|see|work|stand)",
    rf"(?:going (?:over|round) there|going round|pay (?:him|her|them) a visit|waiting outside"
    rf" (?:his|her|their)|waiting for (?:him|her|them))(?: \w+){{0,4}} with (?:a|the|my|some|his"
    rf"|\w+'s) (?:\w+ )?(?:{_WEAPON})",
    r"(?:watch|better watch) (?:your|ur) back",
    r"(?:you'?re|you are|ur|u r) (?:so )?(?:dead|gonna die|going to die|going to get hurt)"
    r" (?:when|if|after|tomorrow|meat)",
    r"(?:thoughts|fantasies|urges?|thinking|thought|think|fantasi[sz]\w*|imagining|imagine)"
    r" (?:of|about) (?:\w+ ){0,2}(?:killing|hurting|stabbing|shooting|strangling|hitting"
    r"|pushing|poisoning|torching|running|battering|shaking|putting something in)"
    r"(?! my ?self| me\b)",
    rf"(?:urge|urges|need|want) to (?:{_VIOLENCE})\w* (?:someone|somebody|people|a stranger"
    r"|strangers|my \w+)",
    r"(?:bring|brought|bringing|take|taking|carry|carrying) (?:a |my |the |\w+'?s )?(?:gun|knife"
    r"|knives|blade|weapon|bomb|machete|axe|something) (?:in)?to (?:school|work|class|uni"
    r"|college|the office|church|the party|hurt)",
    r"(?:shoot|blow|burn) up (?:the|my|this|our) (?:school|office|workplace|class|uni|college"
    r"|church|mosque|synagogue)",
    r"tooled up",
    r"(?:he|she|they|\w+)(?:'s| is| are|'re) (?:getting|gonna get|going to get)"
    r" (?:glassed|stabbed|shanked|bottled|knifed|merked|his head kicked in|her head kicked in)",
    r"how (?:much|many) (?:\w+ ){0,3}(?:it )?(?:would|will|does it|it'?d) (?:it )?take to kill"
    r" (?:someone|somebody|a person|him|her|them|my \w+|an? (?:old|elderly) \w+)",
    # Making someone ill on purpose, and threats that only hint.
    r"how (?:much|many) (?:\w+ ){0,3}(?:it )?(?:would|will|does it|it'?d) (?:it )?take to (?:make"
    r"|get) (?:someone|somebody|him|her|them|my \w+) (?:\w+ )?(?:ill|sick)",
    r"(?:better|best|should|had better) (?:start )?(?:sleep|sleeping) with one eye open",
    r"i know who (?:you|u) are\b[^\n]{0,60}\b(?:watch (?:your ?self|ur ?self|your back|it)"
    r"|you'?ll (?:regret|pay|see))",
    r"if i (?:knew|know|found out|find out|ever find out) where (?:you|u|he|she|they)"
    r" (?:live|lived|lives|work|worked|works)[^.!?\n]{0,20}\bi'?d (?:come|go|be) (?:round|over"
    r"|there|after)",
)
# Means against someone: a weapon carried, kept ready or brought along.
WEAPON = phrases(
    rf"(?:got|brought|bringing|bought|carry|carrying|taking|grab|grabbing|i'?ve got|i have)"
    rf" (?:(?:a|the|my|his|her|\w+'s) ){{0,2}}(?:\w+ ){{0,2}}(?:{_WEAPON})(?! crime)",
    r"(?:sharpening|sharpened|sharpen) (?:the|my|a|his) machete",
    rf"(?:{_WEAPON})(?:'s| is)? (?:in my (?:bag|pocket|hand|car)|by the door|under my pillow"
    r"|in the car|ready)",
)

ABUSE = phrases(
    r"kys|k y s|(?:kill|unalive) ?(?:your ?self|urself|ya ?self|yoself)|go (?:and )?(?:die"
    r"|kill yourself"
    r"|hang yourself)|neck (?:your ?self|urself)|rope (?:your ?self|urself)|drink bleach",
    r"(?:you|u) should (?:just )?(?:die|kill yourself|disappear|not exist|not be alive)",
    r"do (?:us|everyone|the world) a favou?r and (?:die|disappear|leave|kill yourself|go)",
    r"(?:nobody|no one|no-one)(?:'s| is)? (?:likes|loves|wants|cares about|would miss|will miss"
    r"|going to miss|gonna miss|'d miss|ever misses) (?:you|u)",
    r"(?:you'?re|you are|ur|u r|your|youre) (?:such )?(?:an? )?(?:(?:fucking|fking|pathetic"
    r"|stupid|absolute|total|complete|worthless|disgusting|fat|ugly) )*(?:pathetic|worthless"
    r"|loser|idiot|moron|freak|attention ?seek(?:er|ing|ing (?:little )?\w+)|waste of (?:space"
    r"|oxygen|air)|disgusting|retard(?:ed)?|failure|joke|clown|cunt|bitch|twat|prick|nobody"
    r"|parasite|snowflake|drama queen|faker?)",
    r"(?:shut up|shut the fuck up|stfu),? (?:you|u) (?:\w+ )?(?:idiot|loser|freak|bitch|cunt"
    r"|twat|prick|moron|clown|snowflake|attention seeker)",
    r"(?:you|u) (?:are|'re) (?:just )?faking (?:it|your)",
    r"(?:get a life|grow a pair|man up|toughen up),? (?:you|u)",
    r"(?:you'?re|you are|ur|u r|youre) (?:so|such an?) (?:cringe|ugly|fake|boring|annoying"
    r"|dramatic|selfish|fat|fatty|pathetic)",
    r"cry harder|get over (?:your ?self|urself)|go cry (?:to|about|some ?more|harder|elsewhere)",
    # Goading a member who spoke of suicide: "go on then, do it. you won't."
    r"(?:go on(?: then)?|do it then)[,.!]* (?:do it[,.!]* )?(?:you won'?t|u wont|coward"
    r"|i dare (?:you|u)|prove it)",
    r"(?:(?:you|u) (?:won'?t|wont|never will)|(?:you|u)'?ll never) (?:actually )?(?:do it"
    r"|go through with it)",
    r"if (?:you|u) (?:were|was) (?:really|actually|genuinely) (?:suicidal|going to do it"
    r"|serious)",
    r"(?:you'?d|you would|u would|ud) (?:have )?(?:done it|be dead) (?:by now|already)",
    r"retard(?:ed|s)?|so autistic",
    r"no wonder (?:ur|you'?re|youre|you are) (?:alone|single|unloved|friendless)",
    r"no wonder (?:your|ur) (?:\w+ )?(?:left|doesn'?t want|didn'?t want|hates|cheated)",
    r"(?:nobody|no one|no-one) (?:wants|cares) to (?:hear|read) (?:about )?(?:your|ur|this|you)",
    r"(?:wall guides?|mods?|everyone)(?: must)? (?:be|are|is) (?:so )?sick of (?:you|u|your)",
    r"(?:you'?re|you are|ur|youre|u r) (?:just )?(?:faking|making (?:it|this) up|lying)"
    r"(?: \w+)? for attention",
    r"(?:you|u|who'?d|you'?d) (?:\w+ )?fake \w+ for attention",
    r"(?:you|u|ur|so|then|just|now)[,.!]* follow through (?:for once|already)",
    r"(?:we'?re|we are|everyone'?s|everyone is) (?:all )?waiting[.,!]* go on",
    r"if (?:you|u) (?:really|actually|genuinely) meant it",
    r"pity points|attention points",
    r"stop feeding the troll|this clown|(?:an absolute|absolute|such a) (?:leech|parasite)",
    r"(?:can'?t|cannot) stand you|less of you to put up with",
    # Contempt aimed at someone, and a wish for their death dressed as a greeting.
    r"(?:is|he'?s|she'?s|they'?re|you'?re|ur|youre) (?:a |an )?(?:\w+ )?waste of (?:oxygen"
    r"|skin|air)",
    r"with a face like (?:that|yours|urs)",
    r"(?:forum'?s|site'?s|group'?s|resident|our|(?:you'?re|you are|ur|youre) (?:a|the|such a))"
    r" (?:resident )?(?:charity case|sob story|pity case)",
    r"(?:everyone|everybody|we|they|the whole (?:class|team|year)) (?:\w+ )?(?:oinks?|oinking"
    r"|moos?|mooing|barks?|barking) (?:at (?:her|him|them)|when (?:she|he|they) (?:walks?|comes?)"
    r" in)",
    r"survived another (?:week|day|month|year)[^.!?\n]{0,20}[.!?,]\s*(?:shame|pity|unfortunately"
    r"|sadly)",
    # A member lumped in with a group and sneered at: "Boomers like you wrecked...".
    r"(?:boomers|zoomers|millennials|snowflakes|lefties|libtards|muslims|jews|immigrants"
    r"|foreigners|gays|trannies) like (?:you|u|yourself)(?! and (?:me|i|my)\b)",
    # The sneer as a sentence of its own: "My nan just got on with it. Snowflake."
    r"(?<=[.!?\n])\s*(?:snowflake|cry ?baby|drama queen)(?=\s*[.!]*\s*$)",
)

_SOMEONE = re.compile(
    r"\b(he|she|they|him|her|them|his|their|he's|she's|they're|girl|boy|guy|lad|lads|man|woman"
    r"|bloke)\b",
    re.I,
)


# A blade bought for butchering or woodwork, or a nail gun. "Kitchen" is left out: a
# kitchen knife in someone's hand is the commonest weapon there is.
_TRADE = phrases(
    r"butcher\w*|fillet\w*|boning|whittl\w*|woodwork\w*|recipe|carv\w* (?:the |a )?(?:joint"
    r"|turkey|roast|chicken|pumpkin)|(?:nail|glue|staple|heat|caulk\w*|grease|paint) guns?"
)
# Intrusive thoughts of harm, named as OCD: unwanted, and a clinician's matter, not a threat.
_INTRUSIVE = phrases(r"ocd|intrusive (?:thoughts?|images?)|erp|exposure (?:and|&) response")


# "i want to kill my brother he ate my leftover curry": the reason given is a petty
# one, the way siblings and flatmates talk.
_PETTY = phrases(
    r"(?:ate|eaten|eating|eats|finished|drank|drunk|nicked|nicks|pinched|stole|took|takes|used"
    r"|uses|hogged|hogging) (?:\w+ )?(?:my|the|all (?:my|the|of my)) (?:\w+ )?(?:leftovers?"
    r"|curry|pizza|chips|crisps|snacks?|chocolate|cake|biscuits?|sweets|food|dinner|lunch|milk"
    r"|cereal|last (?:slice|biscuit|bit|one|bite)|hot water|charger|headphones|hoodie|jumper"
    r"|makeup|shampoo|chair|spot|seat|remote)",
    r"(?:spoil\w*|ruin\w*) (?:the )?(?:ending|finale|episode|show|film|movie|book|match)",
)


def _petty(text: str, start: int, end: int) -> bool:
    """The sentence gives a petty grievance as the reason, and the writer does not
    say they mean it."""
    low, high = sentence_bounds(text, start, end)
    return not earnest(text) and bool(_PETTY.search(text, low, high))


def _a_trade(text: str, start: int, end: int) -> bool:
    low, high = sentence_bounds(text, start, end)
    return bool(_TRADE.search(text, low, high))


def _intrusive(text: str, start: int, end: int) -> bool:
    """The post names the thought as OCD or intrusive, and not to deny it ("it's not
    like ocd thoughts, i actually want to")."""
    named = (m for m in _INTRUSIVE.finditer(text) if not negated(text, m.start(), m.end()))
    return not earnest(text) and any(named)


def _weapon_rule(label: str, *, someone_named: bool) -> Rule:
    """A weapon at hand is a risk to the person the post is about: someone else if
    the post names one, otherwise the writer."""
    base = pattern_rule(
        "weapon_at_hand",
        label,
        URGENT,
        WEAPON,
        unless=(negated, looking_back, topic_talk, _a_trade),
    )

    def find(context: Context):
        if bool(_SOMEONE.search(context.plain)) == someone_named:
            yield from base.find(context)

    return Rule(base.name, label, URGENT, find)


# "I could kill him" is venting, unless the writer says it is not ("I could kill
# Kieran. Like actually. I've thought about how").
COULD = phrases(
    rf"i could (?:\w+ )?(?:{_VIOLENCE})\w* (?:{_PERSON}|{_NAMED})",
)


def _not_earnest(text: str, start: int, end: int) -> bool:
    return not earnest(text)


RULES = (
    pattern_rule(
        "threat_to_others",
        HARM_TO_OTHERS,
        URGENT,
        THREAT,
        unless=(negated, hyperbole, _intrusive, _petty, at_a_thing),
    ),
    pattern_rule("threat_to_others", HARM_TO_OTHERS, URGENT, COULD, unless=(_not_earnest,)),
    _weapon_rule(HARM_TO_OTHERS, someone_named=True),
    _weapon_rule(IMMINENT_RISK, someone_named=False),
    pattern_rule("abuse_aimed_at_member", HARASSMENT, HIGH, ABUSE, unless=(reported, negated)),
)
