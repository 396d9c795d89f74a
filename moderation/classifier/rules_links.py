"""Links and promotion. A link leads members somewhere no guide has checked (sales,
scams, pro-self-harm sites), so it is held; links to the well-known support
services members share with each other are not."""

import re

from moderation.classifier.labels import NORMAL, SPAM
from moderation.classifier.rules import Context, Rule, pattern_rule, phrases

# Support services and public health sites: sharing these is what peers should do.
RESOURCE_DOMAINS = frozenset(
    {
        "samaritans.org",
        "nhs.uk",
        "mind.org.uk",
        "giveusashout.org",
        "papyrus-uk.org",
        "thecalmzone.net",
        "youngminds.org.uk",
        "rethink.org",
        "childline.org.uk",
        "beateatingdisorders.org.uk",
        "988lifeline.org",
        "crisistextline.org",
        "mentalhealth.org.uk",
        "themix.org.uk",
        "stem4.org.uk",
        "anxietyuk.org.uk",
        "who.int",
        "gov.uk",
        "befrienders.org",
        "findahelpline.com",
        "lifeline.org.au",
        "beyondblue.org.au",
        "kidshelpline.com.au",
        "pieta.ie",
        "harbour.example",
    }
)
# Bare domains only with endings that ordinary words glued by a missing space
# ("tired.in", "done.me") do not make. ".example" is reserved for documentation
# (RFC 2606); it is here so that example posts are read like real ones.
_TLD = (
    # org.uk before org, or "mind.org.uk" would be read as the domain "mind.org".
    r"co\.uk|org\.uk|com|net|org|io|ly|app|xyz|shop|biz|info|gg|tv|store|online|site|link"
    r"|click|top|ru|ee|example"
)
# Short-link and invite hosts, whatever their ending.
_SHORT_HOSTS = (
    r"t\.me|wa\.me|bit\.ly|tinyurl\.com|linktr\.ee|discord\.gg|amzn\.to|amzn\.eu|goo\.gl"
    r"|ow\.ly|cutt\.ly|rb\.gy|is\.gd|shorturl\.at"
)
LINK = re.compile(
    rf"\b(?:https?://|www\.|(?:{_SHORT_HOSTS})/)[^\s<>\"']+|(?<![@\w.\-])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    rf"\.(?:{_TLD})\b(?:/[^\s<>\"']*)?",
    re.I,
)
# "e.g." or "a.m." are not domains; a domain has a label of two letters or more.
_NOT_A_DOMAIN = re.compile(r"^(?:[a-z]\.)+[a-z]\.?$", re.I)
# Email providers spelt out are an email address (rules_contact), not a link.
LINK_SPELT_OUT = phrases(
    r"(?!gmail|hotmail|yahoo|outlook|icloud|proton)[a-z0-9\-]{3,} dot (?:com|net|org|co dot uk|io"
    r"|ly|me)"
)
# Follower swaps, matched as written ("sub4sub": the 4 is not a letter here).
FOLLOW_SWAPS = phrases(r"sub ?4 ?sub|f4f|l4l|follow ?4 ?follow|like ?4 ?like")
PROMOTION = phrases(
    r"first (?:session|call|consultation) (?:is )?on me"
    r"|free (?:discovery|consultation|intro|introductory) (?:call|session)",
    r"(?:dm|message|pm|inbox|email|whatsapp) me (?:to (?:book|order|join)|for (?:a|my|the) "
    r"(?:free |discounted )?(?:session|call|consultation|link|details|catalogue|menu)"
    r"|if (?:you'?re|you are|ur) interested)",
    r"(?:dm|message|pm) me the word",
    r"(?:dm|message|pm) me (?:privately |here )?(?:for (?:a quote|the code|the link)|and i'?ll"
    r" add you)|(?:message|dm) me privately to book|just message me here",
    r"payment plans? available|or your money back|money back guarantee\w*|slots go fast"
    r"|reply (?:yes|interested|info) below",
    r"guaranteed? results|guaranteed to (?:fix|cure)",
    r"(?:special|exclusive) (?:harbour |members?'? )?discount",
    r"book (?:a|your) (?:free )?(?:call|session|consultation|slot|place) (?:with me|today|now)",
    r"(?:special|exclusive|discounted) (?:rate|price|offer|discount) (?:for|to) (?:harbour|all"
    r"|you|members)",
    r"(?:\d+ ?%|half price) off (?:for (?:harbour|members|you|anyone)|everything|if you)",
    r"buy now",
    r"(?:i'?m|im|i am) (?:a |an )?(?:\w+ ){0,3}(?:distributor|stockist|brand ambassador"
    r"|brand rep)(?: now| for)",
    r"order now",
    r"sign up (?:now|today|here)",
    r"promo ?code",
    r"discount code",
    r"coupon",
    r"use (?:my )?code",
    r"use mine\W{1,3}(?=[a-z]*\d)[a-z0-9]{5,}",
    r"(?:a |my )?code (?:that )?(?:gives|gets) (?:you )?(?:\d+|a|one|two|three) (?:free )?"
    r"(?:months?|weeks?)(?: free)?",
    r"limited (?:time )?offer",
    r"(?:dm|message|pm|text) (?:me )?for (?:prices|price|info|details|more info|rates)",
    r"(?:cheap|buy|order) (?:xanax|valium|diazepam|oxy(?:codone|contin)?|pills|meds|tramadol"
    r"|codeine|zopiclone|modafinil|adderall)(?: online)?",
    r"without (?:a )?prescription",
    r"no prescription needed",
    r"earn (?:£|\$|€)? ?\d+",
    r"make (?:£|\$|€)? ?\d*k? ?(?:money|cash) (?:from home|fast|online|a day|a week)",
    r"work from home (?:opportunity|job)",
    r"passive income",
    r"crypto(?:currency)? (?:investment|opportunity|signals)",
    r"forex",
    r"bitcoin (?:investment|doubling|opportunity)",
    r"free (?:followers|likes|gift ?cards?|iphone|money)",
    r"click (?:here|the link|my link|below)",
    r"link in (?:my )?bio",
    r"check out my (?:channel|page|shop|store|business|website|site|podcast|youtube"
    r"|onlyfans|blog|book|course|app|music|mixtape|stream)",
    r"subscribe to my",
    r"follow my (?:page|account|channel|blog|podcast|youtube|tiktok|twitch|substack|newsletter)",
    r"visit (?:my|our) (?:site|website|shop|store)",
    r"(?:best|lowest) prices?",
    r"100 ?% guaranteed",
    r"money back guarantee",
    r"dm me to (?:join|start|learn)",
    r"(?:buy|get) (?:\d+ )?(?:\w+ )?(?:followers|likes|views)",
    r"f4f|l4l|s4s|follow ?(?:4|for) ?follow|like ?(?:4|for) ?like|sub ?(?:4|for) ?sub"
    r"|i follow back",
    r"(?:message|dm|pm|inbox) (?:me )?(?:for|to get) (?:a |the |your )?(?:starter pack|details|info"
    r"|access|the pdf|prices|more|a free)",
    r"link (?:below|in (?:my )?(?:bio|profile))",
    r"(?:visit|check out|new in) my (?:etsy|vinted|depop|ebay|amazon|shop|store|storefront)",
    r"my (?:etsy|vinted|depop|amazon storefront|onlyfans)",
    r"(?:sub|subscribe) to my|please (?:like|subscribe|share (?:this|my|the (?:link|post|page"
    r"|video)))|like and (?:share|subscribe)"
    r"|leave (?:\d|five) stars",
    r"affiliate (?:link|code)|referral code|free spins|no deposit|no credit checks?"
    r"|same day payout|giveaway"
    r"|tag \d+ friends|be your own boss|business opportunity|side hustle|join my team"
    r"|building a team|upline|(?:only )?\d+ (?:spots|places|spaces) (?:left|remaining)"
    r"|(?:spots|places|spaces) (?:are )?limited|limited (?:spots|places|spaces)|early bird"
    r"|book now|apply (?:now|at|here)|hiring now|no experience needed|vip group|betting tips"
    r"|free webinar|masterclass|mint is live|nft|crypto bot|before it moons|sugar daddy"
    r"|looking for a \w+ (?:girl|boy) to spoil|certified life coach|free sessions? left",
    r"(?:selling|sell|distributor for|business with|money with) (?:\w+ )?(?:essential oils?"
    r"|skincare|shakes|wellness)|essential oil blend|my wellness brand",
    r"(?:cheap|quick) (?:essays|loans|cash|phone contracts)",
    r"psychic readings?|distance reiki|hypnotherapy downloads",
    # A member's own book or record, and a plea for sales and reviews.
    r"(?:buy|order|grab|download|read) (?:it |a copy |one |my book )?(?:and|&) (?:leave|write"
    r"|drop|give) (?:a |me a |it a )?(?:\w+ )?(?:review|rating)",
    r"my (?:new |first |debut )?(?:book|ebook|e-book|novel|memoir|album|ep|single|course|journal"
    r"|planner)(?: [\w']+){0,6}? (?:is )?(?:out now|now available|available now|available on"
    r"|(?:live|out) on (?:kindle|amazon|audible|spotify|apple))",
    r"(?:login|account|details) (?:here|at)|verify your (?:login|account|details)"
    r"|account (?:has been|will be) (?:flagged|suspended|locked)",
)


def _domain_of(link: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", link, flags=re.I)
    return re.split(r"[/?#:]", host, maxsplit=1)[0].lower().rstrip(".")


def _is_resource(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in RESOURCE_DOMAINS)


def _find_links(context: Context):
    for match in LINK.finditer(context.text):
        link = match.group(0).rstrip(".,;:!?)")
        if _NOT_A_DOMAIN.match(link) or _is_resource(_domain_of(link)):
            continue
        yield match.start(), match.start() + len(link)


RULES = (
    Rule("link", SPAM, NORMAL, _find_links),
    pattern_rule("link_spelt_out", SPAM, NORMAL, LINK_SPELT_OUT),
    pattern_rule("promotion", SPAM, NORMAL, PROMOTION),
    pattern_rule("promotion", SPAM, NORMAL, FOLLOW_SWAPS, plain=False),
)
