"""Kept thread pages (community.kept_pages): a reader who opens a thread again
unchanged gets the page kept from last time; any change to what the page shows gives
a fresh one; no reader ever gets another's.

Each test reads the page once so it is kept, changes one thing the page shows, and
reads again. The test settings also render every kept page afresh and compare
(HARBOUR_KEPT_PAGES_CHECK), which the last tests check."""

import dataclasses
import html
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from community.kept_pages import StalePage
from community.models import Post
from community.services.engagement import bookmark_create, follow_create, hug_create
from community.services.safety import member_mute
from community.services.threads import reply_create, thread_create
from organisations.branding import branding_save

pytestmark = pytest.mark.django_db


def thread_url(thread):
    return reverse("thread_detail", args=[thread.pk])


def read(client, thread):
    response = client.get(thread_url(thread))
    assert response.status_code == 200
    return response


def rendered(response) -> bool:
    """Whether the page was rendered for this request (not served as kept)."""
    return any(template.name == "community/thread_detail.html" for template in response.templates)


def text(response) -> str:
    return html.unescape(response.content.decode())


def per_request_parts_out(response) -> str:
    """The page without what differs on every request: the CSRF token's mask, the
    client id."""
    page = response.content.decode()
    return re.sub(r'name="(csrfmiddlewaretoken|client_id)" value="[^"]*"', r"\1", page)


def hidden(response, name) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]*)"', response.content.decode())


def settled(client):
    """The client with the sign-in's welcome message read: a page with a message
    waiting is never kept."""
    assert client.get(reverse("talkabout_list")).status_code == 200
    return client


@pytest.fixture
def reader(signed_in, other_member):
    return settled(signed_in(other_member))


@override_settings(HARBOUR_KEPT_PAGES_CHECK=False)  # which renders every page afresh too
def test_a_thread_opened_again_unchanged_is_served_as_kept(reader, published_thread):
    first = read(reader, published_thread)
    again = read(reader, published_thread)
    assert rendered(first) and not rendered(again)
    assert per_request_parts_out(again) == per_request_parts_out(first)


def test_the_kept_page_carries_this_requests_csrf_token_and_a_new_client_id(
    reader, published_thread, other_member
):
    read(reader, published_thread)
    kept = read(reader, published_thread)
    assert len(kept_keys()) == 1
    assert hidden(kept, "csrfmiddlewaretoken")  # the mark never reaches the page
    assert "csrf" not in "".join(hidden(kept, "csrfmiddlewaretoken"))
    assert hidden(kept, "client_id") != hidden(read(reader, published_thread), "client_id")
    # The kept page's form works: its token and client id are real.
    reader.handler.enforce_csrf_checks = True
    reply = reader.post(
        reverse("reply_new", args=[published_thread.pk]),
        {
            "body": "Thinking of you.",
            "client_id": hidden(kept, "client_id")[0],
            "csrfmiddlewaretoken": hidden(kept, "csrfmiddlewaretoken")[0],
        },
    )
    assert reply.status_code == 302
    assert Post.objects.filter(author=other_member, body="Thinking of you.").exists()


def test_a_new_published_reply_is_on_the_page_at_once(reader, published_thread, member, approve):
    read(reader, published_thread)
    approve(reply_create(author=member, thread=published_thread, body="An update from me."))
    assert "An update from me." in text(read(reader, published_thread))


def test_bookmarking_and_following_show_at_once(reader, published_thread, other_member):
    read(reader, published_thread)
    bookmark_create(user=other_member, thread=published_thread)
    page = text(read(reader, published_thread))
    assert "Remove bookmark" in page
    follow_create(user=other_member, thread=published_thread)
    assert "Stop following" in text(read(reader, published_thread))


def test_a_new_notification_shows_in_the_navigation(
    reader, published_thread, other_member, member, talkabout, approve
):
    # A hug on the reader's post in another thread: this thread does not change.
    elsewhere = thread_create(author=other_member, talkabout=talkabout, title="Mine", body="Hi.")
    approve(elsewhere.posts.get())
    before = unread_shown(read(reader, published_thread))
    hug_create(user=member, post=elsewhere.posts.get())
    assert unread_shown(read(reader, published_thread)) == before + 1


def unread_shown(response) -> int:
    found = re.search(r"\((\d+) new\)", response.content.decode())
    return int(found[1]) if found else 0


def test_a_new_handle_shows_in_the_navigation(reader, published_thread, other_member):
    read(reader, published_thread)
    other_member.handle = "bob-renamed"
    other_member.save()
    assert "bob-renamed" in text(read(reader, published_thread))


def test_being_muted_by_the_author_takes_the_reply_form_away(
    reader, published_thread, member, other_member
):
    assert "Post reply" in text(read(reader, published_thread))
    member_mute(muter=member, muted=other_member)
    page = text(read(reader, published_thread))
    assert "Post reply" not in page and "You can't reply to this thread." in page


def test_the_organisations_branding_shows_at_once(
    signed_in, member, organisation, published_thread
):
    author = settled(signed_in(member))
    read(author, published_thread)
    branding_save(organisation=organisation, display_name="Northbridge Wellbeing", accent_colour="")
    assert "with Northbridge Wellbeing" in text(read(author, published_thread))


def test_a_page_with_messages_waiting_is_rendered_and_not_kept(reader, published_thread):
    read(reader, published_thread)
    mute_url = reverse("post_author_mute", args=[published_thread.posts.get().pk])
    reader.post(mute_url, {"action": "mute"})
    read(reader, published_thread)
    reader.post(mute_url, {"action": "unmute"})
    # Unmuted, the reader's page is the one kept first, but a message is waiting.
    with_message = read(reader, published_thread)
    assert rendered(with_message)
    assert "You've unmuted alice-wren." in text(with_message)
    assert "You've unmuted" not in text(read(reader, published_thread))


def test_two_readers_never_get_each_others_page(signed_in, member, other_member, published_thread):
    alice, bob = settled(signed_in(member)), settled(signed_in(other_member))
    read(alice, published_thread)
    read(bob, published_thread)
    alice_again, bob_again = text(read(alice, published_thread)), text(read(bob, published_thread))
    assert "alice-wren" in alice_again and "bob-heron" not in alice_again.split("</nav>")[0]
    assert "bob-heron" in bob_again.split("</nav>")[0]
    assert "Post reply" in bob_again  # bob may reply to alice's thread
    assert "Post reply" in alice_again


def test_a_kept_page_that_differs_from_a_fresh_render_fails_under_the_check(
    reader, published_thread
):
    read(reader, published_thread)
    [key] = kept_keys()
    page = cache.get(key)
    cache.set(key, dataclasses.replace(page, html=page.html + "<!-- stale -->"))
    with pytest.raises(StalePage):
        reader.get(thread_url(published_thread))
    with override_settings(HARBOUR_KEPT_PAGES_CHECK=False):  # served as kept, unchecked
        assert "<!-- stale -->" in reader.get(thread_url(published_thread)).content.decode()


def kept_keys() -> list[str]:
    client, prefix = cache._cache.get_client(), cache.make_key("")
    return [key.decode().removeprefix(prefix) for key in client.keys(cache.make_key("kept-page:*"))]
