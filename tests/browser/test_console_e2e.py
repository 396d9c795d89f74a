"""End to end: a risky post with a phone number appears live in a guide's open console;
the guide takes the number out with a redacting edit and approves; the author is told
and another member reads the redacted post."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from community.models import Talkabout
from tests.auth import totp_enable
from tests.browser.harness import asgi_server, browser_sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = "07700 900123"


@pytest.fixture
def fresh_asgi(tmp_path):
    """A server of our own: the shared one caches content type ids, which the flush
    after this test renews, so posting there afterwards would use a stale id."""
    with asgi_server(tmp_path / "server.log") as base_url:
        yield base_url


def test_a_held_post_arrives_live_and_is_published_redacted(fresh_asgi, browser):
    live_asgi = fresh_asgi
    Talkabout.objects.create(title="Low mood", slug="low-mood", description="Heavy days.")
    alice = UserFactory(handle="alice-wren", email="alice@example.com")
    bob = UserFactory(handle="bob-heron", email="bob@example.com")
    guide = UserFactory(role=Role.GUIDE, handle="guide-cara", email="cara@harbour.example")
    secret = totp_enable(guide)
    a, b, g = (browser.new_context().new_page() for _ in range(3))

    browser_sign_in(g, live_asgi, guide, PASSWORD, totp_secret=secret)
    g.goto(live_asgi + "/moderation/cases/")
    expect(g.get_by_text("Nothing waiting")).to_be_visible()
    expect(g.locator("#queue-live")).to_have_attribute("data-live", "on")  # socket open
    g.evaluate("document.body.dataset.sameDocument = 'yes'")  # gone if the page reloads

    browser_sign_in(a, live_asgi, alice, PASSWORD)
    a.get_by_role("button", name="Take me to the Talkabouts").click()
    a.get_by_role("link", name="Start a thread").first.click()
    a.get_by_label("Talkabout").select_option(label="Low mood")
    a.get_by_label("Title").fill("Can't sleep again")
    a.get_by_label("Your post").fill(f"Everything is too much tonight. Text me on {NUMBER}")
    a.get_by_role("button", name="Post").click()
    expect(a.get_by_role("status").first).to_contain_text("Being checked")
    thread_url = a.url

    # The check held it and opened a case, announced to open consoles on commit.
    expect(g.locator("#queue-live")).to_contain_text("Everything is too much tonight")
    assert g.evaluate("document.body.dataset.sameDocument") == "yes"  # no reload

    g.get_by_role("button", name="Next case").click()
    g.get_by_text("Approve with an edit").click()
    edited = g.get_by_label("The edited text")
    edited.fill(edited.input_value().replace(NUMBER, "[number removed]"))
    g.get_by_label("Why you edited it").fill("We took out your number to keep you safe.")
    g.get_by_role("button", name="Approve with this edit").click()
    expect(g.get_by_text("Nothing waiting")).to_be_visible()

    a.goto(live_asgi + "/me/notifications/")
    expect(a.locator("main")).to_contain_text("We took out your number to keep you safe.")

    browser_sign_in(b, live_asgi, bob, PASSWORD)
    b.goto(thread_url)
    expect(b.locator("main")).to_contain_text("Text me on [number removed]")
    expect(b.locator("main")).not_to_contain_text("07700")
