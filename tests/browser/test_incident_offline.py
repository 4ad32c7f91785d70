"""The incident form in the field on a 375-pixel phone: it opens without a signal (the worker kept
it), the time starts at now in WITA, a report made offline waits on the device with its 4000×3000
photo shrunk to 1600 px on the phone, and arrives when the signal returns; sent online over a slow
connection, the upload shows its progress."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from incidents.models import Incident
from tests.browser.test_offline import LOADED, QUEUED
from tests.incident_factories import photo_bytes

pytestmark = pytest.mark.browser

QUEUED_PHOTO = (
    "() => DeskQueue.all().then(entries => createImageBitmap(entries[0].entries"
    ".filter(pair => typeof pair[1] !== 'string')[0][1].file))"
    ".then(bitmap => [bitmap.width, bitmap.height])"
)


def visit_form_online(page) -> None:
    """One visit with a connection: the worker takes over and keeps the incident form."""
    page.goto(reverse("incidents:create"))
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if page.evaluate("() => navigator.serviceWorker.controller === null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "() => caches.open('desk-offline-' + document.body.dataset.offlineUser)"
        ".then(cache => cache.keys()).then(kept => kept.some(request => request.url === location.href))"
    )


def fill(page, description: str, size: tuple[int, int]) -> None:
    page.select_option("select[name=kecamatan]", label="Bontang Barat")
    page.fill("input[name=place]", "TPS 011")
    page.select_option("select[name=kind]", label="Konflik/gangguan kamtibmas")
    page.get_by_label("Darurat").check()
    page.fill("textarea[name=description]", description)
    page.set_input_files(
        "input[name=attachments]",
        {"name": "besar.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes(size)},
    )


def stored_size(incident: Incident) -> tuple[int, int]:
    attachment = incident.attachments.get()
    with attachment.file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read())).size


def test_an_incident_reported_offline_with_a_big_photo_arrives_shrunk_when_the_signal_returns(open_page):
    page = open_page("phone", "operator.bontang")
    visit_form_online(page)
    page.context.set_offline(True)
    page.reload()  # the form opens from the device, not the browser's error page
    typed_time = page.input_value("input[name=occurred_at]")
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}\.\d{2}", typed_time), typed_time  # now, in WITA
    fill(page, "Spanduk provokatif dipasang di dekat TPS 011.", (4000, 3000))
    page.get_by_role("button", name="Kirim laporan kejadian").click()

    queued = page.locator("[data-incident-queued]")
    expect(queued).to_be_visible()
    page.wait_for_function(f"{QUEUED}.then(count => count === 1)")
    assert page.evaluate(QUEUED_PHOTO) == [1600, 1200]  # shrunk on the phone, before any upload
    assert not Incident.objects.filter(description__startswith="Spanduk provokatif").exists()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path="docs/screenshots/incident-queued-id-phone.png")

    page.context.set_offline(False)
    sent = page.locator("[data-incident-sent]")
    expect(sent).to_be_visible(timeout=LOADED)
    incident = Incident.objects.get(description__startswith="Spanduk provokatif")
    assert max(stored_size(incident)) <= 1600
    assert sent.locator("a").get_attribute("href").endswith(incident.get_absolute_url())
    page.wait_for_function(f"{QUEUED}.then(count => count === 0)")


def test_an_incident_sent_online_over_a_slow_connection_shows_the_uploads_progress(open_page):
    page = open_page("phone", "operator.bontang")
    page.goto(reverse("incidents:create"))
    expect(page.get_by_role("button", name="Sekarang")).to_be_visible()
    fill(page, "Logistik tertahan banjir di Bontang Barat.", (4000, 3000))
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 50, "downloadThroughput": 250_000, "uploadThroughput": 25_000},
    )
    page.get_by_role("button", name="Kirim laporan kejadian").click()
    bar = page.locator("[data-upload-progress]")
    expect(bar).to_be_visible()
    page.wait_for_function("() => document.querySelector('#upload-progress').value > 0")
    page.wait_for_url(re.compile(r"/kejadian/\d+/$"), timeout=LOADED)
    incident = Incident.objects.get(description__startswith="Logistik tertahan")
    assert stored_size(incident) == (1600, 1200)
