"""Courses: pick one, resume where you left off, work through modules and exercises."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import access
from accounts.roles import Role
from selfcare.forms.courses import ExerciseForm
from selfcare.selectors.courses import (
    course_for,
    course_module_for,
    course_progress_of,
    courses_with_progress,
    exercise_answer_of,
)
from selfcare.selectors.library import article_html
from selfcare.services.courses import course_module_complete, course_module_open


@access(Role.MEMBER)
@require_safe
def course_list(request):
    courses = courses_with_progress(member=request.user)
    return render(request, "selfcare/course_list.html", {"courses": courses})


@access(Role.MEMBER)
@require_safe
def course_detail(request, slug):
    course = course_for(slug=slug)
    context = {
        "course": course,
        "modules": list(course.modules.all()),
        "progress": course_progress_of(member=request.user, course=course),
    }
    return render(request, "selfcare/course_detail.html", context)


@access(Role.MEMBER)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def course_module(request, slug, number):
    course = course_for(slug=slug)
    module = course_module_for(course=course, number=number)
    last = course.modules.count()
    initial = {"answer": exercise_answer_of(member=request.user, module=module)}
    form = ExerciseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        course_module_complete(member=request.user, module=module, answer=answer, last=last)
        if number >= last:
            messages.success(request, f"You finished {course.title}. Well done.")
            return redirect("selfcare:course", slug=slug)
        return redirect("selfcare:course_module", slug=slug, number=number + 1)
    if request.method != "POST":
        course_module_open(member=request.user, module=module)
    context = {
        "course": course, "module": module, "body": article_html(module), "form": form,
        "last": last, "previous": number - 1 if number > 1 else None,
    }  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, "selfcare/course_module.html", context, status=status)
