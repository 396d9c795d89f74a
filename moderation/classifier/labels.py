"""The risk taxonomy and how urgent each label is. Shared by rules, head and policy."""

IMMINENT_RISK = "imminent_risk"
SUICIDAL_IDEATION = "suicidal_ideation"
SELF_HARM = "self_harm"
HARM_TO_OTHERS = "harm_to_others"
HARASSMENT = "harassment"
PERSONAL_INFO = "personal_info"
SPAM = "spam"
SAFE = "safe"

# Order matters: it is the column order of the head's weights.
LABELS = (
    IMMINENT_RISK,
    SUICIDAL_IDEATION,
    SELF_HARM,
    HARM_TO_OTHERS,
    HARASSMENT,
    PERSONAL_INFO,
    SPAM,
    SAFE,
)
RISK_LABELS = tuple(label for label in LABELS if label != SAFE)
ESCALATE_LABELS = frozenset({IMMINENT_RISK, HARM_TO_OTHERS})

PUBLISH, REVIEW, ESCALATE = "publish", "review", "escalate"
DECISIONS = (PUBLISH, REVIEW, ESCALATE)

# Priority of the case a held item opens, lowest first, so max() picks the most urgent.
NORMAL, HIGH, URGENT = "normal", "high", "urgent"
PRIORITIES = (NORMAL, HIGH, URGENT)

LABEL_PRIORITY = {
    IMMINENT_RISK: URGENT,
    HARM_TO_OTHERS: URGENT,
    SUICIDAL_IDEATION: HIGH,
    SELF_HARM: HIGH,
    HARASSMENT: NORMAL,
    PERSONAL_INFO: NORMAL,
    SPAM: NORMAL,
}


def priority_max(priorities) -> str | None:
    """Return the most urgent of the given priorities, or None if there are none."""
    ranked = [PRIORITIES.index(p) for p in priorities]
    return PRIORITIES[max(ranked)] if ranked else None


def decision_expected(labels) -> str:
    """The decision the policy should reach for a text with these true labels."""
    risky = set(labels) - {SAFE}
    if risky & ESCALATE_LABELS:
        return ESCALATE
    return REVIEW if risky else PUBLISH
