"""Consent to model improvement: given or withdrawn by the member at any time."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Consent, ConsentKind
from accounts.selectors import model_improvement_consented
from accounts.services import consents_record
from moderation.models import GuideLabel


@transaction.atomic
def model_improvement_withdraw(*, member) -> int:
    """Withdraw consent. Every text of theirs kept for training is emptied at once, so
    no label export (moderation_export_labels) carries it again, even if they later
    consent anew. Returns how many kept texts were emptied."""
    Consent.objects.filter(
        user=member, kind=ConsentKind.MODEL_IMPROVEMENT, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    return GuideLabel.objects.filter(author=member).exclude(text="").update(text="")


def model_improvement_give(*, member) -> None:
    """Consent (again) to the current version; only texts decided from now on are kept."""
    if not model_improvement_consented(member):
        consents_record(user=member, kinds=[ConsentKind.MODEL_IMPROVEMENT])
