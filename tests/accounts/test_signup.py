"""Signing up as an anonymous member, with and without an organisation."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Consent, ConsentKind, SafetyDetails, User
from organisations.models import EmailDomain
from tests.factories import AccessCodeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def years_ago(years, days=0):
    today = timezone.localdate()
    return (today.replace(year=today.year - years) - datetime.timedelta(days=days)).isoformat()


def signup_data(**changes):
    data = {
        "handle": "brave-puffin-77",
        "email": "newcomer@example.com",
        "password1": "correct horse battery staple",
        "date_of_birth": years_ago(20),
        "country": "GB",
        "access_code": "",
        "real_name": "Jamie Example",
        "phone": "07700 900123",
        "postcode": "AB1 2CD",
        "agree_house_rules": "on",
        "agree_privacy": "on",
        "agree_escalation": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def sign_up(client, **changes):
    return client.post(reverse("account_signup"), signup_data(**changes))


def test_a_new_member_is_created_and_asked_to_verify_their_email(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.com")
    assert user.handle == "brave-puffin-77"
    assert user.role == "member"
    assert user.birth_year == timezone.localdate().year - 20
    assert user.organisation is None
    assert len(mail.outbox) == 1
    assert "newcomer@example.com" in mail.outbox[0].to
    # Mandatory verification: not signed in until the link is followed.
    assert client.get(reverse("profile")).status_code == 302


def test_consents_are_stored_with_the_text_version(client):
    sign_up(client, model_improvement="on")
    user = User.objects.get(email="newcomer@example.com")
    kinds = set(Consent.objects.filter(user=user).values_list("kind", flat=True))
    assert kinds == {
        ConsentKind.HOUSE_RULES, ConsentKind.PRIVACY, ConsentKind.ESCALATION,
        ConsentKind.MODEL_IMPROVEMENT,
    }  # fmt: skip
    assert all(c.version for c in Consent.objects.filter(user=user))


def test_model_improvement_consent_is_off_unless_ticked(client):
    sign_up(client)
    user = User.objects.get(email="newcomer@example.com")
    assert not user.consents.filter(kind=ConsentKind.MODEL_IMPROVEMENT).exists()


def test_an_access_code_joins_its_organisation_and_counts_a_use(client):
    code = AccessCodeFactory(code="WELCOME-2026")
    sign_up(client, access_code=" welcome-2026 ")
    user = User.objects.get(email="newcomer@example.com")
    assert user.organisation == code.organisation
    assert user.access_code == code
    code.refresh_from_db()
    assert code.uses == 1


def test_an_email_at_an_organisation_domain_joins_it(client):
    org = OrganisationFactory()
    EmailDomain.objects.create(organisation=org, domain="Uni.Example.ac.uk")
    sign_up(client, email="sam@uni.example.ac.uk")
    assert User.objects.get(email="sam@uni.example.ac.uk").organisation == org


def test_a_domain_without_domain_sign_up_does_not_join(client):
    org = OrganisationFactory(allow_domain_signup=False)
    EmailDomain.objects.create(organisation=org, domain="corp.example")
    sign_up(client, email="sam@corp.example")
    assert User.objects.get(email="sam@corp.example").organisation is None


def test_safety_details_are_encrypted_at_rest(client):
    sign_up(client)
    details = SafetyDetails.objects.get(user__email="newcomer@example.com")
    assert details.real_name == "Jamie Example"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT real_name, phone, postcode, date_of_birth FROM accounts_safetydetails "
            "WHERE id = %s",
            [details.pk],
        )
        raw = " ".join(cursor.fetchone())
    for secret in ("Jamie", "07700", "AB1", years_ago(20)[:4] + "-"):
        assert secret not in raw


# --- Bad input: a specific error, everything else kept, no account created ---


def assert_refused(response, field, words, kept="brave-puffin-77"):
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert words.lower() in " ".join(errors[field]).lower()
    assert kept.encode() in response.content  # what they typed is still in the form
    assert not User.objects.filter(email="newcomer@example.com").exists()


def test_under_the_minimum_age_is_refused(client):
    response = sign_up(client, date_of_birth=years_ago(16, days=-1))
    assert_refused(response, "date_of_birth", "aged 16 and over")


def test_exactly_the_minimum_age_is_accepted(client):
    assert sign_up(client, date_of_birth=years_ago(16)).status_code == 302


def test_an_organisation_may_require_an_older_age(client):
    AccessCodeFactory(code="ADULTS", organisation=OrganisationFactory(minimum_age=18))
    response = sign_up(client, access_code="ADULTS", date_of_birth=years_ago(17))
    assert_refused(response, "date_of_birth", "aged 18 and over")


def test_an_unknown_access_code_is_refused(client):
    response = sign_up(client, access_code="NOPE")
    assert_refused(response, "access_code", "don't recognise that access code")


def test_an_expired_access_code_is_refused(client):
    AccessCodeFactory(code="OLD", expires_at=timezone.now() - datetime.timedelta(days=1))
    assert_refused(sign_up(client, access_code="OLD"), "access_code", "has expired")


def test_a_revoked_access_code_is_refused(client):
    AccessCodeFactory(code="GONE", revoked_at=timezone.now())
    assert_refused(sign_up(client, access_code="GONE"), "access_code", "no longer active")


def test_a_used_up_access_code_is_refused(client):
    AccessCodeFactory(code="FULL", max_uses=2, uses=2)
    assert_refused(sign_up(client, access_code="FULL"), "access_code", "used as many times")


def test_an_organisation_with_no_seats_left_is_refused(client):
    code = AccessCodeFactory(code="SEATS", organisation=OrganisationFactory(seat_limit=1))
    UserFactory(organisation=code.organisation)
    assert_refused(sign_up(client, access_code="SEATS"), "access_code", "no places left")


@pytest.mark.parametrize("consent", ["agree_house_rules", "agree_privacy", "agree_escalation"])
def test_each_required_consent_must_be_given(client, consent):
    assert_refused(sign_up(client, **{consent: None}), consent, "tick this box")


def test_a_taken_handle_is_refused_whatever_its_case(client):
    UserFactory(handle="Brave-Puffin-77")
    response = sign_up(client)
    assert_refused(response, "handle", "taken", kept="newcomer@example.com")


@pytest.mark.parametrize(
    "handle, words",
    [
        ("me@mail.com", "email address"),
        ("07700900123", "phone number"),
        ("www.mysite", "web address"),
        ("john.smith", "real first and last name"),
        ("ab", "3 to 30 characters"),
        ("has spaces", "only letters"),
    ],
)
def test_an_unsafe_handle_is_refused(client, handle, words):
    response = sign_up(client, handle=handle)
    assert_refused(response, "handle", words, kept="newcomer@example.com")


def test_a_malformed_email_is_refused(client):
    response = sign_up(client, email="not-an-email")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert b"brave-puffin-77" in response.content
    assert not User.objects.filter(handle="brave-puffin-77").exists()


def test_a_short_password_is_refused(client):
    assert_refused(sign_up(client, password1="short pass"), "password1", "at least 12")


def test_the_form_offers_handle_suggestions(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert response.context["form"].initial["handle"]
    assert b'<datalist id="handle-suggestions">' in response.content
