"""Forms declare their layout in Python (django-crispy-forms' ``FormHelper`` and
``Layout``) and ``{% crispy form %}`` renders them with the project's own template pack
(``templates/cyberaide/``): the same accessible markup as before, with no CSS framework —
an error summary whose items link to their fields, Django's ``aria-describedby`` and
``aria-invalid``, a visible label on every field.

``form_helper(...)`` builds a helper from layout items (field names, ``Fieldset``,
``HTML``) and ends it with its submit row, an ``Actions``.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, LayoutObject
from crispy_forms.utils import TEMPLATE_PACK, render_field
from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy

from cyberaide.text import Text


class Actions(LayoutObject):
    """The submit row: one submit button, then what follows it (``HTML`` links)."""

    template = "%s/layout/actions.html"

    def __init__(
        self,
        label: Text,
        *after: Any,
        name: str = "",
        value: str = "",
        css_class: str = "",
        wrap: bool = False,
    ) -> None:
        self.label, self.after = label, after
        self.name, self.value, self.css_class, self.wrap = name, value, css_class, wrap
        self.fields: list[Any] = []

    def render(self, form: Any, context: Any, template_pack: str = TEMPLATE_PACK, **kwargs: Any):
        # Each item is already HTML rendered by the template engine, which escaped what
        # it put in: joining them must not escape them a second time.
        after = mark_safe(  # noqa: S308
            "".join(
                render_field(item, form, context, template_pack=template_pack)
                for item in self.after
            )
        )
        return render_to_string(self.template % template_pack, {"actions": self, "after": after})


def link(url_tag: str, label: Text) -> HTML:
    """A link after the submit button: ``url_tag`` is a ``{% url %}`` tag's arguments,
    read in the page's context; ``label`` is translated when the page is shown."""
    return HTML(format_lazy(' <a href="{{% url {} %}}">{}</a>', url_tag, label))


def form_helper(
    *layout: Any, action: Text = "", method: str = "post", tag: bool = True
) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = tag
    helper.form_method = method
    helper.attrs = {"novalidate": True, **({"action": action} if action else {})}
    helper.layout = Layout(*layout)
    return helper


class LaidOut:
    """A form that lays itself out: ``before`` (hidden inputs, notes), its fields in
    order, then its submit row ``actions``; ``{% crispy form %}`` renders it whole."""

    actions: Actions
    before: tuple[Any, ...] = ()
    form_action: Text = ""
    form_method: str = "post"

    @property
    def helper(self) -> FormHelper:
        fields = getattr(self, "fields", {})
        if getattr(self, "is_bound", False) and getattr(self, "errors", None):
            # Sent back with errors, the error summary takes the focus (errors.html), not
            # the field Django's own forms focus first: one autofocus per page.
            for field in fields.values():
                field.widget.attrs.pop("autofocus", None)
        return form_helper(
            *self.before,
            *fields,
            self.actions,
            action=self.form_action,
            method=self.form_method,
        )


class NotRemembered:
    """A form whose answers the browser must not keep: on a shared family computer, a
    child's name, school, phone or address saved for autofill would show in anyone's
    next form. Every field that can be remembered asks for ``autocomplete="off"``: not a
    password (the browser's password manager is asked for its own values), nor a box, a
    radio button or a file, which HTML does not let carry the attribute."""

    NEVER_REMEMBERED = {"checkbox", "radio", "file"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in getattr(self, "fields", {}).values():
            widget = field.widget
            if isinstance(widget, forms.PasswordInput):
                continue
            if getattr(widget, "input_type", None) not in self.NEVER_REMEMBERED:
                widget.attrs["autocomplete"] = "off"
