"""End to end: a worrying PHQ-9 answer, crisis help at once, consent, and a case for a guide."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from moderation.models import CasePriority, ReviewCase
from tests.auth import totp_enable
from tests.browser.harness import asgi_server, browser_sign_in
from tests.factories import PASSWORD, UserFactory
from tests.selfcare.pages import shipped_content_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fresh_asgi(tmp_path):
    """A server of our own, started after this test's rows exist. The shared one keeps
    content types cached from earlier tests, whose ids each flush of the test database
    renews: opening a case for a new kind of item there would point at a stale id."""
    with asgi_server(tmp_path / "server.log") as base_url:
        yield base_url


def test_phq9_item9_shows_crisis_help_and_a_consented_case_reaches_a_guide(fresh_asgi, browser):
    live_asgi = fresh_asgi
    shipped_content_ensure()
    alice = UserFactory(handle="alice-wren", email="alice@example.com", country="GB")
    guide = UserFactory(role=Role.GUIDE, handle="guide-cara", email="cara@harbour.example")
    secret = totp_enable(guide)
    member_page, guide_page = (browser.new_context().new_page() for _ in range(2))

    browser_sign_in(member_page, live_asgi, alice, PASSWORD)
    member_page.goto(live_asgi + "/self-care/")
    member_page.get_by_role("link", name="Check-ins").click()
    member_page.get_by_role("link", name="Take the PHQ-9").click()
    for number in range(1, 9):
        question = member_page.get_by_role("group", name=re.compile(rf"^{number}\. "))
        question.get_by_label("Not at all").check()
    member_page.get_by_role("group", name=re.compile(r"^9\. ")).get_by_label("Several days").check()
    member_page.get_by_role("button", name="See my result").click()

    expect(member_page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to face this alone"
    )
    expect(member_page.get_by_role("link", name="Call 999")).to_be_visible()
    expect(member_page.get_by_role("link", name="Call 116 123")).to_be_visible()
    assert not ReviewCase.objects.exists()  # nothing is shared before the member says yes
    member_page.get_by_label("Yes, I would like a Wall Guide to contact me.").check()
    member_page.get_by_role("button", name="Ask a Wall Guide to contact me").click()
    expect(member_page.get_by_role("status").first).to_contain_text("A Wall Guide will contact you")

    case = ReviewCase.objects.get(author=alice)
    assert case.priority == CasePriority.URGENT
    browser_sign_in(guide_page, live_asgi, guide, PASSWORD, totp_secret=secret)
    guide_page.goto(live_asgi + "/moderation/cases/")
    row = guide_page.get_by_role("link", name="Self-assessment in a private self-assessment")
    expect(row).to_be_visible()
    row.click()
    expect(guide_page.locator("main")).to_contain_text("Question 9")
    expect(guide_page.locator("main")).to_contain_text("Several days")
