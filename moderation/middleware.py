"""A request id for every request, so an audit entry can be matched to its request
in the web logs. A well-formed id from the load balancer is kept; otherwise one is made."""

import re
import uuid

from moderation.audit import request_id_var

_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _WELL_FORMED.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
