"""Talkabouts, threads and replies. Views stay thin: forms in, services out."""

import functools
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Scope, access
from accounts.roles import Role
from community.forms import PostEditForm, ReplyForm, ThreadForm
from community.kept_pages import (
    KeptPage,
    Marks,
    kept_page_check,
    kept_page_key,
    kept_page_usable,
    page_keep,
)
from community.models import Post, Talkabout
from community.ratelimits import RateLimited
from community.selectors import talkabouts_for, thread_for_reading, threads_in
from community.selectors_engagement import unread_count_key, unread_notification_count
from community.services.talkabouts import talkabout_join, talkabout_leave
from community.services.threads import (
    PostingRefused,
    can_reply,
    check_can_edit,
    post_delete,
    post_edit,
    reply_create,
    thread_create,
)
from community.thread_pages import (
    POSTS_PER_PAGE,
    PostsPage,
    ReaderFacts,
    posts_page,
    posts_page_key,
    posts_page_shown,
)
from moderation.selectors import help_may_take_longer
from moderation.states import ModerationState
from organisations.context_processors import member_organisation_for
from selfcare.selectors import crisis_lines_for
from selfcare.services.feedback import feedback_offer_due

READERS = (Role.MEMBER, Role.GUIDE, Role.LEAD)
ESCALATED = ModerationState.ESCALATED
THREADS_PER_PAGE = 30
TEMPLATE_THREAD = "community/thread_detail.html"


def _client_id(request) -> str:
    """The page's own id for what the member is sending: the one the form came back
    with, or a new one for a fresh form (see Post.client_id)."""
    sent = request.POST.get("client_id", "")[:64] if request.method == "POST" else ""
    return sent or uuid.uuid4().hex


def _refused(request, template, context, error):
    """Re-show the form with the reason, keeping every word the member wrote."""
    context["form"].add_error(None, str(error))
    status = 429 if isinstance(error, RateLimited) else 400
    response = render(request, template, context, status=status)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after_seconds)
    return response


@access(*READERS)
def talkabout_list(request):
    return render(
        request, "community/talkabout_list.html", {"talkabouts": talkabouts_for(request.user)}
    )


@access(*READERS)
def talkabout_detail(request, slug):
    talkabout = get_object_or_404(Talkabout, slug=slug)
    page = Paginator(threads_in(talkabout, request.user), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    joined = talkabout.members.filter(pk=request.user.pk).exists()
    return render(
        request,
        "community/talkabout_detail.html",
        {"talkabout": talkabout, "page": page, "joined": joined},
    )


@access(Role.MEMBER)
@require_POST
def talkabout_membership(request, slug):
    talkabout = get_object_or_404(Talkabout, slug=slug, is_archived=False)
    change = talkabout_join if request.POST.get("action") == "join" else talkabout_leave
    change(user=request.user, talkabout=talkabout)
    return redirect("talkabout_detail", slug=slug)


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def thread_new(request, slug=None):
    talkabout = Talkabout.objects.filter(slug=slug).first() if slug else None
    initial = {
        "talkabout": talkabout,
        "content_warning": getattr(talkabout, "default_content_warning", ""),
    }
    form = ThreadForm(request.POST or None, initial=initial)
    client_id = _client_id(request)
    context = {"form": form, "talkabout": talkabout, "client_id": client_id}
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread_create(author=request.user, client_id=client_id, **form.cleaned_data)
        except (PostingRefused, RateLimited) as error:
            return _refused(request, "community/thread_new.html", context, error)
        return redirect("thread_detail", pk=thread.pk)
    return render(request, "community/thread_new.html", context, status=400 if form.errors else 200)


@access(*READERS)
def thread_detail(request, pk):
    """The thread page; for a reader who opens it again unchanged, the page kept from
    last time (community.kept_pages)."""
    thread = thread_for_reading(pk, request.user)
    user = request.user
    facts = ReaderFacts.of(thread, member=user.role == Role.MEMBER)
    organisation = member_organisation_for(user)
    key = _kept_page_key(request, thread, facts, organisation)
    posts_key = posts_page_key(thread, facts, request.GET.get("page"))
    unread_key = unread_count_key(user.pk)
    found = cache.get_many([key, posts_key, unread_key] if key else [unread_key])
    unread = unread_notification_count(user, cached=found.get(unread_key)) if facts.member else None
    kept, posts = found.get(key), found.get(posts_key)
    posts = posts_page_shown(posts, facts, user=user) if posts is not None else None
    if kept_page_usable(kept, unread) and posts is not None:
        return _kept_page_serve(request, thread, kept, posts)
    context = _thread_context(request, thread, ReplyForm(), facts=facts, posts=posts, unread=unread)
    context["member_organisation"] = organisation
    if key is None:
        return render(request, TEMPLATE_THREAD, context)
    posts, marks = context["posts"], Marks.new()
    context["csrf_token"], context["client_id"] = marks.csrf, marks.client
    context["posts"] = PostsPage(mark_safe(marks.posts), posts.number)  # noqa: S308  (a mark)
    page = KeptPage.of(
        render_to_string(TEMPLATE_THREAD, context, request), marks=marks, unread=unread
    )
    page_keep(key, page)
    response, _, _ = _kept_page_response(request, page, posts)
    return response


def _kept_page_serve(request, thread, kept, posts):
    response, csrf_token, client_id = _kept_page_response(request, kept, posts)
    if settings.HARBOUR_KEPT_PAGES_CHECK:
        context = _thread_context(
            request, thread, ReplyForm(), client_id=client_id, unread=kept.unread
        )
        if csrf_token is not None:
            context["csrf_token"] = csrf_token
        kept_page_check(response, render(request, TEMPLATE_THREAD, context))
    return response


def _kept_page_response(request, page, posts):
    """The kept page with its posts, this request's CSRF token and a new client id."""
    csrf_token = get_token(request) if page.shows_csrf_token else None
    client_id = _client_id(request)
    html = page.html_with(posts_html=posts.html, csrf_token=csrf_token, client_id=client_id)
    return HttpResponse(html), csrf_token, client_id


def _kept_page_key(request, thread, facts, organisation):
    """Everything the thread page shows that `thread_detail` does not put in on the way
    out (see community.kept_pages); None for a page that is never kept: one with
    crisis help on it, for an author whose post was escalated."""
    if ESCALATED in facts.own_states():
        return None
    user = request.user
    return kept_page_key(
        request,
        (
            user.handle, user.role, organisation, feedback_offer_due(request),
            thread.pk, thread.version, thread.is_public, thread.title, thread.public_title,
            thread.talkabout.slug, thread.talkabout.title, thread.talkabout.is_archived,
            thread.bookmarked, thread.following, thread.muted_by_author, facts.digest(),
        ),
    )  # fmt: skip


def _crisis_lines_for(user):
    return crisis_lines_for(country=str(user.country) or None, organisation=user.organisation)


@functools.cache
def _blank_reply_fields_cached() -> str:
    return _blank_reply_fields()


def _blank_reply_fields() -> str:
    """An empty reply form's fields, the same for every reader (the CSRF token is
    outside them): rendered once per process, except while developing templates."""
    fields = (render_to_string("includes/field.html", {"field": field}) for field in ReplyForm())
    return mark_safe("".join(fields))  # noqa: S308  (our own template's output)


def _thread_context(request, thread, form, *, facts=None, posts=None, client_id=None, unread=None):
    """The thread page's context; `thread` comes from `thread_for_reading`. What the
    caller already has is passed in: the reader's facts, the page of posts, the
    member's unread count."""
    user = request.user
    is_member = user.role == Role.MEMBER
    facts = facts or ReaderFacts.of(thread, member=is_member)
    unread_key = unread_count_key(user.pk)
    found = {}
    if posts is None:
        also = [unread_key] if is_member and unread is None else []
        posts, found = posts_page(
            thread, facts, user=user, page_param=request.GET.get("page"), also=also
        )
    escalated = ESCALATED in facts.own_states()
    context = {
        "thread": thread,
        "posts": posts,
        # An author whose post was escalated sees help where they live, at once,
        # and is told plainly if no Wall Guide is on call to see it soon.
        "crisis_lines": _crisis_lines_for(user) if escalated else None,
        "help_may_take_longer": escalated and help_may_take_longer(user),
        "form": form,
        "client_id": client_id or _client_id(request),
        "blank_fields": None
        if form.is_bound
        else (_blank_reply_fields() if settings.DEBUG else _blank_reply_fields_cached()),
        "can_reply": is_member
        and can_reply(user=user, thread=thread, muted_by_author=thread.muted_by_author),
    }
    if is_member:  # read with the page above; the nav's context processor would ask again
        context["unread_notification_count"] = (
            unread
            if unread is not None
            else unread_notification_count(user, cached=found.get(unread_key))
        )
    return context


@access(Role.MEMBER)
@require_POST
def reply_new(request, pk):
    thread = thread_for_reading(pk, request.user)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = reply_create(
                author=request.user, thread=thread, client_id=_client_id(request),
                **form.cleaned_data,
            )  # fmt: skip
        except (PostingRefused, RateLimited) as error:
            context = _thread_context(request, thread, form)
            return _refused(request, TEMPLATE_THREAD, context, error)
        page = "?page=last" if thread.public_reply_count >= POSTS_PER_PAGE else ""
        return redirect(reverse("thread_detail", args=[thread.pk]) + f"{page}#post-{post.pk}")
    context = _thread_context(request, thread, form)
    return render(request, TEMPLATE_THREAD, context, status=400)


def _own_post(request, pk):
    return get_object_or_404(Post.objects.select_related("thread"), pk=pk, author=request.user)


@access(Role.MEMBER, scope=Scope.OWNER)
@require_http_methods(["GET", "POST"])
def post_edit_view(request, pk):
    post = _own_post(request, pk)
    initial = {
        "title": post.thread.title,
        "body": post.body,
        "content_warning": post.content_warning,
    }
    form = PostEditForm(request.POST or None, initial=initial, is_opening=post.is_opening)
    context = {"form": form, "post": post}
    try:
        check_can_edit(post=post, user=request.user)
    except PostingRefused as error:
        context["refusal"] = str(error)
        return render(request, "community/post_edit.html", context, status=409)
    if request.method == "POST" and form.is_valid():
        post_edit(post=post, author=request.user, **form.cleaned_data)
        return redirect(reverse("thread_detail", args=[post.thread_id]) + f"#post-{post.pk}")
    return render(request, "community/post_edit.html", context, status=400 if form.errors else 200)


@access(Role.MEMBER, scope=Scope.OWNER)
@require_http_methods(["GET", "POST"])
def post_delete_view(request, pk):
    post = _own_post(request, pk)
    if request.method == "POST":
        post_delete(post=post, author=request.user)
        if post.is_opening:
            return redirect("talkabout_detail", slug=post.thread.talkabout.slug)
        return redirect("thread_detail", pk=post.thread_id)
    return render(request, "community/post_delete.html", {"post": post})
