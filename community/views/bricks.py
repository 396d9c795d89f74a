"""The wall of Bricks."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Scope, access
from accounts.roles import Role
from community.forms import BrickForm
from community.models import Brick
from community.ratelimits import RateLimited
from community.selectors import visible_q
from community.services.bricks import brick_create, brick_delete
from community.services.threads import PostingRefused

BRICKS_PER_PAGE = 60


def _wall(request, form, status=200):
    bricks = Brick.objects.filter(visible_q(request.user)).order_by("-created_at")
    page = Paginator(bricks, BRICKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/brick_wall.html", {"page": page, "form": form}, status=status)


@access(Role.MEMBER, Role.GUIDE, Role.LEAD)
@require_http_methods(["GET", "POST"])
def brick_wall(request):
    if request.method == "GET" or request.user.role != Role.MEMBER:
        return _wall(request, BrickForm(initial={"colour": "sand"}))
    form = BrickForm(request.POST)
    if not form.is_valid():
        return _wall(request, form, status=400)
    try:
        brick_create(author=request.user, **form.cleaned_data)
    except PostingRefused as error:  # a posting pause or suspension: say why, keep the text
        form.add_error(None, str(error))
        return _wall(request, form, status=403)
    except RateLimited as error:
        form.add_error(None, str(error))
        response = _wall(request, form, status=429)
        response["Retry-After"] = str(error.retry_after_seconds)
        return response
    return redirect("brick_wall")


@access(Role.MEMBER, scope=Scope.OWNER)
@require_POST
def brick_delete_view(request, pk):
    brick = get_object_or_404(Brick, pk=pk, author=request.user)
    brick_delete(brick=brick, author=request.user)
    return redirect("brick_wall")
