"""Chat pages: the list of rooms, a room, joining and leaving, reports and blocks.

Messages themselves travel over the WebSocket (chat.consumers); these pages work
without JavaScript for everything else."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from accounts.permissions import access
from accounts.roles import Role
from chat.models import MESSAGE_MAX, ChatMessage, Room
from chat.permissions import check_room_read
from chat.selectors import group_rooms_open, messages_before, rooms_for
from chat.services import (
    block_create,
    block_remove,
    message_report,
    room_join,
    room_leave,
    room_presence_set,
)
from community.forms import ReportForm
from moderation.services import ModerationRefused


@access(Role.MEMBER)
@require_safe
def chat_home(request):
    mine = rooms_for(request.user)
    joined = {room.pk for room in mine}
    others = [room for room in group_rooms_open() if room.pk not in joined]
    return render(request, "chat/home.html", {"rooms": mine, "open_rooms": others})


def _room_readable(request, room_id) -> Room:
    room = get_object_or_404(Room, pk=room_id)
    try:
        check_room_read(request.user, room)
    except PermissionDenied:
        raise Http404("No such room.") from None
    return room


@access(Role.MEMBER, Role.GUIDE, Role.LEAD)
@require_safe
def chat_room(request, room_id):
    room = _room_readable(request, room_id)
    history = messages_before(room_id=room.pk, before=None, limit=50)
    context = {"room": room, "history": history, "max_length": MESSAGE_MAX}
    return render(request, "chat/room.html", context)


@access(Role.MEMBER)
@require_POST
def chat_room_join(request, room_id):
    room = get_object_or_404(Room, pk=room_id)
    try:
        room_join(room=room, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("chat_home")
    return redirect("chat_room", room.pk)


@access(Role.MEMBER)
@require_POST
def chat_room_leave(request, room_id):
    room = _room_readable(request, room_id)
    try:
        room_leave(room=room, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("chat_room", room.pk)
    return redirect("chat_home")


@access(Role.GUIDE, Role.LEAD)
@require_POST
def chat_room_presence(request, room_id):
    room = _room_readable(request, room_id)
    show = request.POST.get("show") == "on"
    try:
        room_presence_set(room=room, show=show, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("chat_room", room.pk)
    words = "now see who is here and" if show else "no longer see who is here or"
    messages.success(request, f"Members in this room {words} who is typing.")
    return redirect("chat_room", room.pk)


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def chat_message_report(request, message_id):
    message = get_object_or_404(ChatMessage.objects.select_related("room"), pk=message_id)
    _room_readable(request, message.room_id)
    back = reverse("chat_room", args=[message.room_id])
    form = ReportForm(request.POST or None)
    context = {"form": form, "kind": "message", "excerpt": message.public_body, "back_url": back}
    if request.method == "GET" or not form.is_valid():
        status = 200 if request.method == "GET" else 400
        return render(request, "community/report.html", context, status=status)
    try:
        message_report(message=message, reporter=request.user, **form.cleaned_data)
    except (ModerationRefused, PermissionDenied) as error:
        form.add_error(None, str(error))
        return render(request, "community/report.html", context, status=409)
    messages.success(request, "Thank you for telling us. A Wall Guide will look at it soon.")
    return redirect(back)


@access(Role.MEMBER)
@require_POST
def chat_member_block(request, handle):
    other = get_object_or_404(User, handle__iexact=handle, role=Role.MEMBER)
    try:
        if request.POST.get("action") == "unblock":
            block_remove(blocker=request.user, blocked=other)
            messages.success(request, f"You unblocked {other.handle}.")
        else:
            block_create(blocker=request.user, blocked=other)
            messages.success(
                request, f"You blocked {other.handle}. They won't be told, and won't reach you."
            )
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect("chat_home")
