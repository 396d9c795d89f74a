"""Every look at a member's records in the Django admin goes in the audit log.

Staff run the platform, not the care: the admin shows members by handle only (no
email, safety details, journal or self-assessment results; see docs/security.md),
and each list, record, history page or change of a member-related model is
recorded with `audit_record`, like every read in the guide console. A ModelAdmin
for a model that is a user or points at one mixes this in; a test checks they all do.
"""

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model

from accounts.permissions import access
from accounts.roles import Role
from moderation.audit import audit_record
from moderation.models import AuditAction


def is_member_related(model) -> bool:
    """A user, or a record with a foreign key to one."""
    user_model = get_user_model()
    if model is user_model:
        return True
    return any(
        field.is_relation and field.related_model is user_model
        for field in model._meta.concrete_fields
    )


class AuditedAdminMixin:
    """Put first in the bases: `class UserAdmin(AuditedAdminMixin, admin.ModelAdmin)`."""

    def audit_member(self, obj):
        """The person the record is about: the user itself, or the first user it names."""
        if obj is None or isinstance(obj, get_user_model()):
            return obj
        for field in obj._meta.concrete_fields:
            if field.is_relation and field.related_model is get_user_model():
                return getattr(obj, field.name)
        return None

    def _audit(self, request, action, object_id=None):
        subject = f"admin:{self.opts.label_lower}"
        member = None
        if object_id is not None:
            subject += f":{object_id}"
            member = self.audit_member(self.get_object(request, unquote(object_id)))
        audit_record(actor=request.user, action=action, member=member, subject=subject[:80])

    def _audit_response(self, request, response, viewed, object_id=None):
        if request.method == "POST" and response.status_code == 302:
            self._audit(request, AuditAction.ADMIN_RECORD_CHANGED, object_id)
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            self._audit(request, viewed, object_id)
        return response

    @access(Role.STAFF)  # the admin's own rule; its wrapper keeps this mark
    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        return self._audit_response(request, response, AuditAction.ADMIN_LIST_VIEWED)

    @access(Role.STAFF)
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._audit_response(request, response, AuditAction.ADMIN_RECORD_VIEWED, object_id)

    @access(Role.STAFF)
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._audit_response(request, response, AuditAction.ADMIN_HISTORY_VIEWED, object_id)

    @access(Role.STAFF)
    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._audit_response(request, response, AuditAction.ADMIN_RECORD_VIEWED, object_id)
