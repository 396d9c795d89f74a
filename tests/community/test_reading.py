"""Reading the forum: the first-visit welcome, Talkabouts joined first, content warnings
folded as each member chooses, and links only from members past their first 14 days."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.selectors import talkabouts_for
from community.services.threads import reply_create, thread_create
from tests.auth import sign_in
from tests.factories import TalkaboutFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_first_visit_starts_with_a_welcome_that_can_be_skipped(client, member):
    sign_in(client, member)
    assert client.get(reverse("home"))["Location"] == reverse("welcome")
    page = client.get(reverse("welcome")).content.decode()
    assert "anonymous" in page and "Get help now" in page
    assert client.post(reverse("welcome"))["Location"] == reverse("talkabout_list")
    assert client.get(reverse("home")).status_code == 200  # not shown again


def test_joined_talkabouts_come_first_and_leaving_works(client, member):
    first, second = TalkaboutFactory(title="Aardvarks", order=0), TalkaboutFactory(order=1)
    sign_in(client, member)
    membership = reverse("talkabout_membership", args=[second.slug])
    client.post(membership, {"action": "join"})
    listed = client.get(reverse("talkabout_list")).context["talkabouts"]
    assert [t.pk for t in listed][:2] == [second.pk, first.pk]
    client.post(membership, {"action": "leave"})
    listed = client.get(reverse("talkabout_list")).context["talkabouts"]
    assert [t.pk for t in listed][:2] == [first.pk, second.pk]


def test_the_talkabout_list_reads_every_talkabout_in_one_query(client, member):
    TalkaboutFactory(title="Sleep", order=0)
    TalkaboutFactory(title="Archived", is_archived=True)
    talkabouts_for(member)  # compiled once per process: not counted below
    for extra in range(3):
        TalkaboutFactory(title=f"More {extra}")
        with CaptureQueriesContext(connection) as queries:
            listed = talkabouts_for(member)
        assert len(queries) == 1
        assert "Archived" not in [t.title for t in listed]
        assert len(listed) == extra + 2


def test_a_content_warning_folds_the_post_until_the_reader_chooses_otherwise(
    client, other_member, published_thread, approve
):
    reply = reply_create(
        author=UserFactory(), thread=published_thread, body="Hard words", content_warning="loss"
    )
    approve(reply)
    sign_in(client, other_member)
    url = reverse("thread_detail", args=[published_thread.pk])
    assert "Content warning: Loss and grief. Open to read." in client.get(url).content.decode()
    client.post(reverse("preferences"), {"collapsed_warnings": ["self_harm"]})
    page = client.get(url).content.decode()
    assert "Open to read." not in page and "Content warning: Loss and grief" in page


@pytest.mark.parametrize(("days", "linked"), [(3, False), (30, True)])
def test_links_work_only_for_members_past_their_first_two_weeks(talkabout, approve, days, linked):
    author = UserFactory(date_joined=timezone.now() - datetime.timedelta(days=days))
    body = "This helped me: [sleep guide](https://www.nhs.uk/every-mind-matters/)"
    post = thread_create(author=author, talkabout=talkabout, title="Sleep", body=body).posts.get()
    html = approve(post).public_html
    assert ('href="https://www.nhs.uk/every-mind-matters/"' in html) == linked
    assert "sleep guide" in html
