"""Phone-sized pages: no serious accessibility problems, and the menu opens and closes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/aanbod", "/inloggen", "/registreren"])
def test_public_pages_pass_axe_on_a_phone(live_server, mobile_page, visit, path):
    visit(mobile_page, path)

    assert mobile_page.locator("h1").count() == 1
    # Nothing sticks out sideways: a phone user never has to scroll horizontally.
    overflow = mobile_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_menu_toggler_opens_the_navigation_on_a_phone(live_server, mobile_page, visit, axe_check):
    visit(mobile_page, "/")
    toggler = mobile_page.get_by_role("button", name="Menu openen")
    login = mobile_page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Inloggen")
    assert toggler.get_attribute("aria-expanded") == "false"
    assert not login.is_visible()

    toggler.click()

    login.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    axe_check(mobile_page)  # the open menu is scanned too

    login.click()
    mobile_page.wait_for_url("**/inloggen*")
    assert mobile_page.get_by_role("heading", level=1).is_visible()
