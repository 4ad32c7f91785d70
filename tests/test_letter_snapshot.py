"""The letter is one snapshot: from a fresh desk, submitting it for paraf pins its text and its data
together; a report, an incident or a follow-up that moves afterwards withdraws the chain with a
message naming what changed; the files forwarded after a new submission agree with each other; a
returned report blocks the submission; the Kepala Kesbangpol and the Sekda can send the letter back
with a reason."""

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.access import Role
from incidents import workflow as incident_workflow
from incidents.models import Incident
from regions.models import Region
from reports.brief.checklist import Check
from reports.models import (
    WITA,
    FollowUp,
    ForwardedBrief,
    LetterSettings,
    LetterStep,
    RakorSession,
    ReadinessReport,
)
from reports.workflow import desk as desk_workflow
from tests import letters
from tests.conftest import make_user
from tests.test_letter_truth import FIRST_WEEK, FUTURE, send

pytestmark = pytest.mark.django_db

PERSONNEL = capfirst(str(ReadinessReport._meta.get_field("security_personnel").verbose_name))


@pytest.fixture
def rakor(election) -> RakorSession:
    """The 18 November 2024 rakor of a fresh desk, every region's report typed on its phone."""
    session = RakorSession.objects.create(election=election, date=dt.date(2024, 11, 18), deadline=FUTURE)
    for code, typed in FIRST_WEEK.items():
        send(phone(code), session, **typed)
    return session


def phone(code: str) -> Client:
    """The logged-in browser of the operator of the region ``code`` (made the first time)."""
    region = Region.objects.get(kemendagri_code=code)
    user = region.memberships.first()
    client = Client()
    client.force_login(user.user if user else make_user(f"operator.{code}", Role.OPERATOR, region))
    return client


@pytest.fixture
def people(db) -> dict[str, Client]:
    """The secretariat, the Kepala Kesbangpol (who initials) and the Sekda (who signs, verified)."""
    secretariat = make_user("sekretariat", Role.SECRETARIAT, first_name="Sekretariat")
    head = make_user("kepala", Role.HEAD, first_name="Kepala Kesbangpol")
    sekda = make_user("sekda", Role.LEADER, first_name="Sekda")
    letter = LetterSettings.load()
    letter.signer = sekda
    letter.save()
    letter.initialers.add(head)
    desk, chief = Client(), Client()
    desk.force_login(secretariat)
    chief.force_login(head)
    return {"desk": desk, "chief": chief, "signer": letters.verified_client(sekda)}


def url(name: str, session: RakorSession) -> str:
    return reverse(f"reports:{name}", args=[session.pk])


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def step(client: Client, name: str, session: RakorSession):
    code = {"token": letters.code_of(client)} if name == "brief_sign_off" else {}
    return client.post(
        url(name, session), {"seen": letters.seen(session), "acknowledged": Check.values, **code}
    )


def submitted_and_initialled(people: dict[str, Client], session: RakorSession) -> None:
    assert "Naskah diajukan untuk paraf." in told(step(people["desk"], "brief_submit", session))
    assert "Naskah telah Anda paraf" in told(step(people["chief"], "brief_paraf", session))[0]


def standing(session: RakorSession) -> list[str]:
    return [s.kind for s in LetterStep.objects.filter(session=session, cleared_at=None)]


def withdrawn_on_page(people: dict[str, Client], session: RakorSession) -> str:
    """The withdrawal message the secretariat reads on the letter's page."""
    response = people["desk"].get(url("brief", session))
    assert response.context["withdrawn_reason"] in response.content.decode()
    return response.context["withdrawn_reason"]


def report_of(session: RakorSession, code: str) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region__kemendagri_code=code)


def review(client: Client, report: ReadinessReport, decision: str, comment: str = ""):
    report.refresh_from_db()
    return client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": report.version},
    )


def test_a_report_returned_and_sent_again_after_paraf_withdraws_the_chain_naming_the_region(rakor, people):
    """A report returned and resent after the paraf withdraws the chain; the page names the region."""
    submitted_and_initialled(people, rakor)
    review(people["desk"], report_of(rakor, "64.74"), "return", "Periksa lagi jumlah personel.")
    assert standing(rakor) == []
    send(phone("64.74"), rakor, security_personnel="1.230")

    said = withdrawn_on_page(people, rakor)
    assert said.startswith(
        "Rantai naskah dibatalkan karena data berubah setelah diajukan: laporan Kota Bontang"
    )
    assert said.endswith("Sekretariat perlu mengajukan ulang.")
    assert "Dikembalikan" in said
    page = people["chief"].get(url("brief", rakor)).content.decode()
    assert "laporan Kota Bontang" in page and "Paraf naskah" not in page


def test_a_figure_changed_after_paraf_withdraws_the_chain_and_the_sekda_cannot_sign(rakor, people):
    """A changed figure withdraws the chain naming the region, the column and old → new; the
    Sekda's signature is refused, and so it is when the data moved without passing a write."""
    submitted_and_initialled(people, rakor)
    send(phone("64.74"), rakor, security_personnel="1.230")

    said = withdrawn_on_page(people, rakor)
    assert f"laporan Kota Bontang ({PERSONNEL} 1.214 → 1.230" in said
    refused = told(step(people["signer"], "brief_sign_off", rakor))[-1]
    assert refused == "Naskah belum diajukan sekretariat untuk paraf."

    submitted_and_initialled(people, rakor)
    ReadinessReport.objects.filter(pk=report_of(rakor, "64.74").pk).update(security_personnel=1300)
    refused = told(step(people["signer"], "brief_sign_off", rakor))[-1]
    assert refused.startswith("Rantai naskah dibatalkan") and f"{PERSONNEL} 1.230 → 1.300" in refused
    assert standing(rakor) == []  # the withdrawal is kept although the signature was refused
    assert RakorSession.objects.get(pk=rakor.pk).signed_off_at is None
    assert f"{PERSONNEL} 1.230 → 1.300" in withdrawn_on_page(people, rakor)


def test_the_forwarded_pdf_its_attachment_and_the_xlsx_agree_after_a_resubmission(rakor, people):
    """After a change, a new submission and the signature, the forwarded PDF's body, its attachment
    and the XLSX give the same personnel per region, and the PDF says what moment its data is from."""
    submitted_and_initialled(people, rakor)
    send(phone("64.74"), rakor, security_personnel="1.230")
    assert standing(rakor) == []

    submitted_and_initialled(people, rakor)
    assert "Naskah ditandatangani" in told(step(people["signer"], "brief_sign_off", rakor))[0]
    assert (
        "Laporan diteruskan" in told(people["desk"].post(url("brief_forward", rakor), {"confirm": "on"}))[-1]
    )

    sent = ForwardedBrief.objects.get(session=rakor)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(bytes(sent.pdf))).pages]
    first = next(n for n, text in enumerate(pages) if "LAMPIRAN SURAT" in text)
    body, attachment = " ".join(pages[:first]), " ".join(pages[first:])
    sheet = load_workbook(io.BytesIO(bytes(sent.xlsx))).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    figures = {
        row[headers.index("Kabupaten/kota")]: row[headers.index(PERSONNEL)]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[headers.index(PERSONNEL)] is not None
        and row[headers.index("Kabupaten/kota")] != "Jumlah provinsi"
    }
    assert figures == {"Kota Bontang": 1230, "Kabupaten Paser": 610, "Kabupaten Kutai Timur": 880}
    for region, personnel in figures.items():
        printed = f"{personnel:,}".replace(",", ".")
        assert printed in attachment, region
        assert printed in body, region
    assert "1.214" not in body + attachment
    assert "data per" in attachment.lower()
    assert bytes(sent.csv).decode("utf-8-sig").count("1230") == 1


def test_a_returned_report_refuses_the_submission_with_a_clear_message(rakor, people):
    """While a report is returned for correction, the letter cannot be submitted for paraf."""
    review(people["desk"], report_of(rakor, "64.74"), "return", "Periksa lagi jumlah personel.")
    assert told(step(people["desk"], "brief_submit", rakor))[-1] == (
        "Laporan Kota Bontang dikembalikan untuk diperbaiki dan belum dikirim ulang. Naskah dapat "
        "diajukan untuk paraf setelah operator mengirim ulang laporannya."
    )
    assert standing(rakor) == []


def test_the_kepala_sends_the_letter_back_with_a_reason_the_secretariat_reads(rakor, people):
    """The Kepala Kesbangpol sends the letter back: the chain is cleared and his reason shown; an
    operator or a partner agency cannot; an empty reason is told beside the field."""
    submitted_and_initialled(people, rakor)
    operator = phone("64.74")
    partner = Client()
    partner.force_login(make_user("mitra", Role.PARTNER))
    for outsider in (operator, partner):
        assert outsider.post(url("brief_send_back", rakor), {"reason": "Tidak setuju."}).status_code == 403
    assert len(standing(rakor)) == 2

    empty = people["chief"].post(url("brief_send_back", rakor), {"reason": "  "})
    assert empty.status_code == 400
    assert '<div class="invalid-feedback">Tuliskan alasan mengembalikan naskah ke sekretariat.</div>' in (
        empty.content.decode()
    )
    assert len(standing(rakor)) == 2

    reason = "Angka personel Bontang perlu dicek ulang dengan Polres."
    response = people["chief"].post(url("brief_send_back", rakor), {"reason": reason})
    assert "Naskah dikembalikan ke sekretariat beserta alasannya." in told(response)
    assert standing(rakor) == []
    said = withdrawn_on_page(people, rakor)
    assert said == f"Naskah dikembalikan ke sekretariat oleh Kepala Kesbangpol: {reason}"
    assert "Ajukan untuk paraf" in people["desk"].get(url("brief", rakor)).content.decode()


def test_a_new_incident_after_submission_withdraws_the_chain(rakor, people):
    """An incident needing attention reported in the region after submission withdraws the chain."""
    assert "Naskah diajukan untuk paraf." in told(step(people["desk"], "brief_submit", rakor))
    bontang = Region.objects.get(kemendagri_code="64.74")
    incident = Incident(
        election=rakor.election,
        region=bontang,
        kecamatan=bontang.kecamatan.first(),
        occurred_at=dt.datetime(2024, 11, 16, 21, 0, tzinfo=WITA),
        kind="kamtibmas",
        severity="perhatian",
        description="Pengerusakan alat peraga kampanye di Bontang Utara.",
    )
    incident_workflow.report(incident, [], [], make_user("polres", Role.SECRETARIAT))
    assert standing(rakor) == []
    assert "kejadian Kota Bontang 16 November 2024 21.00 (baru)" in withdrawn_on_page(people, rakor)


def test_a_follow_up_closed_after_submission_withdraws_the_chain(rakor, people):
    """A follow-up of the rakor closed after the submission withdraws the chain, naming it."""
    secretariat = make_user("sekretariat.dua", Role.SECRETARIAT)
    follow_up = desk_workflow.add_follow_up(
        rakor,
        FollowUp(
            region=Region.objects.get(kemendagri_code="64.08"),
            title="Mediasi pendukung di Sangatta Utara",
            agency="pemda",
            due_date=dt.date(2024, 11, 25),
        ),
        secretariat,
    )
    assert "Naskah diajukan untuk paraf." in told(step(people["desk"], "brief_submit", rakor))
    closing = reverse("reports:follow_up_close", args=[rakor.pk, follow_up.pk])
    people["desk"].post(closing, {"closing_note": "Mediasi selesai."})
    assert FollowUp.objects.get(pk=follow_up.pk).closed_at is not None
    assert standing(rakor) == []
    assert "tindak lanjut Mediasi pendukung di Sangatta Utara" in withdrawn_on_page(people, rakor)
