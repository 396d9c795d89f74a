"""Asking for the password again right before the most sensitive actions.

A signed-in session may be minutes or hours old, on a shared or borrowed screen.
Before break-glass (a member's safety details), an email change, a data export or
an account's erasure, the person proves again that they are who the session says:

    @access(Role.MEMBER)
    @reauthentication_required
    def privacy_export_view(request): ...

Put it under `@access(...)`, so people who may not use the page at all still get
the plain 404 first. GET shows the page (a form, a confirmation); only the POST that
does the deed asks. A person who has not re-entered their password within
ACCOUNT_REAUTHENTICATION_TIMEOUT seconds (five minutes) is sent to allauth's
"confirm it's you" page; their POST is kept and replayed once they have, so nothing
they typed (a break-glass reason) is lost. Email changes go through allauth's own
views, which ask the same way because ACCOUNT_REAUTHENTICATION_REQUIRED is on.
"""

from allauth.account.decorators import reauthentication_required as _allauth_reauthentication


def reauthentication_required(view=None, *, allow_get: bool = True):
    """Require a fresh password (or second factor) before the view's POST runs."""
    decorate = _allauth_reauthentication(allow_get=allow_get)
    return decorate(view) if view is not None else decorate
