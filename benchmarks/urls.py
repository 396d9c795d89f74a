"""The site's URL map plus a constant view: the baseline each page is measured against."""

from django.http import HttpResponse
from django.urls import path

import config.urls
from accounts.permissions import PUBLIC, access


@access(PUBLIC)
def bare(request):
    """Return a constant page: what the server and middleware cost with no view work."""
    return HttpResponse(b"bare\n", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *config.urls.urlpatterns]
