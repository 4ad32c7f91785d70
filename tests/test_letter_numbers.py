"""The register of letter numbers: numbers follow the admin's pattern, are issued at signing, unique
within a year and never reused — not after an edit withdraws a signature, not under concurrent
signing (PostgreSQL, real threads) — and a corrected letter gets a new number that refers to the
one it corrects. The public verification page says which letter is current."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.access import Role
from reports.brief.checklist import Check
from reports.models import LetterCounter, LetterNumber, LetterSettings, LetterStep, RakorSession
from reports.models.letter import validate_number_pattern
from reports.workflow import forwarding
from reports.workflow import letter as chain
from tests import letters
from tests.conftest import make_user
from tests.threads import run_together

on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
)


@pytest.mark.django_db
def test_a_withdrawn_number_stays_in_the_register_and_the_next_signature_takes_a_new_one(demo):
    first = letters.sign(demo)
    session = RakorSession.objects.get(pk=demo.pk)
    edited = session.brief_text + "\n\nRalat."
    forwarding.save_text(session, letters.demo_people()[0], edited, base=chain.digest(session.brief_text))
    second = letters.sign(demo)
    assert second.sequence == first.sequence + 1
    assert LetterNumber.objects.get(pk=first.pk).withdrawn_at is not None
    assert LetterCounter.objects.get(year=first.year).last == second.sequence


@pytest.mark.django_db
def test_the_admin_may_continue_a_paper_register_but_never_go_back(demo):
    counter = LetterCounter(year=dt.date.today().year, last=411)
    counter.full_clean()
    counter.save()
    number = letters.sign(demo)
    assert number.sequence == 412 and "/0412/" in number.number
    counter.refresh_from_db()
    counter.last = 300
    with pytest.raises(ValidationError) as refusal:
        counter.full_clean()
    assert "0412 tahun ini sudah terbit" in str(refusal.value)


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("{code}/{unit}/{year}", "harus memuat {number}"),
        ("{code}/{number}/{bagian}", "bukan {bagian}"),
        ("{code}/{number", "tidak dapat dibaca"),
    ],
)
def test_a_number_pattern_without_the_running_number_or_with_unknown_fields_is_refused(pattern, said):
    with pytest.raises(ValidationError) as refusal:
        validate_number_pattern(pattern)
    assert said in refusal.value.messages[0]


@pytest.mark.django_db
def test_a_corrected_letter_gets_a_new_number_that_refers_to_the_old_and_the_page_says_which_is_current(demo):
    old = letters.sign(demo)
    client_for_desk = Client()
    client_for_desk.force_login(letters.demo_people()[0])
    client_for_desk.post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})
    old.refresh_from_db()

    # Reopened to be corrected ("buka kembali"): the session is open again and the chain starts over.
    RakorSession.objects.filter(pk=demo.pk).update(forwarded_at=None, forwarded_by=None, signed_off_at=None)
    LetterStep.objects.filter(session=demo).update(cleared_at=old.forwarded_at)
    new = letters.sign(demo)
    assert new.corrects == old and new.number != old.number

    visitor = Client()
    page = visitor.get(reverse("reports:verify", args=[old.token])).content.decode()
    assert old.number in page and "sudah diralat dan tidak berlaku lagi" in page and new.number in page
    assert old.pdf_sha256 and old.pdf_sha256 in page
    assert "Dr. Hj. Sri Wahyuni, M.Pd." in page
    for private in ("Bontang", "1.214", "personel"):
        assert private not in page
    page = visitor.get(reverse("reports:verify", args=[new.token])).content.decode()
    assert "belum dikirim" in page and f'Meralat</dt><dd class="col-sm-8">{old.number}' in page
    assert visitor.get(reverse("reports:verify", args=["tidak-ada"])).status_code == 404


SIGNINGS = 8


@pytest.mark.postgres
@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signings_take_distinct_consecutive_numbers(election):
    secretariat = make_user("sekretariat.balapan", Role.SECRETARIAT)
    head = make_user("kepala.balapan", Role.HEAD)
    sekda = make_user("sekda.balapan", Role.LEADER)
    letter = LetterSettings.load()
    letter.signer = sekda
    letter.save()
    letter.initialers.set([head])
    sessions = [
        RakorSession.objects.create(election=election, date=dt.date(2024, 9, 2) + dt.timedelta(weeks=week))
        for week in range(SIGNINGS)
    ]
    for session in sessions:
        chain.submit(session, secretariat, seen=letters.seen(session))
        chain.paraf(session, head, seen=letters.seen(session))
    texts = {session.pk: letters.seen(session) for session in sessions}

    outcomes = run_together(
        *(
            lambda s=session: chain.sign(s, sekda, seen=texts[s.pk], verified=True, acknowledged=Check.values)
            for session in sessions
        )
    )

    assert all(isinstance(outcome, LetterNumber) for outcome in outcomes), outcomes
    sequences = sorted(outcome.sequence for outcome in outcomes)
    assert sequences == list(range(1, SIGNINGS + 1))
    assert len({outcome.number for outcome in outcomes}) == SIGNINGS
    assert LetterNumber.objects.count() == SIGNINGS
