"""Forms lay themselves out in Python (crispy-forms' FormHelper and Layout) and render with
the project's own template pack: the accessible markup, asserted on a form with errors."""

import inspect
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import accounts.forms
import evidence.forms.exhibits
import evidence.forms.letter
import evidence.forms.sharing
import evidence.forms.signalement
import guidance.forms
from cyberaide.form_layout import LaidOut
from tests.evidence.factories import make_dossier, make_user

# Rendered inside another page's markup, not as a form of their own.
INLINE = {"ScopeForm", "MoveForm", "HelperIdentityForm"}


def project_forms():
    for module in (
        accounts.forms,
        evidence.forms.exhibits,
        evidence.forms.letter,
        evidence.forms.sharing,
        evidence.forms.signalement,
        guidance.forms,
    ):
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield name, value


def test_every_form_of_a_page_declares_its_layout():
    missing = [
        name
        for name, form in project_forms()
        if name not in INLINE and not issubclass(form, LaidOut)
    ]
    assert not missing
    assert len(list(project_forms())) > 15


@pytest.mark.django_db
def test_a_form_with_errors_has_the_accessible_markup(client, django_user_model):
    alice = make_user(django_user_model, "alice")
    dossier = make_dossier(alice)
    client.force_login(alice)
    with translation.override("en"):
        url = reverse("evidence:letter_step", args=[dossier.public_id, 3])
        preview = reverse("evidence:letter_preview", args=[dossier.public_id])
    response = client.post(url, {"recipient": "procureur", "recipient_town": ""})
    assert response.status_code == 400
    html = " ".join(response.content.decode().split())
    # One form, posted to itself, with its token, never validated by the browser.
    assert html.count("<form") == html.count("</form>")
    assert re.search(
        r'<form method="post" novalidate>\s*<input type="hidden" name="csrfmiddlewaretoken"', html
    )
    # The summary first, each error linked to its field.
    summary = html[html.index('class="box box-alert error-summary" role="alert"') :]
    assert summary.index("Please correct the following") < summary.index('id="id_recipient_town"')
    assert '<a href="#id_recipient_town">Town — This field is required.</a>' in summary
    # A radio group's error leads to the group itself (it has no single input to label).
    assert '<a href="#id_competence">Why this court — Say why this court can act.' in summary
    assert '<div id="id_competence"' in html
    # Each field: a visible label, its help and its error tied to it for screen readers.
    assert '<label for="id_recipient_town">Town:</label>' in html
    field = re.search(r'<input type="text" name="recipient_town"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_recipient_town_helptext id_recipient_town_error"' in field
    assert '<div class="field field-error">' in html
    # The submit row declared in Python: the button, then the link to the letter.
    assert (
        f'<div class="actions"><button type="submit">Save and continue</button> '
        f'<a href="{preview}">See the letter</a></div>'
    ) in html
