"""The crisis-help page, whatever else is broken.

`/help/` is linked from every page for someone who may be in danger now. If it
cannot be served the usual way (Redis down: the session and the navigation read the
cache; a bug; an overloaded database), this middleware answers it instead with a page
that needs no session, no cache and no template context: every active national line
from the database, or, if the database cannot answer either, what to do in an
emergency. Nothing the failed request did is needed for it.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django_countries import countries

from selfcare.selectors import crisis_lines_for

log = logging.getLogger(__name__)

FALLBACK_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


class CrisisHelpAlwaysMiddleware:
    """Above the session middleware: it sees the 500 that Django made of a failure
    below, in the session, the account, the navigation or the view."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500 and request.path == self._path():
            log.error(
                "crisis help: the page failed (%s); serving the fallback", response.status_code
            )
            return _fallback_response()
        return response

    def _path(self) -> str:
        if self.path is None:
            self.path = reverse("crisis_help")
        return self.path


def _fallback_response() -> HttpResponse:
    # The headers the middleware below would have added: nothing may frame or script it.
    response = HttpResponse(crisis_help_fallback_html())
    response["Content-Security-Policy"] = FALLBACK_POLICY
    response["X-Frame-Options"] = "DENY"
    return response


def crisis_help_fallback_html() -> str:
    return render_to_string("selfcare/crisis_help_fallback.html", {"groups": _national_lines()})


def _national_lines() -> list:
    """Every active national line grouped by country; [] if the database fails too."""
    try:
        lines = crisis_lines_for(country=None)
    except Exception:  # the page must still say what to do
        log.exception("crisis help fallback: the database did not answer")
        return []
    groups: dict[str, list] = {}
    for line in lines:
        groups.setdefault(str(line.country), []).append(line)
    return [(countries.name(code), group) for code, group in sorted(groups.items())]
