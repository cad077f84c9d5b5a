from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from accounts import views
from evidence.views import verifier

urlpatterns: list[URLPattern | URLResolver] = [
    path("exit/", views.quick_exit, name="quick_exit"),
]

urlpatterns += i18n_patterns(
    path("", include("guidance.urls")),
    path("accounts/", include("accounts.urls")),
    path("dossiers/", include("evidence.urls")),
    path("verifier/", verifier.verify, name="verifier"),
)
