"""End to end in a real browser: an organisation admin signs in with a TOTP code,
creates an access code in the portal, and a newcomer joins Harbour with it; and an
axe-core scan of every portal page finds nothing serious.

Each step is a function so later checks (the reports dashboard after the daily
aggregation) can be added to the same journey."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from tests.auth import totp_enable
from tests.browser.harness import browser_sign_in
from tests.browser.test_selfcare_axe import AXE, BLOCKING, violations_on
from tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE_PATTERN = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def admin_signs_in(page, base_url, organisation):
    admin = UserFactory(
        role=Role.ORG_ADMIN, handle="admin-nell", email="nell@eastfield.example",
        organisation=organisation,
    )  # fmt: skip
    secret = totp_enable(admin)
    browser_sign_in(page, base_url, admin, PASSWORD, totp_secret=secret)
    page.goto(base_url + "/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    return admin


def admin_creates_code(page, base_url, label: str) -> str:
    page.goto(base_url + "/portal/access-codes/")
    page.get_by_label("Label").fill(label)
    page.get_by_label("Most people who can join with it").fill("25")
    page.get_by_role("button", name="Create code").click()
    message = page.get_by_role("status").filter(has_text="New access code")
    expect(message).to_be_visible()
    code = CODE_PATTERN.search(message.inner_text()).group(0)
    expect(page.locator("table")).to_contain_text("0 of 25")
    return code


def newcomer_signs_up_with_code(page, base_url, code: str, email: str):
    page.goto(base_url + "/accounts/signup/")
    page.get_by_label("Your name on Harbour").fill("steady-larch-4")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a quiet walk by the river")
    page.get_by_label("Date of birth").fill("2002-02-14")
    page.get_by_label("Country you live in").select_option("GB")
    page.get_by_label("Access code (optional)").fill(code.lower())
    page.get_by_label("I agree to the house rules").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_label("I understand that if I may be in danger").check()
    page.get_by_role("button", name="Join Harbour").click()
    expect(page.get_by_role("heading", name=re.compile("verify", re.I))).to_be_visible()
    return User.objects.get(email=email)


def admin_sees_one_use(page, base_url, code: str):
    page.goto(base_url + "/portal/access-codes/")
    expect(page.get_by_role("row").filter(has_text=code)).to_contain_text("1 of 25")


def daily_aggregation_runs():
    call_command("aggregate_insights", stdout=StringIO())


def admin_sees_the_sign_up_as_fewer_than_5(page, base_url):
    page.goto(base_url + "/portal/")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Reports").click()
    sign_ups = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Sign-ups"))
    expect(sign_ups.first).to_contain_text("fewer than 5")
    csv = page.request.get(base_url + "/portal/reports/report.csv").text()
    assert "fewer than 5" in csv


def test_an_org_admin_creates_a_code_and_a_newcomer_joins_with_it(live_asgi, browser):
    organisation = OrganisationFactory(name="Eastfield College")
    admin_page = browser.new_context().new_page()
    newcomer_page = browser.new_context().new_page()

    admin_signs_in(admin_page, live_asgi, organisation)
    code = admin_creates_code(admin_page, live_asgi, "School of Nursing")
    member = newcomer_signs_up_with_code(newcomer_page, live_asgi, code, "larch@example.com")

    assert member.organisation == organisation
    assert member.access_code.label == "School of Nursing"
    assert member.role == Role.MEMBER
    admin_sees_one_use(admin_page, live_asgi, code)
    assert "steady-larch-4" not in admin_page.content()

    daily_aggregation_runs()
    admin_sees_the_sign_up_as_fewer_than_5(admin_page, live_asgi)
    assert "steady-larch-4" not in admin_page.content()


PORTAL_PATHS = [
    "/portal/",
    "/portal/access-codes/",
    "/portal/email-domains/",
    "/portal/settings/",
    "/portal/branding/",
    "/portal/crisis-lines/",
    "/portal/reports/",
]


def test_no_portal_page_has_a_serious_or_critical_accessibility_violation(live_asgi, browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make npm` (npm ci) first")
    organisation = OrganisationFactory(name="Eastfield College")
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    admin_signs_in(page, live_asgi, organisation)
    admin_creates_code(page, live_asgi, "School of Nursing")
    found = {}
    for path in PORTAL_PATHS:
        assert page.goto(live_asgi + path).status == 200, path
        serious = [v for v in violations_on(page) if v["impact"] in BLOCKING]
        if serious:
            found[path] = serious
    context.close()
    assert found == {}, found
