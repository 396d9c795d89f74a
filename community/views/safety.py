"""Reporting what a member reads to the Wall Guides, and muting other members.

An author never learns who reported them, and a muted member is never told:
nothing here writes anything the other person can see.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import Scope, access
from accounts.roles import Role
from community.forms import ReportForm
from community.models import Brick, Mute, Post
from community.selectors import visible_q
from community.services.safety import (
    MuteRefused,
    check_can_report,
    item_report,
    member_mute,
    member_unmute,
)
from community.views.redirects import redirect_back
from moderation.models import ReportReason
from moderation.services import ModerationRefused

REPLY_INVITE = (
    " If you'd like to, you can still reply with a few kind words: "
    "knowing someone noticed can help."
)


def _report_page(request, item, context, *, status=200):
    context = {"item": item, "back_url": _item_url(item), **context}
    return render(request, "community/report.html", context, status=status)


def _report(request, item, *, excerpt, warning=""):
    """The report form for one item: shown, checked, sent to report_submit."""
    form = ReportForm(request.POST or None)
    context = {"form": form, "excerpt": excerpt, "warning": warning, "kind": _kind(item)}
    if request.method == "GET":
        try:
            check_can_report(item=item, reporter=request.user)
        except ModerationRefused as error:
            context["refusal"] = str(error)
        return _report_page(request, item, context)
    if not form.is_valid():
        return _report_page(request, item, context, status=400)
    try:
        item_report(item=item, reporter=request.user, **form.cleaned_data)
    except ModerationRefused as error:
        form.add_error(None, str(error))
        return _report_page(request, item, context, status=409)
    item.refresh_from_db(fields=["is_public"])  # enough reports take it out of view
    messages.success(request, _thanks(item, form.cleaned_data["reason"]))
    return redirect(_item_url(item))


def _kind(item) -> str:
    if isinstance(item, Brick):
        return "Brick"
    return "post" if item.is_opening else "reply"


def _item_url(item) -> str:
    anchor = "" if not item.is_public else f"#{type(item).__name__.lower()}-{item.pk}"
    if isinstance(item, Brick):
        return reverse("brick_wall") + anchor
    if item.is_opening and not item.is_public:  # the whole thread is out of view now
        return reverse("talkabout_detail", args=[item.thread.talkabout.slug])
    return reverse("thread_detail", args=[item.thread_id]) + anchor


def _thanks(item, reason) -> str:
    if reason != ReportReason.RISK_TO_AUTHOR:
        return (
            "Thank you for telling us. A Wall Guide will look at it soon. "
            "The author won't be told who reported it."
        )
    # A worried reader can still help: the post stays up unless enough reports pulled it.
    invite = REPLY_INVITE if isinstance(item, Post) and item.is_public else ""
    return format_html(
        "Thank you for looking out for them. A Wall Guide will look at it soon and can reach "
        "out to them.{} If you think they, or you, might be in danger right now, "
        '<a href="{}">people you can call are here</a>.',
        invite,
        reverse("crisis_help"),
    )


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def report_post(request, pk):
    # Only what the reporter can see: a public post in a public thread.
    post = get_object_or_404(
        Post.objects.select_related("thread__talkabout"),
        pk=pk,
        is_public=True,
        thread__is_public=True,
    )
    return _report(request, post, excerpt=post.public_text, warning=post.public_content_warning)


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def report_brick(request, pk):
    brick = get_object_or_404(Brick, pk=pk, is_public=True)
    return _report(request, brick, excerpt=brick.public_body)


@access(Role.MEMBER)
@require_POST
def post_author_mute(request, pk):
    """Mute or unmute the author of a post the member can see."""
    post = get_object_or_404(
        Post.objects.filter(visible_q(request.user)).select_related("author"), pk=pk
    )
    author = post.author
    try:
        if request.POST.get("action") == "unmute":
            member_unmute(muter=request.user, muted=author)
            messages.success(request, f"You've unmuted {author.handle}.")
        else:
            member_mute(muter=request.user, muted=author)
            messages.success(request, _muted_words(author))
    except MuteRefused as error:
        messages.error(request, str(error))
    thread_url = reverse("thread_detail", args=[post.thread_id])
    return redirect_back(request, thread_url, f"#post-{post.pk}")


def _muted_words(author) -> str:
    return format_html(
        "You've muted {}. Their posts will stay folded away for you, and they can't reply to "
        'threads you start. They won\'t be told. You can unmute them at any time from <a href="{}">'
        "Muted members</a>.",
        author.handle,
        reverse("mutes"),
    )


@access(Role.MEMBER)
@require_safe
def mute_list(request):
    mutes = Mute.objects.filter(muter=request.user).select_related("muted").order_by("-created_at")
    return render(request, "community/mutes.html", {"mutes": mutes})


@access(Role.MEMBER, scope=Scope.OWNER)
@require_POST
def mute_remove(request, pk):
    mute = get_object_or_404(Mute.objects.select_related("muted"), pk=pk, muter=request.user)
    member_unmute(muter=request.user, muted=mute.muted)
    messages.success(request, f"You've unmuted {mute.muted.handle}.")
    return redirect("mutes")
