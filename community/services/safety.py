"""Keeping members safe from each other: reports to the Wall Guides, and mutes.

Neither is ever shown to the other member: an author never learns who reported
them, and a muted member is never told.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from accounts.roles import Role
from community.models import Mute, Post, Thread
from moderation.models import Report
from moderation.services import ModerationRefused, report_submit


class MuteRefused(Exception):
    """Muting is not possible for this person; the message says why, in plain words."""


def check_can_report(*, item, reporter) -> None:
    """Refuse early, before the member writes anything, what report_submit would refuse."""
    if reporter.role != Role.MEMBER:
        raise ModerationRefused("Only members can report. Wall Guides can pull a post back.")
    if item.author_id == reporter.pk:
        raise ModerationRefused("You can't report your own post. You can edit or delete it.")
    already = Report.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, reporter=reporter
    )
    if already.exists():
        raise ModerationRefused("You've already reported this. A Wall Guide will look at it.")


def item_report(*, item, reporter, reason: str, text: str = "") -> Report:
    """Report a post, reply or Brick for a Wall Guide to look at.

    The item must still be in public view, thread and all. Who reported is kept
    for the guides only.
    """
    check_can_report(item=item, reporter=reporter)
    if _in_hidden_thread(item):
        raise ModerationRefused("This post is no longer shown, so it can't be reported.")
    return report_submit(item=item, reporter=reporter, reason=reason, text=text.strip())


def _in_hidden_thread(item) -> bool:
    # A reply can stay public inside a thread whose opening post was pulled.
    if not isinstance(item, Post):
        return False
    return not Thread.objects.filter(pk=item.thread_id, is_public=True).exists()


def member_mute(*, muter, muted) -> Mute:
    """Fold away `muted`'s posts for `muter` and stop them replying to `muter`'s threads.

    Muting twice is harmless. Only members mute, and only members can be muted:
    Wall Guides must always be able to reach everyone.
    """
    if muter.pk == muted.pk:
        raise MuteRefused("You can't mute yourself.")
    if muter.role != Role.MEMBER or muted.role != Role.MEMBER:
        raise MuteRefused("Only other members can be muted.")
    try:
        with transaction.atomic():
            mute, _ = Mute.objects.get_or_create(muter=muter, muted=muted)
    except IntegrityError:  # a double click raced the first one
        mute = Mute.objects.get(muter=muter, muted=muted)
    return mute


def member_unmute(*, muter, muted) -> None:
    """Show `muted`'s posts to `muter` again and let them reply to `muter`'s threads."""
    Mute.objects.filter(muter=muter, muted=muted).delete()
