"""A member working through a course: opening modules, answering exercises, finishing."""

from django.db import transaction
from django.utils import timezone

from selfcare.models import CourseProgress, ExerciseAnswer

EXERCISE_MAX = 3000


def course_module_open(*, member, module) -> CourseProgress:
    """Remember the module the member is on, so they resume there next time."""
    progress, _ = CourseProgress.objects.get_or_create(member=member, course=module.course)
    progress.current, progress.updated_at = module.number, timezone.now()
    progress.save(update_fields=["current", "updated_at"])
    return progress


@transaction.atomic
def course_module_complete(*, member, module, answer: str, last: int) -> CourseProgress:
    """Keep the member's exercise answer and mark the module done; `last` is the course's
    final module number. The member then resumes at the next module."""
    ExerciseAnswer.objects.update_or_create(
        member=member,
        module=module,
        defaults={"text": answer.strip(), "updated_at": timezone.now()},
    )
    progress, _ = CourseProgress.objects.select_for_update().get_or_create(
        member=member, course=module.course
    )
    progress.completed = max(progress.completed, module.number)
    progress.current = min(module.number + 1, last)
    progress.updated_at = timezone.now()
    if progress.completed >= last and progress.finished_at is None:
        progress.finished_at = progress.updated_at
    progress.save()
    return progress
