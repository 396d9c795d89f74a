"""Taking a self-assessment: results, bad input, privacy, crisis help and the consented case."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import ConsentKind
from accounts.services import consents_record
from moderation.models import CasePriority, CaseState, GuideLabel, ReviewCase
from moderation.services import case_approve
from moderation.states import ModerationState
from selfcare.models import SelfAssessment, SelfAssessmentAlert
from selfcare.services.assessments import (
    AlertRefused,
    self_assessment_alert_open,
    self_assessment_take,
)

pytestmark = pytest.mark.django_db


def phq9_post(answers):
    return {f"q{n}": str(value) for n, value in enumerate(answers, start=1)}


def take_url(kind="phq9"):
    return reverse("selfcare:assessment_take", args=[kind])


def test_a_member_takes_a_phq9_and_sees_their_score_and_band(client_for, member):
    response = client_for(member).post(take_url(), phq9_post([2, 2, 2, 2, 1, 1, 0, 0, 0]))
    result = SelfAssessment.objects.get(member=member)
    assert response["Location"] == reverse("selfcare:assessment_result", args=[result.pk])
    page = client_for(member).get(response["Location"]).content.decode()
    assert "<strong>10</strong> out of 27" in page and "moderate" in page
    assert "have to face this alone" not in page


def test_a_gad7_is_scored_too(client_for, member):
    client_for(member).post(take_url("gad7"), phq9_post([3, 3, 3, 2, 2, 1, 1]))
    result = SelfAssessment.objects.get(member=member)
    assert (result.kind, result.score, result.band) == ("gad7", 15, "Severe")


def test_an_incomplete_form_names_the_missing_question_and_keeps_the_answers(client_for, member):
    answers = phq9_post([1, 2, 3, 0, 1, 2, 3, 0, 0])
    del answers["q4"]
    response = client_for(member).post(take_url(), answers)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please choose an answer for question 4." in page
    assert 'name="q3" value="3" id="id_q3_3" required checked' in page
    assert SelfAssessment.objects.count() == 0


def test_an_answer_off_the_scale_is_refused_plainly(client_for, member):
    response = client_for(member).post(take_url(), phq9_post([0, 0, 0, 0, 0, 0, 0, 0, 7]))
    assert response.status_code == 400
    assert b"Please choose one of the four answers for question 9." in response.content
    assert SelfAssessment.objects.count() == 0


def test_an_unknown_questionnaire_is_not_found(client_for, member):
    assert client_for(member).get(take_url("bdi")).status_code == 404


def test_another_member_cannot_see_a_result(signed_in, member, other_member):
    result = self_assessment_take(member=member, kind="phq9", answers=[1] * 9)
    url = reverse("selfcare:assessment_result", args=[result.pk])
    assert signed_in(other_member).get(url).status_code == 404
    assert signed_in(member).get(url).status_code == 200


def test_the_history_lists_only_the_members_own_results_in_a_chart_and_table(
    signed_in, member, other_member
):
    for answers in ([2] * 9, [1] * 9, [0] * 9):
        self_assessment_take(member=member, kind="phq9", answers=answers)
    self_assessment_take(member=other_member, kind="phq9", answers=[3] * 8 + [0])
    page = signed_in(member).get(reverse("selfcare:assessment_list")).content.decode()
    assert page.count("<svg") == 1  # PHQ-9 has a trend; GAD-7 has no results yet
    assert 'role="img"' in page and "<desc" in page
    assert "18 of 27" in page and "9 of 27" in page and "0 of 27" in page
    assert "24 of 27" not in page


def test_item9_above_not_at_all_shows_crisis_help_at_once(client_for, member):
    client = client_for(member)
    response = client.post(take_url(), phq9_post([0] * 8 + [1]), follow=True)
    page = response.content.decode()
    assert "have to face this alone" in page
    assert "Samaritans" in page and "Call 999" in page  # the member is in GB
    assert "Ask a Wall Guide to contact me" in page
    assert not ReviewCase.objects.exists()  # nothing happens without consent


def test_consent_opens_one_urgent_case_for_a_guide(client_for, member):
    client = client_for(member)
    client.post(take_url(), phq9_post([1, 1, 1, 1, 1, 1, 1, 1, 2]))
    result = SelfAssessment.objects.get(member=member)
    url = reverse("selfcare:assessment_alert", args=[result.pk])
    response = client.post(url, {"consent": "on", "note": "Evenings are the worst."})
    assert response.status_code == 302
    client.post(url, {"consent": "on"})  # a second press changes nothing
    alert = SelfAssessmentAlert.objects.get()
    case = ReviewCase.objects.get()
    assert case.content_type == ContentType.objects.get_for_model(SelfAssessmentAlert)
    assert (case.object_id, case.author, case.state) == (alert.pk, member, CaseState.OPEN)
    assert case.priority == CasePriority.URGENT and case.labels == ["suicidal_ideation"]
    assert alert.state == ModerationState.ESCALATED and not alert.is_public
    page = client.get(reverse("selfcare:assessment_result", args=[result.pk])).content.decode()
    assert "You asked a Wall Guide to contact you" in page


def test_without_the_consent_box_no_case_opens_and_the_note_is_kept(client_for, member):
    client = client_for(member)
    client.post(take_url(), phq9_post([0] * 8 + [3]))
    result = SelfAssessment.objects.get(member=member)
    url = reverse("selfcare:assessment_alert", args=[result.pk])
    response = client.post(url, {"note": "I am not sure yet."})
    assert response.status_code == 400
    assert b"Tick the box if you would like a Wall Guide to contact you." in response.content
    assert b"I am not sure yet." in response.content
    assert not ReviewCase.objects.exists()


def test_no_alert_for_someone_elses_or_a_calm_assessment(member, other_member):
    worrying = self_assessment_take(member=member, kind="phq9", answers=[0] * 8 + [1])
    calm = self_assessment_take(member=member, kind="phq9", answers=[3] * 8 + [0])
    with pytest.raises(AlertRefused):
        self_assessment_alert_open(member=other_member, assessment=worrying)
    with pytest.raises(AlertRefused):
        self_assessment_alert_open(member=member, assessment=calm)
    assert not ReviewCase.objects.exists()


def test_the_guide_sees_the_alert_in_the_case_list_and_case(signed_in, member, guide):
    result = self_assessment_take(member=member, kind="phq9", answers=[0] * 8 + [1])
    self_assessment_alert_open(member=member, assessment=result, note="Please call.")
    client = signed_in(guide)
    listing = client.get(reverse("case_list")).content.decode()
    assert "Self-assessment in a private self-assessment" in listing
    case = ReviewCase.objects.get()
    detail = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Question 9" in detail and "Several days" in detail and "Please call." in detail


def test_a_guides_decision_on_an_alert_keeps_no_training_label(client_for, member, guide):
    consents_record(user=member, kinds=[ConsentKind.MODEL_IMPROVEMENT])  # even with consent
    client = client_for(member)
    client.post(take_url(), phq9_post([1, 1, 1, 1, 1, 1, 1, 1, 2]))
    result = SelfAssessment.objects.get(member=member)
    url = reverse("selfcare:assessment_alert", args=[result.pk])
    client.post(url, {"consent": "on", "note": "Evenings are the worst."})
    case_approve(case=ReviewCase.objects.get(), guide=guide)
    assert not GuideLabel.objects.exists()
