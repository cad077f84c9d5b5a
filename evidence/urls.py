from django.urls import path

from evidence import complaint_views, views

app_name = "evidence"

exhibit = "<uuid:public_id>/exhibits/<uuid:exhibit_id>/"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("new/", views.dossier_create, name="dossier_create"),
    path("<uuid:public_id>/", views.dossier_detail, name="dossier_detail"),
    path("<uuid:public_id>/rename/", views.dossier_rename, name="dossier_rename"),
    path("<uuid:public_id>/add/files/", views.add_files, name="add_files"),
    path("<uuid:public_id>/add/message/", views.add_message, name="add_message"),
    path("<uuid:public_id>/add/link/", views.add_link, name="add_link"),
    path("<uuid:public_id>/renumber/", views.renumber, name="renumber"),
    path(exhibit + "edit/", views.exhibit_edit, name="exhibit_edit"),
    path(exhibit + "move/", views.exhibit_move, name="exhibit_move"),
    path(exhibit + "withdraw/", views.exhibit_withdraw, name="exhibit_withdraw"),
    path(exhibit + "restore/", views.exhibit_restore, name="exhibit_restore"),
    path(exhibit + "erase/", views.exhibit_erase, name="exhibit_erase"),
    path(exhibit + "file/<str:variant>/", views.exhibit_file, name="exhibit_file"),
    path("<uuid:public_id>/letter/", complaint_views.letter_preview, name="letter_preview"),
    path("<uuid:public_id>/letter/pdf/", complaint_views.letter_generate, name="letter_generate"),
    path("<uuid:public_id>/letter/<slug:slug>/", complaint_views.letter_step, name="letter_step"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        complaint_views.document_download,
        name="document_download",
    ),
]
