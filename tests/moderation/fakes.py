"""A stand-in for the risk check, for tests that are not about the classifier.

Its verdict comes from settings.HARBOUR_FAKE_RISK_DECISION ("review" unless a test
says otherwise); "fail" raises, as a broken model would. The rules are the real ones.
"""

from django.conf import settings

from moderation.classifier.assessment import Assessment, assess_rules_only


class FixedVerdictBackend:
    def assess(self, texts):
        decision = settings.HARBOUR_FAKE_RISK_DECISION
        if decision == "fail":
            raise RuntimeError("the fake model is broken, as asked")
        labels = {"publish": (), "review": ("harassment",), "escalate": ("imminent_risk",)}
        priority = {"publish": None, "review": "normal", "escalate": "urgent"}[decision]
        return [Assessment(decision, labels[decision], {}, (), priority, "fake-1") for _ in texts]

    def assess_rules_only(self, text):
        return assess_rules_only(text)
