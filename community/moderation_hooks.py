"""How moderation shows, hides and describes forum content (the moderatable protocol)."""

import datetime
import functools

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from community.compiled import CompiledUpdate
from community.markdown import plain_text, render
from community.models import Brick, Notification, NotificationKind, Post, Thread, ThreadFollow
from community.search import published_vector, vectors_kept
from community.selectors_engagement import unread_count_forget
from moderation import registry


def links_allowed(author) -> bool:
    age = timezone.now() - author.date_joined
    return age >= datetime.timedelta(days=settings.HARBOUR_LINKS_AFTER_DAYS)


def _reply_count_add(thread_id, change, **fields):
    # Every reply enters and leaves public view through publish and hide, so the count
    # follows by one, in one statement with the thread's other changes; never below 0.
    count = Greatest(F("public_reply_count") + change, 0)
    Thread.objects.filter(pk=thread_id).update(public_reply_count=count, **fields)


# What post.save(update_fields=...) with the post's published_vector sent, compiled once
# per kind of post: the ORM spent about a millisecond of every decision to publish
# building the search vector's expression and the UPDATE around it.
@functools.cache
def _published_update(is_opening: bool) -> CompiledUpdate:
    fields = PostHandler.PUBLISHED_FIELDS

    def build(pk, text, thread=None, **values):
        # Text, as a Value of the public text: no cast in the SQL.
        text = Value(text, output_field=TextField())
        vector = published_vector(is_opening=is_opening, thread_pk=thread, text=text)
        plain = {name: Value(values[name]) for name in fields}
        return Post.objects.filter(pk=pk), {**plain, "search_vector": vector}

    names = ("pk", "thread", "text") if is_opening else ("pk", "text")  # a reply's has no title
    return CompiledUpdate(build, *names, *fields)


def _published_save(post):
    values = {
        name: Post._meta.get_field(name).get_db_prep_save(getattr(post, name), connection)
        for name in PostHandler.PUBLISHED_FIELDS
    }
    update = _published_update(post.is_opening)
    changed = update.execute(pk=post.pk, thread=post.thread_id, text=post.public_text, **values)
    if changed != 1:  # as save(update_fields=...) would
        raise DatabaseError(f"publishing post {post.pk} changed {changed} rows")
    # The database made the vector: left unloaded, it is read afresh if asked for, and a
    # later save() of the whole post leaves it alone instead of writing the old one back.
    post.__dict__.pop("search_vector", None)


# An opening post's thread goes public with it: its title, as checked with the post.
_THREAD_PUBLISHED = CompiledUpdate(
    lambda pk: (
        Thread.objects.filter(pk=pk),
        {"public_title": F("title"), "is_public": Value(True)},
    ),
    "pk",
)


class PostHandler:
    publish_saves_item = True  # publish() saves the post's new state with its public words
    # What publishing changes, with the state and pending mark set just before it; only
    # these are written, so a decision does not send the whole post back to the database.
    PUBLISHED_FIELDS = (
        "state", "pending_since", "public_html", "public_text", "public_content_warning",
        "is_public", "published_at",
    )  # fmt: skip

    def kind(self, post):
        return "post" if post.is_opening else "reply"

    def text(self, post):
        return f"{post.thread.title}\n\n{post.body}" if post.is_opening else post.body

    def publish(self, post):
        first_time, was_public = post.published_at is None, post.is_public
        now = timezone.now()
        post.public_html = render(post.body, allow_links=links_allowed(post.author))
        post.public_text = plain_text(post.public_html)
        post.public_content_warning = post.content_warning
        post.is_public, post.published_at = True, post.published_at or now
        if vectors_kept():  # indexed in the same statement
            _published_save(post)
        else:  # SQLite keeps no vector
            post.save(update_fields=self.PUBLISHED_FIELDS)
        thread = post.thread
        if post.is_opening:
            _THREAD_PUBLISHED.execute(pk=thread.pk)
        else:
            _reply_count_add(thread.pk, 0 if was_public else 1, last_activity_at=now)
            if first_time:
                _notify_followers(post)

    def hide(self, post):
        was_public, post.is_public = post.is_public, False
        post.save(update_fields=["is_public"])
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(is_public=False)
        elif was_public:
            _reply_count_add(post.thread_id, -1)

    def after_decision(self, post, *, approved, message):
        unread_count_forget([post.author_id])
        Notification.objects.create(
            recipient=post.author,
            kind=NotificationKind.APPROVED if approved else NotificationKind.REMOVED,
            thread=post.thread,
            post=post,
            message=message,
        )

    def location(self, post):
        return post.thread.talkabout.title

    def url(self, post):
        return reverse("thread_detail", args=[post.thread_id]) + f"#post-{post.pk}"

    # Replies shown before a held reply in the guide console, besides the opening post.
    context_replies = 3

    def related(self):
        return ["thread__talkabout"]

    def context(self, post):
        # The opening post and the few public replies just before this one.
        earlier = Post.objects.filter(
            thread=post.thread_id, is_public=True, created_at__lt=post.created_at
        ).select_related("author")
        replies = earlier.filter(is_opening=False).order_by("-created_at")
        replies = list(replies[: self.context_replies])
        opening = [] if post.is_opening else list(earlier.filter(is_opening=True)[:1])
        return [
            {"who": shown.author.handle, "text": shown.public_text, "when": shown.created_at}
            for shown in opening + replies[::-1]
        ]

    def redact(self, post, text):
        text = text.replace("\r\n", "\n")
        body = text
        if post.is_opening:
            title, blank_line, body = text.partition("\n\n")
            title = title.strip()
            title_max = Thread._meta.get_field("title").max_length
            if not blank_line or not title or "\n" in title or len(title) > title_max:
                raise ValueError(
                    "Keep the title on the first line, then an empty line, then the post."
                )
            Thread.objects.filter(pk=post.thread_id).update(title=title)
            post.thread.title = title
        body_max = Post._meta.get_field("body").max_length
        if not body.strip() or len(body) > body_max:
            raise ValueError(f"The edited post needs between 1 and {body_max} characters.")
        post.body = body
        post.save(update_fields=["body"])


def _notify_followers(reply):
    followers = ThreadFollow.objects.filter(thread=reply.thread_id).exclude(user=reply.author_id)
    recipients = list(followers.values_list("user_id", flat=True))
    unread_count_forget(recipients)
    Notification.objects.bulk_create(
        Notification(
            recipient_id=user_id, kind=NotificationKind.REPLY, thread=reply.thread, post=reply
        )
        for user_id in recipients
    )


class BrickHandler:
    publish_saves_item = True

    def kind(self, brick):
        return "brick"

    def text(self, brick):
        return brick.body

    def publish(self, brick):
        brick.public_body, brick.public_colour = brick.body, brick.colour
        brick.is_public, brick.published_at = True, brick.published_at or timezone.now()
        brick.save()

    def hide(self, brick):
        brick.is_public = False
        brick.save(update_fields=["is_public"])

    def after_decision(self, brick, *, approved, message):
        unread_count_forget([brick.author_id])
        Notification.objects.create(
            recipient=brick.author,
            kind=NotificationKind.APPROVED if approved else NotificationKind.REMOVED,
            brick=brick,
            message=message,
        )

    def location(self, brick):
        return "The wall"

    def url(self, brick):
        return reverse("brick_wall") + f"#brick-{brick.pk}"

    def related(self):
        return []

    def context(self, brick):
        return []  # a Brick stands alone on the wall

    def redact(self, brick, text):
        body_max = Brick._meta.get_field("body").max_length
        if not text.strip() or len(text) > body_max:
            raise ValueError(f"The edited Brick needs between 1 and {body_max} characters.")
        brick.body = text.replace("\r\n", "\n")
        brick.save(update_fields=["body"])


def register():
    registry.register(Post, PostHandler())
    registry.register(Brick, BrickHandler())
