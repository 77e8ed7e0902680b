"""End to end in headless Chromium: the compass drawn large enough to read, and a keyboard following a needle.

(Every page kind's phone width, accessibility and screenshots, the frameworks' diagrams among them:
``test_browser_every_page.py``.)
"""

from __future__ import annotations

import pytest

from tests.support.browser import open_tab

pytestmark = pytest.mark.browser

COMPASS = "/doc/framework/kompas-ambtelijk-leiderschap"


def test_the_compass_is_drawn_large_enough_to_read_and_a_keyboard_follows_a_needle(chromium, real_server) -> None:
    with open_tab(chromium, lang="en") as tab:
        tab.goto(real_server + COMPASS + "?lang=en")
        box = tab.locator("svg.compass-svg").bounding_box()
        assert box is not None and box["width"] >= 600
        tab.locator("svg.compass-svg a").first.focus()
        for _ in range(4):  # the first dimension, then its needles
            if tab.evaluate("document.activeElement.classList.contains('mark')"):
                break
            tab.keyboard.press("Tab")
        target = tab.evaluate("document.activeElement.getAttribute('href')")
        assert target.startswith("/doc/item/kompas-ambtelijk-leiderschap-naalden-")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert tab.url.split("?")[0].endswith(target)
