"""The forum: Talkabouts, threads, posts, Bricks, and what members do around them."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from moderation.models import Moderated

User = settings.AUTH_USER_MODEL

TITLE_MAX = 150
BODY_MAX = 10_000
BRICK_MAX = 500


class ContentWarning(models.TextChoices):
    SELF_HARM = "self_harm", "Self-harm"
    SUICIDE = "suicide", "Suicide"
    EATING = "eating", "Eating and body image"
    LOSS = "loss", "Loss and grief"
    ABUSE = "abuse", "Abuse"
    SUBSTANCES = "substances", "Alcohol and drugs"


class Talkabout(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=300)
    house_rules_note = models.TextField(blank=True)
    default_content_warning = models.CharField(
        max_length=20, choices=ContentWarning.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_archived = models.BooleanField(default=False)
    members = models.ManyToManyField(
        User, through="TalkaboutMembership", related_name="talkabouts", blank=True
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class TalkaboutMembership(models.Model):
    talkabout = models.ForeignKey(Talkabout, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["talkabout", "user"], name="one_membership"),
        ]


class Thread(models.Model):
    """A conversation. Its title is moderated together with its opening post."""

    talkabout = models.ForeignKey(Talkabout, on_delete=models.PROTECT, related_name="threads")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_MAX)  # the newest, maybe not yet checked
    public_title = models.CharField(max_length=TITLE_MAX, blank=True)
    is_public = models.BooleanField(default=False)
    public_reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["talkabout", "is_public", "-last_activity_at"])]

    def __str__(self):
        return self.public_title or f"Thread {self.pk}"


class Post(Moderated):
    """The opening post of a thread, or a reply in it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    is_opening = models.BooleanField(default=False)
    body = models.TextField(max_length=BODY_MAX)  # Markdown source of the newest revision
    content_warning = models.CharField(max_length=20, choices=ContentWarning.choices, blank=True)
    public_html = models.TextField(blank=True)  # rendered, sanitised last approved revision
    public_content_warning = models.CharField(
        max_length=20, choices=ContentWarning.choices, blank=True
    )
    public_text = models.TextField(blank=True)  # plain words of the public revision, for search
    # PostgreSQL only: public title and public_text as weighted words, kept by
    # community.search on publishing. Its GIN index lives in migration 0002 alone
    # (not in Meta), since SQLite cannot build one when it rebuilds this table.
    search_vector = SearchVectorField(null=True, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    hug_count = models.PositiveIntegerField(default=0)
    # The author's page's own id for this submission: a form sent twice (a double
    # click, a retry after a lost connection) finds this post instead of making another.
    client_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["thread", "is_public", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"],
                condition=~models.Q(client_id=""),
                name="one_post_per_client_id",
            )
        ]

    def __str__(self):
        return f"Post {self.pk}"


class BrickColour(models.TextChoices):
    SAND = "sand", "Sand"
    SEA = "sea", "Sea"
    MOSS = "moss", "Moss"
    SUNRISE = "sunrise", "Sunrise"
    LAVENDER = "lavender", "Lavender"
    STONE = "stone", "Stone"


class Brick(Moderated):
    """A short creative text on the shared wall."""

    body = models.TextField(max_length=BRICK_MAX)
    colour = models.CharField(max_length=10, choices=BrickColour.choices, default="sand")
    public_body = models.TextField(blank=True)
    public_colour = models.CharField(max_length=10, choices=BrickColour.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["is_public", "-published_at"])]

    def __str__(self):
        return f"Brick {self.pk}"


class Hug(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="hugs")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_hug")]
        indexes = [models.Index(fields=["user", "created_at"])]


class Bookmark(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_bookmark")]


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_follow")]


class NotificationKind(models.TextChoices):
    REPLY = "reply", "New reply in a thread you follow"
    HUG = "hug", "Someone sent a hug"
    APPROVED = "approved", "A Wall Guide published your post"
    REMOVED = "removed", "A Wall Guide removed your post"


class Notification(models.Model):
    """In-app only: no notification ever leaves Harbour carrying content."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    brick = models.ForeignKey(Brick, null=True, blank=True, on_delete=models.CASCADE)
    message = models.TextField(blank=True)  # a guide's words to the author
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]


class Mute(models.Model):
    """The muter no longer sees the muted member's posts open; the muted member is not told."""

    muter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["muter", "muted"], name="one_mute")]


class MemberPreferences(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="preferences")
    # Warnings whose posts stay collapsed until opened; every warning by default.
    collapsed_warnings = models.JSONField(default=list, blank=True)
    welcomed_at = models.DateTimeField(null=True, blank=True)


class ThreadVersion(models.Model):
    """How often anything shown on a thread's pages has changed: part of the key of its
    cached pages (community.thread_pages).

    Written only by database triggers on posts and on handles (community.versioning),
    never by Django, so no write path (a service, the pipeline, the admin, an
    `update()`) can change a post without moving its thread to a new version. No
    foreign key: a thread being deleted may still bump its row on the way out.
    """

    thread_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Thread {self.thread_id} v{self.version}"
