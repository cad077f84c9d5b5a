"""The public verifier's form: one PDF file."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cyberaide.form_layout import Actions, LaidOut
from evidence.ingest.limits import megabytes


class VerifyPdfForm(LaidOut, forms.Form):
    actions = Actions(_("Check this PDF"))

    pdf = forms.FileField(
        label=_("The PDF to check"),
        help_text=_(
            "A complaint or a report made by cyberaide, as you received it. It is checked "
            "and forgotten: it is not kept, and you need no account."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        upload.seek(0)
        start = upload.read(5)
        if start != b"%PDF-":
            raise forms.ValidationError(_("This file is not a PDF."))
        return upload

    def clean(self):
        if self.too_large:
            self.add_error(
                "pdf",
                gettext("This file is larger than %(limit)s MB: the verifier cannot read it.")
                % {"limit": megabytes(settings.CYBERAIDE_VERIFY_MAX_BYTES)},
            )
        return super().clean()

    @staticmethod
    def too_many_message():
        return gettext(
            "%(count)s files were checked from your connection in the last hour: try again "
            "in an hour."
        ) % {"count": settings.CYBERAIDE_VERIFY_PER_HOUR}
