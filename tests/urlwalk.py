"""Walk the whole URLconf, so access and privacy tests cover every page as it is added."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chat.models_buddies import BuddyCheckIn, BuddyMatch
from community.models import Mute
from community.services.bricks import brick_create
from community.services.threads import thread_create
from privacy.models import DataExport
from selfcare.models import JournalEntry, SelfAssessment
from tests.factories import TalkaboutFactory, UserFactory

# Values for URL arguments, by name. A new argument name needs an entry here.
SAMPLE_ARGUMENTS = {
    "app_label": "accounts",
    "object_id": "1",
    "content_type_id": "1",
    "key": "not-a-real-key",
    "uidb36": "1",
    "pk": "1",
    "slug": "a-talkabout",
    "id": "1",
    "room_id": "1",
    "message_id": "1",
    "match_id": "1",
    "checkin_id": "1",
    "handle": "no-such-member",
    "kind": "phq9",
    "number": "1",
    "token": "not-a-real-token",
}


def walk(patterns=None, prefix="", namespace=None):
    """Yield (route, qualified name or None, URLPattern) for every pattern."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            space = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def named_patterns():
    return [(name, entry) for _, name, entry in walk() if name]


def url_for(name, entry, samples=None):
    samples = {**SAMPLE_ARGUMENTS, **(samples or {})}
    arguments = set(entry.pattern.regex.groupindex) - set(entry.default_args)
    missing = arguments - set(samples)
    assert not missing, f"add a sample value for {missing} (URL {name}) to SAMPLE_ARGUMENTS"
    return reverse(name, kwargs={arg: samples[arg] for arg in arguments})


# --- Objects that belong to someone ---------------------------------------------
#
# A view declared with `access(..., scope=Scope.OWNER)` shows an object one member
# owns; `Scope.ORGANISATION`, an object of one organisation. For each such URL name,
# a function here makes such an object for the test member (or their organisation)
# and returns the URL arguments that name it. The access test then checks that the
# owner gets the page and any other member, or another organisation's admin, gets 404.


def owned_journal_entry(member):
    return {"pk": JournalEntry.objects.create(member=member, body="Slept badly").pk}


def owned_self_assessment(member):
    result = SelfAssessment.objects.create(
        member=member, kind="phq9", answers=[0] * 9, score=0, band="Minimal"
    )
    return {"pk": result.pk}


def owned_post(member):
    thread = thread_create(author=member, talkabout=TalkaboutFactory(), title="Hi", body="Hello")
    return {"pk": thread.posts.get().pk}


def owned_brick(member):
    return {"pk": brick_create(author=member, body="One day at a time", colour="sea").pk}


def owned_mute(member):
    return {"pk": Mute.objects.create(muter=member, muted=UserFactory()).pk}


def owned_buddy_checkin(member):
    match = BuddyMatch.objects.create(first=member, second=UserFactory(), score=1, state="active")
    return {"checkin_id": BuddyCheckIn.objects.create(match=match, author=member).pk}


def owned_data_export(member):
    return {"pk": DataExport.objects.create(member=member).pk}


OWNED_SAMPLES = {
    "selfcare:journal_entry": owned_journal_entry,
    "selfcare:journal_delete": owned_journal_entry,
    "selfcare:assessment_result": owned_self_assessment,
    "selfcare:assessment_alert": owned_self_assessment,
    "post_edit": owned_post,
    "post_delete": owned_post,
    "brick_delete": owned_brick,
    "mute_remove": owned_mute,
    "buddy_checkin": owned_buddy_checkin,
    "privacy_export": owned_data_export,
}


def owned_url_for(name, entry, member):
    """The URL of an object that belongs to `member` (or their organisation)."""
    make = OWNED_SAMPLES.get(name)
    assert make, f"add a sample object for the scoped view {name} to OWNED_SAMPLES"
    return url_for(name, entry, make(member))
