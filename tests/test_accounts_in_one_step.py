"""Accounts in one step: an operator made on the admin's user page with role, region and number,
and accounts imported from a CSV file after a dry run that lists every error by row."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.access import Role, agency_of, region_of, role_of
from notifications.models import Contact
from regions.models import Region
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

GOOD = """username,nama,email,peran,wilayah,ponsel
operator.baru,Rina Wati,rina@kaltimprov.go.id,operator,64.74,0812-1111-2222
staf.sekretariat,Budi Santoso,budi@kaltimprov.go.id,sekretariat,,
"""

BAD = """username;nama;email;peran;wilayah;ponsel
operator.baru;Rina Wati;rina@kaltimprov.go.id;operator;64.74;0812-1111-2222
operator.baru;Dua Kali;dua@kaltimprov.go.id;operator;64.74;
op.tanpa.wilayah;Ani;bukan-email;operator;99.99;0541-12
bos;Bos;bos@kaltimprov.go.id;raja;;
"""


def run(tmp_path, text: str, *options: str) -> str:
    path = tmp_path / "akun.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_accounts", str(path), *options, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_what_would_be_created_and_creates_nothing(tmp_path):
    out = run(tmp_path, GOOD)
    assert "operator.baru (Operator kabupaten/kota — Kota Bontang)" in out
    assert "Uji coba: 2 akun akan dibuat." in out
    assert not User.objects.filter(username__in=["operator.baru", "staf.sekretariat"]).exists()


def test_a_file_with_errors_lists_each_by_row_and_even_with_simpan_creates_nothing(tmp_path):
    with pytest.raises(CommandError, match="5 galat; tidak ada akun yang dibuat"):
        run(tmp_path, BAD, "--simpan")
    assert not User.objects.filter(username="operator.baru").exists()


def test_the_errors_name_their_row(tmp_path):
    path = tmp_path / "akun.csv"
    path.write_text(BAD, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_accounts", str(path), stdout=out)
    text = out.getvalue()
    assert "Baris 3: nama pengguna “operator.baru” sudah ada." in text
    assert "Baris 4: alamat e-mail “bukan-email” tidak sah." in text
    assert "Baris 4: operator memerlukan kode wilayah yang ada, misalnya 64.74." in text
    assert "Baris 4: Tulis nomor ponsel Indonesia" in text
    assert "Baris 5: peran “raja” tidak dikenal" in text


def test_the_real_import_creates_each_account_with_role_region_and_number(tmp_path):
    out = run(tmp_path, GOOD, "--simpan")
    assert "2 akun dibuat." in out
    operator = User.objects.get(username="operator.baru")
    assert (operator.first_name, operator.last_name, operator.email) == (
        "Rina",
        "Wati",
        "rina@kaltimprov.go.id",
    )
    assert role_of(operator) == Role.OPERATOR
    assert region_of(operator).kemendagri_code == "64.74"
    assert operator.contact.phone == "+6281211112222"
    password = out.split("operator.baru: kata sandi awal ")[1].split()[0]
    assert operator.check_password(password)
    staff = User.objects.get(username="staf.sekretariat")
    assert role_of(staff) == Role.SECRETARIAT and region_of(staff) is None


def test_a_partner_agency_account_is_imported_with_its_agency_and_a_missing_agency_is_an_error(tmp_path):
    text = """username,nama,email,peran,wilayah,instansi,ponsel
mitra.kpu.kaltim,KPU Kaltim,kpu@kaltim.go.id,mitra,,Polri/TNI,
mitra.tanpa,Tanpa Instansi,,mitra,,,
op.berinstansi,Op,,operator,64.74,kpu,
"""
    path = tmp_path / "mitra.csv"
    path.write_text(text, encoding="utf-8")
    listing = io.StringIO()
    with pytest.raises(CommandError, match="2 galat"):
        call_command("import_accounts", str(path), stdout=listing)
    out = listing.getvalue()
    assert "mitra.kpu.kaltim (Mitra instansi — Polri/TNI)" in out
    assert "Baris 3: mitra memerlukan instansi" in out
    assert "Baris 4: hanya mitra yang memiliki instansi" in out
    good = text.splitlines()[:2]
    run(tmp_path, "\n".join(good) + "\n", "--simpan")
    user = User.objects.get(username="mitra.kpu.kaltim")
    assert (role_of(user), agency_of(user)) == (Role.PARTNER, "polri_tni")


def test_an_xlsx_file_with_a_number_typed_without_its_leading_zero_is_imported(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["username", "nama", "email", "peran", "wilayah", "ponsel"])
    sheet.append(["operator.xlsx", "Sari", "sari@kaltimprov.go.id", "operator", "64.01", 81299998888])
    path = tmp_path / "akun.xlsx"
    book.save(path)
    out = io.StringIO()
    call_command("import_accounts", str(path), "--simpan", stdout=out)
    assert "1 akun dibuat." in out.getvalue()
    user = User.objects.get(username="operator.xlsx")
    assert region_of(user).kemendagri_code == "64.01"
    assert user.contact.phone == "+6281299998888"


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "akun.xlsx"
    path.write_bytes(b"bukan berkas excel")
    with pytest.raises(CommandError, match="Berkas tidak dapat dibaca"):
        call_command("import_accounts", str(path), stdout=io.StringIO())


def test_an_operator_is_made_on_one_admin_screen_with_role_region_and_number(client, db):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    bontang = Region.objects.get(kemendagri_code="64.74")
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "operator.satu.layar",
            "usable_password": "true",
            "password1": "Kata-Sandi-Panjang-2024",
            "password2": "Kata-Sandi-Panjang-2024",
            "first_name": "Satu",
            "last_name": "Layar",
            "email": "satu@kaltimprov.go.id",
            "groups": [Group.objects.get(name=Role.OPERATOR.value).pk],
            "membership-TOTAL_FORMS": "1",
            "membership-INITIAL_FORMS": "0",
            "membership-0-region": bontang.pk,
            "agency_membership-TOTAL_FORMS": "0",
            "agency_membership-INITIAL_FORMS": "0",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
            "contact-TOTAL_FORMS": "1",
            "contact-INITIAL_FORMS": "0",
            "contact-0-phone": "0812-3456-7890",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="operator.satu.layar")
    assert role_of(user) == Role.OPERATOR
    assert region_of(user) == bontang
    assert Contact.objects.get(user=user).phone == "+6281234567890"


def test_a_partner_agency_account_is_made_on_one_admin_screen_with_role_and_agency(client, db):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "mitra.bawaslu.kaltim",
            "usable_password": "true",
            "password1": "Kata-Sandi-Panjang-2024",
            "password2": "Kata-Sandi-Panjang-2024",
            "groups": [Group.objects.get(name=Role.PARTNER.value).pk],
            "membership-TOTAL_FORMS": "0",
            "membership-INITIAL_FORMS": "0",
            "agency_membership-TOTAL_FORMS": "1",
            "agency_membership-INITIAL_FORMS": "0",
            "agency_membership-0-agency": "bawaslu",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
            "contact-TOTAL_FORMS": "0",
            "contact-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="mitra.bawaslu.kaltim")
    assert (role_of(user), agency_of(user), region_of(user)) == (Role.PARTNER, "bawaslu", None)
    page = client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert "Instansi mitra" in page
