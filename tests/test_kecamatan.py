"""The kecamatan reference data: loaded by a migration that checks the counts already held."""

import importlib

import pytest
from django.apps import apps

from regions.models import Kecamatan, Region

pytestmark = pytest.mark.django_db

loader = importlib.import_module("regions.migrations.0005_load_kaltim_kecamatan")


def test_every_region_has_as_many_kecamatan_as_it_counts():
    assert Kecamatan.objects.count() == 105
    for region in Region.objects.all():
        assert region.kecamatan.count() == region.kecamatan_count, region.name


def test_kecamatan_follow_kemendagri_codes_not_bps_codes():
    kukar = Region.objects.get(name="Kutai Kartanegara")
    assert (kukar.kemendagri_code, kukar.bps_code) == ("64.02", "6403")
    assert Kecamatan.objects.get(name="Tenggarong").region == kukar
    assert Kecamatan.objects.get(code="64.74.01").region.name == "Bontang"


def test_the_migration_stops_when_a_regions_count_differs():
    Kecamatan.objects.all().delete()
    Region.objects.filter(kemendagri_code="64.09").update(kecamatan_count=5)
    with pytest.raises(
        loader.KecamatanCountMismatch, match="64.09 Penajam Paser Utara: 4 in the CSV, 5 held"
    ):
        loader.load_kecamatan(apps, None)
    assert not Kecamatan.objects.exists()
