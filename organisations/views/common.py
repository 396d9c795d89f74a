"""What every organisation-admin page starts from: the admin's own organisation."""

from django.http import Http404

from organisations.models import Organisation


def own_organisation(request) -> Organisation:
    """The organisation the signed-in admin manages. Every portal query starts from it,
    so another organisation's ids are simply not found (404)."""
    organisation_id = getattr(request.user, "organisation_id", None)
    if organisation_id is None:
        raise Http404("No organisation.")
    return Organisation.objects.defer("logo_png").get(pk=organisation_id)
