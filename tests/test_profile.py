"""A user's civil-servant profile: the NIP is checked as BKN issues it (18 digits, a real birth date,
an appointment at 18 or older, neither in the future), with the reason in Bahasa Indonesia, and the
admin edits the profile on the user's page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from accounts.nip import clean_nip, printed
from tests.conftest import make_user

NEXT_YEAR = timezone.localdate().year + 1


def test_a_well_formed_nip_is_kept_as_eighteen_digits():
    assert clean_nip("19700101 199503 1 001") == "197001011995031001"
    assert clean_nip("196912312000122003") == "196912312000122003"
    assert printed("197001011995031001") == "19700101 199503 1 001"


@pytest.mark.parametrize(
    ("nip", "said"),
    [
        ("19700101199503100", "18 angka"),
        ("1970010119950310011", "18 angka"),
        ("19700101199503100A", "18 angka"),
        ("１９７００１０１１９９５０３１００１", "18 angka"),  # full-width digits are not a NIP
        ("197013011995031001", "tanggal lahir"),
        ("197002301995031001", "tanggal lahir"),
        (f"{NEXT_YEAR}0101" + "2025031001", "tidak mungkin"),
        ("189912311995031001", "tidak mungkin"),
        ("197001011995131001", "bukan bulan yang ada"),
        ("197001011995001001", "bukan bulan yang ada"),
        ("19700101" + f"{NEXT_YEAR}01" + "1001", "belum terjadi"),
        ("197001011987121001", "sebelum pegawai berusia 18 tahun"),
        ("197001011995033001", "jenis kelamin"),
        ("197001011995030001", "jenis kelamin"),
        ("197001011995031000", "nomor urut"),
    ],
)
def test_an_impossible_nip_is_refused_with_the_reason(nip, said):
    with pytest.raises(ValidationError) as refusal:
        clean_nip(nip)
    assert said in refusal.value.messages[0]


def test_appointment_on_the_eighteenth_birthday_month_is_possible():
    assert clean_nip("200005152018051002") == "200005152018051002"


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin.ti", is_staff=True, is_superuser=True))
    return client


def profile_form(user, **profile) -> dict:
    """The admin's user change form as posted, with the profile inline."""
    data = {
        "username": user.username,
        "first_name": "Sri",
        "last_name": "Wahyuni",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "08:00:00",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-user": str(user.pk),
    }
    data.update({f"profile-0-{key}": value for key, value in profile.items()})
    for other in ("membership", "agency_membership", "contact"):  # the page's other inlines, left empty
        data.update(
            {f"{other}-TOTAL_FORMS": "0", f"{other}-INITIAL_FORMS": "0", f"{other}-MAX_NUM_FORMS": "1"}
        )
    return data


def test_the_admin_keeps_the_profile_on_the_users_page(admin_client):
    sekda = make_user("sekda.baru")
    url = reverse("admin:auth_user_change", args=[sekda.pk])
    assert "NIP" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        profile_form(
            sekda,
            name="Dr. Sri Wahyuni, M.Pd.",
            position="Sekretaris Daerah",
            rank="IV/d",
            nip="19700101 199503 2 001",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = Profile.objects.get(user=sekda)
    assert (profile.nip, profile.get_rank_display(), profile.printed_nip) == (
        "197001011995032001",
        "Pembina Utama Madya (IV/d)",
        "19700101 199503 2 001",
    )


def test_the_admin_shows_a_wrong_nip_beside_the_field_and_keeps_what_was_typed(admin_client):
    sekda = make_user("sekda.salah")
    url = reverse("admin:auth_user_change", args=[sekda.pk])
    response = admin_client.post(
        url, profile_form(sekda, position="Sekretaris Daerah", nip="197013011995031001")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "bukan tanggal yang ada" in page
    assert 'value="197013011995031001"' in page and 'value="Sekretaris Daerah"' in page
    assert not Profile.objects.filter(user=sekda).exists()


def test_two_people_cannot_share_a_nip(admin_client):
    first, second = make_user("pegawai.satu"), make_user("pegawai.dua")
    Profile.objects.create(user=first, nip="197001011995031001")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[second.pk]), profile_form(second, nip="197001011995031001")
    )
    assert response.status_code == 200
    assert "NIP ini sudah dipakai pengguna lain." in response.content.decode()
    assert not Profile.objects.filter(user=second).exists()
