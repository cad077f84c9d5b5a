from django.apps import AppConfig


class CyberaideConfig(AppConfig):
    name = "cyberaide"
    verbose_name = "cyberaide"
