"""Imminent risk: a plan with a time, means at hand, being at the place, a goodbye,
or having already acted. Any of these escalates on its own, without the model.

Someone in crisis rarely writes "suicide"; they write "tonight's the night", "I've
set a date", "the tablets are lined up", "this is my last post". Phrases are kept
specific (a time, a means, a goodbye) so that "everything's ready for Christmas"
does not escalate. Negated phrases and ones the writer looks back on as past ("three
years ago I wrote a goodbye letter... I burned it") do not fire. Third-person or
quoted phrases still do: a quoted goodbye is still a goodbye.
"""

import re

from moderation.classifier.labels import IMMINENT_RISK, URGENT
from moderation.classifier.rules import (
    at_a_thing,
    looking_back,
    negated,
    pattern_rule,
    phrases,
    sentence_bounds,
)
from moderation.classifier.rules_crisis import SUICIDE_ACT, accidental

# "today" and "now" alone are left out: "wanna unalive myself so bad today" is how
# people describe a bad day; a plan has a later time ("tonight", "at 3am").
_TIME = (
    r"tonight|right now|this (?:evening|afternoon|weekend)|tomorrow"
    r"|in (?:an|a few|\d+) (?:hours?|minutes?|mins?)|before (?:morning|sunrise|the weekend)"
    r"|at (?:\d{1,2}(?::\d\d)? ?(?:am|pm)?|midnight)"
    r"|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_DAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today"
# An optional word between subject and verb, but not one that negates.
_W = r"(?:(?!not\b|never\b|n'?t\b|no\b)\w+ )?"
_INTENT = (
    r"going to|gonna|gunna|about to|will|i'?ll|ready to|decided to|plan(?:ning)? to"
    r"|made (?:up )?my mind to|finally going to|doing it|getting ready to"
)
_MEANS = r"pills|tablets|paracetamol|painkillers|sleeping pills|meds|medication|prescriptions?"
_WARD_DRUGS = r"insulin|morphine|oramorph|fentanyl|diazepam|potassium|ketamine|midazolam"
# Prescriptions named, for saving them up: not in _MEANS, where "took 50mg sertraline"
# would read as an overdose.
_PRESCRIBED = (
    r"sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|venlafaxine|zopiclone"
    r"|co-?codamol|codeine|tramadol|quetiapine|propranolol|lithium|pregabalin|diazepam"
)

# "Friday is my last day after 41 years on the buses", "today's the day someone
# realises I shouldn't be here": the last day of a job, and a fear of being found out.
_NOT_THAT_DAY = (
    r" (?:after \d|at (?:work|school|the|my)|of (?:work|school|term|uni|college|the|my (?:job"
    r"|contract|placement|course))|in (?:the|this|my) (?:job|office|role)|(?:that )?(?:someone"
    r"|somebody|they|everyone|people) (?:realises|realizes|notices|works out|figures out|sees"
    r" through))"
)

PLAN = phrases(
    rf"(?:i'?m|im|i am|i) {_W}(?:{_INTENT}) {_W}(?:{SUICIDE_ACT})",
    # Teenagers leave the subject out: "gonna kms after this convo ends".
    rf"(?:gonna|gunna|finna|about to) (?:{SUICIDE_ACT})",
    rf"(?:{SUICIDE_ACT}) (?:\w+ ){{0,3}}(?:{_TIME})",
    rf"(?:{_DAY}) ?(?:is|will be|'s) (?:the|my last) (?:night|day)(?!{_NOT_THAT_DAY})",
    r"(?:set|picked|chosen|choose|got) (?:a|the) (?:date|day|building|bridge|spot)",
    rf"(?:it'?s|its|it is|i'?m doing it) (?:this |on )?(?:{_DAY}|this week|this weekend)"
    r"(?=\s*[.!]|$)",
    r"(?:i know|i'?ve worked out) (?:exactly )?(?:how and when|when and how|which bridge"
    r"|where and when)(?=\s*[.!,]|\s+(?:and|it'?s|i'?m)|$)",
    r"(?:everything'?s|everything is) (?:arranged|decided|in order)"
    r"(?! for (?:the|a|an|my|our|\w+'s)\b)",
    r"(?:got|get|getting|put|putting) my affairs in order",
    r"made my peace(?! with)",
    r"(?:actually|finally) (?:going to|gonna) do it",
    r"(?:going to|gonna) (?:actually )?do it (?:this time|tonight|tomorrow|on|once|when|while)",
    r"i'?m doing it (?:on|this|tonight|tomorrow|while|when|once|at)",
    r"(?:decided|sure) i'?m not (?:going to|gonna) see (?:it|tomorrow|my birthday|christmas)",
    r"(?:it'?ll|it will) (?:all )?be (?:done|over)(?: before| by| soon|(?=\s*[.!]))",
    rf"(?:next week|{_DAY}) it'?s (?:over|happening)",
    r"it'?s happening (?:tonight|tomorrow|this week)",
    r"one ?way ticket",
    r"because i'?m leaving(?=\s*[.!]|$)",
    r"at peace with (?:my decision|dying|it all|the decision)",
    r"(?:left|written|wrote) (?:\w+ ){0,2}instructions for (?:my|the) funeral",
    r"\w+ (?:gets|is getting|'s getting) my (?:car|ring|watch|guitar|stuff|things|phone|cat|dog"
    r"|savings|money|games|xbox|clothes)",
    rf"checking out (?:on |this )?(?:{_DAY}|weekend)",
    # A room booked alone, and no plan to check out of it.
    r"(?:not|never) (?:planning on|planning to|going to|gonna|intending to) check(?:ing)? out"
    r"(?: of (?:it|there|the \w+))?(?=\s*[.!,]|$)",
    r"finish what (?:the )?\w+ didn'?t",
    r"(?:giving|gave|given) away (?:all )?my (?:stuff|things|belongings|possessions)",
    # Possessions shared out and letters for the family, the quiet kind of plan.
    r"(?:labelled|labeled|decided|sorted|worked out|written down) (?:with )?who gets"
    r" (?:which|what)",
    r"(?:finished|finishing|rereading|re-reading|reread) (?:the|my) (?:letters|notes?)",
    r"(?:letters|notes) for (?:each of )?(?:my |the )?(?:kids|children|family|mum|mom|dad|parents)"
    r"(?:,| and| are| is)",
)

MEANS = phrases(
    r"(?:i'?ve|i have|i|just) (?:\w+ )?(?:taken|took|swallowed|downed|necked) (?:all|every|a"
    r" (?:whole|full) (?:bottle|pack|box|packet)|loads of|so many|too many|\d+|all of) (?:\w+ )?"
    rf"(?:my )?(?:{_MEANS}|them)",
    r"(?:i'?ve|i have|already|just|i) (?:\w+ )?(?:taken|swallowed) (?:them|them all|it all|enough"
    r"|everything|the lot|a load)",
    r"took (?:them|it) (?:all|about|an hour|\d)",
    # A prescription by name, counted in tens: "just necked 30 of my amitriptyline" (not
    # a dose: "took 50 mg sertraline").
    r"(?:taken|took|swallowed|downed|necked) (?:about |like |around |over )?(?:\d{2,3}"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)(?! ?mg) (?:of (?:my |the"
    rf" |mum'?s |dad'?s |nan'?s )?|my )?(?:{_PRESCRIBED})",
    # Asking what a number of pills does, having already taken them.
    r"(?:take|took|taking|swallow\w*) (?:like |about |around )?(?:\d{2,3}|twenty|thirty|forty"
    r"|fifty|sixty)\b[^.!\n]{0,60}?(?:i (?:already|just) (?:did|have|took (?:them|it)|done it)"
    r"|already (?:did|taken|took (?:them|it)))",
    r"swallowed (?:a load|loads|a lot|a bunch|everything|a handful)",
    r"(?:gonna|going to|about to) (?:take|swallow) (?:them|the lot|them all|all of them"
    r"|the (?:pills|tablets))",
    r"(?:i'?ve|i have|i just|just) (?:overdosed|od'?d|o\.d\.?'?d)",
    r"(?:the |my )?(?:rope|noose)(?:'s| is)? (?:ready|tied|set up|up|around my neck)",
    rf"(?:saving|saved|stockpil\w+|hoard\w+) (?:up )?(?:my |all my |the )?(?:{_MEANS}"
    rf"|{_PRESCRIBED})(?! for (?:when )?(?:the |my |a )?(?:pain|flare|flares|flare-ups|migraines?"
    r"|bad days|emergencies|holiday|trip|flight))",
    # The count first: "got about 60 of my nan's tramadol saved up".
    r"(?:\d{2,3}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred) (?:[\w']+ ){0,3}"
    rf"(?:{_MEANS}|{_PRESCRIBED}) (?:saved|stashed|hidden|put away|stockpiled|hoarded)",
    rf"(?:put|putting|kept|keeping|set|setting) (?:my |all my |the |a month'?s worth of |enough"
    rf" of my )?(?:{_MEANS}) (?:aside|back|away)",
    r"(?:put|putting|kept|keeping) (?:aside|back) enough",
    rf"(?:{_MEANS}) (?:are |all )?lined up",
    r"(?:i'?ve|i have) (?:got|bought|collected|saved up|stockpiled) (?:the |enough )?(?:\w+ )?"
    r"(?:pills|tablets|rope|blades?) (?:to|for)",
    r"(?:everything|what|all) i need (?:is |'s )?(?:already )?(?:in the|out in|ready|packed)",
    r"(?:bought|got|packed) (?:with )?(?:everything|what|all) i need(?=\s*[.!,]|\s+(?:and|out|for"
    r" it|to do))",
    r"(?:got|have|still got|kept|keeping) (?:the|my|a) stash(?! of (?:chocolate|sweets|snacks"
    r"|biscuits|crisps|food|books|wool|yarn|tea))",
    r"already (?:took|taken|swallowed) (?:them|it|the lot|them all|all of them|the pills"
    r"|the tablets)",
    rf"(?:stopped|not|stop) taking (?:my |the )?(?:{_MEANS}) (?:\w+ ){{0,4}}so (?:that )?i"
    r" (?:can|could) (?:keep|save|collect) them",
    r"loaded gun|gun (?:is )?(?:on the table|in front of me|in my hand)",
    r"(?:cleaned|cleaning|oiled|oiling) (?:my|the|dad'?s|his) (?:pistol|gun|rifle|shotgun"
    r"|revolver|service weapon)[^.!?\n]{0,20} for the last time",
    r"(?:loaded|cleaned and loaded) (?:my|the|dad'?s|his) (?:pistol|gun|rifle|shotgun|glock"
    r"|revolver)(?! (?:at the range|for (?:deer|hunting|the range|the season)))",
    r"(?:whole|entire|full) (?:packet|box|strip|blister pack) (?:of (?:pills|tablets|paracetamol"
    r"|co-?codamol|sertraline|meds|painkillers) )?went down",
    # Pills counted out to a number that matters ("Counted them out. Sixty-two."), not a
    # week's doses into an organiser.
    r"(?:counted (?:them|it|(?:the|my) (?:pills|tablets|meds))(?: all)? out|counted out (?:the |my"
    r" |all (?:the |my )?)?(?:pills|tablets|meds|what i'?ve been \w+(?: \w+)?))\b[^.!?]{0,80}[.!?]"
    r"\s*(?:\d{2,3}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)(?:-\w+)?"
    r"(?=\s*[.!])",
    rf"(?:holding|held|kept|keeping|saving|saved) (?:\w+ )?back (?:from|of) my (?:repeat )?"
    rf"(?:prescriptions?|{_MEANS})",
    # Means kept hidden on a ward, and the gap between checks counted.
    r"(?:didn'?t|did not|never) (?:find|found|check) (?:what|the \w+|the stuff) i (?:hid|had hidden"
    r"|stashed|smuggled|sneaked)(?: in)? (?:when i (?:got|was) admitted|on (?:the|to the) ward"
    r"|in (?:the )?hospital)",
    r"(?:look|check|come) in (?:on me )?(?:once )?(?:an|every|each) hour\W+(?:an hour'?s|that'?s"
    r"|an hour is) (?:plenty|enough|long enough|all i need)(?! (?:of|for))",
    # Drugs taken home from a ward, and a dose known to be enough.
    rf"(?:brought|taken|took|nicked|stole|smuggled) (?:some |a (?:vial|box|pen|bottle) of )?"
    rf"(?:{_WARD_DRUGS}) (?:\w+ )?home from (?:work|the ward|my shift|the hospital)",
    rf"(?:know|knows|knew|worked out|looked up) (?:exactly |just )?how (?:much|many) (?:of (?:my"
    rf" |the )?)?(?:{_MEANS}|{_WARD_DRUGS}) (?:would|it would|it'?d|will) (?:do it|be enough"
    r"|finish me)",
    # Bought a little at a time so nobody asks: the pack-size limit got round.
    rf"(?:bought|buying|got|getting|picked up) (?:\w+ ){{0,3}}?(?:{_MEANS}|co-?codamol|ibuprofen)"
    r" (?:from|at|in) (?:\w+ )?(?:different|several|multiple|separate|two|three|four|five|a few"
    r"|loads of) (?:shops|pharmacies|chemists|stores|supermarkets|places)",
    # A household poison swallowed: it needs a doctor now, whatever the reason.
    r"(?:^|[.!?]\s+|\bi (?:just |have |'?ve )?)(?:drank|drunk|swallowed|downed|necked)"
    r" (?:[\w-]+ ){0,3}?(?:bleach|cleaning (?:stuff|fluid|liquid|spray|products?)|detergent"
    r"|antifreeze|drain cleaner|weed ?killer|washing.?up liquid)",
)

# An insulin overdose by someone who uses it, said without the word: more than they
# should, and no food to follow.
INSULIN = phrases(
    r"(?:put|took|take|taken|taking|injected|inject|injecting|did|done|gave my ?self"
    r"|giving my ?self) (?:in )?(?:[\w']+ ){0,2}?(?:more|extra|too much|double|triple|a lot of"
    r"|loads of|all (?:my|of my|the)|the (?:whole|rest of the) (?:pen|vial)(?: of)?) (?:my )?"
    r"insulin[^.!?\n]{0,40}(?:than i should|on purpose|not eat|not going to eat|no food"
    r"|without eating|won'?t eat|see what happens)",
)

PLACE = phrases(
    r"(?:standing|standin|sitting|sittin|stood|sat) (?:on|at) (?:the )?(?:edge|ledge|bridge|roof"
    r"|rooftop|tracks"
    r"|platform edge|cliff)",
    r"(?:i'?m|im|i am) (?:\w+ )?(?:on|at) (?:the )?(?:bridge|river|cliffs?|cliff edge|ledge|roof"
    r"|rooftop|railway|tracks)(?: (?:now|rn|right now))?(?=\s*[.!,]|$)",
    r"(?:i'?m|im|i am|i'?ll|i will) (?:\w+ ){0,2}(?:walk|walking|wade|wading) into the (?:sea"
    r"|river|water|lake)",
    r"(?:driving|going|heading|walking) (?:out )?to the (?:cliffs?|railway|train tracks|tracks)"
    r"(?: \w+){0,6} (?:now|tonight|once it|when it gets dark|after)",
    r"coat pockets (?:\w+ )?full of stones|stones in my coat pockets",
    r"(?:won'?t|wont|will not) be (?:driving|walking) back(?=\s*[.!]|$)",
    r"not (?:planning on|going to be|intending to be) (?:coming|driving|going|walking) back"
    r"|not coming (?:home|back)(?=\s*[.!,]|$)|not coming back from this",
    r"(?:look|looking|stare|staring|lean|leaning|peer|peering) over the (?:edge|side|railings?"
    r"|ledge)",
    r"(?:i'?m|im|i am|sat|sitting|standing|stood) (?:\w+ ){0,3}(?:at|on|by) the"
    r" (?:train |railway )?tracks",
    r"(?:sat|sitting|standing|stood) on the (?:wall|railings?|edge|side) of (?:the|a)"
    r" (?:bridge|roof|car park|cliff)",
    r"(?:sat|sitting|standing|stood) on the (?:railings?|ledge|parapet|edge) of (?:the|a) \w+"
    r" (?:bridge|flyover|viaduct|multi-?storey)",
    r"(?:driving|going|heading|walking) (?:out |up )?to the (?:cliffs?|cliff edge|railway|train"
    r" tracks|tracks)(?=\s*[.!,]|$)",
)

GOODBYE = phrases(
    r"(?:this is|here'?s) (?:my )?(?:final |last )?(?:goodbye|good bye)",
    r"(?:goodbye|suicide) (?:letters?|notes?)",
    r"(?:my|a) (?:final|last) goodbye",
    r"goodbye (?:everyone|all|forever|world|cruel world|for good)",
    r"(?:this is|it'?s) (?:my |the )?(?:last|final) (?:post|message)(?! (?:before|for|of|on|in"
    r"|until|till|about))",
    r"last time i'?ll (?:ever )?(?:log on|post|be on here|write here)",
    r"(?:posted|made|recorded|writing) my (?:last|final) (?:video|post|message)",
    r"won'?t be here to (?:see|watch|open|read)",
    r"(?:won'?t|will not|wont) have to (?:read|hear|see|deal with) (?:my|me)(?: \w+){0,3} (?:after"
    r"|any ?more|again)",
    r"(?:the one|first) (?:who|to) finds? me",
    r"(?:don'?t|won'?t) have to break (?:it|the door) down",
    r"(?:last|final) (?:post|message)(?=\s*[.!,]|$)",
    r"(?:just )?wanted to say (?:bye|goodbye)|say (?:bye|goodbye) (?:before|to everyone)",
    r"(?:by the time|when|once) (?:you|u|anyone|someone) (?:read|reads|see|sees|find|finds) this",
    r"if (?:anyone|someone|you) finds? this (?:later|after)",
    r"(?:see|read|find) (?:it|this) (?:until |till )?after(?=\s*[.!,]|$)",
    r"(?:won'?t|will not|wont) (?:be (?:here|around|alive)|wake up|see) (?:\w+ ){0,2}"
    r"(?:tomorrow|tonight|in the morning|by morning|much longer)(?![\s,]+(?:i'?m at|i'?ll be|as i"
    r"|because|so see|see you|i'?m away|i'?m off))(?!\s*(?:[-–—:(]\s*)?(?:it'?s|its"
    r"|we'?re|i'?m) (?:my|our|the|a|at|off|away|going))",
    r"(?:won'?t|wont|will not) be (?:posting|logging on|around|here|online) (?:again|after"
    r"|any ?more)",
    r"(?:won'?t|wont|not (?:gonna|going to)) (?:be )?need(?:ing)? (?:them|it|these|this) (?:after"
    r"|any ?more|where)",
    r"won'?t be needing (?:it|them)",
    r"(?:don'?t|doesn'?t|didn'?t) know why\W+(?:\w+ ){0,2}(?:will|'ll) (?:\w+ )?soon",
    # Not "I'll be dead before they fix that pothole": slow work someone else owes.
    r"(?:i'?ll|i will) be (?:gone|dead) (?:by|before(?! (?:they|it|that|you|he|she|we|the \w+)"
    r" (?:\w+ )?(?:fix|finish|repair|answer|reply|get round|sort|deliver|arrive|turn up|pay"
    r"|refund|process|build|open|approve|release|come out|update))|tomorrow|tonight|soon)",
    r"(?:last|final) (?:night|day) (?:on earth|alive|of my life|ever)",
    r"(?:make sure|making sure) (?:i|that i) (?:don'?t|never|won'?t) wake up",
    r"(?:after|once) i'?m gone",
    r"i'?m not safe(?: (?:right now|tonight|any ?more|on my own|alone))?(?=\s*[.!,]|$)",
    r"(?:someone|somebody|anyone) (?:can |could |please |will )?(?:tell|let) (?:my )?\w+ (?:know )?"
    r"(?:after|afterwards)",
    r"(?:want|need) (?:\w+ ){1,2}to know (?:that )?it (?:was ?n'?t|was never|is ?n'?t)"
    r" (?:her|him|his|them|their|your)",
    r"tell \w+ it was never (?:her|his|their|your) fault",
    r"(?:won'?t|will not|wont) be (?:at|in|going to) (?:\w+ ){1,4}(?:any ?more|again),? or anywhere"
    r" else",
)

# Bleeding that will not stop is a medical emergency, unless it is a paper cut.
BLEEDING = phrases(
    r"(?:a lot of|so much|loads of) blood|won'?t stop bleeding|(?:went|gone|cut) too (?:far|deep)"
    r"|(?:it|the bleeding) won'?t stop"
)

_UNLESS = (negated, looking_back)

_JOKING = re.compile(
    r"\b(jk|j/k|just kidding|only joking"
    r"|(?<!not )(?<!not even )(?:joking|as a joke|for a laugh))\b",
    re.I,
)
_JOKING_REACH = 60


def joking(text: str, start: int, end: int) -> bool:
    """ "Goodbye cruel world (jk it's just been a long week)": the writer says at once
    that it is a joke."""
    _, high = sentence_bounds(text, start, end)
    return bool(_JOKING.search(text, end, max(high, end + _JOKING_REACH)))


# A goodbye for a trip, a stay or a break comes with where the writer is going or when
# they will be back ("wanted to say bye before I go travelling for 3 months").
_GOING_AWAY = re.compile(
    r"\b(holiday|travel+ing|trip|abroad|honeymoon|retreat|gap year|festival|camping|rehab"
    r"|for (?:a|two|three|\d+|a few|a couple of) (?:days?|weeks?|months?)|when i'?m back"
    r"|back (?:on|in|next|soon)|see (?:you|ya|u) (?:all )?(?:soon|next|on|in|when))\b",
    re.I,
)


# "Tonight's the night! First date in 5 years": the day or night is for a happy
# occasion. Exams, results, interviews and birthdays are left out (a plan can be timed
# around them), and so are laughter and "a date" ("I've set a date").
_OCCASION = re.compile(
    r"\b(first date|date night|gig|concert|festival|episode|finale|premiere|wedding"
    r"|propos(?:e|ing|al)|engaged|prom|graduation|first house|new house|keys to|moving in"
    r"|recital|marathon|debut|telling (?:him|her|them) how i feel|wish me luck|coming out"
    r"|come out to|i'?m (?:gay|bi|bisexual|trans|lesbian|queer|pan|non-?binary))\b"
    r"|[\U0001F389\U0001F973]",
    re.I,
)
_OCCASION_REACH = 120


def happy_occasion(text: str, start: int, end: int) -> bool:
    """The sentence, or the words just after it, name a happy occasion."""
    low, high = sentence_bounds(text, start, end)
    return bool(_OCCASION.search(text, low, min(len(text), max(high, end + _OCCASION_REACH))))


# "the replies on my last post" is the previous post, not a final one.
_PREVIOUS = re.compile(r"\b(?:on|in|under|since|from|to|about) my\s+$", re.I)


# "I wrote a goodbye letter... to my job!", "a goodbye letter to each of my Year 11s".
_TO_WORK = re.compile(
    r"[\s.…!,]*to (?:each of )?(?:my|the|our) (?:\w+ )?(?:job|work|office|boss|team|colleagues"
    r"|class|students|pupils|year \d+s?)\b",
    re.I,
)


def to_work(text: str, start: int, end: int) -> bool:
    """The goodbye is addressed to a job, a team or a class."""
    return bool(_TO_WORK.match(text, end))


# "My counsellor had me write a goodbye letter to my eating disorder": a recovery
# exercise, addressed to the illness or the habit.
_TO_ILLNESS = re.compile(
    r"[\s.…!,]*to (?:my|the|our) (?:\w+ )?(?:eating disorder|ed|anorexia|bulimia|depression"
    r"|anxiety|ocd|addiction|self-?harm|old self|younger self|former self|illness|demons"
    r"|bottle|drinking|habit)\b",
    re.I,
)


def to_an_illness(text: str, start: int, end: int) -> bool:
    """The goodbye is addressed to an illness or a habit being left behind."""
    return bool(_TO_ILLNESS.match(text, end))


def going_away(text: str, start: int, end: int) -> bool:
    """The sentence says where the writer is going or when they will be back."""
    low, high = sentence_bounds(text, start, end)
    return bool(_GOING_AWAY.search(text, low, high))


def previous_post(text: str, start: int, end: int) -> bool:
    """ "my last post" follows "on", "in", "since"...: the one before, not a final one."""
    return bool(_PREVIOUS.search(text[max(0, start - 12) : start]))


RULES = (
    pattern_rule(
        "crisis_imminent",
        IMMINENT_RISK,
        URGENT,
        PLAN,
        unless=(*_UNLESS, happy_occasion, at_a_thing),
    ),
    *(
        pattern_rule("crisis_imminent", IMMINENT_RISK, URGENT, pattern, unless=_UNLESS)
        for pattern in (MEANS, PLACE)
    ),
    pattern_rule(
        "crisis_imminent",
        IMMINENT_RISK,
        URGENT,
        GOODBYE,
        unless=(*_UNLESS, going_away, previous_post, joking, to_work, to_an_illness),
    ),
    *(
        pattern_rule(
            "crisis_imminent", IMMINENT_RISK, URGENT, pattern, unless=(*_UNLESS, accidental)
        )
        for pattern in (BLEEDING, INSULIN)
    ),
)
