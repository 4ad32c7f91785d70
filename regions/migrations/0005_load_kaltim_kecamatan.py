"""Load the 105 kecamatan of Kalimantan Timur from regions/data/kaltim_kecamatan.csv.

The CSV is an extract of the npm package idn-area-data 4.0.1 (ODbL; see KECAMATAN_NOTICE.md beside
it). Rows are matched to regions by Kemendagri code, never by BPS code (they differ for four
regencies). The migration stops, changing nothing, when a region's number of kecamatan differs from
the count the desk already holds (``Region.kecamatan_count``), or when a row names no known region.
"""

import csv
from collections import defaultdict
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kaltim_kecamatan.csv"


class KecamatanCountMismatch(Exception):
    """The reference data and the regions' kecamatan counts disagree."""


def rows_by_region() -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["regency_code"]].append(row)
    return rows


def load_kecamatan(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    Kecamatan = apps.get_model("regions", "Kecamatan")
    rows = rows_by_region()
    regions = {region.kemendagri_code: region for region in Region.objects.filter(kemendagri_code__in=rows)}
    unknown = sorted(set(rows) - set(regions))
    if unknown:
        raise KecamatanCountMismatch(f"kaltim_kecamatan.csv names unknown regions: {', '.join(unknown)}")
    wrong = [
        f"{region.kemendagri_code} {region.name}: {len(rows[code])} in the CSV, {region.kecamatan_count} held"
        for code, region in sorted(regions.items())
        if len(rows[code]) != region.kecamatan_count
    ]
    if wrong:
        raise KecamatanCountMismatch("Kecamatan counts differ: " + "; ".join(wrong))
    for code, region in regions.items():
        for row in rows[code]:
            Kecamatan.objects.update_or_create(
                code=row["code"], defaults={"region": region, "name": row["name"]}
            )


def unload_kecamatan(apps, schema_editor):
    Kecamatan = apps.get_model("regions", "Kecamatan")
    codes = [row["code"] for rows in rows_by_region().values() for row in rows]
    Kecamatan.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0004_kecamatan")]

    operations = [migrations.RunPython(load_kecamatan, unload_kecamatan)]
