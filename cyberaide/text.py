"""A type for text shown to people: a ``str``, or a lazily translated one (``gettext_lazy``)
that becomes a ``str`` in the language of the request that shows it."""

from django.utils.functional import Promise

Text = str | Promise
