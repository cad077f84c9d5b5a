"""A type for text shown to people: a ``str``, or a lazily translated one (``gettext_lazy``)
that becomes a ``str`` in the language of the request that shows it."""

from typing import Any

from django.utils.functional import Promise

Text = str | Promise


# Unicode's bidirectional controls (embeddings, overrides, isolates, marks): typed into a
# name or a title they reverse the text that follows them, ours included ("@kev‮ a
# envoyé" shows the server's words backwards). A pasted message keeps them: it is
# evidence, hashed as received, and each of its lines is shown in a paragraph of its own.
BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def without_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


class WithoutBidiControls:
    """A form whose text fields lose their bidirectional controls when cleaned, but
    those named in ``keeps_bidi_controls`` (a pasted message)."""

    keeps_bidi_controls: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in cleaned.items():
            if isinstance(value, str) and name not in self.keeps_bidi_controls:
                cleaned[name] = without_bidi_controls(value)
        return cleaned
