"""An organisation's own crisis lines and support services: shown to its members next
to the national lines wherever Harbour shows crisis help, never to anyone else."""

import pytest
from django.test import Client
from django.urls import reverse

from community.services.threads import thread_create
from selfcare.models import CrisisLine

pytestmark = pytest.mark.django_db

CAMPUS = {
    "name": "Northbridge Nightline",
    "description": "Students listening to students, overnight.",
    "phone": "01234 567890",
    "url": "https://nightline.northbridge.example",
    "hours": "8pm to 8am in term time",
    "country": "IE",  # shown whatever country the member chose
}


@pytest.fixture
def campus_line(portal, organisation):
    response = portal.post(reverse("portal:crisis_lines"), CAMPUS)
    assert response.status_code == 302
    return CrisisLine.objects.get(organisation=organisation)


@pytest.fixture
def national(db):
    return CrisisLine.objects.create(
        country="GB", name="Test Samaritans", description="Any time.", phone="116 123"
    )


def test_an_admin_adds_a_line_with_phone_website_and_hours(campus_line, portal):
    assert (campus_line.name, campus_line.hours) == ("Northbridge Nightline", CAMPUS["hours"])
    assert "Northbridge Nightline" in portal.get(reverse("portal:crisis_lines")).content.decode()


def test_a_line_needs_a_phone_or_a_website(portal):
    response = portal.post(reverse("portal:crisis_lines"), {**CAMPUS, "phone": "", "url": ""})
    assert "a phone number, a website, or both" in response.content.decode()
    assert not CrisisLine.objects.filter(name=CAMPUS["name"]).exists()


def test_the_crisis_page_shows_the_line_to_own_members_beside_the_national_ones(
    campus_line, national, signed_in, member
):
    page = signed_in(member).get(reverse("crisis_help"), {"country": "GB"}).content.decode()
    assert "From Northbridge University" in page
    assert page.index("Northbridge Nightline") < page.index("Test Samaritans")
    assert "8pm to 8am in term time" in page and "tel:01234567890" in page


def test_other_organisations_members_and_visitors_never_see_it(
    campus_line, national, signed_in, outsider, other_member
):
    for viewer in (signed_in(outsider), signed_in(other_member), Client()):
        page = viewer.get(reverse("crisis_help")).content.decode()
        assert "Test Samaritans" in page
        assert "Northbridge Nightline" not in page


def test_an_escalated_author_sees_their_organisations_line_at_once(
    campus_line, national, signed_in, member, outsider, talkabout, settings
):
    settings.HARBOUR_FAKE_RISK_DECISION = "escalate"
    own = thread_create(author=member, talkabout=talkabout, title="Tonight", body="I can't.")
    theirs = thread_create(author=outsider, talkabout=talkabout, title="Late", body="Too much.")
    page = signed_in(member).get(reverse("thread_detail", args=[own.pk])).content.decode()
    assert "You don't have to face this alone" in page
    assert "Northbridge Nightline" in page and "Test Samaritans" in page
    other = signed_in(outsider).get(reverse("thread_detail", args=[theirs.pk])).content.decode()
    assert "Test Samaritans" in other and "Northbridge Nightline" not in other


def test_a_worrying_self_assessment_shows_the_line(campus_line, national, signed_in, member):
    client = signed_in(member)
    answers = {f"q{n}": "3" for n in range(1, 10)}
    response = client.post(reverse("selfcare:assessment_take", args=["phq9"]), answers)
    page = client.get(response["Location"]).content.decode()
    assert "Northbridge Nightline" in page


def test_an_admin_removes_their_line(campus_line, portal, signed_in, member):
    response = portal.post(reverse("portal:crisis_line_remove", args=[campus_line.pk]))
    assert response.status_code == 302
    page = signed_in(member).get(reverse("crisis_help")).content.decode()
    assert "Northbridge Nightline" not in page
