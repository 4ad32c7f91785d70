"""The interface around every page: the language and its switch, the role guides, the catalogue check."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from regions.models import Region
from reports.management.commands.check_translations import (
    compile_po,
    compiled_catalogue,
    counts_without_plural,
    fuzzy,
    missing_plural_forms,
    plural_forms,
    read_po,
    untranslated,
)
from tests.conftest import PASSWORD, make_user
from tests.pages import ACCOUNTS, ANONYMOUS, pages_of

pytestmark = pytest.mark.django_db

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_the_interface_stays_in_bahasa_indonesia_when_the_browser_prefers_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Masuk ke Desk Pilkada" in response.text
    assert response.headers["Content-Language"] == "id"


def test_an_anonymous_visitor_switches_the_login_page_to_english_and_it_is_remembered(client):
    login = reverse("login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response.url == login
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(login).text
    assert "Sign in to Desk Pilkada" in page
    assert "Masuk ke Desk Pilkada" not in page
    assert '<html lang="en">' in page


def test_switching_back_to_bahasa_indonesia_translates_the_page_back(client, operator):
    client.force_login(operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Guide" in client.get(reverse("reports:guide")).text
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    page = client.get(reverse("reports:guide")).text
    assert "Panduan operator kabupaten/kota" in page


def test_an_unknown_language_falls_back_to_bahasa_indonesia(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "Masuk ke Desk Pilkada" in client.get(reverse("login")).text


def test_the_language_switch_is_in_the_footer_of_the_login_page_and_of_signed_in_pages(client, leader):
    switch = f'action="{reverse("set_language")}"'
    assert switch in client.get(reverse("login")).text
    client.force_login(leader)
    assert switch in client.get(reverse("reports:guide")).text


@pytest.mark.parametrize(
    ("fixture", "title"),
    [
        ("operator", "Panduan operator kabupaten/kota"),
        ("secretariat", "Panduan sekretariat provinsi"),
        ("leader", "Panduan pimpinan"),
    ],
)
def test_each_role_opens_its_own_guide_from_the_navigation(client, request, fixture, title):
    client.force_login(request.getfixturevalue(fixture))
    page = client.get(reverse("reports:guide")).text
    assert f'<h1 class="h3">{title}</h1>' in page
    assert f'aria-current="page" href="{reverse("reports:guide")}"' in page


def test_an_it_admin_without_a_role_gets_the_admin_guide(client):
    client.force_login(make_user("ti", is_staff=True))
    assert "Panduan admin TI" in client.get(reverse("reports:guide")).text


def test_every_guide_can_be_read_and_an_unknown_one_is_not_found(client, operator):
    client.force_login(operator)
    for role in ("operator", "sekretariat", "pimpinan", "admin"):
        assert client.get(reverse("reports:guide_role", args=[role])).status_code == 200
    assert client.get(reverse("reports:guide_role", args=["mendagri"])).status_code == 404


def test_guides_need_a_signed_in_user(client):
    response = client.get(reverse("reports:guide"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_real_login_form_signs_in_with_the_language_switch_beside_it(client, operator):
    response = client.post(
        reverse("login"), {"username": operator.username, "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user == operator


def write(path, text):
    path.write_text(PO_HEADER + text, encoding="utf-8")
    return path


def test_the_catalogue_check_names_untranslated_and_fuzzy_strings(tmp_path):
    po = write(
        tmp_path / "django.po",
        'msgid "Siap"\nmsgstr "Ready"\n\n'
        'msgid "Belum siap"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s siap"\nmsgstr "%(n)s ready"\n\n'
        'msgid "Panjang"\nmsgstr ""\n"Long "\n"text"\n\n'
        'msgid "%(count)s rakor"\nmsgid_plural "%(count)s rakor"\n'
        'msgstr[0] "%(count)s meeting"\nmsgstr[1] ""\n\n'
        '#~ msgid "Lama"\n#~ msgstr ""\n',
    )
    entries = read_po(po)
    assert untranslated(entries) == ["Belum siap"]
    assert missing_plural_forms(entries, 2) == ["%(count)s rakor"]
    assert fuzzy(entries) == ["%(n)s siap"]
    assert [e.msgid for e in entries] == ["Siap", "Belum siap", "%(n)s siap", "Panjang", "%(count)s rakor"]


def test_the_catalogue_check_names_a_count_without_plural_forms_and_a_missing_form(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "%(count)s pengingat dikirim."\nmsgstr "%(count)s reminders sent."\n\n'
        'msgid "%(counter)s laporan"\nmsgid_plural "%(counter)s laporan"\n'
        'msgstr[0] "%(counter)s report"\nmsgstr[1] "%(counter)s reports"\n\n'
        'msgid "%(counter)s menit"\nmsgid_plural "%(counter)s menit"\nmsgstr[0] "%(counter)s minute"\n\n'
        'msgid "versi %(version)s"\nmsgstr "version %(version)s"\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert plural_forms(po) == 2
    assert counts_without_plural(entries) == ["%(count)s pengingat dikirim."]
    assert missing_plural_forms(entries, plural_forms(po)) == ["%(counter)s menit"]
    assert untranslated(entries) == []


def test_the_english_catalogue_has_every_plural_form_and_no_count_without_them():
    po = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = read_po(po)
    assert missing_plural_forms(entries, plural_forms(po)) == []
    assert counts_without_plural(entries) == []


def test_region_names_follow_the_word_order_of_the_language(db):
    bontang, kukar = Region.objects.get(name="Bontang"), Region.objects.get(name="Kutai Kartanegara")
    assert (str(bontang), str(kukar)) == ("Kota Bontang", "Kabupaten Kutai Kartanegara")
    with translation.override("en"):
        assert (str(bontang), str(kukar)) == ("Bontang City", "Kutai Kartanegara Regency")


def test_english_pages_count_one_late_report_and_name_regions_in_english_order(client, demo):
    client.force_login(User.objects.get(username="sekretariat"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    dashboard = " ".join(client.get(reverse("reports:dashboard")).text.split())
    assert "late report: Mahakam Ulu Regency" in dashboard
    assert "late reports" not in dashboard
    assert "7 of 10 regencies/cities have reported" in dashboard
    assert "Samarinda City" in dashboard and "Kota Samarinda" not in dashboard
    bontang = Region.objects.get(name="Bontang")
    drilldown = client.get(reverse("reports:region_detail", args=[demo.pk, bontang.pk])).text
    assert "Bontang City" in drilldown


def test_the_catalogue_check_tells_a_stale_compiled_catalogue_from_a_fresh_one(tmp_path):
    po = write(tmp_path / "django.po", 'msgid "Siap"\nmsgstr "Ready"\n')
    committed, fresh = tmp_path / "committed.mo", tmp_path / "fresh.mo"
    compile_po(po, committed)
    compile_po(po, fresh)
    assert compiled_catalogue(committed) == compiled_catalogue(fresh)
    write(po, 'msgid "Siap"\nmsgstr "Ready!"\n')
    compile_po(po, fresh)
    assert compiled_catalogue(committed) != compiled_catalogue(fresh)


def test_the_catalogue_check_refuses_a_translation_that_breaks_a_placeholder(tmp_path):
    po = write(tmp_path / "django.po", '#, python-format\nmsgid "%(n)s siap"\nmsgstr "%(count)s ready"\n')
    with pytest.raises(CommandError, match="msgfmt"):
        compile_po(po, tmp_path / "django.mo")


def test_the_compiled_english_catalogue_matches_its_source(tmp_path):
    messages = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
    compile_po(messages / "django.po", tmp_path / "django.mo")
    assert compiled_catalogue(messages / "django.mo") == compiled_catalogue(tmp_path / "django.mo")


def test_make_messages_extracts_only_the_applications_own_strings(tmp_path):
    """Strings in tests and npm packages are not the user's; the catalogue holds none of them."""
    po = (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "#: tests/" not in po
    assert "#: node_modules/" not in po
    assert "#: reports/models/report.py" in po


class VisibleTexts(HTMLParser):
    """Every text node and every text a reader meets in an attribute, stripped; but not what an
    element marks as written in another ``lang`` than ``language`` (the letter to the Minister)."""

    READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self, language: str = ""):
        super().__init__()
        self.texts, self.skipping, self.language = set(), 0, language
        self.foreign: tuple[str, int] | None = None  # the marked element's tag and its nesting

    def handle_starttag(self, tag, attrs):
        if self.foreign is not None:
            self.foreign = (self.foreign[0], self.foreign[1] + (tag == self.foreign[0]))
            return
        marked = dict(attrs).get("lang")
        if self.language and marked and marked != self.language:
            self.foreign = (tag, 1)
            return
        self.skipping += tag in ("script", "style")
        self.texts |= {value.strip() for name, value in attrs if name in self.READ_ATTRIBUTES and value}

    def handle_endtag(self, tag):
        if self.foreign is not None:
            if tag == self.foreign[0]:
                self.foreign = (tag, self.foreign[1] - 1) if self.foreign[1] > 1 else None
            return
        self.skipping -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skipping and self.foreign is None and data.strip():
            self.texts.add(" ".join(data.split()))


def texts_of(html: str, language: str = "") -> set[str]:
    parser = VisibleTexts(language)
    parser.feed(html)
    return parser.texts


def catalogue_sample() -> dict[str, set[str]]:
    """The strings that betray the other language: each side of every entry whose translation
    differs from its source, without placeholders."""
    entries = read_po(settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po")
    pairs = [
        (entry.msgid, entry.translations["msgstr"])
        for entry in entries
        if "msgstr" in entry.translations and "%" not in entry.msgid and "\\" not in entry.msgid
    ]
    pairs = [(indonesian, english) for indonesian, english in pairs if indonesian != english]
    return {"en": {indonesian for indonesian, _ in pairs}, "id": {english for _, english in pairs}}


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda name: name or "anonymous")
def test_no_page_shows_a_string_of_the_other_language(client, demo, username):
    """In English no text of a page is an Indonesian string of the catalogue, and the reverse."""
    if username != ANONYMOUS:
        client.force_login(User.objects.get(username=username))
    foreign = catalogue_sample()
    mixed = []
    for language in ("id", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in pages_of(username):
            response = client.get(url)
            letter = any(template.name == "reports/brief/print.html" for template in response.templates)
            if language == "en" and letter:
                continue  # the letter to the Minister is always in Bahasa Indonesia (reports/brief/letter.py)
            found = texts_of(response.text, language) & foreign[language]
            mixed += [f"{language} {url}: {text!r}" for text in sorted(found)]
    assert not mixed, "\n".join(mixed)


def test_an_operator_before_any_rakor_is_told_why_and_where_to_go(client, operator):
    client.force_login(operator)
    page = client.get(reverse("reports:report_form")).text
    assert "Belum ada rakor yang dibuka" in page
    assert f'href="{reverse("reports:report_history")}"' in page
    history = client.get(reverse("reports:report_history")).text
    assert "Belum ada laporan." in history
    assert f'class="btn btn-primary" href="{reverse("reports:report_form")}"' in history


def test_the_desk_before_any_rakor_is_sent_to_the_admin_to_create_them(client, secretariat):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    page = client.get(reverse("reports:dashboard")).text
    assert "Belum ada rakor." in page
    assert reverse("admin:reports_election_changelist") in page
