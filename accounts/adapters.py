"""allauth adapter: Harbour's rules for who may sign up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return settings.HARBOUR_SIGNUP_OPEN
