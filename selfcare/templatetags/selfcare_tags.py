from django import template

from selfcare.services.feedback import feedback_offer_due

register = template.Library()


@register.inclusion_tag("selfcare/_feedback_offer.html", takes_context=True)
def feedback_offer(context):
    """A quiet invitation to the feedback survey, for members of 30 days or more."""
    request = context.get("request")
    due = request is not None and feedback_offer_due(request)
    path = request.get_full_path() if due else ""
    return {"due": due, "path": path, "csrf_token": context.get("csrf_token")}
