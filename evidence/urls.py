from django.urls import path

from evidence import complaint_views, helper_views, views

app_name = "evidence"

exhibit = "<uuid:public_id>/exhibits/<uuid:exhibit_id>/"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("new/", views.dossier_create, name="dossier_create"),
    path("helping/", helper_views.helping, name="helping"),
    path("helping/accept/", helper_views.accept_invitation, name="accept_invitation"),
    path("helping/start/", helper_views.start_for_pupil, name="start_for_pupil"),
    path("claim/", helper_views.claim_dossier, name="claim_dossier"),
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
    path("<uuid:public_id>/helpers/", helper_views.helpers_page, name="helpers"),
    path("<uuid:public_id>/helpers/invite/", helper_views.invite_helper, name="invite_helper"),
    path(
        "<uuid:public_id>/helpers/<uuid:grant_id>/revoke/",
        helper_views.revoke_helper,
        name="revoke_helper",
    ),
    path("<uuid:public_id>/helpers/leave/", helper_views.leave_dossier, name="leave_dossier"),
    path(
        "<uuid:public_id>/helpers/<uuid:grant_id>/scope/",
        helper_views.change_helper_scope,
        name="change_helper_scope",
    ),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/cancel/",
        helper_views.cancel_invitation,
        name="cancel_invitation",
    ),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/code/",
        helper_views.invitation_code,
        name="invitation_code",
    ),
    path("<uuid:public_id>/claim-code/", helper_views.claim_code, name="claim_code"),
    path(
        "<uuid:public_id>/claim-code/new/", helper_views.renew_claim_code, name="renew_claim_code"
    ),
    path("<uuid:public_id>/signalement/", helper_views.signalement_edit, name="signalement_edit"),
    path(
        "<uuid:public_id>/signalement/preview/",
        helper_views.signalement_preview,
        name="signalement_preview",
    ),
    path(
        "<uuid:public_id>/signalement/pdf/",
        helper_views.signalement_generate,
        name="signalement_generate",
    ),
]
