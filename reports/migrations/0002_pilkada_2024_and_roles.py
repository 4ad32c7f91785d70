"""The Pilkada Serentak 2024 election (PKPU 2/2024) with its logistics items, and the desk's roles.

The article's "14 item logistik": the exact Pilkada 2024 list was not published, so these are the
KPU's voting equipment and supporting items an admin can edit (see shared/data/README.md).
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

ELECTION = "Pilkada Serentak 2024"

ITEMS = [
    ("Surat suara", "lembar"),
    ("Kotak suara", "buah"),
    ("Bilik suara", "buah"),
    ("Tinta", "botol"),
    ("Segel", "lembar"),
    ("Alat coblos", "buah"),
    ("Sampul", "buah"),
    ("Tanda pengenal KPPS, petugas ketertiban TPS dan saksi", "buah"),
    ("Formulir berita acara dan sertifikat", "set"),
    ("Daftar pasangan calon", "lembar"),
    ("Salinan DPT", "set"),
    ("Alat bantu tunanetra", "buah"),
    ("Gembok/alat pengaman", "buah"),
    ("Kantong plastik", "buah"),
]

ROLES = ["Operator kabupaten/kota", "Sekretariat provinsi", "Pimpinan"]


def load(apps, schema_editor):
    Election = apps.get_model("reports", "Election")
    LogisticsItem = apps.get_model("reports", "LogisticsItem")
    Group = apps.get_model("auth", "Group")
    election, _ = Election.objects.get_or_create(
        name=ELECTION,
        defaults={
            "voting_day": dt.date(2024, 11, 27),
            "campaign_start": dt.date(2024, 9, 25),
            "campaign_end": dt.date(2024, 11, 23),
            "quiet_start": dt.date(2024, 11, 24),
            "quiet_end": dt.date(2024, 11, 26),
            "participation_target": Decimal("79"),
        },
    )
    for position, (name, unit) in enumerate(ITEMS, start=1):
        LogisticsItem.objects.get_or_create(
            election=election, name=name, defaults={"unit": unit, "position": position}
        )
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def unload(apps, schema_editor):
    apps.get_model("reports", "LogisticsItem").objects.filter(election__name=ELECTION).delete()
    apps.get_model("reports", "Election").objects.filter(name=ELECTION).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(load, unload)]
