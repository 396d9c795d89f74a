"""Seed the bench database with a thread of 50 published replies and a signed-in reader.

Run in a subprocess with the bench settings (`python -m benchmarks.seed_forum`); prints
one JSON line: the thread's id, a Talkabout slug and the reader's session cookie.
Idempotent: a second run reuses what the first made.
"""

import json

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from community.models import Talkabout, Thread  # noqa: E402
from community.services.talkabouts import welcome_done  # noqa: E402
from community.services.threads import reply_create, thread_create  # noqa: E402
from config.celery import app as celery_app  # noqa: E402
from moderation.services import case_approve, case_open_for  # noqa: E402

REPLIES = 50
PARAGRAPH = (
    "Thank you for sharing this. I had a week like that in the spring and what helped was "
    "*small* things: a walk before work, telling one friend, and writing down **one** good "
    "thing each night.\n\n- it won't fix everything\n- but it helped me\n\n> you're not alone"
)


def _user(handle, role="member"):
    user, created = User.objects.get_or_create(
        email=f"{handle}@bench.example", defaults={"handle": handle, "role": role}
    )
    if created and role == "member":
        welcome_done(user=user)
    return user


def _publish(item, reviewer):
    # The check ran in-process (see main); whatever it held, a guide approves.
    item.refresh_from_db()
    if not item.is_public:
        case_approve(case=case_open_for(item), guide=reviewer)


def _thread(talkabout, reviewer):
    thread = Thread.objects.filter(talkabout=talkabout, is_public=True).first()
    if thread is None:
        thread = thread_create(
            author=_user("bench-author"),
            talkabout=talkabout,
            title="A week of small steps",
            body=PARAGRAPH,
        )
        _publish(thread.posts.get(), reviewer)
        thread.refresh_from_db()
    for n in range(thread.public_reply_count, REPLIES):
        replier = _user(f"bench-replier-{n}")
        _publish(reply_create(author=replier, thread=thread, body=PARAGRAPH), reviewer)
    return thread


def main():
    # Seeding runs the real check at once, in this process, as the embedded default does.
    settings.HARBOUR_RISK_DISPATCH = "immediate"
    celery_app.conf.task_always_eager = True
    talkabout, _ = Talkabout.objects.get_or_create(
        slug="bench-talkabout", defaults={"title": "Bench", "description": "For measuring."}
    )
    for n in range(8):
        Talkabout.objects.get_or_create(
            slug=f"bench-extra-{n}", defaults={"title": f"Extra {n}", "description": "More."}
        )
    reviewer = _user("bench-staff", role="staff")
    thread = _thread(talkabout, reviewer)
    client = Client()
    client.force_login(_user("bench-reader"))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    print(json.dumps({"thread": thread.pk, "talkabout": talkabout.slug, "cookie": cookie}))


if __name__ == "__main__":
    main()
