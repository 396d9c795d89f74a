"""The resource library: shipped articles, sanitised Markdown, tags, search, "was this helpful?"."""

import pytest
from django.urls import reverse

from selfcare.models import Article, ArticleFeedback, Tag

pytestmark = pytest.mark.django_db

SHIPPED_TOPICS = [
    "sleep",
    "grounding-for-panic",
    "talking-to-your-gp",
    "supporting-a-friend",
    "low-mood",
    "loneliness",
    "exam-stress",
    "grief",
    "self-harm-urges",
    "making-a-safety-plan",
    "using-harbour-safely",
    "digital-wellbeing",
]


def test_the_library_ships_an_article_on_every_topic():
    shipped = set(Article.objects.filter(is_published=True).values_list("slug", flat=True))
    assert set(SHIPPED_TOPICS) <= shipped
    assert all(article.tags.exists() for article in Article.objects.all())


def test_a_member_reads_an_article_with_its_reading_time_and_tags(client_for, member):
    page = client_for(member).get(reverse("selfcare:article", args=["sleep"])).content.decode()
    assert "Sleep better, one small step at a time" in page
    assert "2 min read" in page and "?tag=sleep" in page
    assert "<strong>Keep the same times.</strong>" in page and "<li>" in page


def test_article_markdown_is_sanitised_like_posts(client_for, member):
    Article.objects.create(
        slug="tricky",
        title="Tricky",
        summary="Testing.",
        body="<script>alert(1)</script>\n\n# Not a heading\n\n[ok](https://example.org) "
        "[bad](javascript:alert(1))",
    )
    page = client_for(member).get(reverse("selfcare:article", args=["tricky"])).content.decode()
    body = page[page.index('class="lead"') :]
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<h1>Not a heading" not in body
    assert 'href="https://example.org"' in body and 'href="javascript' not in body


def test_a_draft_article_is_not_shown(client_for, member):
    Article.objects.create(
        slug="draft", title="Draft", summary="Soon.", body="Soon.", is_published=False
    )
    client = client_for(member)
    assert client.get(reverse("selfcare:article", args=["draft"])).status_code == 404
    assert b"Draft" not in client.get(reverse("selfcare:library")).content


def test_search_finds_articles_by_their_words(client_for, member):
    client = client_for(member)
    page = client.get(reverse("selfcare:library"), {"q": "panic breathing"}).content.decode()
    assert "Grounding when you feel panic" in page and "Feeling lonely" not in page
    empty = client.get(reverse("selfcare:library"), {"q": "zzqx"}).content.decode()
    assert "Nothing matches that" in empty


def test_a_tag_shows_only_its_articles(client_for, member):
    tag = Tag.objects.get(slug="grief")
    page = client_for(member).get(reverse("selfcare:library"), {"tag": tag.slug}).content.decode()
    assert "Living with grief" in page and "Sleep better" not in page


def test_was_this_helpful_keeps_one_changeable_answer(client_for, member):
    client = client_for(member)
    url = reverse("selfcare:article_helpful", args=["grief"])
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "no"})
    answer = ArticleFeedback.objects.get()
    assert (answer.member, answer.helpful) == (member, False)
    page = client.get(reverse("selfcare:article", args=["grief"])).content.decode()
    assert "You said no." in page


def test_a_made_up_helpful_answer_is_refused_plainly(client_for, member):
    client = client_for(member)
    response = client.post(
        reverse("selfcare:article_helpful", args=["grief"]), {"helpful": "maybe"}, follow=True
    )
    assert b"Please choose Yes or No." in response.content
    assert not ArticleFeedback.objects.exists()


def test_staff_edit_articles_and_courses_in_the_admin(client_for, staff):
    client = client_for(staff)
    article = Article.objects.get(slug="grief")
    assert (
        client.get(reverse("admin:selfcare_article_change", args=[article.pk])).status_code == 200
    )
    assert client.get(reverse("admin:selfcare_course_changelist")).status_code == 200
