"""``{% page_has_errors as has_errors %}``: whether the page shows a form that was sent
back with errors, so that its title can start with "Error – " (the first thing a screen
reader says, and what the tab shows) on every page, whatever its form is called."""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


@register.simple_tag(takes_context=True)
def page_has_errors(context):
    return any(_refused(value) for value in context.flatten().values())


def _refused(value, depth=0):
    # type(), not isinstance(): isinstance() would evaluate the lazy objects in the
    # context (the CSRF token, the user), which would set a cookie or read the session on
    # pages that are cached for visitors without either.
    kind = type(value)
    if issubclass(kind, BaseForm | BaseFormSet):
        return value.is_bound and not value.is_valid()
    if issubclass(kind, list | tuple) and depth < 2:  # one form per file: [(exhibit, form)]
        return any(_refused(item, depth + 1) for item in value)
    return False
