"""Reads of the resource library: published articles, by tag or search words."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe

from community.markdown import render
from selfcare.models import Article, ArticleFeedback, Tag

SEARCH_MAX = 100


def articles_find(*, words: str = "", tag: str = ""):
    """Published articles whose title, summary or body hold every word, in a tag if given."""
    articles = Article.objects.filter(is_published=True).prefetch_related("tags")
    if tag:
        articles = articles.filter(tags__slug=tag)
    for word in words.split()[:10]:
        articles = articles.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return articles.distinct()


def tags_in_use():
    return Tag.objects.annotate(
        count=Count("articles", filter=Q(articles__is_published=True))
    ).filter(count__gt=0)


def article_for(*, slug: str) -> Article:
    return get_object_or_404(Article.objects.prefetch_related("tags"), slug=slug, is_published=True)


def article_html(article: Article) -> str:
    """The body as sanitised HTML, exactly as a post is rendered (staff may link)."""
    return mark_safe(render(article.body, allow_links=True))  # noqa: S308 - sanitised by nh3


def article_feedback_of(*, article: Article, member) -> bool | None:
    answer = ArticleFeedback.objects.filter(article=article, member=member).first()
    return None if answer is None else answer.helpful
