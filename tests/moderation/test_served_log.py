"""The served log (moderation.served): what members were shown of others' words.

The fault suite reads it to prove nothing held was shown; here, that it records what
a thread page and a chat room show to others, and never what only the author sees.
"""

import pytest
from django.urls import reverse

from community.services.threads import reply_create, thread_create
from moderation.served import served_read
from tests.factories import TalkaboutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_log(settings, tmp_path):
    settings.HARBOUR_SERVED_LOG = str(tmp_path / "served.log")
    return tmp_path / "served.log"


def test_a_thread_page_records_the_published_posts_of_others_only(
    served_log, settings, member, other_member, signed_in
):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"
    thread = thread_create(author=member, talkabout=TalkaboutFactory(), title="Hi", body="Hello.")
    opening = thread.posts.get()
    thread.refresh_from_db()
    reply = reply_create(author=other_member, thread=thread, body="Welcome!")
    settings.HARBOUR_FAKE_RISK_DECISION = "review"
    held = reply_create(author=other_member, thread=thread, body="Something worrying.")

    page = signed_in(member).get(reverse("thread_detail", args=[thread.pk]) + "?page=last")
    assert page.status_code == 200
    assert served_read(served_log)["post"] == {reply.pk}  # not their own, not the held one

    signed_in(other_member).get(reverse("thread_detail", args=[thread.pk]))
    assert served_read(served_log)["post"] == {reply.pk, opening.pk}
    assert held.pk not in served_read(served_log)["post"]


def test_nothing_is_written_when_the_log_is_off(settings, member, signed_in, tmp_path):
    settings.HARBOUR_SERVED_LOG = ""
    thread = thread_create(author=member, talkabout=TalkaboutFactory(), title="Hi", body="Hello.")
    signed_in(member).get(reverse("thread_detail", args=[thread.pk]))
    assert not list(tmp_path.iterdir())
