"""The texts a member agrees to, and their current versions.

Bump a version when its text changes in a way members must agree to again;
each Consent row stores the version it was given to.
"""

from accounts.models import ConsentKind

POLICY_VERSIONS = {
    ConsentKind.HOUSE_RULES: "2026-11",
    ConsentKind.PRIVACY: "2026-11",
    ConsentKind.ESCALATION: "2026-11",
    ConsentKind.MODEL_IMPROVEMENT: "2026-11",
}

POLICY_TEMPLATES = {
    "house-rules": ("accounts/policies/house_rules.html", ConsentKind.HOUSE_RULES),
    "privacy": ("accounts/policies/privacy.html", ConsentKind.PRIVACY),
    "escalation": ("accounts/policies/escalation.html", ConsentKind.ESCALATION),
}
