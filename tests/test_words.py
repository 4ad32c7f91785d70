"""The desk's words say what is true: a region that has reported is not told its report is missing,
a review without a note quotes no empty note, the admin names a certificate it has just added, the
letter page names an official one way, and the number register writes its year as a year."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from notifications import events
from notifications.models import Notification
from regions.models import Region
from reports.forms.desk import FollowUpForm
from reports.models import LetterCounter, RakorSession, ReadinessReport
from tests import letters, pki
from tests.conftest import make_user
from tests.security_data import browser

pytestmark = pytest.mark.django_db


def whatsapp_texts(html: str) -> list[str]:
    links = [part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("https://wa.me/")]
    return [parse_qs(urlparse(link.replace("&amp;", "&")).query).get("text", [""])[0] for link in links]


def test_the_drilldown_of_a_region_that_has_reported_prefills_no_missing_report_reminder(demo):
    """The WhatsApp link of a region whose report was sent does not say the report is missing."""
    bontang = Region.objects.get(kemendagri_code="64.74")
    assert ReadinessReport.objects.filter(session=demo, region=bontang).exclude(status="draf").exists()
    page = browser("sekretariat").get(reverse("reports:region_detail", args=[demo.pk, bontang.pk]))
    texts = whatsapp_texts(page.content.decode())
    assert texts and all("belum dikirim" not in text for text in texts)


def test_an_acceptance_without_a_note_says_nothing_about_a_note(demo, settings):
    """The operator's acceptance message leaves the reviewer's note out when there is none."""
    report = ReadinessReport.objects.filter(session=demo).exclude(status="draf").first()
    report.status, report.reviewer_comment = ReadinessReport.Status.ACCEPTED, ""
    report.reviewed_by = User.objects.get(username="sekretariat")
    report.save()
    events.report_reviewed(report)
    message = Notification.objects.filter(event=Notification.Event.REPORT_ACCEPTED).latest("pk").message
    assert "diterima oleh sekretariat" in message
    assert "Catatan pemeriksa" not in message and "tanpa catatan" not in message


def test_a_return_with_a_note_quotes_it(demo):
    """A returned report's message still quotes the reviewer's note."""
    report = ReadinessReport.objects.filter(session=demo).exclude(status="draf").first()
    report.status, report.reviewer_comment = ReadinessReport.Status.RETURNED, "Lengkapi data TPS."
    report.save()
    events.report_reviewed(report)
    message = Notification.objects.filter(event=Notification.Event.REPORT_RETURNED).latest("pk").message
    assert "Catatan pemeriksa: “Lengkapi data TPS.”. Perbaiki lalu kirim kembali:" in message


def test_the_admin_names_the_certificate_it_has_just_added(client, demo):
    """The admin's success message names the signer and the certificate's owner, never an empty name."""
    client.force_login(make_user("admin.words", is_staff=True, is_superuser=True))
    bundle, _ca = pki.make("Sri Wahyuni", b"sandi-uji")
    response = client.post(
        reverse("admin:reports_signercertificate_add"),
        {
            "user": User.objects.get(username="sekda").pk,
            "file": SimpleUploadedFile("sekda.p12", bundle, "application/x-pkcs12"),
            "secret": "sandi-uji",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Dr. Hj. Sri Wahyuni, M.Pd. — CN=Sri Wahyuni" in page
    assert "“ ”" not in page


def test_the_letter_page_names_the_signer_with_the_profiles_full_name(demo):
    """ "Diketahui … saat menandatangani" names the Sekda as the letter does, with her titles."""
    letters.sign(demo)
    RakorSession.objects.filter(pk=demo.pk).update(
        sign_off_acknowledged=[{"kind": "belum_diperiksa", "regions": ["Kota Bontang"]}]
    )
    page = browser("sekretariat").get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "Diketahui Dr. Hj. Sri Wahyuni, M.Pd. saat menandatangani" in page
    assert "Diketahui Sri Wahyuni saat" not in page


def test_the_number_register_writes_the_year_without_a_thousands_separator(client, demo):
    """The admin's register list shows 2026, not 2.026."""
    client.force_login(make_user("admin.register", is_staff=True, is_superuser=True))
    LetterCounter.objects.create(year=timezone.now().year, last=12)
    page = client.get(reverse("admin:reports_lettercounter_changelist")).content.decode()
    year = str(timezone.now().year)
    assert f">{year}<" in page and f">{year[0]}.{year[1:]}<" not in page


def test_a_rakor_is_named_with_the_long_date_everywhere(demo):
    """A rakor's name, as history, mails and WhatsApp print it, reads "18 November 2024"."""
    assert str(demo) == "Rakor mingguan 18 November 2024"
    samarinda = Region.objects.get(kemendagri_code="64.72")
    assert "Rakor mingguan 18 November 2024" in events.reminder_text(demo, samarinda)


def test_the_follow_ups_due_date_is_typed_as_dd_mm_yyyy_like_report_dates(demo):
    """The follow-up form's due date is a typed dd/mm/yyyy field, not the browser's date picker."""
    form = FollowUpForm(
        {"source": "rakor", "title": "Periksa gudang", "agency": "kpu", "due_date": "25/11/2024"},
        session=demo,
    )
    html = str(form["due_date"])
    assert 'type="date"' not in html and 'placeholder="hh/bb/tttt"' in html
    form.is_valid()
    assert "due_date" not in form.errors
    assert form.cleaned_data["due_date"].isoformat() == "2024-11-25"
