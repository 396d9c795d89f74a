from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.permissions import access
from accounts.roles import Role


@access(Role.MEMBER)
@require_safe
def selfcare_home(request):
    return render(request, "selfcare/home.html")
