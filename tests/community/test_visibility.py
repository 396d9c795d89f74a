"""Nothing a member writes is seen by anyone else until moderation lets it through.

Each state of a reply and of a thread's opening post, seen by its author, another
member, a guide, an organisation admin and a signed-out visitor, across the
thread page, the Talkabout's thread list, the Talkabout list's counts and the
reply count.
"""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Post
from community.services.threads import post_delete, post_edit, reply_create, thread_create
from moderation.services import case_open_for, case_remove
from moderation.states import ModerationState
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

REPLY_WORDS = "words-only-the-author-may-see"


def _to_state(item, state, reviewer, approve):
    """Take a freshly held item into `state` the way the product does."""
    if state == ModerationState.HELD:
        return item
    if state == ModerationState.PUBLISHED:
        return approve(item)
    if state == ModerationState.REMOVED:
        case_remove(case=case_open_for(item), guide=reviewer, reason="Names are not allowed.")
    elif state == ModerationState.DELETED:
        post_delete(post=item, author=item.author)
    else:  # PENDING and ESCALATED have no path without the risk pipeline yet
        Post.objects.filter(pk=item.pk).update(state=state)
    item.refresh_from_db()
    return item


@pytest.fixture
def viewers(member, other_member, guide, org_admin):
    clients = {"anonymous": Client()}
    for label, user in [("author", other_member), ("member", member), ("guide", guide),
                        ("org_admin", org_admin)]:  # fmt: skip
        clients[label] = Client()
        sign_in(clients[label], user)
    return clients


HIDDEN = [
    ModerationState.PENDING,
    ModerationState.HELD,
    ModerationState.ESCALATED,
    ModerationState.REMOVED,
    ModerationState.DELETED,
]


@pytest.mark.parametrize("state", HIDDEN)
def test_a_reply_not_published_is_seen_by_its_author_only(
    state, viewers, published_thread, other_member, reviewer, approve
):
    reply = reply_create(author=other_member, thread=published_thread, body=REPLY_WORDS)
    _to_state(reply, state, reviewer, approve)
    url = reverse("thread_detail", args=[published_thread.pk])

    for label in ("member", "guide"):
        page = viewers[label].get(url)
        assert page.status_code == 200
        assert REPLY_WORDS.encode() not in page.content, label
    assert viewers["org_admin"].get(url).status_code == 404
    assert viewers["anonymous"].get(url).status_code == 302

    own = viewers["author"].get(url)
    visible_to_author = state != ModerationState.DELETED
    assert (REPLY_WORDS.encode() in own.content) == visible_to_author
    published_thread.refresh_from_db()
    assert published_thread.public_reply_count == 0


def test_a_published_reply_is_seen_by_everyone_who_reads_the_forum(
    viewers, published_thread, published_reply
):
    url = reverse("thread_detail", args=[published_thread.pk])
    for label in ("author", "member", "guide"):
        assert b"Sending strength." in viewers[label].get(url).content
    published_thread.refresh_from_db()
    assert published_thread.public_reply_count == 1


@pytest.mark.parametrize("state", HIDDEN)
def test_a_thread_not_published_is_hidden_from_lists_counts_and_its_page(
    state, viewers, talkabout, other_member, reviewer, approve
):
    thread = thread_create(
        author=other_member, talkabout=talkabout, title="A title to hide", body=REPLY_WORDS
    )
    _to_state(thread.posts.get(), state, reviewer, approve)
    page_url = reverse("thread_detail", args=[thread.pk])
    list_url = reverse("talkabout_detail", args=[talkabout.slug])

    for label in ("member", "guide"):
        assert viewers[label].get(page_url).status_code == 404
        assert b"A title to hide" not in viewers[label].get(list_url).content
        listing = viewers[label].get(reverse("talkabout_list"))
        assert [t.thread_count for t in listing.context["talkabouts"]] == [0]

    author_sees = state != ModerationState.DELETED
    assert (viewers["author"].get(page_url).status_code == 200) == author_sees
    assert (b"A title to hide" in viewers["author"].get(list_url).content) == author_sees


def test_the_author_is_told_kindly_what_is_happening(client, other_member, talkabout):
    thread = thread_create(author=other_member, talkabout=talkabout, title="Hello", body="Hi all")
    sign_in(client, other_member)
    page = client.get(reverse("thread_detail", args=[thread.pk]))
    assert b"A Wall Guide is looking at this" in page.content
    assert b"Only you can see it" in page.content


def test_an_edit_of_a_published_post_keeps_the_old_revision_public(
    client, member, other_member, published_thread, approve
):
    opening = published_thread.posts.get()
    post_edit(post=opening, author=member, body="Rewritten words", title="New title")
    opening.refresh_from_db()
    assert opening.state == ModerationState.HELD and opening.is_public

    sign_in(client, other_member)
    url = reverse("thread_detail", args=[published_thread.pk])
    page = client.get(url)
    assert b"hard</strong> week" in page.content and b"Rewritten words" not in page.content
    assert b"Rough week" in page.content and b"New title" not in page.content

    approve(opening)
    page = client.get(url)
    assert b"Rewritten words" in page.content and b"New title" in page.content
    assert b"hard</strong> week" not in page.content


def test_my_posts_lists_each_item_with_its_state(client, other_member, published_thread, reviewer):
    reply_create(author=other_member, thread=published_thread, body="Still being looked at")
    removed = reply_create(author=other_member, thread=published_thread, body="A phone number")
    case_remove(case=case_open_for(removed), guide=reviewer, reason="Please keep numbers out.")
    sign_in(client, other_member)
    page = client.get(reverse("my_posts")).content.decode()
    assert "Still being looked at" in page and "With a Wall Guide" in page
    assert "Removed" in page and "Please keep numbers out." in page
