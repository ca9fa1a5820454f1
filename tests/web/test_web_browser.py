"""The analyst UI in headless Chromium: sign in, open an alert, take it (assign it to oneself,
find it under "assigned to me"), decide, a second reviewer confirms. Screenshots of each step go
to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from liveserver import live_server
from playwright.sync_api import Browser, Page, sync_playwright
from webapp import build_app

from sanctionwatch.index import Index
from sanctionwatch.store import Store, get_alert

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: run .ci/install-browser"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"))


def sign_in(page: Page, base: str, key: str) -> None:
    page.goto(f"{base}/ui/login")
    page.fill("#key", key)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/ui/alerts")


def decide(page: Page, match_id: int, verdict: str, reason: str) -> None:
    form = page.locator(f"#match-{match_id} form.decide")
    form.locator("select[name=verdict]").select_option(verdict)
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_analyst_decides_and_second_reviewer_confirms(
    browser: Browser, index: Index, store: Store, users: dict[str, str], alert_id: int
) -> None:
    match_id = get_alert(store, alert_id).matches[0].id
    with live_server(build_app(index, store)) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: dialog.accept())
        sign_in(page, base, users["reviewer"])
        assert page.locator("#who").inner_text() == "rev (reviewer)"
        shot(page, "1-queue")
        page.click("text=Kim Jong Un >> nth=0")
        page.wait_for_url(f"{base}/ui/alerts/{alert_id}")
        assert "KIM, Jong Un" in page.locator(f"#match-{match_id} h2").inner_text()
        assert page.locator(f"#match-{match_id} .value.agree").count() >= 1
        shot(page, "2-alert")
        page.click("text=Assign to me")
        page.wait_for_url(f"{base}/ui/alerts/{alert_id}?*")
        assert page.locator("#assignee").inner_text() == "rev"
        assert "Assigned to rev." in page.locator(".message").inner_text()
        page.click("nav >> text=Alerts")
        page.select_option("select[name=assigned]", "none")  # the filters submit on change
        page.wait_for_url("**assigned=none*")
        assert "No alerts match these filters." in page.locator("table.queue").inner_text()
        page.select_option("select[name=assigned]", "me")
        page.wait_for_url("**assigned=me*")
        shot(page, "2a-mine")
        page.click("text=Kim Jong Un >> nth=0")
        page.wait_for_url(f"{base}/ui/alerts/{alert_id}")
        decide(page, match_id, "true_match", "Name and nationality agree.")
        assert "Recorded true_match" in page.locator(".message").inner_text()
        state = page.locator(f"#match-{match_id} [data-state]")
        assert state.get_attribute("data-state") == "pending_true_match"
        shot(page, "3-proposed")
        decide(page, match_id, "confirm", "Confirming my own decision.")
        assert "second, different reviewer" in page.locator(".error").inner_text()
        page.click("text=Sign out")
        page.wait_for_url(f"{base}/ui/login")
        sign_in(page, base, users["reviewer2"])
        page.goto(f"{base}/ui/alerts/{alert_id}")
        decide(page, match_id, "confirm", "Passport number checked.")
        assert state.get_attribute("data-state") == "true_match"
        shot(page, "4-confirmed")
        page.click("text=Lists")
        assert "un_sc" in page.locator("table").inner_text()
        shot(page, "5-lists")
        page.close()
    detail = get_alert(store, alert_id)
    assert detail.matches[0].state.value == "true_match"
    assert detail.alert.assignee == "rev"
