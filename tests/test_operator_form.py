"""The operator's report form: carry-forward from last week, every validation rule with its
message in Bahasa Indonesia (the rest of the input kept), unusual values and query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.models import AgendaLine, LogisticsItem, ReadinessReport, ShortageLine
from reports.registry import Kind, fields_of, of_kind, sections_of
from tests.conftest import make_report
from tests.operator_pages import confirm_all, errors_beside, form_data, open_form, post_form, report_url

pytestmark = pytest.mark.django_db

LAST_WEEK = "2024-11-11"
BEFORE_VOTING = sections_of(["kampanye"])  # what the rakor of 11 and 18 November ask for
BAD_DATE = "Isi tanggal yang benar dengan format hh/bb/tttt, misalnya 23/11/2024."


@pytest.fixture
def ballots(election) -> LogisticsItem:
    return election.logistics_items.get(name="Surat suara")


@pytest.fixture
def last_week(previous_session, region, ballots) -> ReadinessReport:
    report = make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, 20, 0, tzinfo=dt.UTC),
        readiness="siap",
        logistics_status="kekurangan",
        logistics_items_fulfilled=13,
        security_personnel=1214,
        security_situation="kondusif",
        security_notes="Personel disiagakan di 3 kecamatan.",
        asn_violations=0,
        kecamatan_ready=3,
        first_time_voters=8900,
        conflict_risk="rendah",
        confirmed_sections={s.key: LAST_WEEK for s in BEFORE_VOTING},
    )
    ShortageLine.objects.create(report=report, item=ballots, quantity=1200, note="TPS Bontang Utara")
    AgendaLine.objects.create(
        report=report, kind="kampanye_akbar", date=dt.date(2024, 11, 23), place="Lapangan"
    )
    AgendaLine.objects.create(report=report, kind="debat", date=dt.date(2024, 11, 8), place="Hotel")
    return report


@pytest.fixture
def operator_client(client, operator, session):
    client.force_login(operator)
    return client


def stored(session, region) -> ReadinessReport | None:
    return ReadinessReport.objects.filter(session=session, region=region).first()


def test_a_new_report_starts_from_last_weeks_values_and_coming_agenda(
    operator_client, session, last_week, ballots
):
    response = operator_client.get(reverse("reports:report_form"))
    data = form_data(response)
    assert data["security_personnel"] == "1.214"
    assert data["security_notes"] == "Personel disiagakan di 3 kecamatan."
    assert data["logistics_status"] == "kekurangan"
    assert (data["kekurangan-0-item"], data["kekurangan-0-quantity"]) == (str(ballots.pk), "1.200")
    assert data["agenda-0-date"] == "23/11/2024"
    assert data["agenda-TOTAL_FORMS"] == "2"  # the coming rally and one blank row; the past debate is gone
    assert "Isian awal diambil dari laporan rakor 11 November 2024" in response.content.decode()
    assert stored(session, last_week.region) is None  # looking is not saving


def test_submitting_a_carried_report_asks_to_confirm_every_unchanged_section(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, action="submit")
    assert response.status_code == 200
    for section in BEFORE_VOTING:
        assert errors_beside(response, f"confirm_{section.key}") == [
            "Centang jika bagian ini masih akurat, atau ubah isinya."
        ]
    assert stored(session, last_week.region) is None


def test_a_confirmed_carried_report_keeps_its_lines_and_dates_every_section(
    operator_client, session, last_week
):
    data = confirm_all(open_form(operator_client, session))
    response = post_form(operator_client, session, data, action="submit")
    assert response.status_code == 302
    report = stored(session, last_week.region)
    assert report.status == "submitted"
    assert report.security_personnel == 1214
    assert [(s.item.name, s.quantity, s.note) for s in report.shortages.all()] == [
        ("Surat suara", 1200, "TPS Bontang Utara")
    ]
    assert [(a.kind, a.date) for a in report.agenda.all()] == [("kampanye_akbar", dt.date(2024, 11, 23))]
    assert report.changed_sections == []
    assert report.confirmed_sections == {s.key: "2024-11-18" for s in BEFORE_VOTING}
    assert ShortageLine.objects.filter(report=last_week).count() == 1  # last week's lines untouched


def test_changed_sections_are_recorded_and_unconfirmed_ones_keep_their_date(
    operator_client, session, last_week, election
):
    data = open_form(operator_client, session)
    data.update(
        {
            "security_personnel": "1.250",
            "kekurangan-1-item": str(election.logistics_items.get(name="Tinta").pk),
            "kekurangan-1-quantity": "40",
            "kekurangan-TOTAL_FORMS": "2",
        }
    )
    assert post_form(operator_client, session, data).status_code == 302
    report = stored(session, last_week.region)
    assert report.status == "draft"
    assert report.changed_sections == ["logistics", "security"]
    assert report.confirmed_sections["security"] == "2024-11-18"
    assert report.confirmed_sections["logistics"] == "2024-11-18"
    assert report.confirmed_sections["asn"] == LAST_WEEK
    assert report.shortages.count() == 2


QUIET = (
    "Tanggal ini masuk masa tenang (24 November 2024–26 November 2024); tidak boleh ada kegiatan kampanye."
)

RULES = [
    ({"security_personnel": "abc"}, "Isi dengan bilangan bulat, misalnya 1.214."),
    ({"security_personnel": "100000000000000000000"}, "Terlalu besar; paling banyak 1.000.000."),
    ({"security_personnel": "9" * 5000}, "Isi dengan bilangan bulat, misalnya 1.214."),
    ({"security_personnel": "-5"}, "Tidak boleh kurang dari 0."),
    ({"first_time_voters": "1,5"}, "Isi dengan bilangan bulat, misalnya 1.214."),
    ({"first_time_voters": "20000000"}, "Terlalu besar; paling banyak 10.000.000."),
    ({"asn_violations": "2.5"}, "Isi dengan bilangan bulat, misalnya 1.214."),
    ({"kecamatan_ready": "4"}, "Bontang hanya memiliki 3 kecamatan."),
    ({"kecamatan_ready": "99999999"}, "Terlalu besar; paling banyak 1.000."),
    ({"logistics_items_fulfilled": "15"}, "Pemilihan ini hanya memiliki 14 item logistik."),
    (
        {"distribution_start": "2024-11-25", "distribution_end": "2024-11-23"},
        "Distribusi tidak boleh selesai sebelum dimulai.",
    ),
    (
        {"distribution_start": "2024-11-25", "distribution_end": "2024-11-27"},
        "Distribusi logistik harus selesai sebelum hari pemungutan suara (27 November 2024).",
    ),
    ({"distribution_start": "kemarin"}, BAD_DATE),
    (
        {"agenda-0-kind": "kampanye_akbar", "agenda-0-date": "2024-11-25"},
        QUIET,
    ),
    (
        {"agenda-0-kind": "debat", "agenda-0-date": "2024-11-24"},
        QUIET,
    ),
    (
        {"agenda-0-kind": "kampanye_akbar", "agenda-0-date": "2024-12-01"},
        "Kampanye rapat umum harus berada dalam masa kampanye (25 September 2024–23 November 2024).",
    ),
    (
        {"agenda-0-kind": "distribusi", "agenda-0-date": "2024-11-27"},
        "Distribusi logistik harus selesai sebelum hari pemungutan suara (27 November 2024).",
    ),
    (
        {"agenda-0-kind": "lainnya", "agenda-0-date": "31-02-2024"},
        BAD_DATE,
    ),
    ({"agenda-0-kind": "lainnya", "agenda-0-place": "Bontang"}, "Isi tanggal kegiatan."),
    ({"kekurangan-0-item": "ITEM", "kekurangan-0-quantity": "0"}, "Tidak boleh kurang dari 1."),
    (
        {"kekurangan-0-item": "ITEM", "kekurangan-0-quantity": "banyak"},
        "Isi dengan bilangan bulat, misalnya 1.214.",
    ),
    ({"kekurangan-0-quantity": "12"}, "Pilih item logistik."),
]


@pytest.mark.parametrize(("changes", "message"), RULES)
def test_each_rule_answers_with_its_message_beside_the_field_and_keeps_the_input(
    operator_client, session, region, ballots, changes, message
):
    data = open_form(operator_client, session)
    typed = {key: str(ballots.pk) if value == "ITEM" else value for key, value in changes.items()}
    data.update(typed, security_notes="Catatan yang baru diketik", place_marker="x")
    response = post_form(operator_client, session, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Laporan belum disimpan. Perbaiki isian berikut" in content
    assert content.count("error-summary") == 1
    kept = form_data(response)
    assert kept["security_notes"] == "Catatan yang baru diketik"
    for key, value in typed.items():
        assert kept[key] == value
    assert stored(session, region) is None


WINDOW = "Tanggal harus di antara 25 September 2024 dan 16 Desember 2024."
AN_EVENT = {"agenda-0-kind": "lainnya", "agenda-0-date": "2024-11-20"}
A_SHORTAGE = {"kekurangan-0-item": "ITEM", "kekurangan-0-quantity": "10"}

BOUNDS = [
    ({"distribution_start": "0001-01-01"}, "distribution_start", WINDOW),
    ({"distribution_start": "9999-12-31"}, "distribution_start", WINDOW),
    ({"distribution_start": "2024-11-20", "distribution_end": "9999-12-31"}, "distribution_end", WINDOW),
    ({"regency_plenary_date": "9999-12-31"}, "regency_plenary_date", WINDOW),
    ({"regency_plenary_date": "2024-09-01"}, "regency_plenary_date", WINDOW),
    ({"agenda-0-kind": "lainnya", "agenda-0-date": "0001-01-01"}, "agenda-0-date", WINDOW),
    ({"agenda-0-kind": "lainnya", "agenda-0-date": "9999-12-31"}, "agenda-0-date", WINDOW),
    ({"agenda-0-kind": "distribusi", "agenda-0-date": "2024-09-24"}, "agenda-0-date", WINDOW),
    ({"agenda-0-kind": "kampanye_akbar", "agenda-0-date": "2024-09-20"}, "agenda-0-date", WINDOW),
    (
        {**AN_EVENT, "agenda-0-place": "G" * 201},
        "agenda-0-place",
        "Terlalu panjang; paling banyak 200 karakter.",
    ),
    (
        {**AN_EVENT, "agenda-0-description": "Rapat " * 60},
        "agenda-0-description",
        "Terlalu panjang; paling banyak 300 karakter.",
    ),
    (
        {**A_SHORTAGE, "kekurangan-0-note": "TPS " * 100},
        "kekurangan-0-note",
        "Terlalu panjang; paling banyak 300 karakter.",
    ),
    *(
        (
            {field.name: str(field.maximum + 1)},
            field.name,
            f"Terlalu besar; paling banyak {field.maximum:,}.".replace(",", "."),
        )
        for field in of_kind(Kind.COUNT)
    ),
]


@pytest.fixture
def session_asking(session, voting_week):
    """The rakor whose form asks for a field: 18 November before voting day, 2 December after it."""
    after = fields_of(sections_of(voting_week.stages)) - fields_of(BEFORE_VOTING)
    return lambda name: voting_week if name in after else session


@pytest.mark.parametrize(("changes", "name", "message"), BOUNDS)
def test_a_value_out_of_bounds_is_refused_beside_its_field_and_nothing_typed_is_lost(
    operator_client, session_asking, region, ballots, changes, name, message
):
    session = session_asking(name)
    data = open_form(operator_client, session)
    typed = {key: str(ballots.pk) if value == "ITEM" else value for key, value in changes.items()}
    data.update(typed, security_notes="Catatan yang baru diketik")
    response = post_form(operator_client, session, data)
    assert response.status_code == 200
    assert errors_beside(response, name) == [message]
    kept = form_data(response)
    assert kept["security_notes"] == "Catatan yang baru diketik"
    assert {key: kept[key] for key in typed} == typed
    assert stored(session, region) is None


@pytest.mark.parametrize("name", [field.name for field in of_kind(Kind.TEXT)])
def test_a_1_mb_note_is_refused_beside_its_field_and_kept_as_typed(
    operator_client, session_asking, region, name
):
    session = session_asking(name)
    note = ("Kendala angkutan ke kecamatan hulu. " * 30_000)[:1_000_000]
    data = {**open_form(operator_client, session), name: note}
    response = post_form(operator_client, session, data, action="submit")
    assert response.status_code == 200
    assert errors_beside(response, name) == ["Terlalu panjang; paling banyak 1.000 karakter."]
    assert form_data(response)[name] == note
    assert stored(session, region) is None


def test_a_note_of_exactly_the_limit_with_line_breaks_is_saved(operator_client, session, region):
    note = "\r\n".join(["x" * 99] * 10) + "x"  # 1.000 characters as the browser counts them
    data = {**open_form(operator_client, session), "notes": note}
    assert post_form(operator_client, session, data).status_code == 302
    assert stored(session, region).notes == note.replace("\r\n", "\n")
    assert len(stored(session, region).notes) == 1_000


@pytest.mark.parametrize("week", ["session", "voting_week"])
def test_the_form_shows_each_limit(operator_client, week, request):
    session = request.getfixturevalue(week)
    content = operator_client.get(report_url(session)).content.decode()
    asked = fields_of(sections_of(session.stages))
    assert content.count('maxlength="1000"') == len([f for f in of_kind(Kind.TEXT) if f.name in asked])
    assert "Paling banyak 1.000 karakter." in content
    assert 'data-counter="%(typed)s/%(limit)s karakter"' in content


def test_the_same_item_twice_is_refused(operator_client, session, region, ballots):
    data = open_form(operator_client, session)
    data.update(
        {
            "kekurangan-TOTAL_FORMS": "2",
            "kekurangan-0-item": str(ballots.pk),
            "kekurangan-0-quantity": "10",
            "kekurangan-1-item": str(ballots.pk),
            "kekurangan-1-quantity": "20",
        }
    )
    response = post_form(operator_client, session, data)
    assert "Surat suara sudah dicantumkan; gabungkan jumlahnya." in response.content.decode()
    assert stored(session, region) is None


def test_an_item_of_another_election_is_refused(operator_client, session, region, election):
    other = LogisticsItem.objects.create(election=_other_election(), name="Surat suara lama")
    data = open_form(operator_client, session)
    data.update({"kekurangan-0-item": str(other.pk), "kekurangan-0-quantity": "10"})
    response = post_form(operator_client, session, data)
    assert response.status_code == 200
    assert stored(session, region) is None


def _other_election():
    from reports.models import Election

    return Election.objects.create(
        name="Pilkada 2020",
        voting_day=dt.date(2020, 12, 9),
        campaign_start=dt.date(2020, 9, 26),
        campaign_end=dt.date(2020, 12, 5),
        quiet_start=dt.date(2020, 12, 6),
        quiet_end=dt.date(2020, 12, 8),
        calendar_start=dt.date(2020, 9, 26),
        calendar_end=dt.date(2020, 12, 28),
        participation_target=77,
    )


def test_readiness_must_be_chosen_before_submitting(operator_client, session, region):
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, action="submit")
    assert "Pilih kesiapan umum sebelum mengirim laporan." in response.content.decode()
    assert post_form(operator_client, session, data, action="draft").status_code == 302


def test_a_count_far_from_last_week_asks_for_confirmation(operator_client, session, last_week):
    data = confirm_all(open_form(operator_client, session))
    data["security_personnel"] = "12"
    response = post_form(operator_client, session, data, action="submit")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nilai ini jauh dari laporan sebelumnya (1.214 pada rakor 11 November 2024)." in content
    assert 'name="confirm_unusual"' in content
    assert form_data(response)["security_personnel"] == "12"
    assert stored(session, last_week.region) is None

    response = post_form(operator_client, session, data, action="submit", confirm_unusual="on")
    assert response.status_code == 302
    assert stored(session, last_week.region).security_personnel == 12


def test_a_usual_change_needs_no_confirmation(operator_client, session, last_week):
    data = confirm_all(open_form(operator_client, session))
    data["security_personnel"] = "1.300"
    assert post_form(operator_client, session, data, action="submit").status_code == 302
    assert stored(session, last_week.region).security_personnel == 1300


def test_the_form_page_costs_the_same_queries_whatever_the_history(
    client, demo, django_assert_max_num_queries
):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="operator.bontang"))
    # Two of them read last week's lines, to tell the phone which sections still need a tick offline.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("reports:report_form"))
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("reports:report_history")).status_code == 200
