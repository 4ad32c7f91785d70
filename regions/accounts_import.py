"""Accounts in bulk from a CSV or XLSX file: read and check every row first (the dry run lists what
would be created and every error by row), and create them only when no row has an error, all in one
transaction.

Columns: ``username``, ``nama``, ``email``, ``peran`` (operator, sekretariat, pimpinan, mitra),
``wilayah`` (the Kemendagri code, for operators), ``instansi`` (the partner agency, for mitra: kpu,
bawaslu, polri_tni, pemda, kesbangpol), ``ponsel`` (optional). A CSV may be comma or semicolon
separated, as spreadsheets save it; an XLSX is read from its first sheet.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field

import openpyxl
from django.contrib.auth.models import Group, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Role
from notifications.models import AgencyMembership, Contact
from notifications.phones import to_e164
from regions.models import Membership, Region
from reports.models import FollowUp

COLUMNS = ["username", "nama", "email", "peran", "wilayah", "instansi", "ponsel"]
ROLES = {"operator": Role.OPERATOR, "sekretariat": Role.SECRETARIAT, "pimpinan": Role.LEADER}
ROLES["mitra"] = Role.PARTNER
MAX_ROWS = 1000


def agency_named(text: str) -> str:
    """A partner agency by its code or by its name as people write it ("Polri/TNI"); "" if none."""
    wanted = text.strip().lower()
    return next((a.value for a in FollowUp.Agency if wanted in (a.value, str(a.label).lower())), "")


@dataclass
class Row:
    line: int
    username: str
    first_name: str
    last_name: str
    email: str
    role: Role
    region: Region | None
    phone: str
    agency: str = ""


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def csv_table(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect=dialect))


def xlsx_table(data: bytes) -> list[list[str]]:
    """The first sheet's cells as text (a number typed without its leading 0 stays readable)."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in book.worksheets[0].iter_rows(max_row=MAX_ROWS + 2, values_only=True)
        ]
    finally:
        book.close()


def read(name: str, data: bytes) -> Plan:
    """Every row of a .csv or .xlsx file checked; ``errors`` says which line and what is wrong."""
    return check(xlsx_table(data) if name.lower().endswith(".xlsx") else csv_table(data))


def check(table: list[list[str]]) -> Plan:
    """Every row checked (the first holds the column names); errors in Bahasa Indonesia."""
    plan = Plan()
    header = [cell.strip().lower() for cell in table[0]] if table else []
    missing = [c for c in ("username", "peran") if c not in header]
    if missing:
        plan.errors.append(_("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)})
        return plan
    regions = {region.kemendagri_code: region for region in Region.objects.all()}
    taken = set(User.objects.values_list("username", flat=True))
    for line, cells in enumerate(table[1:], start=2):
        if line - 1 > MAX_ROWS:
            plan.errors.append(_("Paling banyak %(max)s baris sekali impor.") % {"max": MAX_ROWS})
            break
        raw = dict(zip(header, cells, strict=False))
        values = {key: (raw.get(key) or "").strip() for key in COLUMNS}
        if not any(values.values()):
            continue
        errors = []
        username = values["username"]
        try:
            UnicodeUsernameValidator()(username)
            if not username or len(username) > 150:
                raise ValidationError("")
        except ValidationError:
            errors.append(_("nama pengguna “%(username)s” tidak sah") % {"username": username})
        if username in taken:
            errors.append(_("nama pengguna “%(username)s” sudah ada") % {"username": username})
        taken.add(username)
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                errors.append(_("alamat e-mail “%(email)s” tidak sah") % {"email": values["email"]})
        role = ROLES.get(values["peran"].lower())
        if role is None:
            errors.append(
                _("peran “%(role)s” tidak dikenal (operator, sekretariat, pimpinan, mitra)")
                % {"role": values["peran"]}
            )
        region = regions.get(values["wilayah"])
        if role == Role.OPERATOR and region is None:
            errors.append(_("operator memerlukan kode wilayah yang ada, misalnya 64.74"))
        if role not in (None, Role.OPERATOR) and values["wilayah"]:
            errors.append(_("hanya operator yang memiliki wilayah"))
        agency = agency_named(values["instansi"])
        if role == Role.PARTNER and not agency:
            errors.append(_("mitra memerlukan instansi: kpu, bawaslu, polri_tni, pemda atau kesbangpol"))
        if role not in (None, Role.PARTNER) and values["instansi"]:
            errors.append(_("hanya mitra yang memiliki instansi"))
        phone = ""
        if values["ponsel"]:
            try:
                phone = to_e164(values["ponsel"])
            except ValidationError as exc:
                errors.append(str(exc.message))
        if errors or role is None:
            plan.errors += [
                _("Baris %(line)s: %(error)s.") % {"line": line, "error": error} for error in errors
            ]
            continue
        first, _space, last = values["nama"].partition(" ")
        plan.rows.append(
            Row(line, username, first[:150], last[:150], values["email"], role, region, phone, agency)
        )
    return plan


@transaction.atomic
def create(plan: Plan) -> dict[str, str]:
    """Create the accounts of a plan without errors; their first passwords, by username."""
    groups = {role: Group.objects.get(name=role.value) for role in Role}
    passwords = {}
    for row in plan.rows:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            row.username, row.email, password, first_name=row.first_name, last_name=row.last_name
        )
        user.groups.add(groups[row.role])
        if row.region is not None:
            Membership.objects.create(user=user, region=row.region)
        if row.agency:
            AgencyMembership.objects.create(user=user, agency=row.agency)
        if row.phone:
            Contact.objects.create(user=user, phone=row.phone)
        passwords[row.username] = password
    return passwords
