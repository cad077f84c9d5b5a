from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person using cyberaide: a victim, a parent, or school staff helping a pupil.

    Username and password only; the e-mail address is optional because a pupil may have
    none, or not want one linked. Being a helper is not a role of the account: it comes
    from a grant on a dossier.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    establishment = models.CharField(
        _("establishment"),
        max_length=200,
        blank=True,
        help_text=_("For school staff: the school or institution where you work."),
    )
    # The hash of the account's recovery code (accounts/recovery.py), never the code.
    recovery_code = models.CharField(_("recovery code"), max_length=128, blank=True, db_default="")
    recovery_code_made_at = models.DateTimeField(_("recovery code made on"), null=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
