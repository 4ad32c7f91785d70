"""Desk Pilkada's project package; importing it loads the Celery app so that ``shared_task``
binds to it (Celery's documented Django layout)."""

from deskpilkada.celery import app as celery_app

__all__ = ["celery_app"]
