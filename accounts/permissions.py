"""Who may use which view. Every view declares it; anything undeclared is denied.

    @access(PUBLIC)                    anyone, signed in or not
    @access(SIGNED_IN)                 any account
    @access(Role.MEMBER)               members only
    @access(Role.GUIDE, Role.LEAD)     clinicians only
    @access(Role.STAFF, bearer="HARBOUR_METRICS_TOKEN")
                                       staff, or a machine sending that setting's
                                       token as "Authorization: Bearer <token>"
    @access(Role.MEMBER, scope=Scope.OWNER)
                                       members, on an object in the URL that is their own:
                                       any other member gets the same plain 404
    @access(Role.ORG_ADMIN, scope=Scope.ORGANISATION)
                                       organisation admins, on an object of their own
                                       organisation: another organisation's admin gets 404

A signed-out visitor asking for a protected page is sent to sign in. A signed-in
person without the role gets a plain 404, so pages they may not use do not even
show that they exist. Guides, leads and organisation admins must also have
passed a second factor in this session; `AccessMiddleware` enforces all of it.

The scope is a promise the view keeps itself (it looks the object up together with
`request.user`, or its organisation); tests/accounts/test_url_access.py holds every
scoped view to it with sample objects owned by the test member (tests/urlwalk.py).
"""

import hmac
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import RedirectView

from accounts.mfa import mfa_enabled, mfa_verified
from accounts.roles import Role


class Outcome:
    ALLOWED = "allowed"
    LOGIN = "login"
    MFA = "mfa"
    DENIED = "denied"


class Scope:
    NONE = ""
    OWNER = "owner"  # the URL names an object one member owns; only they may see it
    ORGANISATION = "organisation"  # the URL names an organisation's object; only its admins


@dataclass(frozen=True)
class Access:
    roles: frozenset | None  # None: anyone, signed in or not
    require_mfa: bool = True
    bearer: str | None = None  # a setting holding a token that also lets a request in
    scope: str = Scope.NONE

    def outcome(self, request) -> str:
        if self.roles is None or bearer_matches(request, self.bearer):
            return Outcome.ALLOWED
        user = request.user
        if not user.is_authenticated:
            return Outcome.LOGIN
        if user.role not in self.roles:
            return Outcome.DENIED
        if self.require_mfa and needs_mfa(user) and not mfa_verified(request):
            return Outcome.MFA
        return Outcome.ALLOWED


PUBLIC = "public"
SIGNED_IN = "signed_in"
_ALL_ROLES = frozenset(Role.values)


def access(*who, require_mfa: bool = True, bearer: str | None = None, scope: str = Scope.NONE):
    """Declare who may use a view; see the module docstring."""
    if bearer is not None and who in ((PUBLIC,), (SIGNED_IN,)):
        raise ValueError("a bearer token is for a page limited to roles")
    if scope not in (Scope.NONE, Scope.OWNER, Scope.ORGANISATION) or (scope and PUBLIC in who):
        raise ValueError(f"access() takes a scope for signed-in people only, not {scope!r}")
    if who == (PUBLIC,):
        rule = Access(roles=None)
    elif who == (SIGNED_IN,):
        rule = Access(roles=_ALL_ROLES, require_mfa=require_mfa, scope=scope)
    else:
        if not who or not set(who) <= _ALL_ROLES:
            raise ValueError(f"access() takes PUBLIC, SIGNED_IN or roles, not {who!r}")
        rule = Access(roles=frozenset(who), require_mfa=require_mfa, bearer=bearer, scope=scope)

    def declare(view):
        view.harbour_access = rule
        return view

    return declare


def bearer_matches(request, setting: str | None) -> bool:
    """The request carries the token held in `setting`; an unset token lets nobody in."""
    token = getattr(settings, setting, "") if setting else ""
    if not token:  # also where there is no HTTP request (the console's WebSocket)
        return False
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())


def needs_mfa(user) -> bool:
    return user.is_authenticated and user.role in settings.HARBOUR_MFA_ROLES


# Views we do not write ourselves, declared by the module they come from.
# allauth's views are the way in (sign up, sign in, the second-factor step,
# password reset) and guard their own signed-in pages with allauth's login and
# reauthentication checks, so they are public here. Django's admin is for staff.
EXTERNAL_ACCESS = {
    "allauth.account": Access(roles=None),
    "allauth.mfa": Access(roles=None),
    "django.contrib.admin": Access(roles=frozenset({Role.STAFF})),
    "django.contrib.contenttypes.views": Access(roles=frozenset({Role.STAFF})),  # admin links
}


def access_rule_for(view) -> Access | None:
    rule = getattr(view, "harbour_access", None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, "harbour_access", None)
    if rule is not None:
        return rule
    if getattr(view, "view_class", None) is RedirectView:
        # A bare redirect (the admin's old-style URLs) shows nothing itself; its
        # target declares its own access.
        return Access(roles=None)
    module = getattr(view, "__module__", "") or ""
    for prefix, external in EXTERNAL_ACCESS.items():
        if module == prefix or module.startswith(prefix + "."):
            return external
    return None


def response_for(outcome: str, request):
    """The response for a refused outcome, or None when the view may run."""
    if outcome == Outcome.LOGIN:
        return redirect_to_login(request.get_full_path())
    if outcome == Outcome.MFA:
        target = "mfa_reauthenticate" if mfa_enabled(request.user) else "mfa_activate_totp"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
    if outcome == Outcome.DENIED:
        raise Http404("No such page.")
    return None
