"""``{% offline_key %}``: the name under which the service worker keeps the signed-in user's
copies of pages; a keyed hash of the user's id, so it says nothing about who the user is."""

from django import template
from django.utils.crypto import salted_hmac

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_key(context: template.Context) -> str:
    user = context["request"].user
    return salted_hmac("deskpilkada.offline", str(user.pk)).hexdigest()[:24]
