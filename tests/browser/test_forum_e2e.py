"""End to end: a post is held, a guide approves it, another member hugs it, the author hears."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from community.models import Talkabout
from tests.auth import totp_enable
from tests.browser.harness import browser_sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_held_post_approved_then_hugged_and_the_author_is_told(live_asgi, browser):
    Talkabout.objects.create(title="Low mood", slug="low-mood", description="Heavy days.")
    alice = UserFactory(handle="alice-wren", email="alice@example.com")
    bob = UserFactory(handle="bob-heron", email="bob@example.com")
    guide = UserFactory(role=Role.GUIDE, handle="guide-cara", email="cara@harbour.example")
    secret = totp_enable(guide)
    a, b, g = (browser.new_context().new_page() for _ in range(3))

    browser_sign_in(a, live_asgi, alice, PASSWORD)
    a.get_by_role("button", name="Take me to the Talkabouts").click()
    a.get_by_role("link", name="Start a thread").first.click()
    a.get_by_label("Talkabout").select_option(label="Low mood")
    a.get_by_label("Title").fill("Finding mornings hard")
    a.get_by_label("Your post").fill("Getting up is the hardest part of my day lately.")
    a.get_by_role("button", name="Post").click()
    expect(a.get_by_role("status").first).to_contain_text("Being checked")
    thread_url = a.url

    browser_sign_in(b, live_asgi, bob, PASSWORD)
    assert b.goto(thread_url).status == 404  # nobody else sees it yet

    browser_sign_in(g, live_asgi, guide, PASSWORD, totp_secret=secret)
    g.goto(live_asgi + "/moderation/cases/")
    expect(g.get_by_text("Getting up is the hardest part")).to_be_visible()
    g.get_by_role("button", name="Next case").click()
    g.get_by_role("button", name="Approve", exact=True).click()
    expect(g.get_by_text("Nothing waiting")).to_be_visible()

    b.goto(thread_url)
    expect(b.get_by_text("Getting up is the hardest part of my day lately.")).to_be_visible()
    b.get_by_role("button", name="Hug", exact=True).click()
    expect(b.get_by_role("button", name="Undo hug")).to_be_visible()

    a.goto(live_asgi + "/me/notifications/")
    expect(a.get_by_text("Someone sent a hug")).to_be_visible()
    expect(a.locator("main")).not_to_contain_text("bob-heron")
