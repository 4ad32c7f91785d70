"""Another region's ids never reach its data: in the URL an operator gets 404 (or 403 on the desk's
pages), and forged ids in a POST body — the region, the session, the report, a shortage or agenda
line of another region — change nothing of that region; the database holds the same rows after."""

import pytest
from django.urls import reverse

from reports.models import AgendaLine, FollowUp, RakorSession, ReadinessReport, ShortageLine
from tests.operator_pages import open_form
from tests.security_data import MARKERS, client_for, mark_regions, region_report, rows


@pytest.fixture
def marked(demo):
    mark_regions(demo)
    return demo


@pytest.fixture
def paser(marked) -> ReadinessReport:
    return region_report(marked, "64.01")


def test_every_report_of_another_region_is_not_found_by_id(marked):
    client = client_for("operator")
    before = rows()
    for report in ReadinessReport.objects.exclude(region__kemendagri_code="64.74"):
        url = reverse("reports:report_view", args=[report.pk])
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"notes": "diubah"}).status_code == 405
        for name in ("report_detail", "review"):
            assert client.post(reverse(f"reports:{name}", args=[report.pk])).status_code == 403
    assert rows() == before


def test_an_unknown_session_id_is_not_found(marked):
    client = client_for("operator")
    url = reverse("reports:session_report", args=[RakorSession.objects.order_by("pk").last().pk + 1])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": "0"}).status_code == 404


LINE_ERRORS = ("tidak termasuk laporan ini", "Pilih pilihan yang valid", "tidak cocok")


@pytest.mark.parametrize(
    ("forged", "line"),
    [
        (
            {"region": "{paser_region}", "session": "{other_session}", "report": "{paser}", "id": "{paser}"},
            False,
        ),
        ({"kekurangan-0-id": "{paser_shortage}", "kekurangan-0-note": "ditimpa"}, True),
        ({"kekurangan-0-id": "{paser_shortage}", "kekurangan-0-DELETE": "on"}, True),
        ({"kekurangan-0-report": "{paser}"}, True),
        ({"agenda-0-id": "{paser_agenda}", "agenda-0-place": "ditimpa"}, True),
        ({"agenda-0-id": "{paser_agenda}", "agenda-0-DELETE": "on"}, True),
    ],
    ids=["report-fields", "shortage-line", "shortage-delete", "line-parent", "agenda-line", "agenda-delete"],
)
@pytest.mark.parametrize("action", ["draft", "submit"])
def test_forged_ids_in_the_report_form_change_nothing_of_another_region(marked, paser, forged, line, action):
    ids = {
        "paser": paser.pk,
        "paser_region": paser.region_id,
        "other_session": RakorSession.objects.exclude(pk=marked.pk).first().pk,
        "paser_shortage": paser.shortages.get().pk,
        "paser_agenda": paser.agenda.get().pk,
    }
    client = client_for("operator")
    data = {**open_form(client, marked), "action": action}
    data.update({key: value.format(**ids) for key, value in forged.items()})
    before = rows()
    paser_rows = [list(model.objects.filter(report=paser).values()) for model in (ShortageLine, AgendaLine)]

    response = client.post(reverse("reports:session_report", args=[marked.pk]), data)

    page = response.content.decode()
    assert MARKERS["64.01"] not in page
    assert [
        list(model.objects.filter(report=paser).values()) for model in (ShortageLine, AgendaLine)
    ] == paser_rows
    own = region_report(marked, "64.74").pk
    assert [r for r in rows()["ReadinessReport"] if r["id"] != own] == [
        r for r in before["ReadinessReport"] if r["id"] != own
    ]
    if line:
        assert response.status_code == 200
        assert any(error in page for error in LINE_ERRORS), page
        assert rows() == before
    else:
        assert response.status_code in (200, 302, 409)


def test_the_desk_closes_only_follow_ups_of_the_session_it_names(marked):
    """A follow-up of a later session or another election is not found through this session's URL."""
    later = RakorSession.objects.filter(date__gt=marked.date).order_by("date").first()
    follow_up = FollowUp.objects.create(
        session=later,
        title="Tindak lanjut rakor berikutnya",
        agency=FollowUp.Agency.choices[0][0],
        due_date=later.date,
    )
    before = rows()
    client = client_for("secretariat")
    url = reverse("reports:follow_up_close", args=[marked.pk, follow_up.pk])
    assert client.post(url, {"closing_note": "selesai"}).status_code == 404
    assert rows() == before
