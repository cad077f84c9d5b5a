"""Who may do what in a dossier: the capability a person has, and the scopes a pupil
gives a helper (school staff)."""

import enum
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text


class Capability(enum.IntEnum):
    """What a person may do in a dossier; each level includes the ones below it."""

    READ = 1
    ADD = 2
    PDF = 3
    OWN = 4


@dataclass(frozen=True)
class Access:
    """A person's capability in one dossier, as templates and views ask about it."""

    capability: Capability

    def allows(self, need):
        return self.capability >= need

    @property
    def is_owner(self):
        return self.capability == Capability.OWN

    @property
    def is_helper(self):
        return self.capability < Capability.OWN

    @property
    def can_add(self):
        return self.capability >= Capability.ADD

    @property
    def can_make_pdf(self):
        return self.capability >= Capability.PDF


class Scope(models.TextChoices):
    """What a pupil lets a helper do in their dossier."""

    READ = "read", _("See the dossier")
    ADD = "add", _("See it and add exhibits")
    PDF = "pdf", _("See it, add exhibits and prepare the PDFs")


# The scope inside a sentence ("You may: see it and add exhibits.").
SCOPE_PHRASES: dict[str, Text] = {
    Scope.READ: _("see the dossier"),
    Scope.ADD: _("see it and add exhibits"),
    Scope.PDF: _("see it, add exhibits and prepare the PDFs"),
}
