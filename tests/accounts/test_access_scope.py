"""Declaring an object scope next to the roles: what access() accepts."""

import pytest

from accounts.permissions import PUBLIC, Scope, access, access_rule_for
from accounts.roles import Role


def test_a_scope_is_kept_with_the_roles():
    @access(Role.MEMBER, scope=Scope.OWNER)
    def view(request):
        return None

    rule = access_rule_for(view)
    assert rule.roles == {Role.MEMBER} and rule.scope == Scope.OWNER


def test_views_declare_no_scope_unless_they_say_so():
    @access(Role.GUIDE, Role.LEAD)
    def view(request):
        return None

    assert access_rule_for(view).scope == Scope.NONE


@pytest.mark.parametrize(
    "who, scope", [((PUBLIC,), Scope.OWNER), ((Role.MEMBER,), "mine"), ((Role.ORG_ADMIN,), "org")]
)
def test_a_public_page_or_an_unknown_scope_is_refused(who, scope):
    with pytest.raises(ValueError):
        access(*who, scope=scope)
