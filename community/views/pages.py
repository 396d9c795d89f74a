"""The home page, the first-visit welcome, reading preferences and "My posts"."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import PUBLIC, access
from accounts.roles import Role
from community.forms import PreferencesForm
from community.selectors import my_items
from community.services.talkabouts import preferences_for, preferences_update, welcome_done


@access(PUBLIC)
def home(request):
    # A member's first visit after signing in starts with the short welcome.
    user = request.user
    if user.is_authenticated and user.role == Role.MEMBER and not _welcomed(user):
        return redirect("welcome")
    return render(request, "community/home.html")


def _welcomed(user) -> bool:
    return preferences_for(user).welcomed_at is not None


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def welcome(request):
    if request.method == "POST":
        welcome_done(user=request.user)
        return redirect("talkabout_list")
    return render(request, "community/welcome.html")


@access(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def preferences(request):
    prefs = preferences_for(request.user)
    form = PreferencesForm(
        request.POST or None, initial={"collapsed_warnings": prefs.collapsed_warnings}
    )
    if request.method == "POST" and form.is_valid():
        preferences_update(user=request.user, **form.cleaned_data)
        return redirect("preferences")
    return render(request, "community/preferences.html", {"form": form})


@access(Role.MEMBER)
def my_posts(request):
    return render(request, "community/my_posts.html", {"items": my_items(request.user)})
