"""The wall of Bricks: short creative texts, moderated like posts."""

from django.db import transaction

from community.models import Brick
from community.ratelimits import rate_limit_hit
from community.services.threads import check_posting_allowed
from moderation.services import content_delete, content_submit


@transaction.atomic
def brick_create(*, author, body: str, colour: str) -> Brick:
    """Add a Brick; it shows on the wall once checked."""
    check_posting_allowed(author)
    rate_limit_hit(user=author, action="brick")
    brick = Brick.objects.create(author=author, body=body, colour=colour)
    content_submit(item=brick)
    return brick


def brick_delete(*, brick: Brick, author) -> Brick:
    return content_delete(item=brick, author=author)
