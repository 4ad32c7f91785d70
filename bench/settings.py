"""The product's settings for the benchmark's gunicorn, with bench/urls.py as the URLconf: the
product's URLs plus the yardstick view, which the product itself does not serve."""

from deskpilkada.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
