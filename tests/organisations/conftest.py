"""Portal fixtures: a second organisation with its own admin and member, for confinement."""

import pytest

from accounts.roles import Role
from tests.conftest import _clinician
from tests.factories import OrganisationFactory, TalkaboutFactory, UserFactory


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Southgate Health Trust")


@pytest.fixture
def other_org_admin(other_organisation):
    return _clinician(Role.ORG_ADMIN, "admin-gwen", "gwen@southgate.example", other_organisation)


@pytest.fixture
def outsider(other_organisation):
    """A member who joined through the other organisation."""
    return UserFactory(
        handle="hal-kestrel", email="hal@example.com", organisation=other_organisation
    )


@pytest.fixture
def portal(client_for, org_admin):
    """A client signed in (with TOTP) as Northbridge's organisation admin."""
    return client_for(org_admin)


@pytest.fixture
def talkabout(db):
    return TalkaboutFactory(title="Low mood", slug="low-mood")
