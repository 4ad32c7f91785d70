"""Each region's tile on the dashboard calls or opens WhatsApp with its operators in one tap, the
links beside the tile's own link (never nested inside it); a region without numbers has none."""

import re

import pytest
from django.urls import reverse

from notifications.models import Contact
from tests.security_data import browser

pytestmark = pytest.mark.django_db


def tile(page: str, name: str) -> str:
    """The tile's list item of the region called ``name``."""
    items = re.findall(r'<li class="desk-tile-item">.*?</li>', page, re.S)
    return next(item for item in items if f'<span class="desk-tile-name">{name}</span>' in item)


def dashboard(session) -> str:
    url = reverse("reports:dashboard_session", args=[session.pk])
    return browser("sekretariat").get(url).content.decode()


def test_a_regions_tile_offers_a_call_and_a_whatsapp_link_to_its_operators_number(demo):
    kutim = tile(dashboard(demo), "Kutai Timur")
    assert 'href="tel:+628125640800"' in kutim
    assert 'href="https://wa.me/628125640800"' in kutim
    assert 'aria-label="Telepon' in kutim and 'aria-label="WhatsApp' in kutim


def test_the_tiles_contact_links_sit_beside_its_main_link_not_inside_it(demo):
    kutim = tile(dashboard(demo), "Kutai Timur")
    main_link = re.search(r'<a class="desk-tile[^"]*"[^>]*>.*?</a>', kutim, re.S).group(0)
    assert "<a " not in main_link[3:]
    assert "tel:" not in main_link and "wa.me" not in main_link


def test_a_tile_of_a_region_whose_operators_have_no_number_has_no_call_links(demo):
    Contact.objects.filter(user__membership__region__kemendagri_code="64.08").delete()
    kutim = tile(dashboard(demo), "Kutai Timur")
    assert "tel:" not in kutim and "wa.me" not in kutim
