"""The paraf chain of the letter: the secretariat submits, the head of Kesbangpol initials, the Sekda
signs with two-factor verification, then it is forwarded. Each step records who and when; every
other role is refused at each step; an edit after paraf clears the later steps, says so and shows
what changed; the Sekda's home shows what waits for the signature."""

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from reports.brief.checklist import Check
from reports.models import LetterCounter, LetterNumber, LetterSettings, LetterStep, RakorSession
from tests import letters
from tests.security_data import client_for

pytestmark = pytest.mark.django_db

Kind = LetterStep.Kind


def url(name: str, session: RakorSession) -> str:
    return reverse(f"reports:{name}", args=[session.pk])


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def step(client: Client, name: str, session: RakorSession):
    """Post a step of the chain for the text as it stands, every item of the checklist ticked."""
    code = {"token": letters.code_of(client)} if name == "brief_sign_off" else {}
    return client.post(
        url(name, session), {"seen": letters.seen(session), "acknowledged": Check.values, **code}
    )


def standing(session: RakorSession) -> list[tuple[str, str]]:
    return [
        (s.kind, s.user.username)
        for s in LetterStep.objects.filter(session=session, cleared_at=None).order_by("pk")
    ]


def test_the_letter_goes_from_the_secretariat_through_paraf_to_the_sekdas_signature_and_out(demo):
    secretariat, head, sekda = letters.demo_people()
    desk, chief, signer = client_for("secretariat"), client_for("head"), letters.verified_client(sekda)

    assert "Ajukan untuk paraf" in desk.get(url("brief", demo)).content.decode()
    assert "Naskah diajukan untuk paraf." in told(step(desk, "brief_submit", demo))
    page = chief.get(url("brief", demo)).content.decode()
    assert "Paraf naskah" in page and "Diajukan untuk paraf oleh Sekretariat Desk Pilkada" in page

    assert "Naskah telah Anda paraf dan menunggu tanda tangan." in told(step(chief, "brief_paraf", demo))
    page = signer.get(url("brief", demo)).content.decode()
    assert "Paraf Drs. Ahmad Fauzi, M.Si." in page and "Tandatangani naskah" in page

    assert "Naskah ditandatangani dan mendapat nomor." in told(step(signer, "brief_sign_off", demo))[0]
    number = LetterNumber.objects.get(session=demo)
    assert number.signed_by == sekda
    assert number.number == f"300.1.4/{number.sequence:04d}/Kesbangpol/{number.year}"
    assert standing(demo) == [
        (Kind.SUBMITTED, "sekretariat"),
        (Kind.PARAF, "kepala.kesbangpol"),
        (Kind.SIGNED, "sekda"),
    ]
    stored = RakorSession.objects.get(pk=demo.pk)
    assert stored.signed_off_by == sekda
    assert all(s.at <= stored.signed_off_at for s in LetterStep.objects.filter(session=demo))

    response = desk.post(url("brief_forward", demo), {"confirm": "on"})
    assert "Laporan diteruskan ke Mendagri" in told(response)[-1]
    assert RakorSession.objects.get(pk=demo.pk).forwarded_by == secretariat
    assert LetterNumber.objects.get(pk=number.pk).forwarded_at is not None
    page = desk.get(url("brief", demo)).content.decode()
    assert number.number in page and "Diteruskan Sekretariat Desk Pilkada" in page


def test_signing_needs_an_authenticator_app_set_up_first(demo):
    """A signer without an authenticator is sent to set one up, back to the letter; a post signs nothing."""
    letters.submit_and_paraf(demo)
    sekda = client_for("leader")  # signed in with the password alone
    page = sekda.get(url("brief", demo)).content.decode()
    assert "Penandatanganan memerlukan kode dari aplikasi autentikator" in page
    assert "Tandatangani naskah" not in page
    assert f"/akun/dua-langkah/?next=%2Fringkasan%2F{demo.pk}%2F" in page
    response = step(sekda, "brief_sign_off", demo)
    assert told(response)[-1].startswith("Aktifkan verifikasi dua langkah lebih dulu")
    assert not LetterNumber.objects.exists()
    assert RakorSession.objects.get(pk=demo.pk).signed_off_at is None


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("brief_submit", ("secretariat", "admin")), ("brief_paraf", ("head",)), ("brief_sign_off", ("leader",))],
)
def test_every_other_role_is_refused_at_each_step(demo, name, allowed):
    if name == "brief_paraf":
        letters.submit(demo)
    elif name == "brief_sign_off":
        letters.submit_and_paraf(demo)
    before = standing(demo)
    for role in ("operator", "other_operator", "secretariat", "leader", "head", "admin"):
        if role in allowed:  # the admin counts as secretariat in the app
            continue
        client = (
            letters.verified_client(User.objects.get(username="admin"))
            if role == "admin"
            else client_for(role)
        )
        response = step(client, name, demo)
        assert response.status_code == 403, (role, response.status_code)
    assert standing(demo) == before
    assert not LetterNumber.objects.exists()


def test_only_the_officials_the_admin_named_initial_and_only_its_signer_signs(demo):
    other_head = User.objects.create_user("kepala.lain", password="x")
    other_head.groups.add(*User.objects.get(username="kepala.kesbangpol").groups.all())
    letters.submit(demo)
    chief = Client()
    chief.force_login(other_head)
    assert step(chief, "brief_paraf", demo).status_code == 403

    LetterSettings.objects.update(signer=None)
    letters.paraf(demo)
    assert (
        step(letters.verified_client(User.objects.get(username="sekda")), "brief_sign_off", demo).status_code
        == 403
    )
    assert not LetterNumber.objects.exists()


def test_the_signer_cannot_sign_before_every_named_official_has_initialled(demo):
    letters.submit(demo)
    response = step(letters.verified_client(User.objects.get(username="sekda")), "brief_sign_off", demo)
    assert "Naskah belum diparaf Drs. Ahmad Fauzi, M.Si." in told(response)[-1]
    assert not LetterNumber.objects.exists()


def test_an_edit_after_paraf_clears_the_later_steps_says_so_and_shows_what_changed(demo):
    letters.submit_and_paraf(demo)
    initialled = RakorSession.objects.get(pk=demo.pk).brief_text
    desk = client_for("secretariat")
    edited = initialled.replace("Dengan hormat,", "Dengan hormat, dengan ini", 1) + "\n\nParagraf tambahan."
    response = desk.post(url("brief", demo), {"text": edited, "base": letters.chain.digest(initialled)})
    assert (
        "Karena naskah berubah, paraf Drs. Ahmad Fauzi, M.Si., pengajuan untuk paraf dibatalkan."
        in told(response)[-1]
    )
    assert standing(demo) == []
    assert LetterStep.objects.filter(session=demo, cleared_by__username="sekretariat").count() == 2

    page = client_for("head").get(url("brief", demo)).content.decode()
    assert "setelah diajukan atau diparaf; paraf dan tanda tangan sebelumnya dibatalkan" in page
    assert "<ins>dengan ini</ins>" in page and "<ins>Paragraf tambahan.</ins>" in page
    assert "Paraf naskah" not in page  # it must be submitted again first


def test_the_sekdas_home_shows_the_letter_waiting_for_signature_and_the_heads_the_one_waiting_for_paraf(demo):
    sekda, head = client_for("leader"), client_for("head")
    assert sekda.get("/")["Location"] == reverse("reports:dashboard")
    letters.submit(demo)
    page = head.get("/").content.decode()
    assert "Menunggu paraf Anda" in page and url("brief", demo) in page
    assert sekda.get("/").status_code == 302  # nothing waits for the Sekda until the paraf
    letters.paraf(demo)
    page = sekda.get("/").content.decode()
    assert "Menunggu tanda tangan Anda" in page and url("brief", demo) in page
    assert head.get("/").status_code == 302


def test_forwarding_is_the_sekdas_when_the_admin_says_so(demo):
    LetterSettings.objects.update(forwarder=LetterSettings.Forwarder.SIGNER)
    letters.sign(demo)
    desk = client_for("secretariat")
    assert desk.post(url("brief_forward", demo), {"confirm": "on"}).status_code == 403
    assert "Teruskan ke Mendagri" not in desk.get(url("brief", demo)).content.decode()
    sekda = letters.verified_client(User.objects.get(username="sekda"))
    assert "Teruskan ke Mendagri" in sekda.get(url("brief", demo)).content.decode()
    sekda.post(url("brief_forward", demo), {"confirm": "on"})
    assert RakorSession.objects.get(pk=demo.pk).forwarded_by.username == "sekda"


def test_the_sekda_ticks_the_checklist_before_signing_and_what_was_ticked_is_kept(demo):
    letters.submit_and_paraf(demo)
    sekda = letters.verified_client(User.objects.get(username="sekda"))
    page = sekda.get(url("brief", demo)).content.decode()
    assert "Daftar periksa" in page and "Laporan terlambat" in page
    response = sekda.post(
        url("brief_sign_off", demo), {"seen": letters.seen(demo), "token": letters.code_of(sekda)}
    )
    assert "Centang setiap hal dalam daftar periksa sebelum menandatangani" in told(response)[-1]
    assert not LetterNumber.objects.exists()

    step(sekda, "brief_sign_off", demo)
    kept = RakorSession.objects.get(pk=demo.pk).sign_off_acknowledged
    assert {item["kind"] for item in kept} == {
        "belum_diperiksa",
        "terlambat",
        "belum_melapor",
        "temuan_tinggi",
    }
    page = client_for("secretariat").get(url("brief", demo)).content.decode()
    assert "saat menandatangani" in page and "Kabupaten Mahakam Ulu" in page


@pytest.mark.parametrize(
    ("code", "said"), [("", "Tulis kode 6 angka"), ("wrong", "Kode salah atau sudah kedaluwarsa")]
)
def test_signing_is_refused_without_a_fresh_code_and_keeps_the_ticks(demo, settings, code, said):
    """A verified session signs nothing without the code typed on the form: the reason is beside
    the field, the ticks are kept, and no number is taken from the register."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    letters.submit_and_paraf(demo)
    sekda = letters.verified_client(User.objects.get(username="sekda"))
    if code == "wrong":
        code = "000000" if letters.code_of(sekda) != "000000" else "111111"
    posted = {"seen": letters.seen(demo), "acknowledged": ["terlambat"], "token": code}
    response = sekda.post(url("brief_sign_off", demo), posted)

    assert response.status_code == 400
    page = response.content.decode()
    assert said in page and 'class="invalid-feedback"' in page
    assert 'value="terlambat" id="ack-terlambat" checked' in page
    assert 'value="belum_melapor" id="ack-belum_melapor">' in page
    assert not LetterNumber.objects.exists()
    assert not LetterCounter.objects.exists()
    assert RakorSession.objects.get(pk=demo.pk).signed_off_at is None

    assert "Naskah ditandatangani" in told(step(sekda, "brief_sign_off", demo))[0]
    assert LetterNumber.objects.get(session=demo).signed_by.username == "sekda"


def test_a_code_is_asked_however_recently_the_login_was_verified(demo):
    """The session verified a moment ago is not enough: the signing form has its own code field."""
    letters.submit_and_paraf(demo)
    sekda = letters.verified_client(User.objects.get(username="sekda"))
    page = sekda.get(url("brief", demo)).content.decode()
    assert "Kode autentikator" in page and 'autocomplete="one-time-code"' in page
    assert sekda.post(url("brief_sign_off", demo), {"seen": letters.seen(demo)}).status_code == 400
    assert not LetterNumber.objects.exists()
