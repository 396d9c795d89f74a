"""Guides, leads, organisation admins and staff are signed out after 30 idle minutes."""

import time

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape

from accounts.permissions import PUBLIC, access
from moderation.idle import LAST_SEEN_KEY, SIGNED_OUT_MESSAGE, IdleTimeoutMiddleware


def _idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - seconds)
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["guide", "lead", "org_admin", "staff"])
def test_a_session_idle_past_the_limit_is_signed_out(request, signed_in, role_fixture):
    client = signed_in(request.getfixturevalue(role_fixture))
    client.get(reverse("profile"))
    _idle_for(client, 31 * 60)

    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_sign_in_page_says_kindly_why(signed_in, guide):
    client = signed_in(guide)
    client.get(reverse("case_list"))
    _idle_for(client, 31 * 60)

    response = client.get(reverse("case_list"), follow=True)

    assert response.request["PATH_INFO"] == reverse("account_login")
    assert escape(SIGNED_OUT_MESSAGE) in response.content.decode()


@pytest.mark.django_db
def test_a_guide_at_work_stays_signed_in(signed_in, guide):
    client = signed_in(guide)
    client.get(reverse("case_list"))
    _idle_for(client, 29 * 60)

    assert client.get(reverse("case_list")).status_code == 200
    assert client.session[LAST_SEEN_KEY] >= time.time() - 5  # the visit counted as use


@pytest.mark.django_db
def test_the_last_use_is_written_at_most_once_a_minute(signed_in, guide):
    client = signed_in(guide)
    client.get(reverse("case_list"))
    _idle_for(client, 20)
    written = client.session[LAST_SEEN_KEY]

    client.get(reverse("case_list"))

    assert client.session[LAST_SEEN_KEY] == written


@pytest.mark.django_db
def test_members_are_never_timed_out(signed_in, member):
    client = signed_in(member)
    _idle_for(client, 24 * 3600)

    assert client.get(reverse("profile")).status_code == 200
    assert LAST_SEEN_KEY in client.session  # left as it was: members are not tracked


@pytest.mark.django_db
def test_the_limit_is_a_setting(settings, signed_in, lead):
    settings.HARBOUR_IDLE_TIMEOUT_SECONDS = 120
    client = signed_in(lead)
    client.get(reverse("profile"))
    _idle_for(client, 180)

    assert client.get(reverse("profile")).status_code == 302


def test_public_pages_do_not_look_up_who_is_signed_in(rf):
    def unread():
        raise AssertionError("the account was looked up for a public page")

    @access(PUBLIC)
    def public_view(request):
        return HttpResponse("open to all")

    request = rf.get("/")
    request.user = SimpleLazyObject(unread)
    middleware = IdleTimeoutMiddleware(lambda request: HttpResponse())
    assert middleware.process_view(request, public_view, (), {}) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["admin:index", "admin:accounts_user_changelist"], ids=["admin", "audited-admin"]
)
def test_staff_left_idle_in_the_admin_are_signed_out(signed_in, staff, url):
    client = signed_in(staff)
    assert client.get(reverse(url)).status_code == 200
    _idle_for(client, 31 * 60)

    response = client.get(reverse(url))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
