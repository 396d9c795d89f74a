"""End to end in a real browser: joining Harbour, and a Wall Guide's two-step sign-in."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from tests.auth import totp_code, totp_enable
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_signs_up_verifies_their_email_and_signs_in(live_asgi, page, outbox):
    page.goto(live_asgi + "/")
    page.get_by_role("link", name="Join Harbour").click()
    page.get_by_label("Your name on Harbour").fill("gentle-fern-12")
    page.get_by_label("Email").fill("river@example.com")
    page.get_by_label("Password").fill("a quiet walk by the river")
    page.get_by_label("Date of birth").fill("2001-04-09")
    page.get_by_label("Country you live in").select_option("GB")
    page.get_by_label("I agree to the house rules").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_label("I understand that if I may be in danger").check()
    page.get_by_role("button", name="Join Harbour").click()
    expect(page.get_by_role("heading", name=re.compile("verify", re.I))).to_be_visible()
    assert User.objects.filter(email="river@example.com").exists()

    page.goto(outbox.link_to("river@example.com", "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_asgi + "/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.goto(live_asgi + "/accounts/login/")
    page.get_by_label("Email").fill("river@example.com")
    page.get_by_label("Password").fill("a quiet walk by the river")
    page.get_by_role("button", name="Sign In").click()
    page.goto(live_asgi + "/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("gentle-fern-12")
    assert "river@example.com" not in page.locator("main").inner_text()


def test_a_guide_signs_in_with_a_totp_code(live_asgi, page):
    guide = UserFactory(role=Role.GUIDE, handle="guide-iris", email="iris@harbour.example")
    secret = totp_enable(guide)

    page.goto(live_asgi + "/me/")
    page.get_by_label("Email").fill(guide.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page).to_have_url(re.compile("/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("guide-iris")


def test_a_guide_without_the_code_stays_out(live_asgi, page):
    guide = UserFactory(role=Role.GUIDE, handle="guide-juno", email="juno@harbour.example")
    totp_enable(guide)
    page.goto(live_asgi + "/accounts/login/")
    page.get_by_label("Email").fill(guide.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(live_asgi + "/me/")
    # Still at the second step: the profile is not shown until the code is given.
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    expect(page.get_by_text("guide-juno")).to_have_count(0)
