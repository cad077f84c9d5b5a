"""Login lockout (django-axes), keeping only what the lockout needs.

A failed login is counted by username and address (``AXES_LOCKOUT_PARAMETERS``); axes
would also keep the browser's user agent, the page, the Accept header and the query and
form data of every attempt, forever, and a row for every successful login. Here the
successful logins are not logged (``AXES_DISABLE_ACCESS_LOG``), each failure keeps its
username, address, time and count only, and ``manage.py purge_expired`` deletes the
failures older than the cool-off, after which they lock nothing. Erasing an account
deletes its rows (``forget``).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

NOT_KEPT = ""


class LockoutOnlyHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = NOT_KEPT
            request.axes_path_info = NOT_KEPT
            request.axes_http_accept = NOT_KEPT
        result = super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None:
            AccessAttempt.objects.filter(
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            ).update(get_data=NOT_KEPT, post_data=NOT_KEPT)
        return result


def forget(username):
    """Delete every lockout record of this username (its account is being erased)."""
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()
