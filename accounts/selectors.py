"""Reads about accounts."""

from accounts.models import Consent, ConsentKind


def model_improvement_consented(user) -> bool:
    """Whether the member currently lets their posts improve the risk check."""
    return Consent.objects.filter(
        user=user, kind=ConsentKind.MODEL_IMPROVEMENT, withdrawn_at__isnull=True
    ).exists()
