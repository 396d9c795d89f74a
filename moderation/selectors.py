"""Reads for moderation: the open cases, with the items they are about."""

from collections import defaultdict

from django.db.models import Exists, OuterRef

from accounts.models import Consent, ConsentKind
from moderation.models import CaseState, GuideLabel, ReviewCase
from moderation.registry import handler_for


def open_cases(limit=200):
    """Open cases, urgent first, then oldest; each with its item and a description."""
    cases = list(
        ReviewCase.objects.filter(state=CaseState.OPEN)
        .select_related("content_type", "author")
        .order_by("-priority", "opened_at")[:limit]
    )
    _attach_items(cases)
    return cases


def _attach_items(cases):
    # One query per content type, not per case.
    wanted = defaultdict(set)
    for case in cases:
        wanted[case.content_type].add(case.object_id)
    items = {}
    for content_type, ids in wanted.items():
        for item in content_type.model_class().objects.filter(pk__in=ids):
            items[(content_type.pk, item.pk)] = item
    for case in cases:
        case.item_cached = items.get((case.content_type_id, case.object_id))
        if case.item_cached is not None:
            handler = handler_for(case.item_cached)
            case.kind = handler.kind(case.item_cached)
            case.text = handler.text(case.item_cached)
            case.location = handler.location(case.item_cached)
            case.link = handler.url(case.item_cached)


def exportable_labels():
    """Guides' labels whose author consents now to improving the check, oldest first."""
    consenting = Consent.objects.filter(
        user=OuterRef("author"), kind=ConsentKind.MODEL_IMPROVEMENT, withdrawn_at__isnull=True
    )
    return (
        GuideLabel.objects.exclude(text="")
        .filter(Exists(consenting))
        .order_by("created_at", "pk")
        .iterator()
    )
