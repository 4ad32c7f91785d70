"""From where each audit-trail row came: the client address beside simple-history's who and when.

Every ``HistoricalRecords(bases=[IPAddressHistoricalModel])`` gets a ``history_ip`` column, filled
from the request that ``simple_history.middleware.HistoryRequestMiddleware`` keeps for the thread.
Rows written outside a request (management commands, migrations) have no address.
"""

from typing import Any

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from deskpilkada.clientip import client_ip


class IPAddressHistoricalModel(models.Model):
    history_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def record_client_ip(sender: type[models.Model], history_instance: models.Model, **kwargs: Any) -> None:
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None and hasattr(history_instance, "history_ip"):
        history_instance.history_ip = client_ip(request)
