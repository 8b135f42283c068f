"""`{% check_form agreement as form %}`: the empty "check a number" form for any page;
`{{ claim|checks }}`: what a claim asserts, in words."""

from django import template

from pactlog.claims import present
from pactlog.claims.forms import CheckForm
from pactlog.claims.models import Claim
from pactlog.registry.models import Agreement

register = template.Library()


@register.simple_tag
def check_form(agreement: Agreement) -> CheckForm:
    return CheckForm(agreement)


@register.filter
def checks(claim: Claim) -> str:
    return present.what_it_checks(claim.spec())
