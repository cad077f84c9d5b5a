"""Who may do what in a dossier, in one vocabulary.

A ``Capability`` is what a person may do (each level includes the ones below it); a
``Scope`` is what a pupil lets a helper do, and maps to one capability; the phrase people
read ("You may: see it and add exhibits") is derived from the scope's label. The views
receive a ``DossierAccess`` (``evidence.views.access``) that puts a dossier and the
requester's capability together.
"""

import enum

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text


class Capability(enum.IntEnum):
    """What a person may do in a dossier; each level includes the ones below it."""

    READ = 1
    ADD = 2
    PDF = 3
    OWN = 4


def _in_a_sentence(label: Text) -> str:
    text = str(label)
    return text[:1].lower() + text[1:]


class Scope(models.TextChoices):
    """What a pupil lets a helper do in their dossier; each is one ``Capability``."""

    READ = "read", _("See the dossier")
    ADD = "add", _("See it and add exhibits")
    PDF = "pdf", _("See it, add exhibits and prepare the PDFs")

    @property
    def capability(self) -> Capability:
        return Capability[self.name]

    @property
    def phrase(self) -> Text:
        """The scope inside a sentence, translated when shown: "see it and add exhibits"."""
        return lazy(_in_a_sentence, str)(self.label)
