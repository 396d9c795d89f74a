"""Every rule, in one place: crisis, threats, contact details, links."""

from moderation.classifier import (
    rules_contact,
    rules_crisis,
    rules_imminent,
    rules_links,
    rules_threats,
)
from moderation.classifier.rules import RuleMatch, rules_run

ALL_RULES = (
    rules_imminent.RULES
    + rules_crisis.RULES
    + rules_threats.RULES
    + rules_contact.RULES
    + rules_links.RULES
)


def rules_match(text: str, handles=None) -> list[RuleMatch]:
    """Run every rule over a text. handles: known forum handles, or None (see
    rules_contact for how an @word is read either way)."""
    return rules_run(ALL_RULES, text, handles)
