"""Searching what has been published in the forum."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.permissions import access
from accounts.roles import Role
from community.forms import SearchForm
from community.search import search_published, with_excerpts
from community.selectors import muted_ids
from community.services.talkabouts import preferences_for

RESULTS_PER_PAGE = 20


@access(Role.MEMBER, Role.GUIDE, Role.LEAD)
@require_GET
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        paginator = Paginator(search_published(query), RESULTS_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = with_excerpts(page.object_list, query)
        context.update(query=query, page=page, **_reading_choices(request.user))
    return render(request, "community/search.html", context, status=400 if form.errors else 200)


def _reading_choices(user) -> dict:
    """Muted authors and collapsed warnings stay folded away here as in a thread."""
    if user.role != Role.MEMBER:
        return {"muted": set(), "collapsed": set()}
    collapsed = set(preferences_for(user).collapsed_warnings)
    return {"muted": muted_ids(user), "collapsed": collapsed}
