"""Reads for moderation: the queue of open cases, one case in full, a member's
risk timeline, and the guides' labels for export."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from accounts.models import Consent, ConsentKind
from moderation.models import (
    CaseState,
    GuideLabel,
    GuideMessage,
    RemovalReason,
    ReviewCase,
    RiskAssessment,
    Sanction,
    SanctionKind,
)
from moderation.registry import handler_for, handler_for_model, registered_models

EXCERPT = 160
# Guide wellbeing: excerpts with these labels are blurred in the queue until focused.
DISTRESSING_LABELS = {"imminent_risk", "suicidal_ideation", "self_harm", "harm_to_others"}
TIMELINE_LIMIT = 50


@dataclass(frozen=True)
class QueueFilters:
    priority: int | None = None
    kind: str = ""  # "community.post": a registered model's label
    label: str = ""
    claimed: str = ""  # "yes", "no" or "" for both
    mine: bool = False


def queue_kinds() -> list[tuple[str, str]]:
    """(value, name) of every kind of item the queue can hold."""
    return [
        (model._meta.label_lower, model._meta.verbose_name_plural.capitalize())
        for model in registered_models()
    ]


def case_queue(*, viewer, filters: QueueFilters):
    """Open cases in queue order (urgent, risk score, age), filtered; items not attached."""
    now = timezone.now()
    cases = (
        ReviewCase.objects.open()
        .in_queue_order()
        .with_sla_deadline()
        .select_related("content_type", "author", "claimed_by")
    )
    if filters.priority:
        cases = cases.filter(priority=filters.priority)
    if filters.kind:
        app_label, _, model = filters.kind.partition(".")
        cases = cases.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.label:
        cases = cases.filter(_label_q(filters.label))
    if filters.claimed == "yes":
        cases = cases.claimed(now)
    elif filters.claimed == "no":
        cases = cases.unclaimed(now)
    if filters.mine:
        cases = cases.filter(claimed_by=viewer, lease_expires_at__gt=now)
    return cases


def _label_q(label: str) -> Q:
    if connection.features.supports_json_field_contains:
        return Q(labels__contains=[label])
    return Q(labels__icontains=f'"{label}"')  # SQLite: the JSON text holds the quoted label


def queue_rows(cases) -> list:
    """The page's cases with what a row shows: kind, location, excerpt, rule names,
    time left to the SLA. One query per kind of item, however many cases."""
    cases = list(cases)
    _attach_items(cases)
    now = timezone.now()
    blur = settings.HARBOUR_CONSOLE_BLUR_DISTRESSING
    for case in cases:
        case.rule_names = sorted({match.get("rule", "") for match in case.rules} - {""})
        case.sla_words, case.sla_overdue = sla_words(case.sla_deadline - now)
        case.holder = case.claimed_by if case.holder_id(now) else None
        case.distressing = blur and bool(DISTRESSING_LABELS.intersection(case.labels))
    return cases


def sla_words(left) -> tuple[str, bool]:
    """("12 min left", False) or ("1 h 5 min overdue", True)."""
    minutes = int(abs(left.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    amount = f"{hours} h {minutes} min" if hours else f"{minutes} min"
    return (f"{amount} overdue", True) if left.total_seconds() < 0 else (f"{amount} left", False)


def _attach_items(cases):
    wanted = defaultdict(set)
    for case in cases:
        wanted[case.content_type].add(case.object_id)
    items = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        related = getattr(handler_for_model(model), "related", lambda: [])()
        for item in model.objects.filter(pk__in=ids).select_related(*related):
            items[(content_type.pk, item.pk)] = item
    for case in cases:
        case.item_cached = items.get((case.content_type_id, case.object_id))
        if case.item_cached is not None:
            _describe(case, case.item_cached)


def _describe(case, item):
    handler = handler_for(item)
    case.kind = handler.kind(item)
    case.text = handler.text(item)
    case.excerpt = case.text if len(case.text) <= EXCERPT else case.text[:EXCERPT] + "…"
    case.location = handler.location(item)
    case.link = handler.url(item)


def case_detail(pk: int):
    """One case with everything the case page shows, or None."""
    case = (
        ReviewCase.objects.with_sla_deadline()
        .select_related("content_type", "author", "claimed_by", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        return None
    item = case.content_type.model_class().objects.filter(pk=case.object_id).first()
    if item is None:  # erased with its author's account
        return None
    case.item_cached = item
    _describe(case, item)
    handler = handler_for(item)
    case.segments = highlighted(case.text, case.rules)
    case.rule_names = sorted({match.get("rule", "") for match in case.rules} - {""})
    case.assessment = (
        RiskAssessment.objects.filter(content_type=case.content_type, object_id=case.object_id)
        .order_by("-created_at", "-pk")
        .first()
    )
    case.context = getattr(handler, "context", lambda item: [])(item)
    case.can_redact = hasattr(handler, "redact")
    case.notes_list = list(case.notes.select_related("author"))
    case.reports_list = list(case.reports.order_by("created_at"))
    case.conversation = list(GuideMessage.objects.filter(member=case.author_id))
    case.holder = case.claimed_by if case.holder_id() else None
    case.sla_words, case.sla_overdue = sla_words(case.sla_deadline - timezone.now())
    return case


def removal_reasons_for(kind: str):
    """The active ready-written reasons for removing an item of this kind."""
    return RemovalReason.objects.filter(Q(kind="") | Q(kind=kind), is_active=True)


def highlighted(text: str, rules: list[dict]) -> list[dict]:
    """The text cut at every rule span's edges: [{"text", "rules": [names]}], in order."""
    spans = [
        (max(0, int(m["start"])), min(len(text), int(m["end"])), m.get("rule", ""))
        for m in rules
        if "start" in m and "end" in m
    ]
    cuts = sorted({0, len(text)} | {edge for start, end, _ in spans for edge in (start, end)})
    segments = []
    for low, high in pairwise(cuts):
        names = sorted({name for start, end, name in spans if start <= low and high <= end})
        segments.append({"text": text[low:high], "rules": names})
    return segments


def member_timeline(member, *, limit: int = TIMELINE_LIMIT) -> list[dict]:
    """The member's risk history, newest first: the automatic check's verdicts on
    their items, their cases and the guides' decisions, messages with the guides.
    Handles only: never an email address or safety details."""
    events = _assessment_events(member, limit) + _case_events(member, limit)
    for message in GuideMessage.objects.filter(member=member).order_by("-created_at")[:limit]:
        who = "Member wrote to the Wall Guides" if message.from_member else "Wall Guides wrote"
        events.append({"when": message.created_at, "what": who, "detail": "", "case": None})
    events.sort(key=lambda event: event["when"], reverse=True)
    return events[:limit]


def _assessment_events(member, limit):
    mine = Q(pk__in=[])
    for model in registered_models():
        ids = model.objects.filter(author=member).values("pk")
        content_type = ContentType.objects.get_for_model(model)
        mine |= Q(content_type=content_type, object_id__in=ids)
    assessments = RiskAssessment.objects.filter(mine).order_by("-created_at")[:limit]
    return [
        {
            "when": assessment.created_at,
            "what": f"Automatic check: {assessment.get_decision_display().lower()}",
            "detail": ", ".join(assessment.labels),
            "case": None,
        }
        for assessment in assessments
    ]


def _case_events(member, limit):
    events = []
    cases = ReviewCase.objects.filter(author=member).select_related("closed_by")
    for case in cases.order_by("-opened_at")[:limit]:
        events.append({
            "when": case.opened_at,
            "what": f"Case opened ({case.get_priority_display().lower()})",
            "detail": case.get_reason_display(),
            "case": case.pk,
        })  # fmt: skip
        if case.state == CaseState.CLOSED and case.closed_at:
            by = f" by {case.closed_by.handle}" if case.closed_by else ""
            events.append({
                "when": case.closed_at,
                "what": f"Decision: {case.get_decision_display().lower()}{by}",
                "detail": case.message_to_author,
                "case": case.pk,
            })  # fmt: skip
    return events


def member_replies_waiting(limit: int = 20) -> list[GuideMessage]:
    """Members' replies to the Wall Guides that no guide has opened a case to read yet,
    oldest first, so a reply to a case already closed is not left unseen."""
    waiting = GuideMessage.objects.filter(from_member=True, read_at__isnull=True)
    return list(waiting.select_related("member").order_by("created_at")[:limit])


def member_conversation(member) -> list[GuideMessage]:
    """The member's conversation with the Wall Guides, oldest first. Which guide
    wrote is not part of it: the member's page shows "Wall Guides" only."""
    return list(GuideMessage.objects.filter(member=member).defer("sender", "rules"))


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


def posting_blocked(user) -> str | None:
    """Why the member may not post now (a posting pause or suspension in force), in
    words they can read, or None. Every service that lets a member write calls this."""
    if not getattr(user, "is_authenticated", False):
        return None
    sanction = (
        Sanction.objects.blocking()
        .filter(member=user)
        .order_by(F("ends_at").desc(nulls_first=True))
        .first()
    )
    return None if sanction is None else posting_refusal(sanction)


def posting_refusal(sanction) -> str:
    if sanction.kind == SanctionKind.SUSPENSION and sanction.ends_at is None:
        what = "Your account is suspended from posting"
    else:
        until = timezone.localtime(sanction.ends_at).strftime("%-d %B %Y, %H:%M %Z")
        what = f"Your posting is paused until {until}"
    return (
        f"{what}. The Wall Guides' reason: {sanction.reason} "
        "You can still read, write to the Wall Guides, and get crisis help at any time."
    )


def help_may_take_longer(user) -> bool:
    """Whether the member has an urgent case that paged nobody (no guide on duty) and
    no guide has taken yet: their page says plainly that help may take longer."""
    return ReviewCase.objects.open().unclaimed().filter(author=user, nobody_on_duty=True).exists()
