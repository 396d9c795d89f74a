"""A member's private conversation with the Wall Guides."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.permissions import access
from accounts.roles import Role
from moderation.case_actions import guide_messages_mark_read, member_reply_send
from moderation.errors import ModerationRefused
from moderation.forms import MemberReplyForm
from moderation.selectors import member_conversation


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def guide_messages(request):
    form = MemberReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_reply_send(member=request.user, body=form.cleaned_data["body"])
        except ModerationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Sent. A Wall Guide will read it.")
            return redirect("guide_messages")
    conversation = member_conversation(request.user)
    guide_messages_mark_read(member=request.user)
    status = 400 if form.errors else 200
    context = {"conversation": conversation, "form": form}
    return render(request, "moderation/guide_messages.html", context, status=status)
