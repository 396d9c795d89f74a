"""The authentication backends, with the account lookup every request makes compiled once.

Django finds the signed-in account by primary key on every request. The ORM builds that
query anew each time, which costs more than PostgreSQL takes to run it; the query here is
compiled once per process (`community.compiled`) and runs with the id as its parameter.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model

from community.compiled import CompiledOnce


def _account_by_id(pk):
    return get_user_model().objects.filter(pk=pk)


_ACCOUNT_BY_ID = CompiledOnce(_account_by_id, "pk")


class AccountLookup:
    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _ACCOUNT_BY_ID.first(get_user_model(), pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(AccountLookup, backends.ModelBackend):
    """Django's backend: signs in by email and password."""


class AuthenticationBackend(AccountLookup, AllauthBackend):
    """allauth's backend: sign-in by email, and allauth's own flows."""
