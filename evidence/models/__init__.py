"""The evidence app's models, one module per part; importing them from ``evidence.models``
is the one way to reach them."""

from evidence.models.access import Capability, Scope
from evidence.models.documents import GeneratedDocument
from evidence.models.dossiers import Dossier, DossierQuerySet
from evidence.models.exhibits import FILE_EXTENSIONS, Exhibit, Platform, is_online_place
from evidence.models.journal import AppendOnlyQuerySet, Event, JournalStamp
from evidence.models.letters import Complaint, age_on, is_minor
from evidence.models.sharing import Handover, HelperGrant, HelperInvitation, Signalement

__all__ = [
    "FILE_EXTENSIONS",
    "AppendOnlyQuerySet",
    "Capability",
    "Complaint",
    "Dossier",
    "DossierQuerySet",
    "Event",
    "Exhibit",
    "GeneratedDocument",
    "Handover",
    "HelperGrant",
    "HelperInvitation",
    "JournalStamp",
    "Platform",
    "Scope",
    "Signalement",
    "age_on",
    "is_minor",
    "is_online_place",
]
