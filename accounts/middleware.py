"""Enforces the access declared on every view (see accounts.permissions)."""

import logging

from django.http import Http404

from accounts.permissions import Outcome, access_rule_for, response_for

log = logging.getLogger(__name__)


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = access_rule_for(view_func)
        if rule is None:
            # Default deny: a view nobody declared is a bug, never a public page.
            log.error("View %s declares no access rule", view_func)
            request.harbour_access = Outcome.DENIED
            raise Http404("No such page.")
        request.harbour_access = rule.outcome(request)
        return response_for(request.harbour_access, request)
