"""Default deny: every URL pattern declares who may use it, and gets exactly that.

Walks the whole URLconf, requests every named pattern as a signed-out visitor,
a member and another member, a guide, a lead, an organisation admin of the
member's organisation and one of another, and staff, and checks the outcome
against the pattern's declaration. A view declared with an object scope is
requested on an object the member owns (tests/urlwalk.py, OWNED_SAMPLES): the
owner gets it, another member gets 404.
Later features add patterns; this test covers them without being edited, unless
a pattern needs a sample argument it has not seen yet.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.permissions import Outcome, Scope, access_rule_for
from accounts.roles import Role
from tests.auth import sign_in
from tests.conftest import _clinician
from tests.factories import OrganisationFactory
from tests.urlwalk import OWNED_SAMPLES, owned_url_for, url_for, walk

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


PEOPLE = [
    "anonymous", "member", "other_member", "guide", "lead", "org_admin", "other_org_admin", "staff",
]  # fmt: skip


@pytest.fixture
def other_org_admin(db):
    other = OrganisationFactory(name="Southmoor College")
    return _clinician(Role.ORG_ADMIN, "admin-gwen", "gwen@southmoor.example", other)


@pytest.fixture
def clients(member, other_member, guide, lead, org_admin, other_org_admin, staff):
    users = {
        "member": member, "other_member": other_member, "guide": guide, "lead": lead,
        "org_admin": org_admin, "other_org_admin": other_org_admin, "staff": staff,
    }  # fmt: skip
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


# Who, among the people the roles let in, may see an object of each scope.
OUTSIDERS = {Scope.OWNER: {"other_member"}, Scope.ORGANISATION: {"other_org_admin"}}


def expected_status(rule, label, expected):
    """ "found", "not found" (404) or "any" (no object of theirs: below 500 is enough)."""
    if expected == Outcome.DENIED:
        return "not found"
    if expected != Outcome.ALLOWED or not rule.scope:
        return "any"
    return "not found" if label in OUTSIDERS[rule.scope] else "found"


@pytest.mark.django_db
def test_each_role_gets_exactly_what_each_url_declares(clients, member, organisation):
    signed_in, users = clients
    wrong = []
    for _, name, entry in NAMED:
        rule = access_rule_for(entry.callback)
        url = owned_url_for(name, entry, member) if rule.scope else url_for(name, entry)
        for label in _owner_last(PEOPLE) if rule.scope else PEOPLE:
            response = _request(signed_in[label], url, scoped=bool(rule.scope))
            expected = expected_outcome(rule, label, users)
            got = getattr(response.wsgi_request, "harbour_access", None)
            status = expected_status(rule, label, expected)
            if got != expected or not _status_fits(expected, status, response):
                wrong.append(f"{name} as {label}: {got} {response.status_code}, want {status}")
            elif label == "other_org_admin" and rule.roles and organisation.name in _text(response):
                wrong.append(f"{name} as {label}: shows another organisation's name")
    assert wrong == []


def _owner_last(people):
    # A POST-only scoped view may act on the object (delete it): the owner goes last,
    # so the others are refused an object that still exists.
    return [label for label in people if label != "member"] + ["member"]


def _request(client, url, *, scoped):
    response = client.get(url)
    if scoped and response.status_code == 405:
        response = client.post(url)  # an empty form: the view must still check the owner
    return response


def _text(response):
    return response.content.decode(errors="replace") if not response.streaming else ""


def _status_fits(expected, status, response):
    if expected == Outcome.LOGIN:
        return response.status_code == 302 and response["Location"].startswith(
            reverse(settings.LOGIN_URL)
        )
    if status == "not found":
        return response.status_code == 404
    if response.status_code == 503 and response.request["PATH_INFO"] == reverse("readyz"):
        return "failed" in response.json()  # no worker runs here: not ready, and says why
    if status == "found":
        return response.status_code < 500 and response.status_code != 404
    return response.status_code < 500


def test_every_scoped_view_has_a_sample_object():
    scoped = {name for _, name, entry in NAMED if access_rule_for(entry.callback).scope}
    assert scoped - set(OWNED_SAMPLES) == set()
    assert scoped >= {"selfcare:journal_entry", "post_edit", "brick_delete"}


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
