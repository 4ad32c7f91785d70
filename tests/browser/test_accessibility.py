"""Every page, as each role, at desktop and phone sizes: no serious or critical axe-core violation
of WCAG 2.1 AA, and no browser error (a Content-Security-Policy refusal included)."""

import pytest

from tests.browser.conftest import SIZES, axe_violations
from tests.pages import ACCOUNTS, MISSING, pages_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda name: name or "anonymous")
def test_every_page_of_a_role_has_no_serious_accessibility_violation(open_page, username):
    violations = []
    for size in SIZES:
        page = open_page(size, username or None, axe=True)
        for url in pages_of(username):
            page.goto(url)
            violations += axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda name: name or "anonymous")
def test_every_page_of_a_role_loads_without_a_browser_error_under_the_real_csp(open_page, username):
    page = open_page("phone", username or None)
    for url in pages_of(username):
        if url != MISSING:
            assert page.goto(url).ok, url
