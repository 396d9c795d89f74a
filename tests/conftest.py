"""Named people for tests: a member, another member, and one of each staff role."""

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.roles import Role
from moderation.services import case_approve, case_open_for
from tests.auth import sign_in, totp_enable
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth keeps rate limits and used TOTP codes in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northbridge University")


@pytest.fixture
def member(db, organisation):
    return UserFactory(handle="alice-wren", email="alice@example.com", organisation=organisation)


@pytest.fixture
def other_member(db):
    return UserFactory(handle="bob-heron", email="bob@example.com")


def _clinician(role, handle, email, organisation=None):
    user = UserFactory(role=role, handle=handle, email=email, organisation=organisation)
    totp_enable(user)
    return user


@pytest.fixture
def guide(db):
    return _clinician(Role.GUIDE, "guide-charlie", "charlie@harbour.example")


@pytest.fixture
def lead(db):
    return _clinician(Role.LEAD, "lead-dana", "dana@harbour.example")


@pytest.fixture
def org_admin(db, organisation):
    return _clinician(Role.ORG_ADMIN, "admin-erin", "erin@northbridge.example", organisation)


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF, handle="staff-frank", email="frank@harbour.example")


@pytest.fixture
def signed_in():
    """Return a new client signed in as the given user; several can be open at once."""

    def _signed_in(user):
        client = Client()
        sign_in(client, user)
        return client

    return _signed_in


@pytest.fixture
def client_for(client):
    """Return a test client signed in as the given user (MFA answered)."""

    def _client_for(user):
        sign_in(client, user)
        return client

    return _client_for


@pytest.fixture
def reviewer(db):
    return UserFactory(role="staff", handle="staff-reviewer", email="reviewer@harbour.example")


@pytest.fixture
def approve(reviewer):
    """Approve an item's open case, as a guide would."""

    def _approve(item, message=""):
        case_approve(case=case_open_for(item), guide=reviewer, message=message)
        item.refresh_from_db()
        return item

    return _approve
