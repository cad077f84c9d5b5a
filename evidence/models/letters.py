"""What the complaint letter needs, asked only when the victim gets there."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evidence.custody.fields import EncryptedJSONField, EncryptedTextField


def age_on(date_of_birth, day):
    """Age in whole years on ``day``; None when the date of birth is unknown."""
    if not date_of_birth:
        return None
    birth = date_of_birth
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_minor(date_of_birth):
    age = age_on(date_of_birth, timezone.localdate())
    return age is not None and age < 18


class Complaint(models.Model):
    """What the complaint letter needs, collected step by step when the victim gets there.

    Identity is asked only here, never at sign-up.
    """

    class Recipient(models.TextChoices):
        PROSECUTOR = "procureur", _("The public prosecutor (procureur de la République)")
        POLICE = "commissariat", _("A police station (commissariat de police)")
        GENDARMERIE = "gendarmerie", _("A gendarmerie (brigade de gendarmerie)")

    class Competence(models.TextChoices):
        """Why this prosecutor may act (article 43 of the code de procédure pénale)."""

        VICTIM_HOME = "victim_home", _("It is the court of the place where I live")
        FACTS = "facts", _("It is the court of the place where the facts happened")
        AUTHOR_HOME = "author_home", _("It is the court of the place where the author lives")

    class FiledBy(models.TextChoices):
        VICTIM = "victim", _("I file it myself")
        REPRESENTATIVE = "representative", _("A parent or guardian files it in the child's name")

    class Role(models.TextChoices):
        """A legal representative, in the words the letter prints (their gender shows)."""

        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        GUARDIAN_WOMAN = "guardian_woman", _("Guardian (a woman)")
        GUARDIAN_MAN = "guardian_man", _("Guardian (a man)")

    dossier = models.OneToOneField(
        "evidence.Dossier", on_delete=models.CASCADE, related_name="complaint"
    )

    last_name = EncryptedTextField(_("last name"), max_length=100, blank=True, form_input="line")
    first_names = EncryptedTextField(
        _("first names"), max_length=150, blank=True, form_input="line"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = EncryptedTextField(
        _("place of birth"), max_length=150, blank=True, form_input="line"
    )
    occupation = EncryptedTextField(
        _("occupation or school"), max_length=150, blank=True, form_input="line"
    )
    address = EncryptedTextField(_("postal address"), blank=True)
    phone = EncryptedTextField(_("phone number"), max_length=40, blank=True, form_input="line")
    email = EncryptedTextField(_("e-mail address"), max_length=254, blank=True, form_input="email")

    representative_name = EncryptedTextField(
        _("legal representative's full name"),
        max_length=200,
        blank=True,
        form_input="line",
    )
    representative_relationship = models.CharField(
        _("who they are"), max_length=16, choices=Role.choices, blank=True
    )
    representative_address = EncryptedTextField(_("legal representative's address"), blank=True)
    representative_phone = EncryptedTextField(
        _("legal representative's phone number"),
        max_length=40,
        blank=True,
        form_input="line",
    )
    representative_email = EncryptedTextField(
        _("legal representative's e-mail"), max_length=254, blank=True, form_input="email"
    )
    second_representative_name = EncryptedTextField(
        _("second legal representative's full name"),
        max_length=200,
        blank=True,
        form_input="line",
    )
    second_representative_relationship = models.CharField(
        _("who they are"), max_length=16, choices=Role.choices, blank=True
    )
    second_representative_phone = EncryptedTextField(
        _("second legal representative's phone number"),
        max_length=40,
        blank=True,
        form_input="line",
    )
    filed_by = models.CharField(
        _("who files the complaint"),
        max_length=16,
        choices=FiledBy.choices,
        default=FiledBy.VICTIM,
    )

    recipient = models.CharField(
        _("who the letter is for"), max_length=16, choices=Recipient.choices, blank=True
    )
    recipient_town = EncryptedTextField(_("town"), max_length=150, blank=True, form_input="line")
    competence = models.CharField(
        _("why this court"), max_length=16, choices=Competence.choices, blank=True
    )
    recipient_address = EncryptedTextField(_("address, if you know it"), blank=True)

    authors_known = models.BooleanField(_("I know who did it"), null=True, blank=True)
    authors = EncryptedTextField(_("who did it"), max_length=5_000, blank=True)

    facts_period = EncryptedTextField(
        _("since when"), max_length=200, blank=True, form_input="line"
    )
    facts = EncryptedTextField(_("what happened"), max_length=20_000, blank=True)
    harm = EncryptedTextField(_("the harm it caused you"), max_length=5_000, blank=True)
    harm_amount = EncryptedTextField(
        _("amount of the harm"), max_length=100, blank=True, form_input="line"
    )
    witnesses = EncryptedTextField(_("witnesses"), max_length=5_000, blank=True)
    offences = EncryptedJSONField(default=list, blank=True)
    partie_civile = models.BooleanField(_("I wish to be a civil party"), default=False)
    signed_in_town = EncryptedTextField(
        _("town where you sign"), max_length=150, blank=True, form_input="line"
    )

    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.dossier}"

    @property
    def is_minor(self):
        return is_minor(self.date_of_birth)

    @property
    def filed_by_representative(self):
        """A parent files in the child's name: only for a minor with a representative."""
        return (
            self.filed_by == self.FiledBy.REPRESENTATIVE
            and self.is_minor
            and bool(self.representative_name)
        )
