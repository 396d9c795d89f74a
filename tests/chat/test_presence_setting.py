"""Who may turn a group room's presence (who is here, who is typing) on or off."""

import pytest
from django.urls import reverse

from chat.models import Room, RoomKind


@pytest.fixture
def facilitated_room(db, guide):
    return Room.objects.create(
        kind=RoomKind.GROUP, title="Night owls", capacity=10, facilitator=guide
    )


def _show(room) -> bool:
    return Room.objects.get(pk=room.pk).show_presence


def test_the_facilitating_guide_turns_presence_off_and_on_from_the_room(
    client_for, guide, facilitated_room
):
    client = client_for(guide)
    page = client.get(reverse("chat_room", args=[facilitated_room.pk])).content.decode()
    assert "Hide who is here and who is typing" in page
    url = reverse("chat_room_presence", args=[facilitated_room.pk])
    response = client.post(url, {"show": "off"}, follow=True)
    assert "no longer see who is here or who is typing" in response.content.decode()
    assert not _show(facilitated_room)
    client.post(url, {"show": "on"})
    assert _show(facilitated_room)


def test_another_guide_cannot_change_a_room_they_do_not_facilitate(
    client_for, facilitated_room, lead
):
    response = client_for(lead).post(
        reverse("chat_room_presence", args=[facilitated_room.pk]), {"show": "off"}
    )
    assert response.status_code == 404
    assert _show(facilitated_room)


def test_a_member_cannot_change_it(client_for, member, facilitated_room):
    response = client_for(member).post(
        reverse("chat_room_presence", args=[facilitated_room.pk]), {"show": "off"}
    )
    assert response.status_code in (403, 404)
    assert _show(facilitated_room)


def test_members_see_no_switch_for_it(client_for, member, facilitated_room):
    facilitated_room.memberships.create(user=member)
    page = client_for(member).get(reverse("chat_room", args=[facilitated_room.pk]))
    assert b"chat-presence-setting" not in page.content
    assert b'aria-label="Who is here"' in page.content  # the list, filled in by chat.js


def test_staff_turn_it_off_in_the_admin_and_open_pages_are_told(
    client_for, staff, facilitated_room, django_capture_on_commit_callbacks
):
    staff.is_staff = staff.is_superuser = True
    staff.save()
    form = {
        "kind": "group", "title": "Night owls", "topic": "", "schedule": "",
        "facilitator": facilitated_room.facilitator_id, "capacity": 10, "is_open": "on",
    }  # fmt: skip
    url = reverse("admin:chat_room_change", args=[facilitated_room.pk])
    with django_capture_on_commit_callbacks() as sends:
        response = client_for(staff).post(url, form)
    assert response.status_code == 302
    assert not _show(facilitated_room)
    assert len(sends) == 1  # the room's open pages hear of it on commit


def test_a_new_group_room_shows_presence_and_a_buddy_chat_never_does(db):
    assert Room.objects.create(kind=RoomKind.GROUP, title="Mornings").presence_on
    buddies = Room.objects.create(kind=RoomKind.BUDDY)
    assert buddies.show_presence and not buddies.presence_on
