"""Two browsers at once through the real pages, with real threads on PostgreSQL: the same report
saved from two browsers gives one save and a refusal that says why (never a silent overwrite); a
first report sent twice at once gives one report and no 500. And a failure in the middle of a save
leaves the database as it was (on every database)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from reports.forms.lines import LineFormSet
from reports.models import ReadinessReport
from tests.operator_pages import confirm_all, open_form, report_url
from tests.security_data import browser, region_report, rows
from tests.threads import run_together

on_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
)
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def post_from(client: Client, session, data: dict):
    return lambda: client.post(report_url(session), data)


@pytest.mark.postgres
@on_postgres
@transactional
def test_two_browsers_saving_the_same_report_give_one_save_and_one_refusal(demo):
    report = region_report(demo, "64.74")
    first, second = browser("operator.bontang"), browser("operator.bontang")
    forms = [confirm_all(open_form(first, demo)), confirm_all(open_form(second, demo))]
    assert forms[0]["version"] == forms[1]["version"] == str(report.version)

    outcomes = run_together(
        post_from(first, demo, {**forms[0], "notes": "Dari peramban pertama", "action": "submit"}),
        post_from(second, demo, {**forms[1], "notes": "Dari peramban kedua", "action": "submit"}),
    )

    statuses = sorted(o.status_code for o in outcomes)
    assert statuses == [302, 409], outcomes
    refused = next(o for o in outcomes if o.status_code == 409).content.decode()
    assert "sudah diubah" in refused
    saved = ReadinessReport.objects.get(pk=report.pk)
    assert saved.version == report.version + 1
    winner = 0 if outcomes[0].status_code == 302 else 1
    assert saved.notes == ("Dari peramban pertama", "Dari peramban kedua")[winner]


@pytest.mark.postgres
@on_postgres
@transactional
def test_a_first_report_sent_twice_at_once_is_stored_once_without_a_500(demo):
    samarinda = User.objects.get(username="operator.samarinda")
    assert not ReadinessReport.objects.filter(session=demo, region=samarinda.membership.region).exists()
    clients = [browser("operator.samarinda"), browser("operator.samarinda")]
    data = {**confirm_all(open_form(clients[0], demo)), "action": "submit"}

    outcomes = run_together(*(post_from(client, demo, data) for client in clients))

    assert all(not isinstance(o, Exception) and o.status_code < 500 for o in outcomes), outcomes
    assert 302 in [o.status_code for o in outcomes]
    assert ReadinessReport.objects.filter(session=demo, region=samarinda.membership.region).count() == 1


@transactional
def test_a_failure_in_the_middle_of_a_submit_leaves_nothing_half_written(demo, monkeypatch):
    """The report row is written, then saving its lines fails: the whole save is undone."""
    client = browser("operator.bontang")
    data = {**confirm_all(open_form(client, demo)), "notes": "Setengah tersimpan", "action": "submit"}
    before = rows()
    history = ReadinessReport.history.count()

    written = []

    def fail(formset, commit=True):
        written.append(ReadinessReport.objects.filter(notes="Setengah tersimpan").exists())
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(LineFormSet, "save", fail)
    client.raise_request_exception = False
    response = client.post(report_url(demo), data)

    assert response.status_code == 500
    assert written == [True], "the report row was written before the lines failed"
    assert rows() == before
    assert ReadinessReport.history.count() == history
