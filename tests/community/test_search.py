"""Search finds published words only, ranks them, and survives whatever is typed.

Visibility tests run twice: through PostgreSQL full-text search and through the
simple fallback the embedded SQLite default uses, each called directly. Tests
marked `portable` also pass on SQLite (DATABASE_URL=sqlite:///... pytest -m portable).
"""

import importlib

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from community.models import Mute, Post
from community.moderation_hooks import PostHandler
from community.search import (
    MARK_START,
    MARK_STOP,
    excerpt_html,
    full_text_matches,
    plain_headline,
    published_posts,
    search_published,
    simple_matches,
)
from community.services.threads import post_delete, post_edit, reply_create, thread_create
from moderation.models import ReportReason
from moderation.services import case_open_for, case_remove, report_submit
from tests.auth import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
GIN = "community_post_search_gin"


@pytest.fixture
def publish(talkabout, approve):
    """Start a thread as a new member and have a guide publish it."""

    def _publish(title, body, author=None):
        thread = thread_create(
            author=author or UserFactory(), talkabout=talkabout, title=title, body=body
        )
        return approve(thread.posts.get())

    return _publish


@pytest.fixture
def reply(approve):
    def _reply(thread, body, author=None, published=True):
        post = reply_create(author=author or UserFactory(), thread=thread, body=body)
        return approve(post) if published else post

    return _reply


def _ids(posts):
    return [post.pk for post in posts]


def _full_text(text):
    return _ids(full_text_matches(published_posts(), text))


def _fallback(text):
    return _ids(simple_matches(published_posts(), text))


@pytest.fixture(params=[_full_text, _fallback], ids=["full_text", "fallback"])
def found(request):
    """The ids a search finds, by either way of searching."""
    if request.param is _full_text and connection.vendor != "postgresql":
        pytest.skip("full-text search needs PostgreSQL")
    return request.param


@pytest.fixture
def searcher(client_for, member):
    return client_for(member)


# Finding


def test_finds_a_published_post_by_a_word_in_its_body(published_thread):
    opening = published_thread.posts.get()
    assert _ids(search_published("hard")) == [opening.pk]


def test_finds_a_thread_by_a_word_in_its_title(published_thread):
    opening = published_thread.posts.get()
    assert _ids(search_published("rough")) == [opening.pk]


def test_finds_other_forms_of_a_word(published_thread):
    assert _ids(search_published("weeks")) == [published_thread.posts.get().pk]


def test_a_result_shows_title_talkabout_and_excerpt_and_links_to_the_post(
    searcher, published_reply
):
    response = searcher.get(SEARCH, {"q": "strength"})
    html = response.content.decode()
    link = reverse("thread_detail", args=[published_reply.thread_id])
    assert response.status_code == 200
    assert f'href="{link}#post-{published_reply.pk}"' in html
    assert "Rough week" in html and "Low mood" in html
    assert "Sending <mark>strength</mark>" in html


def test_a_better_match_ranks_first(publish):
    better = publish("No sleep again", "I cannot sleep. Sleep has been hard for weeks.")
    passing = publish("A long day", "Sleep came late, then work, then more work and errands.")
    assert _fallback("sleep") == [passing.pk, better.pk]  # newest first, without ranking
    assert _ids(search_published("sleep")) == [better.pk, passing.pk]


def test_a_title_match_ranks_above_a_mention_in_the_body(publish):
    title = publish("Exams", "Revision is going badly and I keep leaving it until late at night.")
    mention = publish("Today", "Exams soon.")  # newer, and shorter: it wins on length alone
    assert _ids(search_published("exams")) == [title.pk, mention.pk]


def test_several_words_must_all_be_found(publish):
    both = publish("Winter", "Dark mornings and cold evenings.")
    publish("Summer", "Bright mornings.")
    assert _ids(search_published("dark mornings")) == [both.pk]


def test_quotes_and_minus_work_as_in_a_web_search(publish):
    phrase = publish("One", "Panic attacks at night.")
    scattered = publish("Two", "At night the panic of the day attacks me.")
    assert _ids(search_published('"panic attacks"')) == [phrase.pk]
    assert _ids(search_published("panic -attacks")) == []
    assert set(_ids(search_published("panic night"))) == {phrase.pk, scattered.pk}


# Never anything invisible


@pytest.mark.portable
def test_a_held_thread_is_never_found(found, member, talkabout):
    thread_create(author=member, talkabout=talkabout, title="Heldtitle", body="Heldbody words.")
    assert found("heldtitle") == []
    assert found("heldbody") == []


@pytest.mark.portable
def test_a_held_reply_is_never_found(found, published_thread, reply):
    reply(published_thread, "Unchecked reply about lighthouses.", published=False)
    assert found("lighthouses") == []


@pytest.mark.portable
def test_a_removed_post_is_never_found(found, published_reply, member, reviewer):
    report_submit(item=published_reply, reporter=member, reason=ReportReason.HARASSMENT)
    case_remove(case=case_open_for(published_reply), guide=reviewer, reason="Unkind.")
    assert found("strength") == []


@pytest.mark.portable
def test_a_deleted_post_is_never_found(found, published_reply):
    post_delete(post=published_reply, author=published_reply.author)
    assert found("strength") == []


@pytest.mark.portable
def test_a_pulled_back_post_is_never_found(found, published_reply):
    for _ in range(settings.HARBOUR_REPORTS_TO_HOLD):
        report_submit(item=published_reply, reporter=UserFactory(), reason=ReportReason.SPAM)
    published_reply.refresh_from_db()
    assert not published_reply.is_public
    assert found("strength") == []


@pytest.mark.portable
def test_replies_in_a_thread_taken_down_are_never_found(found, published_reply, member):
    opening = published_reply.thread.posts.get(is_opening=True)
    post_delete(post=opening, author=member)
    assert found("strength") == []
    assert found("rough") == []


@pytest.mark.portable
def test_after_an_edit_only_the_published_revision_is_found(found, published_thread, member):
    opening = published_thread.posts.get()
    post_edit(post=opening, author=member, body="Now about otters.", title="Otter title")
    assert found("otters") == []
    assert found("otter") == []
    assert found("hard") == [opening.pk]
    assert found("rough") == [opening.pk]


def test_an_approved_edit_replaces_the_words_found(published_thread, member, approve):
    opening = published_thread.posts.get()
    post_edit(post=opening, author=member, body="Now about otters.", title="Otter title")
    approve(opening)
    assert _ids(search_published("otters")) == [opening.pk]
    assert _ids(search_published("hard")) == []
    assert _ids(search_published("rough")) == []


@pytest.mark.portable
def test_the_unchecked_body_never_appears_in_results(searcher, published_thread, member, reply):
    opening = published_thread.posts.get()
    reply(published_thread, "Held words: hard secretword.", published=False)
    post_edit(post=opening, author=member, body="A hard pendingword edit.", title="Newtitle")
    html = searcher.get(SEARCH, {"q": "hard"}).content.decode()
    assert "<mark>hard</mark>" in html  # the published revision is found
    assert "secretword" not in html and "pendingword" not in html and "Newtitle" not in html
    assert "**" not in html  # Markdown source is never shown, only its words


@pytest.mark.portable
def test_what_a_member_typed_is_shown_as_text_never_as_markup(searcher, publish):
    publish("Code", "Love <3 & <script>alert(1)</script> in my diary.")
    html = searcher.get(SEARCH, {"q": "diary"}).content.decode()
    assert "<script>" not in html
    assert "Love &lt;3 &amp;" in html


# Reading choices carry over


@pytest.mark.portable
def test_a_muted_members_post_is_folded_away(searcher, member, published_reply):
    Mute.objects.create(muter=member, muted=published_reply.author)
    html = searcher.get(SEARCH, {"q": "strength"}).content.decode()
    assert "<summary>A post from someone you muted</summary>" in html


@pytest.mark.portable
def test_a_post_with_a_collapsed_warning_is_folded_away(searcher, talkabout, approve):
    thread = thread_create(
        author=UserFactory(), talkabout=talkabout, title="Hard night", body="Urges again.",
        content_warning="self_harm",
    )  # fmt: skip
    approve(thread.posts.get())
    html = searcher.get(SEARCH, {"q": "urges"}).content.decode()
    assert "<summary>Content warning: Self-harm. Open to read.</summary>" in html


# Pages and input


def test_results_come_twenty_a_page_and_the_next_page_keeps_the_search(
    searcher, published_thread, reply
):
    authors = [UserFactory() for _ in range(3)]
    for number in range(21):
        reply(published_thread, f"Tide note {number}.", author=authors[number % 3])
    first = searcher.get(SEARCH, {"q": "tide"}).content.decode()
    second = searcher.get(SEARCH, {"q": "tide", "page": 2}).content.decode()
    assert first.count('<li id="result-') == 20
    assert "?q=tide&amp;page=2" in first
    assert second.count('<li id="result-') == 1


@pytest.mark.portable
def test_an_empty_search_shows_the_empty_form(searcher, published_thread):
    for params in [{}, {"q": ""}, {"q": "   "}]:
        response = searcher.get(SEARCH, params)
        assert response.status_code == 200
        assert b'name="q"' in response.content
        assert b"results-heading" not in response.content
        assert b"form-errors" not in response.content


@pytest.mark.portable
def test_a_search_over_200_characters_gets_an_error_and_keeps_the_words(searcher):
    words = "feeling " * 26  # 208 characters
    response = searcher.get(SEARCH, {"q": words})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Searches can be up to 200 characters. Yours is 207" in html  # the form strips it
    assert f'value="{words}"' in html


@pytest.mark.portable
def test_a_search_of_200_characters_is_accepted(searcher):
    response = searcher.get(SEARCH, {"q": "a" * 200})
    assert response.status_code == 200
    assert b"0 results" in response.content


ODD_INPUT = [
    '"',
    '"unbalanced quote',
    "-",
    "--minus",
    "&|!():*",
    "a & b | !c",
    "(((",
    "'",
    "\\",
    "<script>",
    "%_%",
    "or",
    "-rough",
    "hard:*",
    "🙂 emoji",
    "the and of",
]


@pytest.mark.portable
@pytest.mark.parametrize("query", ODD_INPUT)
def test_odd_input_never_breaks_search(searcher, published_thread, query):
    response = searcher.get(SEARCH, {"q": query})
    assert response.status_code == 200


@pytest.mark.portable
def test_a_null_character_gets_a_form_error_not_a_crash(searcher):
    response = searcher.get(SEARCH, {"q": "hard\x00week"})
    assert response.status_code == 400
    assert b"form-errors" in response.content


def test_a_search_of_only_common_words_finds_nothing(published_thread):
    assert _ids(search_published("the and of")) == []


# Who may search


def _signed_in(user):
    client = Client()
    sign_in(client, user)
    return client


def test_guides_and_leads_may_search(guide, lead, published_thread):
    for user in (guide, lead):
        response = _signed_in(user).get(SEARCH, {"q": "hard"})
        assert response.status_code == 200
        assert b"<mark>hard</mark>" in response.content


def test_org_admins_and_staff_may_not_search(org_admin, staff):
    for user in (org_admin, staff):
        assert _signed_in(user).get(SEARCH, {"q": "hard"}).status_code == 404


def test_a_signed_out_visitor_is_asked_to_sign_in(client):
    response = client.get(SEARCH, {"q": "hard"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_the_header_offers_search_to_members_but_not_org_admins(member, org_admin):
    form = f'action="{SEARCH}"'.encode()
    assert form in _signed_in(member).get(reverse("talkabout_list")).content
    assert form not in _signed_in(org_admin).get(reverse("profile")).content


# The index


def test_full_text_search_has_a_gin_index_it_uses(published_thread):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [GIN])
        assert "USING gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables; ask for an index
    # Without the visibility filters the match is the only condition, so the plan
    # does not hinge on this test database's statistics for is_public.
    plan = full_text_matches(Post.objects.all(), "hard").explain()
    assert f"Bitmap Index Scan on {GIN}" in plan, plan


def test_the_migration_backfill_builds_the_same_vector_as_publishing(published_reply):
    migration = importlib.import_module("community.migrations.0002_post_search")
    posts = Post.objects.filter(thread=published_reply.thread_id).order_by("pk")
    published = list(posts.values_list("search_vector", flat=True))
    posts.update(search_vector=None)
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)
    assert list(posts.values_list("search_vector", flat=True)) == published
    assert "'rough':1A" in published[0] and "'hard'" in published[0]


# The SQLite fallback


@pytest.mark.portable
def test_the_fallback_matches_public_text_and_titles_ignoring_case(publish, reply):
    opening = publish("Rough Week", "It has been HARD.")
    answer = reply(opening.thread, "Sending strength.")
    assert _fallback("hard") == [opening.pk]
    assert _fallback("rough") == [opening.pk]  # the title belongs to the opening post
    assert _fallback("STRENGTH") == [answer.pk]


@pytest.mark.portable
def test_the_fallback_needs_every_word_and_ignores_an_empty_search(publish):
    both = publish("Winter", "Dark mornings and cold evenings.")
    publish("Summer", "Bright mornings.")
    assert _fallback("dark mornings") == [both.pk]
    assert _fallback("   ") == []


@pytest.mark.portable
def test_the_fallback_shows_newest_first(publish):
    older = publish("One", "A quiet garden.")
    newer = publish("Two", "Another quiet garden.")
    assert _fallback("garden") == [newer.pk, older.pk]


def test_on_sqlite_search_takes_the_fallback(monkeypatch, published_thread):
    # Stemming finds "weeks" in full-text search only; the fallback needs the letters.
    assert _ids(search_published("weeks")) == [published_thread.posts.get().pk]
    monkeypatch.setattr("community.search.connection", type("Conn", (), {"vendor": "sqlite"}))
    assert _ids(search_published("weeks")) == []
    assert _ids(search_published("week")) == [published_thread.posts.get().pk]


@pytest.mark.portable
def test_on_sqlite_publishing_leaves_the_vector_empty(monkeypatch, publish):
    monkeypatch.setattr("community.search.connection", type("Conn", (), {"vendor": "sqlite"}))
    post = publish("Empty vector", "Nothing to index here.")
    assert post.search_vector is None
    assert post.public_text == "Nothing to index here."


@pytest.mark.portable
def test_the_fallback_excerpt_marks_the_words_found():
    text = "word " * 60 + "the Lighthouse keeper " + "word " * 60
    headline = plain_headline(text, ["lighthouse"])
    assert headline.startswith("… ") and headline.endswith(" …")
    assert f"{MARK_START}Lighthouse{MARK_STOP}" in headline


@pytest.mark.portable
def test_an_excerpt_escapes_everything_but_its_own_marks():
    headline = f"a <b>{MARK_START}match{MARK_STOP}</b> & {MARK_START}stray"
    assert str(excerpt_html(headline)) == "a &lt;b&gt;<mark>match</mark>&lt;/b&gt; &amp; stray"


def test_a_post_saved_whole_after_publishing_keeps_the_words_it_was_published_with(publish):
    post = Post.objects.select_related("thread", "author").get(
        pk=publish("Garden", "A quiet garden.").pk
    )
    post.body = "A loud orchard."  # the revision a guide publishes with a redaction, say
    PostHandler().publish(post)
    post.save()
    vector = Post.objects.values_list("search_vector", flat=True).get(pk=post.pk)
    assert "'orchard'" in vector and "'quiet'" not in vector
