"""The resource library: find an article, read it, say whether it helped."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import access
from accounts.roles import Role
from selfcare.selectors.library import (
    SEARCH_MAX,
    article_feedback_of,
    article_for,
    article_html,
    articles_find,
    tags_in_use,
)
from selfcare.services.library import article_feedback_give


@access(Role.MEMBER)
@require_safe
def library(request):
    words = request.GET.get("q", "")[:SEARCH_MAX]
    tag = request.GET.get("tag", "")[:40]
    context = {
        "articles": articles_find(words=words, tag=tag),
        "tags": tags_in_use(),
        "words": words,
        "tag": tag,
    }
    return render(request, "selfcare/library.html", context)


@access(Role.MEMBER)
@require_safe
def article_detail(request, slug):
    article = article_for(slug=slug)
    context = {
        "article": article,
        "body": article_html(article),
        "helpful": article_feedback_of(article=article, member=request.user),
    }
    return render(request, "selfcare/article.html", context)


@access(Role.MEMBER)
@require_POST
def article_helpful(request, slug):
    article = article_for(slug=slug)
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        messages.error(request, "Please choose Yes or No.")
    else:
        article_feedback_give(article=article, member=request.user, helpful=answer == "yes")
        messages.success(request, "Thank you. Your answer helps us improve the library.")
    return redirect("selfcare:article", slug=article.slug)
