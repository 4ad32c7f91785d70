"""Pilkada Serentak 2024's stages after voting day (PKPU 2/2024, as ../shared/data/README.md gives
them): the count on voting day, then the recapitulation at kecamatan, regency/city and province
level, the weekly rakor continuing through them. The result's determination, the disputes at the
Constitutional Court and the inauguration have no date in that source; the admin adds them once
known rather than the data inventing them."""

import datetime as dt

from django.db import migrations

ELECTION = "Pilkada Serentak 2024"

STAGES = (
    ("penghitungan", dt.date(2024, 11, 27), dt.date(2024, 11, 27)),
    ("rekap_kecamatan", dt.date(2024, 11, 28), dt.date(2024, 12, 3)),
    ("rekap_kabkota", dt.date(2024, 11, 29), dt.date(2024, 12, 6)),
    ("rekap_provinsi", dt.date(2024, 11, 30), dt.date(2024, 12, 9)),
)


def add_stages(apps, schema_editor):
    Election = apps.get_model("reports", "Election")
    ElectionStage = apps.get_model("reports", "ElectionStage")
    for election in Election.objects.filter(name=ELECTION):
        for kind, start, end in STAGES:
            ElectionStage.objects.get_or_create(
                election=election, kind=kind, defaults={"start": start, "end": end, "weekly_rakor": True}
            )


def remove_stages(apps, schema_editor):
    apps.get_model("reports", "ElectionStage").objects.filter(
        election__name=ELECTION, kind__in=[kind for kind, _start, _end in STAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0017_election_stages_and_post_voting_sections")]

    operations = [migrations.RunPython(add_stages, remove_stages)]
