"""Template context every page needs for the forum's navigation."""

from django.utils.functional import SimpleLazyObject

from accounts.roles import Role
from community.selectors_engagement import unread_notification_count


def unread_notifications(request):
    """A member's unread notification count for the nav; nothing for anyone else.

    Lazy: the one COUNT query runs only if a template shows it, so pages that
    don't render the nav (redirects, error pages) cost nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != Role.MEMBER:
        return {}
    return {"unread_notification_count": SimpleLazyObject(lambda: unread_notification_count(user))}
