"""Member feedback: the survey, when it is offered, and the staff's de-identified export."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from selfcare.models import FeedbackResponse
from selfcare.services.feedback import feedback_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_answers_the_survey(client_for, member):
    response = client_for(member).post(
        reverse("selfcare:feedback"),
        {"like": "The Talkabouts.", "dislike": "", "change": "More courses.", "supported": "4"},
    )
    assert response.status_code == 302
    answer = FeedbackResponse.objects.get()
    assert (answer.like, answer.change, answer.supported, answer.community) == (
        "The Talkabouts.", "More courses.", 4, None,
    )  # fmt: skip
    assert answer.organisation_kind == "university"


def test_an_empty_survey_or_a_made_up_rating_is_refused_and_words_kept(client_for, member):
    client = client_for(member)
    empty = client.post(reverse("selfcare:feedback"), {})
    assert empty.status_code == 400 and b"Please answer at least one question" in empty.content
    bad = client.post(reverse("selfcare:feedback"), {"like": "Kind people.", "supported": "9"})
    assert bad.status_code == 400
    assert b"Please choose a number from 1 to 5." in bad.content and b"Kind people." in bad.content
    assert not FeedbackResponse.objects.exists()


def test_every_page_footer_links_members_to_self_care_and_the_survey(client_for, member):
    page = client_for(member).get(reverse("profile")).content.decode()
    assert f'href="{reverse("selfcare:feedback")}"' in page
    assert f'href="{reverse("selfcare:home")}"' in page


def test_the_survey_is_offered_after_30_days_until_answered_or_declined(signed_in):
    old = UserFactory(date_joined=timezone.now() - timedelta(days=31))
    new = UserFactory(date_joined=timezone.now() - timedelta(days=29))
    assert b"How is Harbour for you?" not in signed_in(new).get(reverse("profile")).content
    client = signed_in(old)
    assert b"How is Harbour for you?" in client.get(reverse("profile")).content
    client.post(reverse("selfcare:feedback_not_now"), {"next": "/"})
    assert b"How is Harbour for you?" not in client.get(reverse("profile")).content
    feedback_submit(member=old, like="ok", dislike="", change="", supported=None, community=3)
    assert b"How is Harbour for you?" not in signed_in(old).get(reverse("profile")).content


@override_settings(HARBOUR_SELFCARE_FEEDBACK_AFTER_DAYS=0)
def test_not_now_never_sends_the_member_off_site(client_for, member):
    response = client_for(member).post(
        reverse("selfcare:feedback_not_now"), {"next": "//evil.example/"}
    )
    assert response["Location"] == "/"


def export_rows(client):
    response = client.get(reverse("selfcare:feedback_export"))
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_export_is_one_row_per_answer_and_de_identified(signed_in, member, staff):
    feedback_submit(
        member=member,
        like="Talking to others. Text me on 07700 900123 or jo.bloggs@example.com",
        dislike="",
        change="Dark mode.",
        supported=5,
        community=None,
    )
    rows = export_rows(signed_in(staff))
    assert list(rows[0]) == ["response", "question", "organisation_kind", "month", "answer"]
    assert [row["question"] for row in rows] == [
        "What do you like about Harbour?",
        "What would you change?",
        "How supported do you feel on Harbour? (1 to 5)",
    ]
    month = f"{timezone.now():%Y-%m}"
    assert {(row["response"], row["organisation_kind"], row["month"]) for row in rows} == {
        ("1", "University or college", month)
    }
    text = " ".join(row["answer"] for row in rows)
    assert "07700" not in text and "jo.bloggs" not in text
    assert "Talking to others." in text and "[contact details removed]" in text
    everything = str(rows)
    for identifying in (member.handle, member.email, "Northbridge", str(member.pk)):
        assert identifying not in everything


def test_only_staff_can_export(signed_in, member, guide, org_admin):
    for person in (member, guide, org_admin):
        assert signed_in(person).get(reverse("selfcare:feedback_export")).status_code == 404
