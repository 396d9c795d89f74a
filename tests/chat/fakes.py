"""Stand-ins for the risk check: one that takes its time (the chat's time limit),
one that runs only the real rules (the browser tests' server)."""

import time

from django.conf import settings

from moderation.classifier.assessment import _assessment, assess_rules_only
from moderation.classifier.labels import LABELS
from tests.moderation.fakes import FixedVerdictBackend


class SlowBackend(FixedVerdictBackend):
    def assess(self, texts):
        time.sleep(settings.HARBOUR_FAKE_RISK_DELAY)
        return super().assess(texts)


class RulesOnlyPublishBackend:
    """The real rules, and a model that finds nothing: a message is held exactly when
    a rule flags it (a phone number, say). For the browser tests' server, which must
    not load the model and must hold or publish deterministically."""

    def assess(self, texts):
        nothing = dict.fromkeys(LABELS, 0.0)
        return [_assessment(text, nothing, None, {}, "rules-test") for text in texts]

    def assess_rules_only(self, text):
        return assess_rules_only(text)
