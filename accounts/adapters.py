"""allauth adapter: Harbour's rules for who may sign up and what mail says."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return settings.HARBOUR_SIGNUP_OPEN
