"""Reads of courses and of a member's own progress through them."""

from django.shortcuts import get_object_or_404

from selfcare.models import Course, CourseModule, CourseProgress, ExerciseAnswer


def courses_with_progress(*, member) -> list[Course]:
    """Published courses, each with `progress` (or None) and `module_count`."""
    courses = list(Course.objects.filter(is_published=True).prefetch_related("modules"))
    progress = {
        p.course_id: p for p in CourseProgress.objects.filter(member=member, course__in=courses)
    }
    for course in courses:
        course.progress = progress.get(course.pk)
        course.module_count = len(course.modules.all())
    return courses


def course_for(*, slug: str) -> Course:
    return get_object_or_404(Course, slug=slug, is_published=True)


def course_progress_of(*, member, course) -> CourseProgress | None:
    return CourseProgress.objects.filter(member=member, course=course).first()


def course_module_for(*, course, number: int) -> CourseModule:
    return get_object_or_404(CourseModule, course=course, number=number)


def exercise_answer_of(*, member, module) -> str:
    answer = ExerciseAnswer.objects.filter(member=member, module=module).first()
    return answer.text if answer else ""
