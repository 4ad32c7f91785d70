"""Load the ten regencies/cities of Kalimantan Timur from regions/data/kaltim_regions.csv.

The CSV is a copy of shared/data/kaltim_regions.csv (Kepmendagri 100.1.1-6117/2022, BPS, KPU
plenaries of September 2024); both codes are stored because they differ for four regencies.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kaltim_regions.csv"


def load_regions(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(
                kemendagri_code=row["kemendagri_code"],
                defaults={
                    "bps_code": row["bps_code"],
                    "name": row["name"],
                    "kind": row["kind"],
                    "province": "Kalimantan Timur",
                    "capital": row["capital"],
                    "kecamatan_count": int(row["kecamatan"]),
                    "kelurahan_count": int(row["kelurahan"]),
                    "desa_count": int(row["desa"]),
                    "registered_voters": int(row["dpt_2024"]),
                    "polling_stations": int(row["tps_2024"]),
                    "voters_note": row["dpt_note"],
                },
            )


def unload_regions(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    with CSV_PATH.open(encoding="utf-8") as handle:
        codes = [row["kemendagri_code"] for row in csv.DictReader(handle)]
    Region.objects.filter(kemendagri_code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
