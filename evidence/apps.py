from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self):
        from evidence import checks  # noqa: F401 -- registers the system checks
        from evidence.custody import scratch

        scratch.folder()  # uploads are written there while they arrive: it must exist
