"""How moderation describes a member's consented self-assessment alert.

The alert is private: it is never published, so publish and hide change nothing.
A guide reads the summary here, then writes to the member through the console.
"""

from django.utils import timezone

from moderation import registry
from selfcare.instruments import INSTRUMENTS, PHQ9_RISK_ITEM, answer_label
from selfcare.models import SelfAssessmentAlert


class SelfAssessmentAlertHandler:
    private = True  # never public, never a training label (moderation.registry.is_private)

    def kind(self, alert):
        return "self-assessment"

    def text(self, alert):
        assessment = alert.assessment
        instrument = INSTRUMENTS[assessment.kind]
        taken = timezone.localtime(assessment.taken_at)
        lines = [
            f"The member asked a Wall Guide to contact them after a {instrument.name} "
            f"on {taken:%d %B %Y at %H:%M}.",
            f"Question 9 (thoughts of being better off dead or of self-harm): "
            f"{answer_label(assessment.answers[PHQ9_RISK_ITEM])}.",
            f"Total score {assessment.score} of {instrument.max_score}: {assessment.band}.",
        ]
        if alert.note:
            lines += ["", "The member wrote:", alert.note]
        return "\n".join(lines)

    def publish(self, alert):
        pass  # private: a guide's "approve" closes the case, nothing becomes public

    def hide(self, alert):
        pass  # never public

    def after_decision(self, alert, *, approved, message):
        pass  # the guide writes to the member from the case; there is nothing to tell

    def location(self, alert):
        return "a private self-assessment"

    def url(self, alert):
        return ""  # the answers stay on the member's own pages

    def related(self):
        return ["assessment"]

    def context(self, alert):
        return []


def register():
    registry.register(SelfAssessmentAlert, SelfAssessmentAlertHandler())
