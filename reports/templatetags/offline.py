"""``{% offline_key %}``: the name under which the service worker keeps the signed-in user's
copies of pages; a keyed hash of the user's id, so it says nothing about who the user is."""

from django import template

from reports.views.offline import user_key

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_key(context: template.Context) -> str:
    return user_key(context["request"].user)
