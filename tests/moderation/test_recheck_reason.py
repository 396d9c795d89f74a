"""An item held only because the check could not run, then checked and held on the
check's own verdict, must stop waiting for the check: found by the fault suite
(tests/faults), where such items went back and forth between PENDING and HELD."""

import pytest

from community.models import Post
from community.services.threads import thread_create
from moderation.models import HeldReason
from moderation.services import case_open_for
from moderation.states import ModerationState
from moderation.tasks import unavailable_recheck
from tests.factories import TalkaboutFactory

pytestmark = pytest.mark.django_db


def held_without_a_check(member, settings, body):
    settings.HARBOUR_FAKE_RISK_DECISION = "fail"
    thread = thread_create(author=member, talkabout=TalkaboutFactory(), title="Tonight", body=body)
    post = thread.posts.get()
    assert case_open_for(post).reason == HeldReason.AUTO_CHECK_UNAVAILABLE
    return post


@pytest.mark.parametrize(
    ("decision", "state", "reason"),
    [
        ("review", ModerationState.HELD, HeldReason.AUTO_REVIEW),
        ("escalate", ModerationState.ESCALATED, HeldReason.AUTO_ESCALATE),
    ],
)
def test_a_rechecked_item_held_on_its_verdict_no_longer_waits_for_the_check(
    member, settings, decision, state, reason
):
    # The rules alone and the verdict give the same priority, so the case is not raised.
    body = "Does anyone like gardening?" if decision == "review" else "honestly kms tonight"
    post = held_without_a_check(member, settings, body)
    settings.HARBOUR_FAKE_RISK_DECISION = decision
    assert unavailable_recheck() == 1
    post = Post.objects.get(pk=post.pk)
    assert post.state == state
    assert case_open_for(post).reason == reason
    assert unavailable_recheck() == 0  # decided: not sent back to the check again
    assert Post.objects.get(pk=post.pk).state == state
