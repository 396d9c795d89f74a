"""Every self-care page a member can open, with enough of their own data to be realistic.

Shared by the page-weight test and the browser accessibility scan, so both measure
the same pages: full histories, long journals, every shipped article and module.
"""

import importlib

from django.apps import apps
from django.urls import reverse

from selfcare.models import Article, CourseModule
from selfcare.services.assessments import self_assessment_take
from selfcare.services.private import journal_entry_create, safety_plan_save

SHIPPING_MIGRATIONS = ["0002_crisis_lines_shipped", "0006_articles_shipped", "0008_courses_shipped"]


def shipped_content_ensure() -> None:
    """Load the crisis lines, articles and courses the migrations ship, again: a
    transactional test (the browser tests) empties every table when it ends."""
    for name in SHIPPING_MIGRATIONS:
        importlib.import_module(f"selfcare.migrations.{name}").load(apps, None)


ENTRY_TEXT = (
    "Woke early again and lay there going over tomorrow. Walked to the shop and "
    "felt a bit better after. Sister called in the evening, which helped. "
) * 6


def member_history_create(member) -> dict:
    """Twelve results of each questionnaire, a worrying and a calm one, a full plan and
    a long journal; returns the ids the page list needs."""
    for week in range(12):
        self_assessment_take(member=member, kind="gad7", answers=[week % 4] * 7)
        calm = self_assessment_take(member=member, kind="phq9", answers=[week % 4] * 8 + [0])
    worrying = self_assessment_take(member=member, kind="phq9", answers=[2] * 8 + [1])
    safety_plan_save(
        member=member,
        sections={
            "warning_signs": "Not sleeping. Staying in my room.\n" * 5,
            "coping_strategies": "Music, a hot shower, drawing.\n" * 5,
            "people_to_ask": "Sam 07700 900000, Mum 07700 900001.\n" * 3,
            "reasons_for_living": "My sister. My cat. Seeing the sea again.\n" * 3,
        },
    )
    entries = [
        journal_entry_create(member=member, title=f"Day {day}", body=ENTRY_TEXT)
        for day in range(45)
    ]
    return {"worrying": worrying.pk, "calm": calm.pk, "entry": entries[-1].pk}


def selfcare_urls(ids: dict) -> list[str]:
    urls = [
        reverse("crisis_help"),
        reverse("selfcare:home"),
        reverse("selfcare:assessment_list"),
        reverse("selfcare:assessment_take", args=["phq9"]),
        reverse("selfcare:assessment_take", args=["gad7"]),
        reverse("selfcare:assessment_result", args=[ids["worrying"]]),
        reverse("selfcare:assessment_result", args=[ids["calm"]]),
        reverse("selfcare:safety_plan"),
        reverse("selfcare:safety_plan_edit"),
        reverse("selfcare:journal"),
        reverse("selfcare:journal_entry", args=[ids["entry"]]),
        reverse("selfcare:journal_delete", args=[ids["entry"]]),
        reverse("selfcare:library"),
        reverse("selfcare:library") + "?q=sleep",
        reverse("selfcare:course_list"),
        reverse("selfcare:feedback"),
    ]
    urls += [reverse("selfcare:article", args=[slug]) for slug in _article_slugs()]
    modules = CourseModule.objects.select_related("course").order_by("course__order", "number")
    urls += sorted({reverse("selfcare:course", args=[m.course.slug]) for m in modules})
    urls += [reverse("selfcare:course_module", args=[m.course.slug, m.number]) for m in modules]
    return urls


def _article_slugs():
    return Article.objects.filter(is_published=True).values_list("slug", flat=True)
