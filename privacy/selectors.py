"""Reads for members' rights: everything Harbour holds about one member.

Each section collects one kind of data as plain JSON values. Nothing of another
member goes in: a buddy, a muted member or a thread someone else started appears
by a number or a link at most, never by their handle or words.
"""

from django.conf import settings
from django.urls import reverse

from accounts.models import Consent, SafetyDetails
from chat.models import BuddyCheckIn, BuddyMatch, BuddyProfile, ChatMessage
from community.models import Bookmark, Brick, Hug, Post
from moderation.models import Appeal, GuideMessage, Sanction
from privacy.models import LegalHold
from selfcare.models import ExerciseAnswer, JournalEntry, SafetyPlan, SelfAssessment


def _when(value):
    return value.isoformat() if value else None


def _thread_link(thread_id) -> str:
    return settings.HARBOUR_SITE_URL.rstrip("/") + reverse("thread_detail", args=[thread_id])


def profile_of(member) -> list[dict]:
    return [
        {
            "handle": member.handle,
            "email": member.email,
            "birth_year": member.birth_year,
            "country": str(member.country),
            "organisation": member.organisation.name if member.organisation else None,
            "joined": _when(member.date_joined),
        }
    ]


def safety_details_of(member) -> list[dict]:
    details = SafetyDetails.objects.filter(user=member).first()
    if details is None:
        return []
    names = ("real_name", "phone", "postcode", "date_of_birth")
    return [{name: getattr(details, name) for name in names}]


def consents_of(member) -> list[dict]:
    return [
        {
            "kind": consent.get_kind_display(),
            "version": consent.version,
            "given": _when(consent.given_at),
            "withdrawn": _when(consent.withdrawn_at),
        }
        for consent in Consent.objects.filter(user=member).order_by("given_at", "pk")
    ]


def posts_of(member) -> list[dict]:
    posts = Post.objects.filter(author=member).select_related("thread").order_by("created_at")
    return [
        {
            "kind": "thread" if post.is_opening else "reply",
            "thread": post.thread_id,
            "title": post.thread.title if post.is_opening else None,
            "text": post.body,
            "state": post.get_state_display(),
            "shown_to_others": post.is_public,
            "written": _when(post.created_at),
            "link": _thread_link(post.thread_id),
        }
        for post in posts
    ]


def bricks_of(member) -> list[dict]:
    return [
        {
            "text": brick.body,
            "colour": brick.colour,
            "state": brick.get_state_display(),
            "shown_to_others": brick.is_public,
            "written": _when(brick.created_at),
        }
        for brick in Brick.objects.filter(author=member).order_by("created_at")
    ]


def chat_messages_of(member) -> list[dict]:
    messages = ChatMessage.objects.filter(author=member).select_related("room")
    return [
        {
            "room": message.room.title if not message.room.is_buddy else "Buddy chat",
            "text": message.body,
            "state": message.get_state_display(),
            "sent": _when(message.created_at),
        }
        for message in messages.order_by("created_at", "pk")
    ]


def hugs_of(member) -> list[dict]:
    hugs = Hug.objects.filter(user=member).select_related("post").order_by("created_at")
    return [
        {
            "post": hug.post_id,
            "given": _when(hug.created_at),
            "link": _thread_link(hug.post.thread_id),
        }
        for hug in hugs
    ]


def bookmarks_of(member) -> list[dict]:
    return [
        {
            "thread": mark.thread_id,
            "saved": _when(mark.created_at),
            "link": _thread_link(mark.thread_id),
        }
        for mark in Bookmark.objects.filter(user=member).order_by("created_at")
    ]


def self_assessments_of(member) -> list[dict]:
    return [
        {
            "questionnaire": result.get_kind_display(),
            "answers": result.answers,
            "score": result.score,
            "band": result.band,
            "taken": _when(result.taken_at),
        }
        for result in SelfAssessment.objects.filter(member=member)
    ]


def journal_of(member) -> list[dict]:
    return [
        {"title": entry.title, "text": entry.body, "written": _when(entry.created_at)}
        for entry in JournalEntry.objects.filter(member=member).order_by("created_at", "pk")
    ]


def safety_plan_of(member) -> list[dict]:
    plan = SafetyPlan.objects.filter(member=member).first()
    if plan is None:
        return []
    return [{section["heading"]: section["text"] for section in plan.sections()}]


def course_answers_of(member) -> list[dict]:
    answers = ExerciseAnswer.objects.filter(member=member).select_related("module__course")
    return [
        {"course": answer.module.course.title, "module": answer.module.number, "text": answer.text}
        for answer in answers.order_by("module__course__order", "module__number")
    ]


def buddy_history_of(member) -> list[dict]:
    """The member's buddy profile and matches; the buddy is never named."""
    rows = []
    profile = BuddyProfile.objects.filter(user=member).first()
    if profile is not None:
        rows.append(
            {
                "record": "profile",
                "matching_on": profile.is_active,
                "support": profile.get_support_display(),
                "time_zone": profile.time_zone,
                "ages": f"{profile.age_min}-{profile.age_max}",
                "diagnosis": profile.get_diagnosis_display() if profile.diagnosis else "",
            }
        )
    matches = BuddyMatch.objects.filter(first=member) | BuddyMatch.objects.filter(second=member)
    for match in matches.order_by("proposed_at"):
        rows.append(
            {
                "record": "match",
                "state": match.get_state_display(),
                "proposed": _when(match.proposed_at),
                "started": _when(match.started_at),
                "ended": _when(match.ended_at),
            }
        )
    for checkin in BuddyCheckIn.objects.filter(author=member).order_by("asked_at"):
        rows.append(
            {"record": "check-in", "answer": checkin.answer, "answered": _when(checkin.answered_at)}
        )
    return rows


def guide_messages_of(member) -> list[dict]:
    return [
        {
            "from": "you" if message.from_member else "Wall Guides",
            "text": message.body,
            "sent": _when(message.created_at),
        }
        for message in GuideMessage.objects.filter(member=member)
    ]


def standing_of(member) -> list[dict]:
    rows = [
        {
            "record": sanction.get_kind_display(),
            "reason": sanction.reason,
            "from": _when(sanction.starts_at),
        }
        for sanction in Sanction.objects.filter(member=member)
    ]
    rows += [
        {"record": "appeal", "text": appeal.text, "state": appeal.get_state_display()}
        for appeal in Appeal.objects.filter(member=member)
    ]
    return rows


# (key, heading in the readable page, collector), in the order of the page.
SECTIONS = [
    ("profile", "Your profile", profile_of),
    ("safety_details", "Safety details you gave at sign-up", safety_details_of),
    ("consents", "What you agreed to", consents_of),
    ("posts", "Threads and replies", posts_of),
    ("bricks", "Bricks", bricks_of),
    ("chat_messages", "Chat messages", chat_messages_of),
    ("hugs_given", "Hugs you gave", hugs_of),
    ("bookmarks", "Bookmarks", bookmarks_of),
    ("self_assessments", "Self-assessment results", self_assessments_of),
    ("journal", "Journal", journal_of),
    ("safety_plan", "Safety plan", safety_plan_of),
    ("course_answers", "Course exercise answers", course_answers_of),
    ("buddy_history", "Buddy matching", buddy_history_of),
    ("guide_messages", "Messages with the Wall Guides", guide_messages_of),
    ("standing", "Warnings, pauses and appeals", standing_of),
]


def legal_hold_active(member) -> LegalHold | None:
    """The hold that keeps this member's account from being erased now, if any."""
    return LegalHold.objects.filter(member=member, lifted_at__isnull=True).first()
