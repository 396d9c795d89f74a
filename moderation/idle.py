"""Signing out guides, leads, organisation admins and staff after a spell of inactivity.

Their sessions open sensitive pages (cases, safety details, the audit log), often on
shared or clinic computers. A session idle longer than HARBOUR_IDLE_TIMEOUT_SECONDS
(default 30 minutes) is signed out and sent to sign in again, with a kind word.
Members are never timed out this way.

When the session was last used is kept in the session itself, rewritten at most once
a minute (HARBOUR_IDLE_TOUCH_SECONDS), so a busy console does not write its session
on every request. A request the page makes by itself (the live console refreshing its
queue, marked `X-Harbour-Background: 1`) is not use: an open console left alone still
times out.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from accounts.permissions import access_rule_for

LAST_SEEN_KEY = "harbour_last_seen"
SIGNED_OUT_MESSAGE = (
    "You were signed out because the console was left alone for a while. "
    "That keeps members' words safe on a shared screen. Please sign in again."
)


def idle_timeout_applies(user) -> bool:
    return user.is_authenticated and user.role in settings.HARBOUR_IDLE_TIMEOUT_ROLES


def session_idle_expired(session, now: float | None = None) -> bool:
    """Whether the session has gone unused for longer than the limit."""
    seen = session.get(LAST_SEEN_KEY)
    now = time.time() if now is None else now
    return seen is not None and now - seen > settings.HARBOUR_IDLE_TIMEOUT_SECONDS


def session_touch(session, now: float | None = None) -> None:
    """Note that the session is in use, unless that was noted less than a minute ago."""
    now = time.time() if now is None else now
    seen = session.get(LAST_SEEN_KEY)
    if seen is None or now - seen >= settings.HARBOUR_IDLE_TOUCH_SECONDS:
        session[LAST_SEEN_KEY] = int(now)


class IdleTimeoutMiddleware:
    """After the session and authentication middleware, before access checks.

    Only pages of a role are watched. A page anyone may open shows nothing of a case,
    and looking up the account for it would cost every public page (and every static
    file) a query; the next page of the role signs an idle session out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = access_rule_for(view_func)
        if rule is None or rule.roles is None or not idle_timeout_applies(request.user):
            return None  # undeclared views are refused by AccessMiddleware next
        if session_idle_expired(request.session):
            logout(request)
            messages.info(request, SIGNED_OUT_MESSAGE)
            return redirect_to_login(request.get_full_path())
        if request.headers.get("X-Harbour-Background") != "1":
            session_touch(request.session)
        return None
