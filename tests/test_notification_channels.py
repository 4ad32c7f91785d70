"""Each channel delivers for real and the log records what happened: e-mail through an SMTP server
started on loopback, the HTTP gateway against a local server (with a timeout and retries), the
WhatsApp click-to-chat link with the right number and text, and the bell."""

import datetime as dt
import http.server
import json
import threading
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import events
from notifications.forms import ContactForm
from notifications.models import Contact, Notification
from notifications.phones import indonesian, to_e164
from notifications.sending import redispatch_stale
from regions.models import Region
from tests.production import free_port
from tests.security_data import browser

pytestmark = pytest.mark.django_db


class Gateway(http.server.BaseHTTPRequestHandler):
    """Answers each POST with the next of ``script``: a status, or ("sleep", seconds) first."""

    script: list = []
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Gateway.received.append((dict(self.headers), json.loads(body)))
        step = Gateway.script.pop(0) if Gateway.script else 200
        if isinstance(step, tuple):
            time.sleep(step[1])
            step = 200
        self.send_response(step)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        return None


@pytest.fixture
def gateway(settings):
    Gateway.script, Gateway.received = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NOTIFY_CHANNELS = ["gateway"]
    settings.NOTIFY_GATEWAY = {
        "URL": f"http://127.0.0.1:{server.server_port}/send",
        "TOKEN": "rahasia-gateway",
        "TEMPLATE": '{"to": "$phone", "body": {"text": "$message"}}',
        "TIMEOUT": 0.5,
        "RETRIES": 2,
        "BACKOFF": 0,
    }
    yield Gateway
    server.shutdown()
    server.server_close()


def samarinda() -> Region:
    return Region.objects.get(kemendagri_code="64.72")


def remind_samarinda(demo, django_capture_on_commit_callbacks) -> list[Notification]:
    with django_capture_on_commit_callbacks(execute=True):
        events.remind(demo, samarinda())
    return list(Notification.objects.filter(region=samarinda()))


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "0812.3456.7890"])
def test_a_mobile_number_typed_any_usual_way_is_stored_in_e164_and_shown_with_dashes(operator, typed):
    form = ContactForm({"user": operator.pk, "phone": typed})
    assert form.is_valid(), form.errors
    contact = form.save()
    assert Contact.objects.get(pk=contact.pk).phone == "+6281234567890"
    assert contact.phone_display == "0812-3456-7890"


@pytest.mark.parametrize("typed", ["0541-123456", "+1 202 555 0100", "0812", "nomor saya", "08" + "1" * 20])
def test_a_number_that_is_not_an_indonesian_mobile_is_refused_with_a_message(operator, typed):
    form = ContactForm({"user": operator.pk, "phone": typed})
    assert not form.is_valid()
    assert "Tulis nomor ponsel Indonesia" in str(form.errors["phone"]) or "paling banyak" in str(
        form.errors["phone"]
    )
    assert not Contact.objects.exists()


def test_a_long_number_is_shown_in_groups_of_four():
    assert indonesian(to_e164("0812 3456 78901")) == "0812-3456-78901"


def test_the_drilldown_of_a_missing_region_offers_call_and_whatsapp_with_the_reminder_prefilled(demo):
    page = browser("sekretariat").get(reverse("reports:region_detail", args=[demo.pk, samarinda().pk]))
    html = page.content.decode()
    assert 'href="tel:+628125647200"' in html
    assert "0812-5647-200" in html
    link = next(part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("https://wa.me/"))
    parsed = urlparse(link.replace("&amp;", "&"))
    assert parsed.netloc == "wa.me" and parsed.path == "/628125647200"
    text = parse_qs(parsed.query)["text"][0]
    assert "Kota Samarinda" in text and "belum dikirim" in text and "08.00 WITA" in text


def test_email_reaches_the_operator_through_a_real_smtp_server(
    demo, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_CHANNELS = ["email"]
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    [(to, sent)] = mailbox.received
    content = sent.decode("utf8", "replace")
    assert to == ["operator.samarinda@desk.kaltimprov.go.id"]
    assert "Pengingat: laporan Desk Pilkada Kota Samarinda" in content
    row.refresh_from_db()
    assert (row.channel, row.result, row.address) == ("email", "terkirim", to[0])
    assert row.sent_at is not None


def test_an_smtp_server_that_does_not_answer_is_recorded_as_failed(
    demo, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.NOTIFY_CHANNELS = ["email"]
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.result == "gagal"
    assert "Connection" in row.error or "refused" in row.error


def test_the_gateway_gets_the_number_and_message_with_the_token(
    demo, gateway, django_capture_on_commit_callbacks
):
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    [(headers, body)] = gateway.received
    assert headers["Authorization"] == "Bearer rahasia-gateway"
    assert body["to"] == "+628125647200"
    assert "Kota Samarinda" in body["body"]["text"]
    row.refresh_from_db()
    assert (row.channel, row.result) == ("gateway", "terkirim")


def test_the_gateway_is_retried_after_a_timeout_and_the_second_try_counts(
    demo, gateway, django_capture_on_commit_callbacks
):
    gateway.script = [("sleep", 1.5)]
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    assert len(gateway.received) == 2
    row.refresh_from_db()
    assert row.result == "terkirim"


def test_a_gateway_that_keeps_failing_is_tried_three_times_then_recorded_as_failed(
    demo, gateway, django_capture_on_commit_callbacks
):
    gateway.script = [503, 503, 503]
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    assert len(gateway.received) == 3
    row.refresh_from_db()
    assert row.result == "gagal"
    assert row.error == "HTTP 503 setelah 3 percobaan"


def test_a_gateway_refusal_is_not_retried(demo, gateway, django_capture_on_commit_callbacks):
    gateway.script = [401]
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    assert len(gateway.received) == 1
    row.refresh_from_db()
    assert row.error == "HTTP 401 setelah 1 percobaan"


def test_an_operator_without_a_phone_gets_a_failed_row_saying_why(
    demo, gateway, django_capture_on_commit_callbacks
):
    Contact.objects.filter(user__username="operator.samarinda").delete()
    [row] = remind_samarinda(demo, django_capture_on_commit_callbacks)
    assert row.result == "gagal"
    assert "tidak punya alamat" in row.error
    assert gateway.received == []


def test_the_bell_counts_unread_notices_and_the_notices_page_marks_them_read(demo, settings):
    settings.NOTIFY_CHANNELS = ["aplikasi"]
    events.remind(demo, samarinda())
    operator = browser("operator.samarinda")
    page = operator.get(reverse("reports:report_form")).content.decode()
    assert 'desk-bell-count">1<' in page
    notices = operator.get(reverse("notifications:notices")).content.decode()
    assert "Pengingat: laporan Desk Pilkada Kota Samarinda" in notices
    operator.post(reverse("notifications:notices"))
    assert "desk-bell-count" not in operator.get(reverse("reports:report_form")).content.decode()
    assert not Notification.objects.filter(read_at=None).exists()


def test_an_operator_never_sees_another_regions_notices(demo, settings):
    settings.NOTIFY_CHANNELS = ["aplikasi"]
    events.remind(demo, samarinda())
    page = browser("operator.kutim").get(reverse("notifications:notices")).content.decode()
    assert "Samarinda" not in page
    assert "desk-bell-count" not in page


def test_only_the_desk_reads_a_regions_notification_log(demo, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_CHANNELS = ["email"]
    remind_samarinda(demo, django_capture_on_commit_callbacks)
    url = reverse("notifications:region_log", args=[samarinda().pk])
    assert browser("operator.samarinda").get(url).status_code == 403
    page = browser("sekretariat").get(url).content.decode()
    assert "operator.samarinda@desk.kaltimprov.go.id" in page
    assert "Terkirim" in page
    assert len(mail.outbox) == 1


def test_a_notification_left_pending_is_sent_by_the_next_sweep_and_only_once(demo, settings):
    settings.NOTIFY_CHANNELS = ["email"]
    [row] = events.remind(demo, samarinda())  # the commit never came: the row stays pending
    assert redispatch_stale() == 0  # too recent to be called stale
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    assert redispatch_stale() == 1
    assert redispatch_stale() == 0
    row.refresh_from_db()
    assert row.result == "terkirim"
    assert len(mail.outbox) == 1


def test_a_user_keeps_their_own_number_and_address_current_and_a_bad_number_is_kept_beside_its_message(
    demo,
):
    client = browser("operator.samarinda")
    url = reverse("notifications:my_contact")
    assert 'value="0812-5647-200"' in client.get(url).content.decode()
    response = client.post(url, {"email": "samarinda@kaltimprov.go.id", "phone": "0541 12345"})
    page = response.content.decode()
    assert "Tulis nomor ponsel Indonesia" in page and 'value="0541 12345"' in page
    assert Contact.objects.get(user__username="operator.samarinda").phone == "+628125647200"
    client.post(url, {"email": "samarinda@kaltimprov.go.id", "phone": "+62 811 2222 3333"})
    contact = Contact.objects.get(user__username="operator.samarinda")
    assert (contact.phone, contact.user.email) == ("+6281122223333", "samarinda@kaltimprov.go.id")
    client.post(url, {"email": "samarinda@kaltimprov.go.id", "phone": ""})
    assert not Contact.objects.filter(user__username="operator.samarinda").exists()
