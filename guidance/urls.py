from django.urls import path
from django.utils.translation import pgettext_lazy

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/<int:number>/", views.step, name="step"),
    path("situation/", views.situation, name="situation"),
    path(pgettext_lazy("URL path", "law/"), views.law, name="law"),
    path("contacts/", views.contacts, name="contacts"),
    path(pgettext_lazy("URL path", "glossary/"), views.glossary, name="glossary"),
]
