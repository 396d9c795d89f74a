"""Seed the load test's database: a Talkabout of published threads, members and guides
signed in (session keys, so the load test never pays for password hashing), and group
chat rooms every member belongs to.

Run in a subprocess with the bench settings (`python -m benchmarks.loadtest.seed`);
prints one JSON line for the locustfile. Idempotent: a second run reuses what it made.
"""

import json
import time

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.cached_db import SessionStore  # noqa: E402

from accounts.models import User  # noqa: E402
from chat.models import Room, RoomKind, RoomMember  # noqa: E402
from community.models import Post, Talkabout, Thread  # noqa: E402
from community.services.talkabouts import welcome_done  # noqa: E402
from community.services.threads import reply_create, thread_create  # noqa: E402
from config.celery import app as celery_app  # noqa: E402
from moderation.classifier.assessment import Assessment, assess_rules_only  # noqa: E402

MEMBERS, GUIDES, THREADS, REPLIES, ROOMS = 40, 3, 20, 6, 4
BODY = (
    "Thank you for sharing this. What helped me was small things: a walk before work, "
    "telling one friend, and writing down one good thing each night."
)


class PublishAll:
    """The seed's own check: everything it writes is published, and fast."""

    def assess(self, texts):
        return [Assessment("publish", (), {}, (), None, "loadtest-seed") for _ in texts]

    def assess_rules_only(self, text):
        return assess_rules_only(text)


def _user(handle, role="member"):
    user, created = User.objects.get_or_create(
        email=f"{handle}@load.example", defaults={"handle": handle, "role": role}
    )
    if created and role == "member":
        welcome_done(user=user)
    return user


def _session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY], session[HASH_SESSION_KEY] = str(user.pk), user.get_session_auth_hash()
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    if user.role == "guide":  # a second factor passed in this session, as allauth records it
        now = time.time()
        session["account_authentication_methods_user"] = str(user.pk)
        session["account_authentication_methods"] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
    session.create()
    return session.session_key


def _threads(talkabout, members) -> list[Thread]:
    threads = list(Thread.objects.filter(talkabout=talkabout, is_public=True)[:THREADS])
    for n in range(len(threads), THREADS):
        thread = thread_create(
            author=members[n % len(members)], talkabout=talkabout,
            title=f"Getting through week {n}", body=BODY,
        )  # fmt: skip
        thread.refresh_from_db()  # published by the check, in this process
        for r in range(REPLIES):
            reply_create(author=members[(n + r + 1) % len(members)], thread=thread, body=BODY)
        threads.append(thread)
    return threads


def _rooms(members) -> list[int]:
    rooms = list(Room.objects.filter(title__startswith="Load test room"))
    for n in range(len(rooms), ROOMS):
        rooms.append(Room.objects.create(kind=RoomKind.GROUP, title=f"Load test room {n}",
                                         capacity=MEMBERS))  # fmt: skip
    for room in rooms:
        RoomMember.objects.bulk_create(
            [RoomMember(room=room, user=user) for user in members], ignore_conflicts=True
        )
    return [room.pk for room in rooms]


def main():
    settings.HARBOUR_RISK_DISPATCH = "immediate"
    settings.HARBOUR_RISK_BACKEND = "benchmarks.loadtest.seed.PublishAll"
    celery_app.conf.task_always_eager = True
    talkabout, _ = Talkabout.objects.get_or_create(
        slug="load-test", defaults={"title": "Load test", "description": "For measuring."}
    )
    members = [_user(f"load-member-{n}") for n in range(MEMBERS)]
    guides = [_user(f"load-guide-{n}", role="guide") for n in range(GUIDES)]
    threads = _threads(talkabout, members)
    public = Post.objects.filter(thread__in=threads, is_public=True)
    # Each post with its author's place in "members": nobody may hug their own post.
    place = {user.pk: n for n, user in enumerate(members)}
    posts = [[pk, place.get(author)] for pk, author in public.values_list("pk", "author_id")]
    print(json.dumps({
        "talkabout": {"slug": talkabout.slug, "id": talkabout.pk},
        "threads": [thread.pk for thread in threads],
        "posts": posts,
        "rooms": _rooms(members),
        "members": [_session(user) for user in members],
        "guides": [_session(user) for user in guides],
        "cookie": settings.SESSION_COOKIE_NAME,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
