"""Measured, not promised: an axe-core scan of every self-care page finds nothing serious.

axe-core comes from npm (package.json, `make npm`); Playwright injects it into each
page. The context bypasses the page's Content Security Policy only so the injected
script can run: Harbour's own pages carry no inline script.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.harness import browser_sign_in
from tests.factories import PASSWORD, UserFactory
from tests.selfcare.pages import member_history_create, selfcare_urls, shipped_content_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(" "))
  }));
}"""


@pytest.fixture
def scanner(browser, live_asgi):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make npm` (npm ci) first")
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def violations_on(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def test_no_self_care_page_has_a_serious_or_critical_accessibility_violation(live_asgi, scanner):
    shipped_content_ensure()
    member = UserFactory(handle="alice-wren", email="alice@example.com", country="GB")
    urls = selfcare_urls(member_history_create(member))
    assert sum("/self-care/library/" in url for url in urls) >= 12 + 2  # shipped content is there
    browser_sign_in(scanner, live_asgi, member, PASSWORD)
    found, minor = {}, {}
    for url in urls:
        assert scanner.goto(live_asgi + url).status == 200, url
        _sort(url, violations_on(scanner), found, minor)
    # A form sent back with errors is a page too.
    scanner.goto(live_asgi + urls[3])
    scanner.get_by_role("button", name="See my result").click()
    _sort(urls[3] + " (with errors)", violations_on(scanner), found, minor)
    print(f"\naxe-core: {len(urls) + 1} pages; minor or moderate: {json.dumps(minor)}")
    assert found == {}, json.dumps(found, indent=1)


def test_the_scan_does_find_a_serious_violation_when_there_is_one(live_asgi, scanner):
    scanner.goto(live_asgi + "/help/")
    scanner.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {violation["id"] for violation in violations_on(scanner)}


def _sort(url, violations, found, minor):
    for violation in violations:
        bucket = found if violation["impact"] in BLOCKING else minor
        bucket.setdefault(url, []).append(f"{violation['impact']} {violation['id']}")
