"""Claiming cases: queue order, one guide per case, leases, release and reassignment."""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from accounts.roles import Role
from community.services.threads import thread_create
from moderation.claims import case_claim, case_claim_next, case_reassign, case_release
from moderation.errors import ModerationRefused
from moderation.models import AuditAction, AuditEntry, CasePriority, ReviewCase, RiskAssessment
from moderation.pipeline import case_open
from moderation.services import case_approve, case_open_for
from tests.factories import TalkaboutFactory, UserFactory

pytestmark = pytest.mark.django_db


def _held(member, talkabout, title):
    post = thread_create(author=member, talkabout=talkabout, title=title, body="words").posts.get()
    return case_open_for(post)


def _score(case, value):
    """Give the item's assessment this top risk score; reopening the case picks it up."""
    RiskAssessment.objects.filter(content_type=case.content_type, object_id=case.object_id).update(
        scores={"self_harm": value, "spam": 0.01, "safe": 0.99}
    )
    return case_open(case.item, reason=case.reason, priority=case.priority)


@pytest.mark.portable
def test_next_case_takes_urgent_first_then_risk_score_then_age(member, talkabout, guide):
    oldest, low, high, urgent = (_held(member, talkabout, f"t{n}") for n in range(4))
    ReviewCase.objects.filter(pk=oldest.pk).update(opened_at=timezone.now() - timedelta(hours=3))
    assert _score(low, 0.4).risk_score == 0.4  # "safe" is not a risk label
    assert _score(high, 0.9).risk_score == 0.9
    ReviewCase.objects.filter(pk=urgent.pk).update(priority=CasePriority.URGENT)
    order = [case_claim_next(guide=guide).pk for _ in range(4)]
    assert order == [urgent.pk, high.pk, low.pk, oldest.pk]
    assert case_claim_next(guide=guide) is None


def test_a_claimed_case_is_skipped_and_its_claim_audited(member, talkabout, guide, lead):
    first, second = _held(member, talkabout, "a"), _held(member, talkabout, "b")
    assert case_claim_next(guide=guide).pk == first.pk
    taken = case_claim_next(guide=lead)
    assert taken.pk == second.pk and taken.claimed_by == lead
    assert taken.lease_expires_at > timezone.now() + timedelta(minutes=9)
    assert AuditEntry.objects.filter(action=AuditAction.CASE_CLAIMED).count() == 2


@pytest.mark.portable
def test_a_lapsed_lease_frees_the_case(member, talkabout, guide, lead):
    case = _held(member, talkabout, "a")
    case_claim_next(guide=guide)
    with pytest.raises(ModerationRefused, match="Another Wall Guide"):
        case_claim(case=case, guide=lead)
    ReviewCase.objects.filter(pk=case.pk).update(lease_expires_at=timezone.now())
    assert case_claim_next(guide=lead).pk == case.pk


@pytest.mark.portable
def test_acting_releases_the_claim_and_another_guide_cannot_act(member, talkabout, guide, lead):
    case = _held(member, talkabout, "a")
    case_claim(case=case, guide=guide)
    with pytest.raises(ModerationRefused, match="Another Wall Guide is working on this case"):
        case_approve(case=case, guide=lead)
    case_approve(case=case, guide=guide)
    case.refresh_from_db()
    assert case.claimed_by is None and case.lease_expires_at is None and case.state == "closed"


def test_a_guide_releases_and_the_case_goes_back_to_the_queue(member, talkabout, guide, lead):
    case = _held(member, talkabout, "a")
    case_claim(case=case, guide=guide)
    with pytest.raises(ModerationRefused):
        case_release(case=case, guide=lead)
    case_release(case=case, guide=guide)
    assert case_claim_next(guide=lead).pk == case.pk


def test_only_a_lead_reassigns_and_only_to_a_clinician(member, talkabout, guide, lead):
    case = _held(member, talkabout, "a")
    other_guide = UserFactory(role=Role.GUIDE, handle="guide-gail")
    case_claim(case=case, guide=guide)
    with pytest.raises(ModerationRefused, match="clinical lead"):
        case_reassign(case=case, lead=guide, to=other_guide)
    with pytest.raises(ModerationRefused, match="Wall Guide or lead"):
        case_reassign(case=case, lead=lead, to=member)
    moved = case_reassign(case=case, lead=lead, to=other_guide, reason="Shift change")
    assert moved.claimed_by == other_guide
    entry = AuditEntry.objects.get(action=AuditAction.CASE_REASSIGNED)
    assert entry.reason == "Shift change" and entry.actor_role == Role.LEAD


def _claim_concurrently(guides):
    """Each guide asks for the next case at the same moment, on its own connection."""
    barrier = threading.Barrier(len(guides))
    got, errors = {}, []

    def ask(guide):
        try:
            barrier.wait(timeout=10)
            case = case_claim_next(guide=guide)
            got[guide.pk] = case.pk if case else None
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=ask, args=(guide,)) for guide in guides]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert errors == []
    return got


def _guides(count):
    return [UserFactory(role=Role.GUIDE, handle=f"guide-{n}") for n in range(count)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("skip_locked", [True, False], ids=["skip-locked", "conditional-update"])
def test_guides_claiming_at_once_never_get_the_same_case(skip_locked, monkeypatch):
    # Without SKIP LOCKED (SQLite), the conditional UPDATE alone must keep claims apart.
    if not skip_locked:
        monkeypatch.setattr(type(connection.features), "has_select_for_update_skip_locked", False)
    member = UserFactory(handle="alice-wren")
    talkabout = TalkaboutFactory()
    cases = [_held(member, talkabout, f"t{n}") for n in range(3)]
    guides = _guides(5)
    got = _claim_concurrently(guides)
    claimed = [pk for pk in got.values() if pk is not None]
    assert len(claimed) == len(set(claimed)) == 3
    assert sorted(claimed) == sorted(case.pk for case in cases)
    holders = ReviewCase.objects.values_list("claimed_by", flat=True)
    assert len(set(holders)) == 3
