"""Courses: shipped content, progress saved, resume where the member left off, private answers."""

import pytest
from django.db import connection
from django.urls import reverse

from selfcare.models import Course, CourseProgress, ExerciseAnswer

pytestmark = pytest.mark.django_db


def module_url(number, slug="managing-anxiety"):
    return reverse("selfcare:course_module", args=[slug, number])


def test_two_courses_ship_with_modules_and_exercises():
    for slug in ("managing-anxiety", "better-sleep"):
        course = Course.objects.get(slug=slug)
        modules = list(course.modules.all())
        assert len(modules) >= 3
        assert [m.number for m in modules] == list(range(1, len(modules) + 1))
        assert all(m.exercise for m in modules)


def test_progress_is_saved_and_the_member_resumes_where_they_left_off(client_for, member):
    client = client_for(member)
    client.get(module_url(1))
    response = client.post(module_url(1), {"answer": "My heart races before calls."})
    assert response["Location"] == module_url(2)
    client.get(module_url(2))
    progress = CourseProgress.objects.get(member=member)
    assert (progress.current, progress.completed, progress.finished_at) == (2, 1, None)
    overview = client.get(reverse("selfcare:course", args=["managing-anxiety"])).content.decode()
    assert "Carry on where you left off (part 2)" in overview
    assert f'href="{module_url(2)}"' in overview
    listing = client.get(reverse("selfcare:course_list")).content.decode()
    assert "You have done 1 of 4" in listing


def test_an_answer_is_kept_encrypted_and_shown_again(client_for, member):
    client = client_for(member)
    client.post(module_url(1), {"answer": "Tight chest at night."})
    answer = ExerciseAnswer.objects.get(member=member)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM selfcare_exerciseanswer WHERE id = %s", [answer.pk])
        assert "chest" not in cursor.fetchone()[0]
    assert b"Tight chest at night." in client.get(module_url(1)).content


def test_finishing_the_last_module_finishes_the_course(client_for, member):
    client = client_for(member)
    for number in range(1, 5):
        client.post(module_url(number), {"answer": ""})
    progress = CourseProgress.objects.get(member=member)
    assert progress.finished_at is not None and progress.completed == 4
    page = client.get(reverse("selfcare:course_list")).content.decode()
    assert "Finished" in page


def test_an_oversized_answer_is_refused_and_kept(client_for, member):
    long = "a" * 3001
    response = client_for(member).post(module_url(1), {"answer": long})
    assert response.status_code == 400
    assert long.encode() in response.content
    assert not CourseProgress.objects.filter(completed__gt=0).exists()


def test_progress_and_answers_are_each_members_own(signed_in, member, other_member):
    signed_in(member).post(module_url(1), {"answer": "Only mine."})
    other = signed_in(other_member)
    assert b"Only mine." not in other.get(module_url(1)).content
    assert b"Not started" in other.get(reverse("selfcare:course_list")).content


def test_a_module_that_does_not_exist_is_not_found(client_for, member):
    assert client_for(member).get(module_url(99)).status_code == 404
