"""The crisis lexicon: how people actually write about suicide and self-harm,
slang, euphemism and misspellings included ("kms", "unalive", "sewer slide").

Imminent phrases (a plan, a time, means at hand, a goodbye) are in rules_imminent.
Recovery stories ("a year clean from cutting") and negations ("I'd never kms") do
not fire: members must be able to talk about getting better.
"""

import re

from moderation.classifier.labels import HIGH, SELF_HARM, SUICIDAL_IDEATION
from moderation.classifier.rules import (
    about_someone_else,
    at_a_thing,
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
    r"(?:wish|wished) (?:i|that i)(?:'d| had) died(?! laughing)",
    r"(?:wish|wished) (?:i|that i) (?:was|were|'d|had) (?:dead|never been born|not born|not here"
    r"|not alive|gone)",
    r"(?:don'?t|do not|dont) want to (?:be alive|live|exist|be here|wake up|go on|keep going)"
    r"(?: any ?more)?",
    r"(?:hope|hoping|pray|praying|wish) (?:that )?i (?:don'?t|do not|never|won'?t) wake up",
    # "Suicidal again. Same old.": the state said alone, as a sentence of its own.
    r"(?:^|(?<=[.!?\n])\s*)(?:feeling |been |so |very )?(?:suicidal|suicidle|sucidal)(?: again"
    r"| today| tonight| lately| rn| af)?(?=\s*(?:[.!?\n]|$))",
    r"(?:pray|praying|prayed|hope|hoping|ask|asking)(?: (?:every|each|at) \w+)? (?:that )?"
    r"(?:god|the lord|jesus|allah)"
    r" (?:will |would |to )?(?:just )?(?:takes?|took) me(?! (?:home safe|through|to))",
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
    # Passive wishes and thoughts without a plan: still a member a guide should see.
    r"(?:think|thinking|thought|thoughts|keep thinking) (?:about|of) (?:ending (?:it|things"
    r"|everything|my life)|not being (?:here|alive|around)|being dead|suicide|killing myself"
    r"|how i'?d do it)(?! (?:with|between|off|on|early))",
    r"ending (?:it|things|everything) (?:properly|for good|would be easier|feels like)",
    r"(?:stay|stayed|staying) asleep (?:for good|forever|permanently)|sleep (?:for good"
    r"|permanently)|stay there permanently",
    r"(?:hop(?:e|ing)|pray(?:ing)?|wish(?:ing)?) (?:that )?my heart (?:just )?stops",
    r"(?:ask|asking|asked|beg|begging) (?:god|the lord|him) to take me",
    r"(?:wouldn'?t|would not|'d not|wouldnt) mind (?:at all )?if (?:i (?:didn'?t|never|died"
    r"|did not|went|go)|the end (?:came|comes)|(?:god|the lord|he|it) took me)",
    r"(?:i|me|myself)\b[^.!?\n]{0,20}(?:stop|stopped) existing|i (?:could |would |should )?not"
    r" exist any ?more|delete (?:my ?self|me) from (?:existence"
    r"|the world|life)|(?:log ?out|logout|quit|unsubscribe|opt out) (?:of|from) (?:life"
    r"|existence|living)",
    r"(?:envy|envious|jealous)(?: \w+){0,4} (?:of )?(?:people|those|everyone) who(?:'ve| have)?"
    r" (?:died|die)|obituaries[^.!?\n]{0,30}(?:envious|jealous|envy)",
    r"what(?:'?s| is) (?:even )?the point (?:of|in) me",
    r"(?:pray|praying|hope|hoping|wish|wishing) for (?:a crash|an accident|a heart attack"
    r"|it all to stop)",
    r"(?:stopped caring|don'?t care|do not care|dont care) (?:whether|if) i'?m (?:here|alive"
    r"|around)|(?:don'?t|dont) care (?:whether|if) i (?:live|die|wake up)",
    r"(?:wish|wishing|wished) (?:it|that it) (?:had been|was|were|'d been) me",
    r"(?:only way|only time)[^.!?\n]{0,40}(?:if i'?m|when i'?m|is if i) (?:gone|dead|not here"
    r"|not around)",
    r"(?:just )?(?:fade out|fade away)(?: for good| forever)?$|could just fade (?:out|away)",
    r"better off with (?:the|my) life (?:cover|insurance|policy)|life insurance (?:is )?worth"
    r" more",
    # Counting the months until the policy pays out on suicide.
    r"(?:insurance|policy|life cover)[^.!?\n]{0,30}(?:pays?|paid|pay) out (?:on|for|after|if it'?s)"
    r" suicide",
    r"(?:picturing|imagining|imagine|daydream\w*|fantasi[sz]\w*) (?:about )?my (?:own )?funeral"
    r"|who(?:'d| would) (?:even )?(?:come|turn up|show up|cry|go) (?:to|at) my (?:own )?funeral",
    r"(?:want|wanting|wanted) to (?:be with|join) (?:him|her|them) (?:wherever|in heaven"
    r"|on the other side)|want to be where (?:he|she|they) (?:is|are)(?! (?:now|tonight|today))",
    r"(?:don'?t|dont|do not) expect to (?:still )?be (?:here|around|alive)",
    r"(?:it )?should (?:have|'ve) been me(?! (?:who|that) (?:got|won|was picked))",
    r"(?:would|'d) be (?:a bit )?(?:lighter|easier|fine|happier|kinder)"
    r" (?:for (?:them|everyone) )?(?:without me|if i (?:just )?(?:wasn'?t|was not|weren'?t"
    r"|stopped existing|didn'?t exist|was gone))",
    # "if real life had a quit to desktop button i'd have pressed it months ago".
    r"if (?:real )?life had an? (?:\w+ ){0,4}button[^.!?\n]{0,40}(?:i'?d|i would|i'?ve)"
    r" (?:have )?(?:pressed|pushed|hit|clicked)",
    # A note kept from before and read again: "Never used it... I reread it when things
    # get bad."
    r"(?:never used it|not used it|haven'?t used it|still have it|kept it)[^\n]{0,120}"
    r"(?:reread|re-read|re-?reading|read it again)|(?:reread|re-read|re-?reading) (?:my|the)"
    r" (?:suicide |goodbye )?note",
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
    r"sh (?:urges?|again|relapse|cuts?|wounds?|tonight)|relapsed? (?:on|with|into) sh",
    r"(?<!old.)sh scars?",
    r"(?:fresh|deep|new) (?:cuts|wounds|scars)",
    r"(?:urge|urges|need|want|wanting|craving) to (?:cut|burn|bleed)(?! (?:down|back|out|off"
    r"|ties|costs|corners|it|them|the|my hair|sugar|caffeine))",
    r"cutting again|cut again|relapsed (?:and|last night|yesterday|today)",
    r"(?:my )?(?:blades?|razors?|sharpener) (?:out|again|ready|in my)",
    r"(?:took|take|taking) (?:apart )?(?:a )?(?:razor|sharpener) (?:apart|blades?)",
    r"barcode arms?",
    # "Stripes" as cutting slang, where it cannot be a shirt: counted, or on the skin.
    r"stripes collection|(?:fresh|new|more) stripes (?:on my (?:arms?|legs?|thighs?|wrists?"
    r"|hips?|skin)|tonight|last night|again)|(?:gave|giving|give) my ?self (?:some |more |new )?"
    r"stripes",
    r"(?:bleed|bleeding) (?:on purpose|again)",
    r"(?:deserve|deserved) (?:to )?(?:be hurt|the pain|pain|to bleed|to suffer)",
    r"(?:keep|kept|been|started|start|i) (?:\w+ )?hurting my ?self",
    r"(?:stash|box|packet|pack) of (?:razor )?blades|(?:new|more|fresh) (?:razor )?blades"
    r"(?![^.!?\n]{0,30}\b(?:skates?|mower|lawnmower|saw|shaver|hoover|wipers|planer|jigsaw)\b)",
    r"(?:hide|hiding|cover|covering|conceal|concealing) (?:up )?(?:the |my |these |those |all the "
    r"|fresh |new )?(?:marks|cuts|burns)(?! (?:from|after|of) (?:my |the |a )?(?:surgery|op"
    r"|operation|c-section|accident|acne|spots))",
    r"(?:punish|punishing|punished) my ?self",
    r"(?:eat|eating|ate|food|meals?|tea|starv\w*|hurt\w*|run|ran|running|exercis\w*)"
    r"[^.!?\n]{0,40}(?:as (?:a )?punishment|it'?s (?:a )?punishment)",
    # Not eating to make up for having eaten.
    r"(?:not eating(?! out)|won'?t eat|no food|skip\w* (?:meals?|food|dinner|lunch|breakfast"
    r"|eating))[^\n]{0,40}\b(?:ate|had|eaten|binged?)\b[^\n]{0,60}(?:so|now) (?:now )?i (?:have to"
    r"|need to|got to|gotta|must) pay for it",
    # The coping tricks tried, and the urge acted on anyway.
    r"(?:ice|elastic band|rubber band|hair ?band|red pen|marker)[^\n]{0,80}(?:still|always)"
    r" (?:end|ended|ends) up (?:doing it|cutting|hurting|burning)",
)

# Hurting oneself without a blade: hitting, burning, biting, scratching, slamming, on
# purpose or until it bleeds or bruises ("punch walls till my knuckles split").
_HURT_VERB = (
    r"(?:punch|punched|punching|hit|hitting|bang|banged|banging|slam|slammed|slamming|bite|bit"
    r"|biting|scratch|scratched|scratching|dig|digging|pick|picked|picking|scrub|scrubbed"
    r"|scrubbing|scrape|scraped|scraping|rub|rubbed|rubbing|pinch|pinched|pinching|press"
    r"|pressed|pressing|burn|burned|burnt|burning|pull|pulled|pulling|shut|shutting|twist"
    r"|twisted|twisting|slap|slapped|slapping)"
)
_MY_BODY = (
    r"(?:my ?self|my (?:hands?|arms?|fingers?|head|wrists?|skin|legs?|knuckles|thighs?|stomach"
    r"|palms?|shins?|forearms?|nails|ankles?|stitches|scars?|scalp|eyelashes|hair|knees|face"
    r"|scabs|grazes)|(?:the|a) (?:walls?|mirror))"
)
SELF_HARM_WITHOUT_BLADE = phrases(
    rf"{_HURT_VERB} (?:\w+ ){{0,3}}?{_MY_BODY}[^.!?\n]{{0,50}}?(?:on purpose|deliberately)",
    rf"{_HURT_VERB}(?: (?:\w+ ){{0,4}}?{_MY_BODY})?[^.!?\n]{{0,25}}? (?:till|until|til)"
    r" [^.!?\n]{0,25}?"
    r"(?:bleeds?|bled|bleeding|bruised?|bruises|splits?|split open|blister\w*|peel\w*"
    r"|saw stars|see stars|(?:break|broke|breaks) the skin|(?:come|came) up)",
    r"(?:held|hold|holding|kept|keep|put) my (?:hand|arm|fingers?|wrist) (?:under the (?:hot )?"
    r"(?:tap|kettle|water)|on the (?:hob|iron|radiator|stove|oven)|against the (?:hob|iron"
    r"|radiator))",
    r"(?:bit|bite|biting) my (?:wrists?|arms?|forearms?) (?:so hard|till|until)",
    r"(?:don'?t|do not|dont) deserve (?:to eat|food|to be fed|dinner|tea|breakfast|lunch)",
    r"(?:because|cos|coz|cause) i want (?:it|them) to hurt|(?:it'?s|is) about making it hurt",
    r"(?:scratch|scratched|scratching|scrub|scrubbed|scrubbing|rub|rubbed|rubbing) my ?self raw",
    # The cover story given at school, and no cat to blame.
    r"(?:cat|dog) scratch\w*[^\n]{0,40}(?:we|i) (?:don'?t|dont|do not) (?:even )?(?:have|own)"
    r" a (?:cat|dog)",
)
_ON_PURPOSE = phrases(r"on purpose|deliberately")

# Cutting yourself while cooking or shaving is an accident, not self-harm.
_ACCIDENT = phrases(
    r"shaving|cooking|chopping|slicing|by accident|accidentally|on (?:a|the) (?:knife|glass"
    r"|paper|tin|can|oven|stove|iron|kettle|pan|hob)|paper cut|at the gym|playing|working out"
    r"|fell|in the sun|sunburn|finger|nose ?bleed"
)


# "I was so embarrassed I wanted to die" is a figure of speech.
_EMBARRASSED = phrases(r"embarrass\w*|cringe\w*|mortified|so funny|hilarious|dying laughing")


# The cause can come after a full stop, for effect: "i wanted to die. of embarrassment."
_OF_EMBARRASSMENT = re.compile(
    r"[\s.…!,]*(?:of|from) (?:sheer |pure |the )?(?:embarrass\w*|shame|cringe\w*|boredom)", re.I
)


def _idiom(text: str, start: int, end: int) -> bool:
    low, high = sentence_bounds(text, start, end)
    return bool(_EMBARRASSED.search(text, low, high) or _OF_EMBARRASSMENT.match(text, end))


def accidental(text: str, start: int, end: int) -> bool:
    """The sentence tells of an accident: shaving, cooking, a paper cut (and does not
    say it was done on purpose)."""
    low, high = sentence_bounds(text, start, end)
    return bool(_ACCIDENT.search(text, low, high)) and not _ON_PURPOSE.search(text, low, high)


# "I relapsed and had a cigarette": a relapse into another habit, not into self-harm.
_OTHER_HABIT = phrases(
    r"cigarettes?|fags?|smok\w*|vap(?:e|es|ing)|drink\w*|alcohol|booze|wine|beer|pints?"
    r"|gambl\w*|betting|chocolate|sugar|weed|caffeine|porn"
)
_BLADE_WORDS = phrases(r"cut\w*|sh|blades?|razors?|burn\w*|scars?")


def other_habit(text: str, start: int, end: int) -> bool:
    """The sentence names another habit and nothing of self-harm."""
    low, high = sentence_bounds(text, start, end)
    sentence = text[low:high]
    return bool(_OTHER_HABIT.search(sentence)) and not (
        _BLADE_WORDS.search(sentence) or SELF_HARM_TERMS.search(sentence)
    )


# "my therapist asked if I'd had thoughts of ending my life and I said no".
_ANSWERED_NO = phrases(
    r"asked (?:me )?(?:if|whether|about)\b[^.!?]*\b(?:i said|i told (?:her|him|them)|i answered"
    r"|i (?:could|can) (?:honestly |truthfully |truly )?say) no"
)


def answered_no(text: str, start: int, end: int) -> bool:
    """The phrase is a question someone asked, and the writer's answer was no."""
    low, high = sentence_bounds(text, start, end)
    return bool(_ANSWERED_NO.search(text, low, high))


_ABOUT_ME = (negated, in_recovery, about_someone_else)

RULES = (
    pattern_rule(
        "crisis_lexicon",
        SUICIDAL_IDEATION,
        HIGH,
        IDEATION,
        unless=(*_ABOUT_ME, reported, _idiom, answered_no, at_a_thing),
    ),
    pattern_rule(
        "crisis_lexicon",
        SUICIDAL_IDEATION,
        HIGH,
        IDEATION_TERMS,
        unless=(*_ABOUT_ME, reported, not_first_person, topic_talk, answered_no),
    ),
    pattern_rule(
        "self_harm_lexicon",
        SELF_HARM,
        HIGH,
        SELF_HARM_PHRASES,
        unless=(*_ABOUT_ME, accidental, other_habit, answered_no),
    ),
    pattern_rule(
        "self_harm_lexicon",
        SELF_HARM,
        HIGH,
        SELF_HARM_WITHOUT_BLADE,
        unless=(*_ABOUT_ME, accidental),
    ),
    pattern_rule(
        "self_harm_lexicon",
        SELF_HARM,
        HIGH,
        SELF_HARM_TERMS,
        unless=(*_ABOUT_ME, not_first_person, topic_talk, answered_no),
    ),
)
