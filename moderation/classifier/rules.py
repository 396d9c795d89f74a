"""Named rules that catch what embeddings miss: contact details, links and promotion,
the crisis lexicon (slang, euphemism, misspellings) and threats.

Each match names its rule (guides see the name), the label it supports, the span in
the text and a priority hint. Rules need no model, so when the model is unavailable
they alone set how urgent a held item is.

This module holds the machinery and the guards shared by the rule modules; the rules
themselves live in rules_imminent, rules_crisis, rules_threats, rules_contact and
rules_links, and ruleset gathers them.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Leetspeak and masking inside words ("k1ll", "su*cide", "unal!ve"). One character
# for one, so spans found in the normalised text are spans of the original.
_LEET = {"1": "i", "!": "i", "*": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s"}
_LEET_INSIDE_WORD = re.compile(r"(?<=[a-z])[01!*34@$](?=[a-z])", re.I)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

_SENTENCE_END = re.compile(r"[.!?\n;]+(?=\s|$)|\n")
_NEGATION = re.compile(
    r"^(?:not|never|no|don'?t|dont|didn'?t|won'?t|wont|wouldn'?t|isn'?t|nor|cannot|can'?t)$", re.I
)
_RECOVERY = re.compile(
    r"\b(used to|years? ago|months? ago|no longer|in recovery|recovered|recovering"
    r"|clean (from|of|for|since)|\w+ (days?|weeks?|months?|years?) clean|(days?|weeks?"
    r"|months?|years?) (clean|free)|free (from|of)|haven'?t (cut|self.?harmed|harmed|hurt)"
    r"|stopped (cutting|self.?harming|harming|hurting)|survivor|back then|looking back"
    r"|when i was (younger|little|a teen|at school|\d+)|last (winter|summer|spring|autumn)"
    r"|i'?m not there (now|any ?more)|from (about |around |age )?\d{1,2} (to|until|till) \d{1,2}"
    r"|(was|were|did|thought|had|tried)\b[^.!?]{0,40} (in|for|through|during) (most of |all of )?"
    r"(my (teens|twenties|thirties|forties|fifties|\d0s)|(19|20)\d\d)"
    r"|in (19|20)\d\d,? i (was|were|did|thought|had|tried|felt|wanted|used)"
    r"|old (sh |self.?harm )?scars)\b",
    re.I,
)
# What turns a recovery story back into present risk. ("urges" alone does not: "I
# still get the urge some days but I ride it out" is recovery talk.)
# "Two years ago tonight I tried" is an anniversary, not tonight.
_RELAPSE = re.compile(
    r"\b(relapsed?|relapsing|again|(?<!ago )tonight|right now|(?<!ago )today|started)\b", re.I
)
_LOOKING_BACK = re.compile(
    r"\b(years? ago|months? ago|used to|back then|tore (it|them) up|ripped (it|them) up"
    r"|burn(ed|t) (it|them)|threw (it|them) away|deleted (it|them)|glad i'?m (still )?here)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|i'll|me|my|myself|mine)\b", re.I)
_OTHER_PERSON = re.compile(
    r"\b(anyone who|you|you're|youre|ur|u|your|yourself|he|she|they|he's|she's|shes|they're"
    r"|theyre|him|her|them|his|their|friend|son|daughter|mum|mom|dad|brother|sister|partner|flatmate|narrator"
    r"|character|someone|somebody|people|kid|child|student|students|pupils?|patient|client)\b",
    re.I,
)
# Talking about a subject rather than living it: study, books, courses, awareness.
_TOPIC = re.compile(
    r"\b(dissertation|lecture|course|study|studies|research|essay|book|novel|article"
    r"|documentary|film|podcast|awareness|training|statistics|charity|fundrais\w*|first aid"
    r"|module|thesis|class|coursework|sources|references|presentation|seminar|webinar"
    r"|curriculum|syllabus|a-? ?level|gcse|assignment|school project|project (?:on|about))\b",
    re.I,
)
_EARNEST = re.compile(
    r"\bnot (even )?(joking|kidding|being funny)( any ?more)?\b|\bno joke\b|\bnot a joke\b"
    r"|\bi mean it\b|\bnot a figure of speech\b|\blike actually\b|\bfor real\b"
    r"|\bthought about how\b|\bi'?m serious\b",
    re.I,
)
# Laughter and eye-rolls mark hyperbole ("I'm going to kill my flatmate 😤").
_HYPERBOLE = re.compile(
    # Tears of joy, rolling on the floor, grinning sweat, eye-roll, huffing, squinting grin.
    r"\b(lol|lmao|lmfao|haha\w*|jk|joking)\b"
    r"|[\U0001F602\U0001F923\U0001F605\U0001F644\U0001F624\U0001F606]",
    re.I,
)
# Someone else's words aimed at the writer: "he told me to kys", "called me a...".
_REPORTED = re.compile(
    r"(?:\b(?:told|tell|tells|telling|said|say|says|saying|messaged|texted|wrote|commented"
    r"|yelled|shouted|screamed)\s+(?:to\s+)?(?:me|us|him|her|them)\b[^.!?\n]{0,12}"
    r"|\bcalled me\b[^.!?\n]{0,12}|[\"'])\s*$",
    re.I,
)


@dataclass(frozen=True)
class RuleMatch:
    """One rule firing on one span of a text."""

    rule: str
    label: str
    start: int
    end: int
    priority: str

    def as_dict(self) -> dict:
        """The match as plain data, for JSON output and storage."""
        return {
            "rule": self.rule,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Context:
    """The text as the rules see it."""

    text: str
    # Same length as text: quotes straightened, leetspeak undone inside words.
    plain: str
    # Known forum handles (lowercase), or None when the caller gave no list.
    handles: frozenset | None = None


Finder = Callable[[Context], Iterable[tuple[int, int]]]
Guard = Callable[[str, int, int], bool]


@dataclass(frozen=True)
class Rule:
    """A named check: where it matches, which label it supports, how urgent."""

    name: str
    label: str
    priority: str
    find: Finder

    def matches(self, context: Context) -> list[RuleMatch]:
        """Every span of the text this rule fires on."""
        return [
            RuleMatch(self.name, self.label, start, end, self.priority)
            for start, end in self.find(context)
        ]


def context_for(text: str, handles: Iterable[str] | None = None) -> Context:
    """Prepare a text for the rules (normalised copy, known handles)."""
    plain = text.translate(_QUOTES)
    plain = _LEET_INSIDE_WORD.sub(lambda m: _LEET[m.group(0)], plain)
    known = None if handles is None else frozenset(h.lower().lstrip("@") for h in handles)
    return Context(text=text, plain=plain, handles=known)


def phrases(*alternatives: str) -> re.Pattern:
    """Compile phrases, case-insensitive and whole-word.

    In a phrase a space stands for any run of spaces, dashes or underscores, and
    " ?" for an optional one, so "kill my ?self" also finds "kill-myself".
    """
    body = "|".join(f"(?:{a})" for a in alternatives)
    body = body.replace(" ?", r"[\s_\-]*").replace(" ", r"[\s_\-]+")
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.I)


def pattern_rule(
    name: str,
    label: str,
    priority: str,
    pattern: re.Pattern,
    *,
    unless: tuple[Guard, ...] = (),
    plain: bool = True,
) -> Rule:
    """A rule that fires on each match of pattern, unless a guard says the match is
    an idiom, a recovery story, negated or reported.

    plain: match the normalised text (for words: "k1ll" is "kill"), or the text as
    written (for contact details, where "@" and digits must stay what they are).
    """

    def find(context: Context):
        text = context.plain if plain else context.text
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(guard(text, start, end) for guard in unless):
                yield start, end

    return Rule(name, label, priority, find)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from the previous sentence end to the next."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def in_recovery(text: str, start: int, end: int) -> bool:
    """The sentence looks back on something past ("a year clean from cutting")
    and nothing in it says the risk is back."""
    low, high = sentence_bounds(text, start, end)
    sentence = text[low:high]
    return bool(_RECOVERY.search(sentence)) and not _RELAPSE.search(sentence)


def looking_back(text: str, start: int, end: int) -> bool:
    """Near the match, the writer looks back on it as past ("Three years ago I wrote a
    goodbye letter... I burned it")."""
    return bool(_LOOKING_BACK.search(text, max(0, start - 100), min(len(text), end + 200)))


def about_someone_else(text: str, start: int, end: int) -> bool:
    """The nearest person before the match in its sentence is not the writer ("my son
    self-harms", "if you were really suicidal")."""
    low, _ = sentence_bounds(text, start, end)
    before = text[low:start]
    first = max((m.end() for m in _FIRST_PERSON.finditer(before)), default=-1)
    other = max((m.end() for m in _OTHER_PERSON.finditer(before)), default=-1)
    return other > first


def not_first_person(text: str, start: int, end: int) -> bool:
    """The sentence never mentions the writer: a bare term such as "self-harm" is then
    a topic, not a disclosure."""
    low, high = sentence_bounds(text, start, end)
    return not _FIRST_PERSON.search(text, low, high)


def topic_talk(text: str, start: int, end: int) -> bool:
    """The sentence is about studying, reading or raising awareness of the subject."""
    low, high = sentence_bounds(text, start, end)
    return bool(_TOPIC.search(text, low, high))


# "i'm going to end it all. said by me, to my wifi router": words aimed at a machine.
_THING = (
    r"wi-?fi|router|printer|laptop|computer|pc|phone|tv|telly|xbox|playstation|ps[345]"
    r"|microwave|kettle|toaster|washing machine|dishwasher|modem|broadband|internet|sat ?nav"
    r"|alarm|hoover|fridge|boiler|spreadsheet|code"
)
_AT_A_THING = phrases(
    r"(?:said|says|saying|yelled|yelling|shouted|shouting|screamed|screaming|swore|swearing"
    r"|muttered|muttering|typed) (?:[\w,]+ ){0,3}?(?:to|at) (?:my|the|this|our) (?:\w+ )?"
    rf"(?:{_THING})\b",
    rf"dear (?:\w+ )?(?:{_THING})\b",
    rf"if (?:this|the|my) (?:\w+ )?(?:{_THING}) (?:\w+ )?(?:drops|crashes|freezes|jams|dies|cuts"
    r" out|does (?:that|this)|breaks|won'?t|doesn'?t|fails)",
)
_THING_REACH = 80


def at_a_thing(text: str, start: int, end: int) -> bool:
    """The words are aimed at a machine, said in the sentence or just after it."""
    low, high = sentence_bounds(text, start, end)
    return bool(_AT_A_THING.search(text, low, min(len(text), max(high, end + _THING_REACH))))


def hyperbole(text: str, start: int, end: int) -> bool:
    """Laughter or an eye-roll in the sentence marks exaggeration, unless the writer
    says it is not one ("not even joking")."""
    low, high = sentence_bounds(text, start, end)
    return not earnest(text) and bool(_HYPERBOLE.search(text, low, high))


def earnest(text: str) -> bool:
    """The writer says they mean it ("not even joking", "I've thought about how")."""
    return bool(_EARNEST.search(text))


def negated(text: str, start: int, end: int) -> bool:
    """A negation among the three words before the match, in the same clause
    ("I'd never kms", "I don't want to die")."""
    clause = re.split(r"[,.!?\n;]|\bbut\b", text[max(0, start - 40) : start])[-1]
    return any(_NEGATION.match(word) for word in clause.split()[-3:])


def reported(text: str, start: int, end: int) -> bool:
    """Someone else's words quoted by the writer ("he told me to kys")."""
    low, _ = sentence_bounds(text, start, end)
    return bool(_REPORTED.search(text[low:start]))


def rules_run(rules: Iterable[Rule], text: str, handles=None) -> list[RuleMatch]:
    """Run the rules over a text; matches in text order, one per rule and span
    (a span inside a longer span of the same rule is dropped)."""
    context = context_for(text, handles)
    found = [match for rule in rules for match in rule.matches(context)]
    found.sort(key=lambda m: (m.start, -m.end, m.rule))
    kept: list[RuleMatch] = []
    for match in found:
        if not any(_inside(match, other) for other in kept):
            kept.append(match)
    return kept


def _inside(match: RuleMatch, other: RuleMatch) -> bool:
    return match.rule == other.rule and other.start <= match.start and match.end <= other.end
