"""Login lockout (django-axes), keeping only what the lockout needs.

A failed login is counted by username and address (``AXES_LOCKOUT_PARAMETERS``); axes
would also keep the browser's user agent, the page, the Accept header and the query and
form data of every attempt, forever, and a row for every successful login. Here the
successful logins are not logged (``AXES_DISABLE_ACCESS_LOG``), each failure keeps its
username, address, time and count only, and ``manage.py purge_expired`` deletes the
failures older than the cool-off, after which they lock nothing. Erasing an account
deletes its rows (``forget``).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings

NOT_KEPT = ""


def client_address(request):
    """The address of the person, not of our reverse proxy (``AXES_CLIENT_IP_CALLABLE``).

    With ``DJANGO_PROXY_COUNT`` = n trusted proxies in front of the app, the client is
    the n-th address from the right of ``X-Forwarded-For``: each proxy appends the address
    it received the request from, and whatever a client writes into the header itself
    stands further left, where it is never read. With no proxy, or a header shorter than
    the proxies configured (a request that did not come through them), the connection's
    own address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.CYBERAIDE_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


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
