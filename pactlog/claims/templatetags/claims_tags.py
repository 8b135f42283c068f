"""`{% check_form agreement as form %}`: the empty "check a number" form for any page."""

from django import template

from pactlog.claims.forms import CheckForm
from pactlog.registry.models import Agreement

register = template.Library()


@register.simple_tag
def check_form(agreement: Agreement) -> CheckForm:
    return CheckForm(agreement)
