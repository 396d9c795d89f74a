"""Going back where a member came from, safely."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, fallback: str, anchor: str = ""):
    """Redirect to the form's `next` if it is a page of this site, else to `fallback`."""
    target = request.POST.get("next", "")
    # Only a path on this site: never another host, nor a bare word `redirect()`
    # would try to read as a view name.
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return HttpResponseRedirect((target if safe else fallback).partition("#")[0] + anchor)
