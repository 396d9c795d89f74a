"""Default deny: every URL pattern declares who may use it, and gets exactly that.

Walks the whole URLconf, requests every named pattern as a signed-out visitor
and as each role, and checks the outcome against the pattern's declaration.
Later features add patterns; this test covers them without being edited, unless
a pattern needs a sample argument it has not seen yet.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.permissions import Outcome, access_rule_for
from accounts.roles import Role
from tests.auth import sign_in
from tests.urlwalk import url_for, walk

ALL_PATTERNS = list(walk())
NAMED = [(route, name, entry) for route, name, entry in ALL_PATTERNS if name]


def test_every_view_declares_who_may_use_it():
    undeclared = [
        route for route, _, entry in ALL_PATTERNS if access_rule_for(entry.callback) is None
    ]
    assert undeclared == []


def test_the_walk_sees_the_whole_site():
    names = {name for _, name, _ in NAMED}
    assert {"home", "crisis_help", "account_signup", "profile", "admin:index"} <= names


PEOPLE = ["anonymous", "member", "guide", "lead", "org_admin", "staff"]


@pytest.fixture
def clients(member, guide, lead, org_admin, staff):
    users = {"member": member, "guide": guide, "lead": lead, "org_admin": org_admin, "staff": staff}
    signed_in = {"anonymous": Client()}
    for label, user in users.items():
        signed_in[label] = Client()
        sign_in(signed_in[label], user)
    return signed_in, users


def expected_outcome(rule, label, users):
    if rule.roles is None:
        return Outcome.ALLOWED
    if label == "anonymous":
        return Outcome.LOGIN
    return Outcome.ALLOWED if users[label].role in rule.roles else Outcome.DENIED


@pytest.mark.django_db
def test_each_role_gets_exactly_what_each_url_declares(clients):
    signed_in, users = clients
    wrong = []
    for _, name, entry in NAMED:
        url = url_for(name, entry)
        rule = access_rule_for(entry.callback)
        for label in PEOPLE:
            response = signed_in[label].get(url)
            expected = expected_outcome(rule, label, users)
            got = getattr(response.wsgi_request, "harbour_access", None)
            if got != expected or not _status_fits(expected, response):
                wrong.append(f"{name} as {label}: {got} {response.status_code}, want {expected}")
    assert wrong == []


def _status_fits(expected, response):
    if expected == Outcome.LOGIN:
        return response.status_code == 302 and response["Location"].startswith(
            reverse(settings.LOGIN_URL)
        )
    if expected == Outcome.DENIED:
        return response.status_code == 404
    if response.status_code == 503 and response.request["PATH_INFO"] == reverse("readyz"):
        return "failed" in response.json()  # no worker runs here: not ready, and says why
    return response.status_code < 500


MFA_ROLES = [Role.GUIDE, Role.LEAD, Role.ORG_ADMIN]


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["guide", "lead", "org_admin"])
def test_clinicians_and_org_admins_must_pass_a_second_factor(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    client = Client()
    client.force_login(user)  # a password-only session: no second factor yet
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert re.match(r"^/accounts/2fa/(reauthenticate|totp/activate)/", response["Location"])


@pytest.mark.django_db
def test_a_clinician_without_totp_is_sent_to_set_it_up(guide):
    guide.authenticator_set.all().delete()
    client = Client()
    client.force_login(guide)
    response = client.get(reverse("profile"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@pytest.mark.django_db
def test_members_need_no_second_factor(member):
    client = Client()
    client.force_login(member)
    assert client.get(reverse("profile")).status_code == 200


@pytest.mark.django_db
def test_a_clinician_with_a_verified_code_gets_in(client_for, guide):
    response = client_for(guide).get(reverse("profile"))
    assert response.status_code == 200
    assert b"guide-charlie" in response.content
