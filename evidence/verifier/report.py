"""What the verifier found, in the reader's words: one finding per thing checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from cyberaide.text import Text


class Outcome(StrEnum):
    VERIFIED = "verified"  # checked, and it holds
    ALTERED = "altered"  # checked, and it does not: the file was changed
    UNPROVEN = "unproven"  # nothing to check it with (no seal, no token, an unknown signer)

    @property
    def label(self) -> Text:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.VERIFIED: _("Verified"),
    Outcome.ALTERED: _("Altered"),
    Outcome.UNPROVEN: _("Not proven"),
}


@dataclass(frozen=True)
class Finding:
    outcome: Outcome
    title: Text
    detail: Text = ""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True

    def add(self, outcome: Outcome, title: Text, detail: Text = "") -> None:
        self.findings.append(Finding(outcome, title, detail))

    @property
    def altered(self) -> bool:
        return not self.readable or any(f.outcome == Outcome.ALTERED for f in self.findings)

    @property
    def verdict(self) -> Text:
        if not self.readable:
            return _("This file is not a PDF made by cyberaide that the verifier can read.")
        if self.altered:
            return _(
                "This PDF was changed after cyberaide made it, or does not match what it "
                "prints: see where below. Do not rely on it; ask for the original file."
            )
        if any(f.outcome == Outcome.UNPROVEN for f in self.findings):
            return _(
                "Nothing in this PDF contradicts what it prints, but some points cannot be "
                "proven from the file alone: see below."
            )
        return _(
            "This PDF is exactly as cyberaide made it, and everything it prints about its "
            "exhibits and journal checks out."
        )


# What no check of the file can prove: said in every report.
NOT_PROVEN = (
    _(
        "Who wrote a message, or that a screenshot shows a real conversation: a file may "
        "have been edited before it reached cyberaide. The platforms' own records (obtained "
        "by a réquisition) or a commissaire de justice's constat can establish that."
    ),
    _(
        "That what the victim states (dates of the facts, authors, platforms) is true: "
        "those are the victim's words, printed as such."
    ),
    _(
        "Without a timestamp token, when anything happened: the times are then those of "
        "the service's own clock."
    ),
)
