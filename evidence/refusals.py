"""What the product refuses, said to the person in their language.

Every user-facing refusal (a file we will not keep, a code that cannot be used, a dossier
not ready for its PDF) is a ``Refused``: it carries the translated messages to show, and
the promise that nothing already stored was changed. Views catch ``Refused`` (or one of
its kinds) and show ``messages``; nothing else about the refusal reaches the page.
"""


class Refused(Exception):
    """A refusal with one or more translated messages (lazy strings are fine)."""

    def __init__(self, *messages):
        super().__init__("; ".join(str(message) for message in messages))
        self.messages = list(messages)

    @property
    def message(self):
        """The first message: most refusals have exactly one."""
        return self.messages[0]
