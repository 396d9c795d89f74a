"""An organisation admin reaches only their own organisation; another's ids are 404,
and no portal page names a member."""

import pytest
from django.urls import reverse

from organisations.models import AccessCode, EmailDomain
from organisations.services import access_code_create, email_domain_add
from selfcare.models import CrisisLine
from selfcare.services.crisis import organisation_line_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PORTAL_PAGES = [
    "portal:home",
    "portal:access_codes",
    "portal:email_domains",
    "portal:settings",
    "portal:branding",
    "portal:crisis_lines",
]


@pytest.fixture
def theirs(other_organisation):
    """One of each thing the other organisation's admin manages."""
    return {
        "code": access_code_create(organisation=other_organisation, label="Nursing"),
        "domain": email_domain_add(organisation=other_organisation, domain="southgate.example"),
        "line": organisation_line_add(
            organisation=other_organisation, name="Southgate staff support",
            description="For staff.", phone="0800 000 111", url="", hours="Always", country="GB",
        ),
    }  # fmt: skip


def test_another_organisations_code_cannot_be_revoked(portal, theirs):
    response = portal.post(reverse("portal:access_code_revoke", args=[theirs["code"].pk]))
    assert response.status_code == 404
    assert AccessCode.objects.get(pk=theirs["code"].pk).revoked_at is None


def test_another_organisations_domain_cannot_be_removed(portal, theirs):
    url = reverse("portal:email_domain_remove", args=[theirs["domain"].pk])
    assert portal.get(url).status_code == 404
    assert portal.post(url).status_code == 404
    assert EmailDomain.objects.filter(pk=theirs["domain"].pk).exists()


def test_another_organisations_crisis_line_cannot_be_removed(portal, theirs):
    response = portal.post(reverse("portal:crisis_line_remove", args=[theirs["line"].pk]))
    assert response.status_code == 404
    assert CrisisLine.objects.filter(pk=theirs["line"].pk).exists()


def test_another_organisations_branding_files_are_404(portal, other_organisation, organisation):
    for name in ("portal:organisation_logo", "portal:organisation_brand_css"):
        assert portal.get(reverse(name, args=[other_organisation.pk])).status_code == 404
    assert (
        portal.get(reverse("portal:organisation_brand_css", args=[organisation.pk])).status_code
        == 200
    )


def test_portal_pages_show_only_the_own_organisations_things(portal, theirs):
    access_code_create(organisation=portal_organisation(portal), label="Engineering")
    pages = "".join(portal.get(reverse(name)).content.decode() for name in PORTAL_PAGES)
    assert "Engineering" in pages
    assert theirs["code"].code not in pages
    assert "southgate.example" not in pages
    assert "Southgate staff support" not in pages


def portal_organisation(client):
    return client.get(reverse("portal:home")).context["organisation"]


def test_no_portal_page_names_a_member(portal, organisation, member):
    others = [UserFactory(organisation=organisation, handle=f"quiet-wren-{n}") for n in range(3)]
    code = access_code_create(organisation=organisation, label="Law")
    UserFactory(organisation=organisation, access_code=code, handle="bright-finch-9")
    handles = [member.handle, "bright-finch-9", *(user.handle for user in others)]
    emails = [member.email, *(user.email for user in others)]
    for name in PORTAL_PAGES:
        html = portal.get(reverse(name)).content.decode()
        assert not [h for h in handles + emails if h in html], name
    assert "5 used" in portal.get(reverse("portal:home")).content.decode()


def test_an_org_admin_without_a_second_factor_is_sent_to_set_one_up(client, org_admin):
    client.force_login(org_admin)  # password only
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]


def test_members_and_guides_cannot_open_the_portal(signed_in, member, guide):
    for user in (member, guide):
        assert signed_in(user).get(reverse("portal:access_codes")).status_code == 404
