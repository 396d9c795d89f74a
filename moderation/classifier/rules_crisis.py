"""The crisis lexicon: how people actually write about suicide and self-harm,
slang, euphemism and misspellings included ("kms", "unalive", "sewer slide").

Imminent phrases (a plan, a time, means at hand, a goodbye) are in rules_imminent.
Recovery stories ("a year clean from cutting") and negations ("I'd never kms") do
not fire: members must be able to talk about getting better.
"""

from moderation.classifier.labels import HIGH, SELF_HARM, SUICIDAL_IDEATION
from moderation.classifier.rules import (
    about_someone_else,
    in_recovery,
    negated,
    not_first_person,
    pattern_rule,
    phrases,
    reported,
    sentence_bounds,
    topic_talk,
)

# The ways of saying "end my life", misspellings and slang included.
# "kms" after a number is kilometres.
SUICIDE_ACT = (
    r"(?:kill|kil+) ?(?:my ?self|me ?self|myslef|mysefl)|(?<!\d)(?<!\d\s)(?:kms|k m s)"
    r"|unalive (?:my ?self|me)"
    r"|un ?aliv(?:e|ing)(?! ?(?:your|ur|them|him|her) ?sel)(?: my ?self)?"
    r"|end (?:it all|my life|everything|my own life)"
    r"|end it(?! (?:with|between|off|there|here))"
    r"|take my (?:own )?life|off my ?self|top my ?self|commit (?:suicide|sucide|suicde)"
    r"|(?:sewer|seweer) ?slide|sewer ?cide|self ?delete|hang my ?self|ctb|catch the bus for good"
)
IDEATION = phrases(
    SUICIDE_ACT,
    r"(?:looking up|researching|googling|searched|searching) (?:how to|ways to|methods? (?:of|to)"
    r"|the (?:best|easiest|quickest) way to) (?:die|kill myself|end it|overdose|od|hang|unalive)",
    r"(?:want|wanna|wanted|wish|wishing|would like|need) (?:to )?(?:just )?(?:die|be dead|d1e|dye"
    r"|not exist|not be alive|not be here|stop existing|disappear forever|sleep forever)",
    r"(?:wish|wished) (?:i|that i) (?:was|were|'d|had) (?:dead|never been born|not born|not here"
    r"|not alive|gone)",
    r"(?:don'?t|do not|dont) want to (?:be alive|live|exist|be here|wake up|go on|keep going)"
    r"(?: any ?more)?",
    r"(?:hope|hoping|pray|praying|wish) (?:that )?i (?:don'?t|do not|never|won'?t) wake up",
    r"(?:go to sleep|fall asleep|sleep) and (?:not|never) wake up",
    r"not (?:to )?wake up (?:tomorrow|again|in the morning)",
    r"(?:better off|be better) (?:without me|dead|if i (?:was|were)(?:n'?t| not) (?:here|around"
    r"|alive))",
    r"no (?:reason|point) (?:to live|in living|to go on|to keep going|living|being alive)",
    r"(?:life|living) (?:is not|isn'?t|is n'?t|aint|ain'?t) worth (?:it|living)",
    r"thoughts of (?:suicide|ending (?:it|my life)|killing myself|dying)",
    r"(?:walk|walking|wade|wading) into the (?:sea|river|water|lake)",
    r"(?:jump|jumping|throw myself) (?:off|from|in front of) (?:a |the )?(?:bridge|building|roof"
    r"|train|car|bus|cliff|car park|tracks)",
    r"how (?:many|much) (?:\w+ )?(?:pills|tablets|paracetamol) (?:would|does it|to|will) (?:it )?"
    r"(?:take|kill)",
    r"(?:i|im|i'?m|i am) (?:so )?(?:done with|tired of) (?:life|living|being alive|existing)",
    r"(?:can'?t|cannot) (?:do|live) (?:this|life) any ?more",
    r"(?:ready|want) to (?:go|leave) (?:for good|forever)",
    r"(?:everyone|everybody|they) (?:would|'d|will) be (?:happier|better|fine) without me",
    r"(?:nobody|no one|no-one) (?:would|will|'d) (?:even )?(?:miss|notice|care) (?:me|if i)",
)

# Bare words: a disclosure only when the writer speaks of themself and not of a topic.
IDEATION_TERMS = phrases(
    r"suicidal|suicidle|suicidel|sucidal|suisidal",
    r"suicid(?:e|al) (?:thoughts|ideation|feelings|urges|plans?)",
)
SELF_HARM_TERMS = phrases(
    r"self ?harm(?:ing|ed|s)?|self ?injur(?:y|ing|e|ed)|self ?mutilat\w*",
)

SELF_HARM_PHRASES = phrases(
    r"(?:cut|cutting|cuts|burn|burning|burnt|burned|scratch|scratching|carve|carving|punch"
    r"|punching|hit|hitting|bang|banging|starve|starving|harm|harming) ?(?:my ?self|me ?self"
    r"|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?))",
    r"(?:want|wanna|urge|urges|need|going|gonna|tempted|started|keep|kept|wanted) (?:to )?"
    r"(?:\w+ )?(?:hurt|harm|cut|burn|punish|injure) my ?self",
    r"sh (?:urges?|again|relapse|scars?|cuts?|wounds?|tonight)|relapsed? (?:on|with|into) sh",
    r"(?:fresh|deep|new) (?:cuts|wounds|scars)",
    r"(?:urge|urges|need|want|wanting|craving) to (?:cut|burn|bleed)(?! (?:down|back|out|off"
    r"|ties|costs|corners|it|them|the|my hair|sugar|caffeine))",
    r"cutting again|cut again|relapsed (?:and|last night|yesterday|today)",
    r"(?:my )?(?:blades?|razors?|sharpener) (?:out|again|ready|in my)",
    r"(?:took|take|taking) (?:apart )?(?:a )?(?:razor|sharpener) (?:apart|blades?)",
    r"barcode arms?",
    r"(?:bleed|bleeding) (?:on purpose|again)",
    r"(?:deserve|deserved) (?:to )?(?:be hurt|the pain|pain|to bleed|to suffer)",
)

# Cutting yourself while cooking or shaving is an accident, not self-harm.
_ACCIDENT = phrases(
    r"shaving|cooking|chopping|slicing|by accident|accidentally|on (?:a|the) (?:knife|glass"
    r"|paper|tin|can|oven|stove|iron|kettle|pan|hob)|paper cut|at the gym|playing|working out"
    r"|fell|in the sun|sunburn|finger|nose ?bleed"
)


# "I was so embarrassed I wanted to die" is a figure of speech.
_EMBARRASSED = phrases(r"embarrass\w*|cringe\w*|mortified|so funny|hilarious|dying laughing")


def _idiom(text: str, start: int, end: int) -> bool:
    low, high = sentence_bounds(text, start, end)
    return bool(_EMBARRASSED.search(text, low, high))


def accidental(text: str, start: int, end: int) -> bool:
    """The sentence tells of an accident: shaving, cooking, a paper cut."""
    low, high = sentence_bounds(text, start, end)
    return bool(_ACCIDENT.search(text, low, high))


_ABOUT_ME = (negated, in_recovery, about_someone_else)

RULES = (
    pattern_rule(
        "crisis_lexicon", SUICIDAL_IDEATION, HIGH, IDEATION, unless=(*_ABOUT_ME, reported, _idiom)
    ),
    pattern_rule(
        "crisis_lexicon",
        SUICIDAL_IDEATION,
        HIGH,
        IDEATION_TERMS,
        unless=(*_ABOUT_ME, reported, not_first_person, topic_talk),
    ),
    pattern_rule(
        "self_harm_lexicon", SELF_HARM, HIGH, SELF_HARM_PHRASES, unless=(*_ABOUT_ME, accidental)
    ),
    pattern_rule(
        "self_harm_lexicon",
        SELF_HARM,
        HIGH,
        SELF_HARM_TERMS,
        unless=(*_ABOUT_ME, not_first_person, topic_talk),
    ),
)
