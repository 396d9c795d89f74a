"""Muting a member: their posts fold away for me, and they can't reply to my threads.

alice-wren (`member`) started the thread and mutes; bob-heron (`other_member`)
replied in it and is muted. He is never told.
"""

import html

import pytest
from django.urls import reverse

from community.models import Mute, Post
from community.services.safety import MuteRefused, member_mute
from community.services.threads import can_reply, reply_create, thread_create
from moderation.states import ModerationState
from tests.community.pages import logged_in, page_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOLDED = "A post from someone you muted"


@pytest.fixture
def carol(db):
    return UserFactory(handle="carol-finch", email="carol@example.com")


def _thread_url(thread):
    return reverse("thread_detail", args=[thread.pk])


def _mute(client, post, action="mute", next_url=None):
    data = {"action": action}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("post_author_mute", args=[post.pk]), data)


def test_muting_a_member_folds_their_posts_away_for_me_only(
    member, other_member, published_reply, carol
):
    alice = logged_in(member)
    back = f"{_thread_url(published_reply.thread)}#post-{published_reply.pk}"
    response = _mute(alice, published_reply, next_url=back)

    assert response.status_code == 302 and response["Location"] == back
    assert Mute.objects.filter(muter=member, muted=other_member).exists()
    page = page_text(alice, back)
    assert "You've muted bob-heron" in page
    assert f'href="{reverse("mutes")}"' in page  # where to undo it
    assert FOLDED in page
    assert "Sending strength." in page  # folded, not gone: she can still open it
    assert FOLDED not in page_text(logged_in(carol), _thread_url(published_reply.thread))


def test_the_thread_page_offers_mute_on_other_members_posts_only(member, published_reply):
    opening = published_reply.thread.posts.get(is_opening=True)
    page = page_text(logged_in(member), _thread_url(published_reply.thread))

    assert reverse("post_author_mute", args=[published_reply.pk]) in page
    assert reverse("post_author_mute", args=[opening.pk]) not in page


def test_a_muted_member_is_not_offered_the_reply_form_on_the_muters_threads(
    member, other_member, published_reply
):
    _mute(logged_in(member), published_reply)
    thread = published_reply.thread

    page = page_text(logged_in(other_member), _thread_url(thread))
    assert reverse("reply_new", args=[thread.pk]) not in page
    assert "You can't reply to this thread." in page


def test_a_muted_members_direct_reply_is_refused_and_keeps_their_words(
    member, other_member, published_reply
):
    _mute(logged_in(member), published_reply)
    thread = published_reply.thread
    words = "I wanted to say something kind."

    response = logged_in(other_member).post(reverse("reply_new", args=[thread.pk]), {"body": words})

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "You can't reply to this thread." in page
    assert words in page
    assert not Post.objects.filter(body=words).exists()


def test_a_muted_member_can_still_reply_in_other_members_threads(
    member, other_member, published_reply, carol, talkabout, approve
):
    _mute(logged_in(member), published_reply)
    carols = thread_create(author=carol, talkabout=talkabout, title="Sleep", body="Can't sleep.")
    approve(carols.posts.get())
    carols.refresh_from_db()

    assert can_reply(user=other_member, thread=carols)
    assert not can_reply(user=other_member, thread=published_reply.thread)


def test_the_muted_member_is_not_told(member, other_member, published_reply):
    notifications_before = other_member.notifications.count()
    _mute(logged_in(member), published_reply)
    bob = logged_in(other_member)

    pages = [_thread_url(published_reply.thread), reverse("my_posts"), reverse("talkabout_list")]
    for url in pages:
        assert "muted" not in page_text(bob, url).lower(), url
    assert other_member.notifications.count() == notifications_before


def test_unmuting_from_the_post_shows_their_posts_and_lets_them_reply_again(
    member, other_member, published_reply
):
    alice = logged_in(member)
    _mute(alice, published_reply)
    page = page_text(alice, _thread_url(published_reply.thread))
    assert "Unmute bob-heron" in page  # the button's accessible name

    _mute(alice, published_reply, action="unmute")

    assert FOLDED not in page_text(alice, _thread_url(published_reply.thread))
    thread = published_reply.thread
    assert reverse("reply_new", args=[thread.pk]) in page_text(
        logged_in(other_member), _thread_url(thread)
    )


def test_the_muted_members_page_lists_whom_i_muted_and_unmutes(
    member, other_member, published_reply, carol
):
    alice = logged_in(member)
    _mute(alice, published_reply)
    Mute.objects.create(muter=carol, muted=member)  # carol's, not alice's business

    page = page_text(alice, reverse("mutes"))
    assert "bob-heron" in page
    assert "alice-wren" not in page.split("<main", 1)[1].split("</main>", 1)[0]

    mute = Mute.objects.get(muter=member)
    response = alice.post(reverse("mute_remove", args=[mute.pk]))
    assert response["Location"] == reverse("mutes")
    assert not Mute.objects.filter(muter=member).exists()
    assert "You haven't muted anyone." in page_text(alice, reverse("mutes"))


def test_a_member_cannot_unmute_through_someone_elses_mute(member, other_member, carol):
    mute = Mute.objects.create(muter=member, muted=other_member)

    assert logged_in(carol).post(reverse("mute_remove", args=[mute.pk])).status_code == 404
    assert Mute.objects.filter(pk=mute.pk).exists()


def test_muting_twice_keeps_one_mute(member, other_member, published_reply):
    alice = logged_in(member)
    _mute(alice, published_reply)
    _mute(alice, published_reply)

    assert Mute.objects.filter(muter=member, muted=other_member).count() == 1


def test_a_member_cannot_mute_themselves(member, published_thread):
    alice = logged_in(member)
    opening = published_thread.posts.get()
    response = _mute(alice, opening)

    assert "You can't mute yourself." in page_text(alice, response["Location"])
    assert not Mute.objects.exists()


def test_wall_guides_cannot_be_muted(member, guide, published_thread):
    # Guides do not write in threads today; a post of theirs must still not be mutable.
    post = Post.objects.create(
        thread=published_thread,
        author=guide,
        body="A note from the Wall Guides.",
        public_html="<p>A note from the Wall Guides.</p>",
        state=ModerationState.PUBLISHED,
        is_public=True,
    )
    alice = logged_in(member)
    response = _mute(alice, post)

    assert "Only other members can be muted." in page_text(alice, response["Location"])
    assert not Mute.objects.exists()
    with pytest.raises(MuteRefused):
        member_mute(muter=member, muted=guide)


def test_only_members_can_mute(guide, member, other_member, published_reply, client_for):
    client = client_for(guide)

    assert _mute(client, published_reply).status_code == 404
    assert client.get(reverse("mutes")).status_code == 404
    assert not Mute.objects.exists()
    with pytest.raises(MuteRefused):
        member_mute(muter=guide, muted=other_member)


def test_a_mute_never_sends_the_member_off_site(member, published_reply):
    response = _mute(logged_in(member), published_reply, next_url="https://elsewhere.example/")

    thread_url = _thread_url(published_reply.thread)
    assert response["Location"] == f"{thread_url}#post-{published_reply.pk}"


def test_a_post_i_cannot_see_cannot_be_used_to_mute_its_author(
    member, other_member, published_thread
):
    held = reply_create(author=other_member, thread=published_thread, body="Not checked yet.")

    assert _mute(logged_in(member), held).status_code == 404
    assert not Mute.objects.exists()
