"""The interface language: Bahasa Indonesia unless the user picked another with the switch.

Django's ``LocaleMiddleware`` also follows the browser's Accept-Language, but many officials' phones
are set to English while the desk works in Bahasa Indonesia. Here only an explicit choice, kept in
the language cookie by ``set_language`` (the switch in every page's footer), changes the language.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(chosen)
    except LookupError:
        return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
