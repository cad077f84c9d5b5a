from django.urls import path

from evidence.views import documents, dossiers, exhibits, letter, sharing, signalement

app_name = "evidence"

exhibit = "<uuid:public_id>/exhibits/<uuid:exhibit_id>/"

urlpatterns = [
    path("", dossiers.dossier_list, name="dossier_list"),
    path("new/", dossiers.dossier_create, name="dossier_create"),
    path("helping/", sharing.helping, name="helping"),
    path("helping/accept/", sharing.accept_invitation, name="accept_invitation"),
    path("helping/start/", sharing.start_for_pupil, name="start_for_pupil"),
    path("claim/", sharing.claim_dossier, name="claim_dossier"),
    path("<uuid:public_id>/", dossiers.dossier_detail, name="dossier_detail"),
    path("<uuid:public_id>/erase/", dossiers.dossier_erase, name="dossier_erase"),
    path("<uuid:public_id>/rename/", dossiers.dossier_rename, name="dossier_rename"),
    path("<uuid:public_id>/add/files/", exhibits.add_files, name="add_files"),
    path("<uuid:public_id>/add/files/details/", exhibits.file_details, name="file_details"),
    path("<uuid:public_id>/add/message/", exhibits.add_message, name="add_message"),
    path("<uuid:public_id>/add/link/", exhibits.add_link, name="add_link"),
    path("<uuid:public_id>/renumber/", exhibits.renumber, name="renumber"),
    path(exhibit + "edit/", exhibits.exhibit_edit, name="exhibit_edit"),
    path(exhibit + "move/", exhibits.exhibit_move, name="exhibit_move"),
    path(exhibit + "withdraw/", exhibits.exhibit_withdraw, name="exhibit_withdraw"),
    path(exhibit + "restore/", exhibits.exhibit_restore, name="exhibit_restore"),
    path(exhibit + "erase/", exhibits.exhibit_erase, name="exhibit_erase"),
    path(exhibit + "file/<str:variant>/", exhibits.exhibit_file, name="exhibit_file"),
    path("<uuid:public_id>/letter/", letter.letter_preview, name="letter_preview"),
    path("<uuid:public_id>/letter/pdf/", letter.letter_generate, name="letter_generate"),
    path("<uuid:public_id>/letter/<int:number>/", letter.letter_step, name="letter_step"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/delete/",
        documents.document_delete,
        name="document_delete",
    ),
    path("<uuid:public_id>/helpers/", sharing.helpers_page, name="helpers"),
    path("<uuid:public_id>/helpers/invite/", sharing.invite_helper, name="invite_helper"),
    path(
        "<uuid:public_id>/helpers/<uuid:grant_id>/revoke/",
        sharing.revoke_helper,
        name="revoke_helper",
    ),
    path("<uuid:public_id>/helpers/leave/", sharing.leave_dossier, name="leave_dossier"),
    path(
        "<uuid:public_id>/helpers/<uuid:grant_id>/scope/",
        sharing.change_helper_scope,
        name="change_helper_scope",
    ),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/cancel/",
        sharing.cancel_invitation,
        name="cancel_invitation",
    ),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/code/",
        sharing.invitation_code,
        name="invitation_code",
    ),
    path("<uuid:public_id>/claim-code/", sharing.claim_code, name="claim_code"),
    path("<uuid:public_id>/claim-code/new/", sharing.renew_claim_code, name="renew_claim_code"),
    path("<uuid:public_id>/signalement/", signalement.signalement_edit, name="signalement_edit"),
    path(
        "<uuid:public_id>/signalement/preview/",
        signalement.signalement_preview,
        name="signalement_preview",
    ),
    path(
        "<uuid:public_id>/signalement/pdf/",
        signalement.signalement_generate,
        name="signalement_generate",
    ),
]
