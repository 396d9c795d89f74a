"""The chat's pages: rooms to join, joining within capacity, reports and blocks."""

import pytest
from django.urls import reverse

from chat.models import Block, ChatMessage, Room, RoomKind, RoomMember
from chat.ratelimits import ChatRateLimited, chat_rate_limit_hit
from moderation.models import Report
from moderation.states import ModerationState
from tests.factories import UserFactory


@pytest.fixture
def open_room(db):
    return Room.objects.create(kind=RoomKind.GROUP, title="Sunday calm", capacity=2)


def test_the_chat_page_lists_open_rooms_to_join(client_for, member, open_room):
    response = client_for(member).get(reverse("chat_home"))
    assert response.status_code == 200 and b"Sunday calm" in response.content


def test_joining_a_room_leads_into_it(client_for, member, open_room):
    response = client_for(member).post(reverse("chat_room_join", args=[open_room.pk]))
    assert response["Location"] == reverse("chat_room", args=[open_room.pk])
    assert RoomMember.objects.filter(room=open_room, user=member).exists()


def test_a_full_room_says_so_and_does_not_admit(client_for, member, open_room):
    for _ in range(2):
        RoomMember.objects.create(room=open_room, user=UserFactory())
    client = client_for(member)
    response = client.post(reverse("chat_room_join", args=[open_room.pk]), follow=True)
    assert b"full just now" in response.content
    assert not RoomMember.objects.filter(room=open_room, user=member).exists()


def test_a_room_is_not_found_by_someone_outside_it(client_for, member, open_room):
    assert client_for(member).get(reverse("chat_room", args=[open_room.pk])).status_code == 404


def test_a_buddy_chat_cannot_be_joined_by_a_third_member(client_for, member, db):
    room = Room.objects.create(kind=RoomKind.BUDDY)
    client_for(member).post(reverse("chat_room_join", args=[room.pk]))
    assert not RoomMember.objects.filter(room=room).exists()


def test_a_member_reports_a_message_through_the_same_flow_as_posts(
    client_for, member, other_member, open_room
):
    RoomMember.objects.create(room=open_room, user=member)
    message = ChatMessage.objects.create(
        room=open_room, author=other_member, client_id="a", body="rude words",
        public_body="rude words", state=ModerationState.PUBLISHED, is_public=True, sequence=1,
    )  # fmt: skip
    url = reverse("chat_message_report", args=[message.pk])
    client = client_for(member)
    assert b"rude words" in client.get(url).content
    response = client.post(url, {"reason": "harassment", "text": ""})
    assert response.status_code == 302
    assert Report.objects.get().case.item == message


def test_blocking_and_unblocking_by_handle(client_for, member, other_member):
    client = client_for(member)
    client.post(reverse("chat_member_block", args=["BOB-heron"]))
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
    client.post(reverse("chat_member_block", args=["bob-heron"]), {"action": "unblock"})
    assert not Block.objects.exists()


def test_staff_accounts_cannot_be_blocked_by_handle(client_for, member, guide):
    response = client_for(member).post(reverse("chat_member_block", args=[guide.handle]))
    assert response.status_code == 404


def test_the_rate_limit_allows_a_burst_then_one_message_every_three_seconds(settings, db):
    settings.HARBOUR_CHAT_BURST, settings.HARBOUR_CHAT_PER_MINUTE = 5, 20
    for _ in range(5):
        chat_rate_limit_hit(user_id=7, now=1000.0)
    with pytest.raises(ChatRateLimited) as refused:
        chat_rate_limit_hit(user_id=7, now=1000.0)
    assert refused.value.retry_after_seconds == 3
    chat_rate_limit_hit(user_id=7, now=1003.0)
    with pytest.raises(ChatRateLimited):
        chat_rate_limit_hit(user_id=7, now=1004.0)


def test_the_room_page_loads_the_chat_script_without_inline_code(client_for, member, open_room):
    RoomMember.objects.create(room=open_room, user=member)
    content = client_for(member).get(reverse("chat_room", args=[open_room.pk])).content.decode()
    assert 'src="/static/js/chat.js"' in content and "<script>" not in content
    assert 'role="log"' in content and 'data-open="true"' in content


def test_members_find_the_chat_in_the_navigation(client_for, member):
    response = client_for(member).get(reverse("chat_home"))
    assert f'href="{reverse("chat_home")}">Chat</a>' in response.content.decode()
