"""The language switch in the footer: it translates the page and the choice stays."""

import pytest

pytestmark = pytest.mark.browser


def switch_to(page, language: str) -> None:
    page.locator("footer select[name=language]").select_option(value=language)
    page.locator("footer form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_visitor_switches_the_login_page_to_english_and_english_stays_after_signing_in(open_page):
    page = open_page("phone")
    page.goto("/akun/login/")
    assert page.locator("h1").inner_text() == "Masuk ke Desk Pilkada"
    switch_to(page, "en")
    assert page.locator("h1").inner_text() == "Sign in to Desk Pilkada"
    assert page.locator("html").get_attribute("lang") == "en"
    page.fill("input[name=username]", "operator.bontang")
    page.fill("input[name=password]", "DeskKaltim2024!")
    page.locator("main form button[type=submit]").click()
    page.goto("/panduan/")
    assert page.locator("h1").inner_text() == "Regency/city operator guide"
    switch_to(page, "id")
    assert page.locator("h1").inner_text() == "Panduan operator kabupaten/kota"
