"""Text that is evidence, encrypted in the database with its dossier's own key.

A pasted message, a description, an author's handle, the victim's identity and facts:
``EncryptedTextField`` keeps them in their column as ``enc1:`` and the base64 of
AES-256-GCM ciphertext, under the key that also encrypts the dossier's files
(``evidence.custody.storage``). Erasing the dossier erases that key, which shreds the text
as it shreds the files, in the database's old pages and in later backups alike.

The associated data names the dossier, the model and the field: a value copied onto
another dossier, or into another field, does not open. The model instance opens a value
when it is first read (a descriptor) and seals it again at each save (``pre_save``).

What stays in clear is what the app sorts or counts by (dates, kinds, sizes, hashes) and
whether a value was given at all: an empty value is stored empty. Nothing sealed can be
searched, filtered or updated in bulk in the database; trying raises ``TypeError``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from django import forms
from django.core import validators
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from evidence.custody import storage

PREFIX = "enc1:"

# How each field is entered in a form: one line, several lines, a link, an e-mail.
FORM_FIELDS: dict[str, type[forms.CharField] | None] = {
    "line": forms.CharField,
    "text": None,  # the TextField's own: a textarea
    "url": forms.URLField,
    "email": forms.EmailField,
}
MODEL_VALIDATORS: dict[str, list[Any]] = {
    "url": [validators.URLValidator()],
    "email": [validators.validate_email],
}


class Sealed:
    """A value as the database holds it, not opened yet."""

    __slots__ = ("stored",)

    def __init__(self, stored: str) -> None:
        self.stored = stored

    def __repr__(self) -> str:
        return "<sealed>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.stored == self.stored

    def __hash__(self) -> int:
        return hash(self.stored)


def dossier_of(instance: models.Model) -> Any:
    """The dossier whose key seals this instance's text (a dossier seals its own)."""
    return instance if instance._meta.model_name == "dossier" else instance.dossier  # type: ignore[attr-defined]


class EncryptedAttribute(DeferredAttribute):
    """Opens the stored value on first reading, once per instance."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            field: EncryptedTextField = self.field  # type: ignore[assignment]
            value = field.open(instance, value)
            instance.__dict__[field.attname] = value
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Text sealed with its dossier's key. ``form_input`` says how a form asks for it:
    ``"line"``, ``"text"`` (several lines), ``"url"`` or ``"email"``; the model checks a
    link or an address as ``URLField`` and ``EmailField`` would."""

    descriptor_class = EncryptedAttribute

    def __init__(self, *args: Any, form_input: str = "text", **kwargs: Any) -> None:
        if form_input not in FORM_FIELDS:
            raise ValueError(f"Unknown form_input {form_input!r}")
        self.form_input = form_input
        super().__init__(*args, **kwargs)
        self.default_validators = [
            *MODEL_VALIDATORS.get(form_input, []),
            *([validators.MaxLengthValidator(self.max_length)] if self.max_length else []),
        ]

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.form_input != "text":
            kwargs["form_input"] = self.form_input
        return name, path, args, kwargs

    # What a value is, in clear, and as the bytes that get sealed.
    empty_values_stored_empty: tuple[Any, ...] = ("",)

    def encode(self, value: Any) -> bytes:
        return str(value).encode("utf-8")

    def decode(self, data: bytes) -> Any:
        return data.decode("utf-8")

    def _associated_data(self, instance: models.Model) -> bytes:
        dossier = dossier_of(instance)
        return f"{dossier.public_id}:{self.model._meta.label_lower}.{self.attname}".encode()

    def open(self, instance: models.Model, sealed: Sealed) -> Any:
        blob = base64.b64decode(sealed.stored[len(PREFIX) :])
        data = storage.decrypt_bytes(dossier_of(instance), blob, self._associated_data(instance))
        return self.decode(data)

    def seal(self, instance: models.Model, value: Any) -> str:
        blob = storage.encrypt_bytes(
            dossier_of(instance), self.encode(value), self._associated_data(instance)
        )
        return PREFIX + base64.b64encode(blob).decode("ascii")

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, str) and value.startswith(PREFIX):
            return Sealed(value)
        if value is None or value in self.empty_values_stored_empty:
            return value
        # Text stored before it was encrypted (migration 0008 seals it in place).
        return self.decode(value.encode("utf-8"))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed):
            return value.stored  # never opened: stored again as it was
        if value is None or value in self.empty_values_stored_empty:
            return value
        return self.seal(model_instance, value)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Sealed):
            return value.stored
        if value is None or value in self.empty_values_stored_empty:
            return value
        if isinstance(value, str) and value.startswith(PREFIX):
            return value
        raise TypeError(
            f"{self.model.__name__}.{self.name} is encrypted: it cannot be searched or "
            "updated in bulk in the database; load the rows and save each one."
        )

    def to_python(self, value: Any) -> Any:
        return value  # already in clear: the descriptor opened it

    def formfield(self, **kwargs: Any) -> Any:
        form_class = FORM_FIELDS[self.form_input]
        if form_class is None:
            return super().formfield(**kwargs)
        return models.Field.formfield(
            self, **{"form_class": form_class, "max_length": self.max_length, **kwargs}
        )


class EncryptedJSONField(EncryptedTextField):
    """A JSON value sealed as ``EncryptedTextField`` seals text (the offences chosen)."""

    empty_values_stored_empty = ()

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def decode(self, data: bytes) -> Any:
        return json.loads(data)
