"""What erasure does with what a member wrote, by HARBOUR_ERASURE_POLICY.

"anonymise": a published post (thread or reply) stays where someone else has also
written in its thread, now under the "former member" name; everything else goes.
"remove": everything goes; an opening post that others replied to becomes a short
notice, so its thread and the replies under it stay readable.

An item that goes is deleted through moderation (as if the member deleted it:
hidden, its case closed) and then loses its words; its row stays, so cases,
sequence numbers and others' replies still point at something.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from chat.models import BuddyCheckIn, ChatMessage
from community.models import Brick, Post
from moderation.models import ReviewCase
from moderation.services import content_delete
from moderation.states import ModerationState
from privacy.services.wiping import items_wipe
from selfcare.models import SelfAssessmentAlert

REMOVED_NOTICE = "This post was removed when its author left Harbour."


def _others_wrote_in_thread():
    return Exists(
        Post.objects.filter(thread=OuterRef("thread"), is_public=True).exclude(
            author=OuterRef("author")
        )
    )


def _posts_others_depend_on(member, policy):
    """The member's posts to keep (anonymise) or to turn into a notice (remove)."""
    posts = Post.objects.filter(
        author=member, is_public=True, state=ModerationState.PUBLISHED
    ).filter(_others_wrote_in_thread())
    return posts if policy == "anonymise" else posts.filter(is_opening=True)


def _delete_through_moderation(model, member) -> int:
    """Delete each of the member's items of `model` as its author would, then wipe them."""
    items = model.objects.filter(author=member)
    for item in items.exclude(state=ModerationState.DELETED):
        content_delete(item=item, author=member)
    return items_wipe(model, model.objects.filter(author=member))


def _notice_replace(posts) -> int:
    return posts.update(
        body=REMOVED_NOTICE, public_html=f"<p>{REMOVED_NOTICE}</p>", public_text=REMOVED_NOTICE
    )


def content_erase(*, member, policy: str) -> tuple[int, int]:
    """Apply the policy to everything `member` wrote; returns (kept, removed) counts."""
    depended_on = list(_posts_others_depend_on(member, policy).values_list("pk", flat=True))
    kept = len(depended_on)
    if policy == "remove":
        kept = _notice_replace(Post.objects.filter(pk__in=depended_on))
    for post in Post.objects.filter(author=member).exclude(pk__in=depended_on):
        if post.state != ModerationState.DELETED:
            content_delete(item=post, author=member)
    removed = items_wipe(Post, Post.objects.filter(author=member).exclude(pk__in=depended_on))
    for model in (Brick, ChatMessage, BuddyCheckIn):
        removed += _delete_through_moderation(model, member)
    removed += _alerts_erase(member)
    return kept, removed


def _alerts_erase(member) -> int:
    """A self-assessment alert goes with its result: close its cases, then delete both
    case and alert (the result itself is deleted with the member's private data)."""
    alerts = SelfAssessmentAlert.objects.filter(author=member)
    for alert in alerts.exclude(state=ModerationState.DELETED):
        content_delete(item=alert, author=member)
    content_type = ContentType.objects.get_for_model(SelfAssessmentAlert)
    ReviewCase.objects.filter(content_type=content_type, object_id__in=alerts.values("pk")).delete()
    count, _ = alerts.delete()
    return count
