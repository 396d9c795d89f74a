"""Model oversight: a deterministic 2% sample of what the check published goes to the
leads, and a lead's "should have been held" labels it, hides it and opens a case."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community.services.threads import thread_create
from moderation.models import (
    AuditAction,
    AuditEntry,
    CaseDecision,
    CasePriority,
    GuideLabel,
    HeldReason,
    OversightSample,
    OversightVerdict,
    RiskAssessment,
    RiskDecision,
)
from moderation.oversight import (
    assessment_sampled,
    oversight_sample_confirm,
    oversight_sample_hold,
    oversight_samples_take,
)
from moderation.services import ModerationRefused, case_open_for
from moderation.states import ModerationState


@pytest.fixture
def published_post(settings, member, talkabout):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    thread = thread_create(
        author=member, talkabout=talkabout, title="Tonight", body="I have a plan for the weekend."
    )
    settings.HARBOUR_FAKE_RISK_DECISION = "review"
    return thread.posts.get()


@pytest.fixture
def sample(settings, published_post):
    settings.HARBOUR_OVERSIGHT_SAMPLE_RATE = 1.0
    oversight_samples_take()
    return OversightSample.objects.get(assessment__object_id=published_post.pk)


def _assessments(post, count, decision=RiskDecision.PUBLISH):
    content_type = ContentType.objects.get_for_model(post)
    return RiskAssessment.objects.bulk_create(
        RiskAssessment(
            content_type=content_type,
            object_id=post.pk,
            content_hash=f"{decision}-{n}",
            decision=decision,
            model_version="test",
            latency_ms=1.0,
        )  # fmt: skip
        for n in range(count)
    )


def test_the_sample_is_two_percent_by_default_and_the_same_every_time(settings):
    assert settings.HARBOUR_OVERSIGHT_SAMPLE_RATE == 0.02
    picked = [pk for pk in range(1, 100_001) if assessment_sampled(pk)]
    assert 1_900 <= len(picked) <= 2_100
    assert picked == [pk for pk in range(1, 100_001) if assessment_sampled(pk)]


def test_the_rate_is_a_setting():
    ids = range(1, 10_001)
    assert not any(assessment_sampled(pk, rate=0.0) for pk in ids)
    assert all(assessment_sampled(pk, rate=1.0) for pk in ids)
    assert 900 <= sum(assessment_sampled(pk, rate=0.1) for pk in ids) <= 1_100


def test_the_beat_samples_published_assessments_at_the_rate_once(published_post):
    published = _assessments(published_post, 3_000)
    _assessments(published_post, 500, decision=RiskDecision.REVIEW)

    added = oversight_samples_take()

    expected = {a.pk for a in published if assessment_sampled(a.pk)}
    sampled = set(OversightSample.objects.values_list("assessment_id", flat=True))
    assert 30 <= added <= 95  # 2% of about 3,000
    assert expected <= sampled  # the post's own assessment may be in it too
    assert not RiskAssessment.objects.filter(pk__in=sampled, decision=RiskDecision.REVIEW).exists()
    assert oversight_samples_take() == 0  # a second beat adds nothing


def test_held_items_are_never_sampled(settings, held_post):
    settings.HARBOUR_OVERSIGHT_SAMPLE_RATE = 1.0
    assert oversight_samples_take() == 0


def test_a_lead_marking_should_have_been_held_labels_hides_and_opens_a_case(
    client_for, lead, sample, published_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            reverse("oversight_hold", args=[sample.pk]),
            {"note": "A plan for the weekend: ask how they are.", "labels": ["suicidal_ideation"],
             "priority": CasePriority.URGENT},
        )  # fmt: skip

    assert response.status_code == 302
    published_post.refresh_from_db()
    assert published_post.state == ModerationState.HELD
    assert not published_post.is_public
    case = case_open_for(published_post)
    assert case.reason == HeldReason.OVERSIGHT and case.priority == CasePriority.URGENT
    label = GuideLabel.objects.get(object_id=published_post.pk)
    assert label.decision == CaseDecision.SHOULD_HOLD and label.labels == ["suicidal_ideation"]
    sample.refresh_from_db()
    assert sample.verdict == OversightVerdict.SHOULD_HAVE_BEEN_HELD and sample.case == case
    entry = AuditEntry.objects.get(action=AuditAction.OVERSIGHT_REVIEWED)
    assert f"case:{case.pk}" in entry.subject and "ask how they are" in entry.reason


def test_other_members_no_longer_see_an_item_held_by_oversight(
    signed_in, lead, other_member, sample, published_post
):
    thread_url = reverse("thread_detail", args=[published_post.thread_id])
    assert published_post.body in signed_in(other_member).get(thread_url).content.decode()
    oversight_sample_hold(sample=sample, lead=lead, note="Risky.", labels=[])
    assert published_post.body not in signed_in(other_member).get(thread_url).content.decode()


def test_rightly_published_keeps_the_item_up_and_an_approval_label(lead, sample, published_post):
    oversight_sample_confirm(sample=sample, lead=lead)

    published_post.refresh_from_db()
    assert published_post.state == ModerationState.PUBLISHED
    assert case_open_for(published_post) is None
    assert GuideLabel.objects.get(object_id=published_post.pk).decision == CaseDecision.APPROVED
    sample.refresh_from_db()
    assert sample.verdict == OversightVerdict.RIGHTLY_PUBLISHED


def test_a_sample_is_reviewed_once(lead, sample):
    oversight_sample_confirm(sample=sample, lead=lead)
    with pytest.raises(ModerationRefused):
        oversight_sample_hold(sample=sample, lead=lead, note="Changed my mind.", labels=[])


def test_holding_needs_a_reason(client_for, lead, sample, published_post):
    response = client_for(lead).post(reverse("oversight_hold", args=[sample.pk]), {"note": ""})

    assert response.status_code == 302
    published_post.refresh_from_db()
    assert published_post.state == ModerationState.PUBLISHED
    sample.refresh_from_db()
    assert not sample.verdict


def test_only_leads_review_samples(guide, sample):
    with pytest.raises(ModerationRefused):
        oversight_sample_confirm(sample=sample, lead=guide)


def test_the_lead_reads_the_sample_list(client_for, lead, sample, published_post):
    response = client_for(lead).get(reverse("oversight_list"))

    assert response.status_code == 200
    assert published_post.body in response.content.decode()
    assert reverse("oversight_hold", args=[sample.pk]) in response.content.decode()


@pytest.mark.parametrize("who", ["guide", "member", "org_admin"])
def test_the_list_is_for_leads_only(request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("oversight_list"))
    assert response.status_code == 404
