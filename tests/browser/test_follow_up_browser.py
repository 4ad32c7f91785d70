"""In a real browser: an operator reads a follow-up on their report page, posts progress, and the
secretariat reads it; a reminder from the dashboard lights the operator's bell."""

import pytest
from django.urls import reverse

from notifications.models import FollowUpUpdate

pytestmark = pytest.mark.browser

PROGRESS = "Pendataan pemilih pemula di Bontang sudah 80 persen; sisa dua kelurahan."


def test_an_operator_posts_follow_up_progress_and_the_secretariat_reads_it(open_page):
    operator = open_page("phone", "operator.bontang")
    operator.goto(reverse("reports:report_form"))
    section = operator.locator("section", has_text="Tindak lanjut terbuka untuk wilayah Anda")
    section.get_by_role("link", name="Kabarkan perkembangan").first.click()
    operator.select_option("select[name=status]", "berjalan")
    operator.fill("textarea[name=text]", PROGRESS)
    operator.get_by_role("button", name="Kirim kabar").click()
    assert "Kabar tindak lanjut disimpan" in operator.inner_text("main")
    assert FollowUpUpdate.objects.get().text == PROGRESS

    desk = open_page("desktop", "sekretariat")
    desk.goto(reverse("reports:dashboard"))
    desk.locator("#follow-ups-title").locator("..").get_by_role(
        "link", name="Pendataan potensi pemilih pemula"
    ).click()
    main = desk.inner_text("main")
    assert PROGRESS in main and "Bontang · Sedang dikerjakan" in main


def test_a_reminder_from_the_dashboard_lights_the_operators_bell(open_page, settings):
    settings.NOTIFY_CHANNELS = ["aplikasi"]
    desk = open_page("desktop", "sekretariat")
    desk.goto(reverse("reports:dashboard"))
    desk.get_by_role("button", name="Ingatkan Kota Samarinda").click()
    assert "Pengingat untuk Kota Samarinda dikirim." in desk.inner_text("main")

    operator = open_page("phone", "operator.samarinda")
    operator.goto(reverse("reports:report_form"))
    assert operator.locator(".desk-bell-count").inner_text() == "1"
    operator.locator(".desk-bell").click()
    assert "Pengingat: laporan Desk Pilkada Kota Samarinda" in operator.inner_text("main")
