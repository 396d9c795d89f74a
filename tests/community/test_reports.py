"""Reporting a post, reply or Brick to the Wall Guides, as a member does it.

alice-wren (`member`) started the thread; bob-heron (`other_member`) replied;
carol, dan and erin are members who read and report.
"""

import contextlib
import html
import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.permissions import access_rule_for
from accounts.roles import Role
from community.forms import REASON_HELP
from community.services.bricks import brick_create
from community.services.threads import post_edit, reply_create
from moderation.models import CasePriority, Report, ReportReason
from moderation.services import case_approve, case_open_for
from moderation.states import ModerationState
from tests.auth import sign_in
from tests.community.pages import logged_in, page_text
from tests.factories import UserFactory
from tests.urlwalk import url_for, walk

pytestmark = pytest.mark.django_db

SOLACE = "Sending strength."  # bob's reply, as published_reply writes it


@pytest.fixture
def carol(db):
    return UserFactory(handle="carol-finch", email="carol@example.com")


@pytest.fixture
def dan(db):
    return UserFactory(handle="dan-lark", email="dan@example.com")


@pytest.fixture
def erin(db):
    return UserFactory(handle="erin-tern", email="erin@example.com")


def _report_url(post):
    return reverse("report_post", args=[post.pk])


def _thread_url(thread):
    return reverse("thread_detail", args=[thread.pk])


def _report(user, post, reason=ReportReason.HARASSMENT, text=""):
    return logged_in(user).post(_report_url(post), {"reason": reason, "text": text})


# --- The report page -------------------------------------------------------


def test_the_report_page_offers_every_reason_with_a_kind_explanation(member, published_reply):
    page = page_text(logged_in(member), _report_url(published_reply))

    assert page.count('type="radio"') == len(ReportReason.choices)
    for reason in ReportReason:
        assert reason.label in page
        assert REASON_HELP[reason] in page
    assert 'maxlength="500"' in page
    assert "The author is never told who reported them" in page
    assert SOLACE in page  # what is being reported, so the member can be sure


def test_reporting_a_reply_thanks_the_member_and_says_a_wall_guide_will_look(
    member, published_reply
):
    client = logged_in(member)
    response = client.post(_report_url(published_reply), {"reason": ReportReason.SPAM})

    assert response.status_code == 302
    thread_url = _thread_url(published_reply.thread)
    assert response["Location"] == f"{thread_url}#post-{published_reply.pk}"
    assert "A Wall Guide will look at it" in page_text(client, response["Location"])
    report = Report.objects.get()
    assert (report.reporter, report.reason) == (member, ReportReason.SPAM)


def test_a_risk_report_opens_an_urgent_case_and_the_reply_stays_visible_to_others(
    member, published_reply, carol
):
    client = logged_in(member)
    response = client.post(
        _report_url(published_reply),
        {"reason": ReportReason.RISK_TO_AUTHOR, "text": "They sound very low."},
    )

    thanks = page_text(client, response["Location"])
    assert "Thank you for looking out for them" in thanks
    assert "reply with a few kind words" in thanks
    assert f'href="{reverse("crisis_help")}"' in thanks
    assert case_open_for(published_reply).priority == CasePriority.URGENT
    published_reply.refresh_from_db()
    assert published_reply.state == ModerationState.PUBLISHED
    assert SOLACE in page_text(logged_in(carol), _thread_url(published_reply.thread))


def test_another_reason_opens_a_normal_case_and_the_reply_stays_visible(
    member, published_reply, carol, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    _report(member, published_reply, ReportReason.PERSONAL_INFO)

    assert case_open_for(published_reply).priority == CasePriority.NORMAL
    assert SOLACE in page_text(logged_in(carol), _thread_url(published_reply.thread))


def test_something_else_needs_a_few_words_and_the_choice_is_kept(member, published_reply):
    response = _report(member, published_reply, ReportReason.OTHER, text="   ")

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Please tell us a little about what's wrong" in page
    assert re.search(r'value="other"[^>]*checked', page)
    assert not Report.objects.exists()


def test_words_over_500_characters_are_refused_and_kept(member, published_reply):
    words = "worried " * 70  # 560 characters
    response = _report(member, published_reply, ReportReason.OTHER, text=words)

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "up to 500 characters" in page
    assert words.strip() in page
    assert not Report.objects.exists()


def test_choosing_no_reason_is_refused_in_plain_words(member, published_reply):
    response = logged_in(member).post(_report_url(published_reply), {"text": "Hmm."})

    assert response.status_code == 400
    assert "Please choose what worries you about it." in html.unescape(response.content.decode())


def test_reporting_twice_is_refused_and_keeps_what_was_typed(member, published_reply):
    _report(member, published_reply, ReportReason.HARASSMENT)
    response = _report(member, published_reply, ReportReason.OTHER, text="Still worried.")

    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "You've already reported this." in page
    assert "Still worried." in page
    assert Report.objects.count() == 1


def test_a_second_visit_to_the_report_page_says_it_is_already_reported(member, published_reply):
    _report(member, published_reply)
    page = page_text(logged_in(member), _report_url(published_reply))

    assert "You've already reported this." in page
    assert 'type="radio"' not in page


def test_a_member_cannot_report_their_own_reply(other_member, published_reply):
    client = logged_in(other_member)
    page = page_text(client, _report_url(published_reply))
    assert "You can't report your own post." in page
    assert 'type="radio"' not in page

    response = _report(other_member, published_reply, ReportReason.SPAM, text="Mine.")
    assert response.status_code == 409
    assert not Report.objects.exists()


def test_a_reply_nobody_else_can_see_yet_is_not_found(member, published_thread, other_member):
    held = reply_create(author=other_member, thread=published_thread, body="Not checked yet.")

    client = logged_in(member)
    assert client.get(_report_url(held)).status_code == 404
    assert client.post(_report_url(held), {"reason": ReportReason.SPAM}).status_code == 404
    assert not Report.objects.exists()


def test_a_reply_in_a_thread_taken_out_of_view_is_not_found(
    published_reply, carol, dan, erin, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    opening = published_reply.thread.posts.get(is_opening=True)
    _report(carol, opening)
    _report(dan, opening)

    assert logged_in(erin).get(_report_url(published_reply)).status_code == 404


def test_only_members_can_report(guide, published_reply, client_for):
    client = client_for(guide)
    assert client.get(_report_url(published_reply)).status_code == 404
    assert client.post(_report_url(published_reply), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_thread_page_offers_report_on_other_members_posts_only(
    member, published_reply, guide, client_for
):
    opening = published_reply.thread.posts.get(is_opening=True)
    page = page_text(logged_in(member), _thread_url(published_reply.thread))
    assert _report_url(published_reply) in page
    assert _report_url(opening) not in page  # alice's own

    guide_page = page_text(client_for(guide), _thread_url(published_reply.thread))
    assert "/reports/" not in guide_page


# --- Bricks ---------------------------------------------------------------


@pytest.fixture
def bob_brick(other_member, approve):
    return approve(brick_create(author=other_member, body="Small waves.", colour="sea"))


def test_a_brick_can_be_reported_from_the_wall(member, bob_brick, approve):
    own = approve(brick_create(author=member, body="My own words.", colour="sand"))
    client = logged_in(member)
    wall = page_text(client, reverse("brick_wall"))
    assert reverse("report_brick", args=[bob_brick.pk]) in wall
    assert reverse("report_brick", args=[own.pk]) not in wall

    response = client.post(
        reverse("report_brick", args=[bob_brick.pk]), {"reason": ReportReason.RISK_TO_AUTHOR}
    )
    assert response["Location"] == reverse("brick_wall") + f"#brick-{bob_brick.pk}"
    thanks = page_text(client, response["Location"])
    assert "A Wall Guide will look at it soon" in thanks
    assert "reply with a few kind words" not in thanks  # Bricks take no replies
    assert case_open_for(bob_brick).priority == CasePriority.URGENT


def test_enough_reports_take_a_brick_off_the_wall_for_others_only(
    bob_brick, other_member, carol, dan, erin, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    for reporter in (carol, dan):
        logged_in(reporter).post(
            reverse("report_brick", args=[bob_brick.pk]), {"reason": ReportReason.SPAM}
        )

    assert "Small waves." not in page_text(logged_in(erin), reverse("brick_wall"))
    own = page_text(logged_in(other_member), reverse("brick_wall"))
    assert "Small waves." in own
    assert "A Wall Guide is looking at this" in own


# --- The threshold --------------------------------------------------------


def test_enough_reports_take_a_reply_out_of_view_while_its_author_still_sees_it_kindly(
    member, other_member, published_reply, carol, dan, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    thread = published_reply.thread
    _report(carol, published_reply)
    assert SOLACE in page_text(logged_in(member), _thread_url(thread))  # one report: still up
    _report(dan, published_reply)

    assert SOLACE not in page_text(logged_in(member), _thread_url(thread))
    thread.refresh_from_db()
    assert thread.public_reply_count == 0
    listing = page_text(
        logged_in(member), reverse("talkabout_detail", args=[thread.talkabout.slug])
    )
    assert "0 replies" in listing

    own = page_text(logged_in(other_member), _thread_url(thread))
    assert SOLACE in own
    assert "A Wall Guide is looking at this" in own
    assert "isn't a sign you've done anything wrong" in own
    assert "With a Wall Guide" in page_text(logged_in(other_member), reverse("my_posts"))


def test_enough_reports_take_a_thread_out_of_view_and_out_of_the_counts(
    member, other_member, published_thread, carol, dan, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    opening = published_thread.posts.get(is_opening=True)
    talkabout = published_thread.talkabout
    bob = logged_in(other_member)
    assert "1 thread" in page_text(bob, reverse("talkabout_list"))

    _report(carol, opening)
    response = _report(dan, opening)

    # The thread is gone for dan too, so he is sent back to its Talkabout.
    assert response["Location"] == reverse("talkabout_detail", args=[talkabout.slug])
    assert bob.get(_thread_url(published_thread)).status_code == 404
    assert "0 threads" in page_text(bob, reverse("talkabout_list"))
    assert "Rough week" not in page_text(bob, reverse("talkabout_detail", args=[talkabout.slug]))

    own = page_text(logged_in(member), _thread_url(published_thread))
    assert "It has been a" in own
    assert "A Wall Guide is looking at this" in own


def test_two_reports_do_not_hide_anything_when_three_are_needed(
    member, published_reply, carol, dan, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 3
    _report(carol, published_reply)
    _report(dan, published_reply)

    assert SOLACE in page_text(logged_in(member), _thread_url(published_reply.thread))


def test_a_reply_with_an_edit_awaiting_review_is_reportable_and_reports_hide_its_public_words(
    member, other_member, published_reply, carol, dan, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    post_edit(post=published_reply, author=other_member, body="Thinking of you all.")
    published_reply.refresh_from_db()
    assert published_reply.is_public
    assert published_reply.state in (ModerationState.PENDING, ModerationState.HELD)
    thread_url = _thread_url(published_reply.thread)
    assert SOLACE in page_text(logged_in(member), thread_url)

    assert "Report this reply" in page_text(logged_in(carol), _report_url(published_reply))
    _report(carol, published_reply)
    _report(dan, published_reply)

    page = page_text(logged_in(member), thread_url)
    assert SOLACE not in page and "Thinking of you all." not in page
    own = page_text(logged_in(other_member), thread_url)
    assert "Thinking of you all." in own


# --- Anonymity ------------------------------------------------------------

SECRET_WORDS = "carol-wrote-these-words-for-the-guides"


def _pages_the_author_can_open(samples):
    """Every page a member may GET, filled in with each sample's arguments."""
    urls = set()
    for _, name, entry in walk():
        rule = access_rule_for(entry.callback)
        if not name or rule is None or rule.roles is None or Role.MEMBER not in rule.roles:
            continue
        for sample in samples:
            urls.add(url_for(name, entry, sample))
    return sorted(urls)


def test_the_reporter_is_never_shown_to_the_author(
    other_member, published_reply, bob_brick, carol, dan, reviewer, settings
):
    settings.HARBOUR_REPORTS_TO_HOLD = 2
    _report(carol, published_reply, ReportReason.RISK_TO_AUTHOR, text=SECRET_WORDS)
    _report(dan, published_reply, ReportReason.HARASSMENT, text=SECRET_WORDS)
    logged_in(carol).post(
        reverse("report_brick", args=[bob_brick.pk]),
        {"reason": ReportReason.OTHER, "text": SECRET_WORDS},
    )
    # A guide looks and publishes the reply again: the author is told, not by whom.
    case_approve(case=case_open_for(published_reply), guide=reviewer, message="All fine.")

    bob = Client()
    sign_in(bob, other_member)
    thread = published_reply.thread
    samples = [
        {"pk": str(pk), "slug": thread.talkabout.slug}
        for pk in (thread.pk, published_reply.pk, bob_brick.pk)
    ]
    pages = [_thread_url(thread), reverse("my_posts"), reverse("brick_wall")]
    with contextlib.suppress(NoReverseMatch):  # notifications come with another feature
        pages.append(reverse("notifications"))
    seen = 0
    for url in pages + _pages_the_author_can_open(samples):
        response = bob.get(url)
        if response.status_code != 200:
            continue
        seen += 1
        content = response.content.decode()
        for secret in ("carol-finch", "dan-lark", SECRET_WORDS):
            assert secret not in content, f"{secret} shown on {url}"
    assert seen >= len(pages)


def test_the_report_itself_keeps_who_reported_for_the_guides(member, published_reply):
    _report(member, published_reply, ReportReason.OTHER, text="  Please look.  ")

    report = Report.objects.get()
    assert report.reporter == member
    assert report.text == "Please look."
    assert report.case.author == published_reply.author
