"""The Celery application: background work (building the national PDF, sending the letter by mail).

With a broker (``CELERY_BROKER_URL`` or ``REDIS_URL``) tasks go to a worker started beside gunicorn
(``make serve``; in production ``celery -A deskpilkada worker``). Without one — ``make demo`` and the
tests — ``CELERY_TASK_ALWAYS_EAGER`` runs each task at once in the calling process, so nothing
else has to run.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deskpilkada.settings")

app = Celery("deskpilkada")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
