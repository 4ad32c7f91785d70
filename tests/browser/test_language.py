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


def test_switching_to_english_translates_the_report_form(open_page):
    page = open_page("phone", "operator.samarinda")
    page.goto("/laporan/")
    assert page.locator("button[value=submit]").inner_text().strip() == "Kirim laporan"
    switch_to(page, "en")
    main = page.inner_text("main")
    assert page.locator("button[value=submit]").inner_text().strip() == "Submit report"
    assert page.locator("button[value=draft]").inner_text().strip() == "Save draft"
    for english in ("Overall readiness", "Security personnel", "This section is still accurate", "Logistics"):
        assert english in main
    assert "Number of people (police, military, Satpol PP, Linmas) deployed for security." in main
    for indonesian in ("Kirim laporan", "Simpan draf", "Bagian ini masih akurat", "Kesiapan umum"):
        assert indonesian not in main


def test_switching_to_english_translates_the_dashboard(open_page):
    page = open_page("desktop", "sekretariat")
    page.goto("/dasbor/")
    assert "7 dari 10 kabupaten/kota telah melapor" in page.inner_text("main")
    switch_to(page, "en")
    main = page.inner_text("main")
    assert "7 of 10 regencies/cities have reported" in main
    assert "Readiness map of the regencies/cities" in main
    assert "Peta kesiapan kabupaten/kota" not in main
    assert page.locator(".desk-navbar").get_by_text("Dashboard").is_visible()
