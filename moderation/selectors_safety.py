"""Reads for escalation, on-call and standing: who is on duty, the rota, console
alerts, the escalation checklist, a member's sanctions and appeals."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from moderation.models import (
    Appeal,
    AppealState,
    CaseDecision,
    CaseState,
    ConsoleAlert,
    OnCallShift,
    ReviewCase,
    Sanction,
)

CLINICIANS = (Role.GUIDE, Role.LEAD)
ALERTS_SHOWN = 10


def rota_zone() -> ZoneInfo:
    return ZoneInfo(settings.HARBOUR_ONCALL_TIME_ZONE)


def guides_on_duty(now=None) -> list[User]:
    """Active guides and leads with a shift covering `now`."""
    now = now or timezone.now()
    shifts = OnCallShift.objects.filter(starts_at__lte=now, ends_at__gt=now)
    return list(
        User.objects.filter(
            pk__in=shifts.values("guide"), role__in=CLINICIANS, is_active=True
        ).order_by("handle")
    )


def rota_shifts(*, days: int = 14):
    """Shifts not yet over, up to `days` ahead, soonest first."""
    now = timezone.now()
    return OnCallShift.objects.filter(
        ends_at__gt=now, starts_at__lt=now + timedelta(days=days)
    ).select_related("guide", "created_by")


def alerts_for(user) -> list[ConsoleAlert]:
    """The user's notices not yet dismissed, newest first."""
    waiting = ConsoleAlert.objects.filter(recipient=user, dismissed_at__isnull=True)
    return list(waiting[:ALERTS_SHOWN])


def escalation_checklist(case) -> list[dict]:
    """The checklist from HARBOUR_ESCALATION_CHECKLIST, each step with who did it when."""
    done = {step.step: step for step in case.escalation_steps.select_related("done_by")}
    minutes = settings.HARBOUR_ESCALATION_WAIT_MINUTES
    return [
        {"key": key, "text": text.format(minutes=minutes), "done": done.get(key)}
        for key, text in settings.HARBOUR_ESCALATION_CHECKLIST
    ]


def member_sanctions(member) -> list[Sanction]:
    return list(Sanction.objects.filter(member=member).select_related("appeal"))


def member_removals(member) -> list[ReviewCase]:
    """The member's removed items (closed cases decided "removed"), newest first."""
    cases = ReviewCase.objects.filter(
        author=member, state=CaseState.CLOSED, decision=CaseDecision.REMOVED
    ).select_related("appeal", "content_type")
    return list(cases.order_by("-closed_at"))


def appeals_for_leads():
    """Pending appeals first (oldest first), then the last decided ones."""
    related = ("member", "case", "sanction", "decided_by")
    pending = Appeal.objects.filter(state=AppealState.PENDING).select_related(*related)
    decided = Appeal.objects.exclude(state=AppealState.PENDING).select_related(*related)
    return list(pending.order_by("created_at")), list(decided.order_by("-decided_at")[:50])
