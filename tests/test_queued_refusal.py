"""A report kept on the device and sent when the connection returns (it carries the ``queued``
marker) that the server refuses is told: the operator gets a notice in the bell naming the reasons,
the answer is marked for the worker to tell every open page, and the page that posts it again to
show the reasons beside the fields tells nobody twice. The form page carries the rules the phone
checks before queuing, in the page's language."""

import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import User

from notifications.models import Notification
from reports.models import ReadinessReport
from tests.conftest import make_report
from tests.operator_pages import open_form, post_form
from tests.security_data import forward

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def open_session(session):
    session.deadline = FUTURE
    session.save(update_fields=["deadline"])
    return session


def bell(user) -> list[str]:
    return list(Notification.objects.notices_for(user).values_list("message", flat=True))


def test_a_queued_report_with_errors_is_refused_marked_and_told_by_the_bell(client, open_session, operator):
    client.force_login(operator)
    data = open_form(client, open_session)
    response = post_form(client, open_session, data, action="submit", security_personnel="-5", queued="1")
    assert response.status_code == 200
    assert response["X-Desk-Queue"] == "refused"
    assert "Laporan yang tersimpan di perangkat ditolak server." in response.content.decode()
    [message] = bell(operator)
    assert message.startswith("Laporan yang tersimpan di perangkat ditolak server: ")
    assert "Tidak boleh kurang dari 0." in message
    assert not ReadinessReport.objects.filter(session=open_session).exists()

    again = post_form(client, open_session, data, security_personnel="-5", queued="1", told="1")
    assert again["X-Desk-Queue"] == "refused"
    assert len(bell(operator)) == 1  # shown beside the fields again, told once


def test_a_queued_report_for_a_rakor_forwarded_meanwhile_is_refused_and_told(client, demo):
    operator = User.objects.get(username="operator.bontang")
    client.force_login(operator)
    data = open_form(client, demo)
    forward(demo)
    response = post_form(client, demo, data, action="submit", queued="1")
    assert response.status_code == 409
    assert response["X-Desk-Queue"] == "refused"
    [message] = bell(operator)
    assert "sudah diteruskan ke Mendagri" in message


def test_a_refused_report_typed_online_rings_no_bell(client, open_session, operator):
    client.force_login(operator)
    data = open_form(client, open_session)
    response = post_form(client, open_session, data, action="submit", security_personnel="-5")
    assert "X-Desk-Queue" not in response
    assert bell(operator) == []


def test_a_queued_report_meeting_a_newer_version_is_no_refusal(client, open_session, region, operator):
    make_report(open_session, region, security_personnel=1000)
    client.force_login(operator)
    data = open_form(client, open_session)
    ReadinessReport.objects.filter(session=open_session).update(version=5)
    response = post_form(client, open_session, data, queued="1")
    assert response.status_code == 409
    assert "X-Desk-Queue" not in response  # both versions are shown to choose from
    assert bell(operator) == []


def test_the_form_carries_the_servers_rules_and_words_for_the_phone(client, open_session, operator):
    client.force_login(operator)
    content = client.get(f"/laporan/rakor/{open_session.pk}/").content.decode()
    found = re.search(r'id="report-rules" type="application/json">(.*?)</script>', content)
    rules = json.loads(found.group(1))
    assert rules["fields"]["security_personnel"]["min"] == 0
    assert rules["fields"]["security_personnel"]["messages"]["min"] == "Tidak boleh kurang dari 0."
    assert rules["unconfirmed"] == "Centang jika bagian ini masih akurat, atau ubah isinya."
    assert rules["unchanged"] == []  # a first report has no week to confirm
