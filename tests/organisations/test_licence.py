"""The licence lifecycle: reminders before the end; after it a notice and a grace
period with nothing changed; after the grace period no posting, replying or chat,
while reading and export keep working and nothing anyone wrote is touched."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from chat.models import Room, RoomKind, RoomMember
from chat.services import MessageRefused, message_submit
from community.models import Post
from community.services.threads import PostingRefused, reply_create, thread_create
from organisations.licence import LicencePhase, licence_phase, licence_reminders_send
from organisations.tasks import licence_reminders_send as licence_reminders_task
from tests.conftest import _clinician

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def days(n):
    return datetime.timedelta(days=n)


def licence_ended(organisation, days_ago):
    organisation.licence_ends_on = TODAY() - days(days_ago)
    organisation.save()
    return organisation


@pytest.fixture
def thread(member, talkabout, settings):
    settings.HARBOUR_FAKE_RISK_DECISION = "publish"  # the stand-in check publishes all
    thread = thread_create(author=member, talkabout=talkabout, title="Hello", body="First words.")
    thread.refresh_from_db()  # published by the check since
    return thread


def test_phases_by_day(organisation, settings):
    settings.HARBOUR_LICENCE_GRACE_DAYS = 30
    assert licence_phase(organisation) == LicencePhase.ACTIVE  # no end date
    ends = organisation.licence_ends_on = TODAY()
    assert licence_phase(organisation, today=ends) == LicencePhase.ACTIVE
    assert licence_phase(organisation, today=ends + days(1)) == LicencePhase.GRACE
    assert licence_phase(organisation, today=ends + days(30)) == LicencePhase.GRACE
    assert licence_phase(organisation, today=ends + days(31)) == LicencePhase.CLOSED


def test_in_the_grace_period_members_see_a_notice_and_can_still_post(
    signed_in, member, organisation, thread, settings
):
    settings.HARBOUR_LICENCE_GRACE_DAYS = 30
    licence_ended(organisation, 3)
    page = signed_in(member).get(reverse("profile")).content.decode()
    assert "licence for Harbour ended on" in page
    reply = reply_create(author=member, thread=thread, body="Still here.")
    assert reply.pk


def test_after_the_grace_period_posting_replying_and_chat_are_refused_kindly(
    member, organisation, thread, talkabout, settings
):
    settings.HARBOUR_LICENCE_GRACE_DAYS = 30
    licence_ended(organisation, 31)
    with pytest.raises(PostingRefused, match="you can read, download your data"):
        reply_create(author=member, thread=thread, body="Can I still write?")
    with pytest.raises(PostingRefused, match="licence for Harbour has ended"):
        thread_create(author=member, talkabout=talkabout, title="New", body="Words.")
    room = Room.objects.create(kind=RoomKind.GROUP, title="Evening", capacity=10)
    RoomMember.objects.create(room=room, user=member)
    with pytest.raises(MessageRefused, match="licence"):
        message_submit(room_id=room.pk, sender=member, client_id="c1", text="Hello")
    assert list(Post.objects.filter(author=member).values_list("body", flat=True)) == [
        "First words."
    ]  # what they wrote is untouched


def test_after_the_grace_period_reading_and_export_keep_working(
    signed_in, member, organisation, thread, settings
):
    settings.HARBOUR_LICENCE_GRACE_DAYS = 30
    licence_ended(organisation, 31)
    client = signed_in(member)
    page = client.get(reverse("thread_detail", args=[thread.pk]))
    assert page.status_code == 200
    assert "First words." in page.content.decode()
    assert "posting, replying and chat are closed" in page.content.decode()
    assert client.get(reverse("selfcare:journal_export")).status_code == 200


def test_members_without_an_organisation_are_not_affected(other_member, organisation, thread):
    licence_ended(organisation, 400)
    assert reply_create(author=other_member, thread=thread, body="Hi there.").pk


def test_the_grace_period_is_a_setting(member, organisation, thread, settings):
    licence_ended(organisation, 10)
    settings.HARBOUR_LICENCE_GRACE_DAYS = 9
    with pytest.raises(PostingRefused):
        reply_create(author=member, thread=thread, body="Too late.")
    settings.HARBOUR_LICENCE_GRACE_DAYS = 10
    assert reply_create(author=member, thread=thread, body="Just in time.").pk


def test_admins_are_reminded_30_and_7_days_before_the_end_once_each(
    organisation, org_admin, member, settings
):
    settings.HARBOUR_LICENCE_REMINDER_DAYS = [30, 7]
    second_admin = _clinician("org_admin", "admin-ivy", "ivy@northbridge.example", organisation)
    organisation.licence_ends_on = TODAY() + days(30)
    organisation.save()
    assert licence_reminders_send(today=TODAY() - days(1)) == 0  # 31 days before
    assert licence_reminders_send() == 1
    assert licence_reminders_send() == 0  # the daily run again: not twice
    assert sorted(m.to[0] for m in mail.outbox) == sorted([org_admin.email, second_admin.email])
    assert member.email not in str([m.to for m in mail.outbox])
    assert "licence for Harbour ends on" in mail.outbox[0].body
    mail.outbox.clear()
    assert licence_reminders_send(today=TODAY() + days(22)) == 0  # 8 days before
    assert licence_reminders_task.apply().get() == 0  # the beat task, today: done already
    assert licence_reminders_send(today=TODAY() + days(23)) == 1  # 7 days before
    assert len(mail.outbox) == 2


def test_a_first_run_inside_the_last_week_sends_one_reminder(organisation, org_admin):
    organisation.name = "St Mary's & All Saints"
    organisation.licence_ends_on = TODAY() + days(5)
    organisation.save()
    assert licence_reminders_task.apply().get() == 1
    assert len(mail.outbox) == 1
    assert "in 5 days" in mail.outbox[0].body
    assert "St Mary's & All Saints's licence" in mail.outbox[0].body  # plain text, unescaped
