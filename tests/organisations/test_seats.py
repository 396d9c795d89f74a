"""Seats: members who joined through the organisation take one, its admins do not;
a full organisation refuses new sign-ups kindly. Minimum age can only be raised."""

import pytest
from django.urls import reverse

from organisations.selectors import seats_used
from organisations.services import JoinRefused, access_code_create, joining_resolve
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admins_take_no_seat(organisation, org_admin, member):
    assert seats_used(organisation) == 1


def test_a_full_organisation_refuses_new_sign_ups(portal, organisation, member):
    response = portal.post(
        reverse("portal:settings"),
        {"seat_limit": "2", "minimum_age": "", "allow_domain_signup": "on"},
    )
    assert response.status_code == 302
    code = access_code_create(organisation=organisation)
    assert joining_resolve(email="a@example.com", code=code.code).organisation == organisation
    UserFactory(organisation=organisation)
    with pytest.raises(JoinRefused, match="no places left"):
        joining_resolve(email="b@example.com", code=code.code)


def test_the_settings_page_shows_seats_used_and_the_limit(portal, organisation, member):
    organisation.seat_limit = 40
    organisation.save()
    page = portal.get(reverse("portal:settings")).content.decode()
    assert "<strong>1</strong> of 40" in page


def test_the_minimum_age_cannot_go_below_harbours(portal, organisation, settings):
    settings.HARBOUR_MINIMUM_AGE = 16
    response = portal.post(reverse("portal:settings"), {"seat_limit": "", "minimum_age": "13"})
    assert "yours can be the same or higher" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.minimum_age is None
    portal.post(reverse("portal:settings"), {"seat_limit": "", "minimum_age": "18"})
    organisation.refresh_from_db()
    assert (organisation.minimum_age, organisation.allow_domain_signup) == (18, False)
